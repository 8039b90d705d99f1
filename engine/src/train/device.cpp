#include "train/device.h"

#include <thread>

#include "kd/devices.h"
#include "kd/error.h"

namespace kd {

torch::Device resolveDevice(const std::string& name) {
  if (name == "auto") return torch::cuda::is_available() ? torch::kCUDA : torch::kCPU;
  if (name == "cpu") return torch::kCPU;
  if (name.rfind("cuda", 0) == 0) {
    if (!torch::cuda::is_available())
      throw Error("device \"%1\" asked for, but this LibTorch sees no CUDA device", {name});
    int index = 0;
    if (name.size() > 4) {
      if (name[4] != ':')
        throw Error("unknown device \"%1\" (use auto, cpu, cuda or cuda:N)", {name});
      try {
        index = std::stoi(name.substr(5));
      } catch (const std::exception&) {
        throw Error("unknown device \"%1\" (use auto, cpu, cuda or cuda:N)", {name});
      }
    }
    if (index < 0 || index >= int(torch::cuda::device_count()))
      throw Error("CUDA device %1 does not exist (%2 present)",
                  {std::to_string(index), std::to_string(torch::cuda::device_count())});
    return torch::Device(torch::kCUDA, index);
  }
  throw Error("unknown device \"%1\" (use auto, cpu, cuda or cuda:N)", {name});
}

std::vector<std::string> availableDevices() {
  std::vector<std::string> devices{"auto", "cpu"};
  for (size_t i = 0; i < torch::cuda::device_count(); ++i)
    devices.push_back("cuda:" + std::to_string(i));
  return devices;
}

void makeDeterministic(const torch::Device& device) {
  if (!device.is_cuda()) return;
  at::globalContext().setDeterministicCuDNN(true);
  at::globalContext().setBenchmarkCuDNN(false);
}

int applyThreads(int threads) {
  int cores = int(std::thread::hardware_concurrency());
  torch::set_num_threads(threads > 0 ? threads : std::max(1, cores));
  return torch::get_num_threads();
}

}  // namespace kd
