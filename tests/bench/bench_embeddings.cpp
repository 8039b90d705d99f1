// What the Embeddings tab waits for (issue 25's targets): the seconds of a 2,000-point t-SNE and
// a PCA map, and the milliseconds of one nearest-images query over 10,000 images, on features
// shaped like the built-in teacher's embedding (512 values) in ten clusters.
// Usage: bench_embeddings [--threads N] [--points N] [--images N] [--repeats N]; prints JSON.
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "eval/projection.h"

namespace {

double seconds(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Ten clusters of `n` rows in 512 dimensions, overlapping as real embeddings do.
torch::Tensor features(int64_t n) {
  torch::manual_seed(1);
  const torch::Tensor centres = torch::randn({10, 512}) * 0.6;
  return (centres.index({torch::arange(n) % 10}) + torch::randn({n, 512})).relu();
}

}  // namespace

int main(int argc, char** argv) {
  int threads = 2, repeats = 3;
  int64_t points = 2000, images = 10000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--threads") threads = std::stoi(argv[i + 1]);
    if (flag == "--points") points = std::stoll(argv[i + 1]);
    if (flag == "--images") images = std::stoll(argv[i + 1]);
    if (flag == "--repeats") repeats = std::stoi(argv[i + 1]);
  }
  torch::set_num_threads(threads);
  const torch::Tensor x = features(points);
  std::vector<double> tsneSeconds, pcaSeconds, nearestMs;
  for (int r = 0; r < repeats; ++r) {
    tsneSeconds.push_back(seconds([&] { kd::tsne(x); }));
    pcaSeconds.push_back(seconds([&] { kd::principalComponents(x, 2); }));
  }
  const torch::Tensor unit = torch::nn::functional::normalize(
      features(images), torch::nn::functional::NormalizeFuncOptions().dim(1));
  for (int64_t q = 0; q < 101; ++q)
    nearestMs.push_back(1000 * seconds([&] { kd::nearestRows(unit, (q * 97) % images, 8); }));
  std::printf(
      "{\"threads\": %d, \"tsne_points\": %lld, \"tsne_seconds\": %.3f, \"pca_seconds\": %.4f, "
      "\"nearest_images\": %lld, \"nearest_ms\": %.3f, \"repeats\": %d}\n",
      threads, static_cast<long long>(points), median(tsneSeconds), median(pcaSeconds),
      static_cast<long long>(images), median(nearestMs), repeats);
  return 0;
}
