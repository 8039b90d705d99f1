// Time to load a PyTorch state_dict into a workbench architecture (read, unpickle, map, copy).
// Usage: bench_load_state_dict FILE PRESET CHANNELS SIDE [REPEATS]; prints one JSON line with
// the median of REPEATS (default 5) loads.
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "interop/state_dict_reader.h"
#include "teachers/teacher_loader.h"

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: bench_load_state_dict FILE PRESET CHANNELS SIDE [REPEATS]\n");
    return 2;
  }
  const std::string path = argv[1];
  const kd::InputShape shape{std::stoi(argv[3]), std::stoi(argv[4]), std::stoi(argv[4])};
  const int repeats = argc > 5 ? std::stoi(argv[5]) : 5;
  std::vector<double> seconds;
  for (int i = 0; i < repeats; ++i) {
    auto start = std::chrono::steady_clock::now();
    kd::KdNet model(kd::preset(argv[2]), shape, 10);
    kd::loadStateDictInto(model, kd::readStateDictFile(path), path);
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  std::printf("{\"file_mb\": %.1f, \"median_seconds\": %.4f, \"repeats\": %d}\n",
              double(std::filesystem::file_size(path)) / 1e6, seconds[seconds.size() / 2], repeats);
  return 0;
}
