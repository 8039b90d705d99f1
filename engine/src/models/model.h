#pragma once
// The torch module built from an ArchSpec. Parameter names (conv1, bn1, block3.conv2, fc1, ...)
// follow the summary's layer names, so checkpoints and exported state_dicts agree.
#include <torch/torch.h>

#include "kd/arch_spec.h"

namespace kd {

class ResidualBlockImpl : public torch::nn::Module {
 public:
  ResidualBlockImpl(int inChannels, const ConvLayerSpec& spec);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr}, shortcutConv_{nullptr};
  torch::nn::BatchNorm2d bn1_{nullptr}, bn2_{nullptr}, shortcutBn_{nullptr};
};
TORCH_MODULE(ResidualBlock);

class KdNetImpl : public torch::nn::Module {
 public:
  KdNetImpl(const ArchSpec& arch, const InputShape& input, int classes);
  // x: float [N, C, H, W], normalised; returns logits. lastConvOutput, when given, receives the
  // last convolution stage's activations (for Grad-CAM); undefined for an MLP.
  torch::Tensor forward(torch::Tensor x, torch::Tensor* lastConvOutput = nullptr);

  const ArchSpec& arch() const { return arch_; }
  const InputShape& input() const { return input_; }
  int classes() const { return classes_; }
  // Adds shifts[k] to the classifier's bias of class k (the omitted-class correction).
  void addToOutputBias(const std::vector<double>& shifts);

 private:
  struct ConvStage {
    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
    ResidualBlock block{nullptr};
    Pool pool = Pool::kNone;
  };
  ArchSpec arch_;
  InputShape input_;
  int classes_;
  std::vector<ConvStage> stages_;
  std::vector<torch::nn::Linear> linears_;
};
TORCH_MODULE(KdNet);

// Stores 4-D weights channels-last: oneDNN convolutions on the CPU run markedly faster that way.
void useChannelsLast(torch::nn::Module& module);

}  // namespace kd
