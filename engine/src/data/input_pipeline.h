#pragma once
// Turns uint8 image batches into normalised float input on the training device, and applies
// augmentation (random crop with zero padding, horizontal flip) as batched tensor ops.
#include <torch/torch.h>

#include "data/dataset.h"

namespace kd {

class InputPipeline {
 public:
  InputPipeline(const Normalization& normalization, torch::Device device);

  torch::Device device() const { return device_; }
  const torch::Tensor& mean() const { return mean_; }      // [1, C, 1, 1] on device()
  const torch::Tensor& invStd() const { return invStd_; }  // 1 / std, the same shape
  // uint8 [B, C, H, W] (any device) -> float, normalised, channels-last on device().
  torch::Tensor prepare(const torch::Tensor& images) const;
  // Random shifts of up to H/8 pixels (zero padding) and flips of half the images.
  torch::Tensor augment(const torch::Tensor& x, at::Generator& generator) const;

 private:
  torch::Device device_;
  torch::Tensor mean_, invStd_;  // [1, C, 1, 1] on device
};

}  // namespace kd
