#pragma once
#include <torch/torch.h>

#include <string>

namespace kd {

// "auto" picks CUDA when LibTorch has it, else the CPU. Throws kd::Error for an unknown name
// or a CUDA device that is not there.
torch::Device resolveDevice(const std::string& name);
// The same seed must give the same numbers: cuDNN picks deterministic kernels, no autotuning.
void makeDeterministic(const torch::Device& device);
// Sets LibTorch's intra-op threads; 0 means every core. Returns the count in force.
int applyThreads(int threads);

}  // namespace kd
