#pragma once
// The devices training can run on, for the UI's device list.
#include <string>
#include <vector>

namespace kd {

// "auto", "cpu", then "cuda:0", "cuda:1", ... for each CUDA device this LibTorch sees.
std::vector<std::string> availableDevices();

}  // namespace kd
