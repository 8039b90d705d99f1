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

// What one forward pass hands out besides the logits (kd/arch_spec.h, FeatureShapes): each
// stage's output and the embedding, the classifier's input.
struct ModelFeatures {
  std::vector<torch::Tensor> stages;
  torch::Tensor embedding;
};
// Every feature as float32 (a bf16 pass's are bfloat16), for a loss computed in float32.
void toFloat(ModelFeatures& features);
// Features of consecutive batches as one (a feature undefined in the first is left out), the
// rows `indices` of them, and the values one image holds.
ModelFeatures concatenated(const std::vector<ModelFeatures>& batches);
ModelFeatures rowsOf(const ModelFeatures& features, const torch::Tensor& indices);
int64_t valuesPerImage(const ModelFeatures& features);

class KdNetImpl : public torch::nn::Module {
 public:
  KdNetImpl(const ArchSpec& arch, const InputShape& input, int classes);
  // x: float [N, C, H, W], normalised; returns logits. `features`, when given, receives the
  // stages' outputs and the embedding of the same pass (the last stage of a convolutional
  // network is its last convolution's activations, which Grad-CAM weighs).
  torch::Tensor forward(torch::Tensor x, ModelFeatures* features = nullptr);

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
    bool endsStage = false;  // its output is a stage's (FeatureShapes)
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
