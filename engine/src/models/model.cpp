#include "models/model.h"

#include <algorithm>

namespace kd {
namespace {

torch::nn::Conv2d makeConv(int in, int out, int kernel, int stride, bool bias) {
  return torch::nn::Conv2d(
      torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).bias(bias));
}

// ReLU commutes with max pooling, so pooling first runs the ReLU on a quarter of the values
// with the same result. Average pooling does not commute, so it keeps the usual order.
torch::Tensor activateAndPool(torch::Tensor x, Pool pool) {
  switch (pool) {
    case Pool::kMax:
      return torch::max_pool2d(x, 2).relu_();
    case Pool::kAvg:
      return torch::avg_pool2d(x.relu_(), 2);
    case Pool::kNone:
      break;
  }
  return x.relu_();
}

}  // namespace

ResidualBlockImpl::ResidualBlockImpl(int in, const ConvLayerSpec& spec) {
  conv1_ = register_module("conv1", makeConv(in, spec.channels, spec.kernel, spec.stride, false));
  bn1_ = register_module("bn1", torch::nn::BatchNorm2d(spec.channels));
  conv2_ = register_module("conv2", makeConv(spec.channels, spec.channels, spec.kernel, 1, false));
  bn2_ = register_module("bn2", torch::nn::BatchNorm2d(spec.channels));
  if (spec.stride != 1 || in != spec.channels) {
    shortcutConv_ =
        register_module("shortcut_conv", makeConv(in, spec.channels, 1, spec.stride, false));
    shortcutBn_ = register_module("shortcut_bn", torch::nn::BatchNorm2d(spec.channels));
  }
}

torch::Tensor ResidualBlockImpl::forward(const torch::Tensor& x) {
  torch::Tensor out = bn1_(conv1_(x)).relu_();
  out = bn2_(conv2_(out));
  return out.add_(shortcutConv_ ? shortcutBn_(shortcutConv_(x)) : x);
}

KdNetImpl::KdNetImpl(const ArchSpec& arch, const InputShape& input, int classes)
    : arch_(arch), input_(input), classes_(classes) {
  ModelSummary summary = summarize(arch, input, classes);  // validates the design
  const std::vector<int> stageLayers = featureShapes(arch, input, classes).stageLayers;
  int channels = input.channels;
  for (size_t i = 0; i < arch.convs.size(); ++i) {
    const ConvLayerSpec& spec = arch.convs[i];
    const std::string index = std::to_string(i + 1);
    ConvStage stage;
    stage.pool = spec.pool;
    stage.endsStage =
        std::find(stageLayers.begin(), stageLayers.end(), int(i)) != stageLayers.end();
    if (spec.residual) {
      stage.block = register_module("block" + index, ResidualBlock(channels, spec));
    } else {
      stage.conv = register_module("conv" + index, makeConv(channels, spec.channels, spec.kernel,
                                                            spec.stride, !spec.batchnorm));
      if (spec.batchnorm)
        stage.bn = register_module("bn" + index, torch::nn::BatchNorm2d(spec.channels));
    }
    stages_.push_back(stage);
    channels = spec.channels;
  }
  int features = input.channels * input.height * input.width;
  if (!arch.convs.empty()) {
    const std::vector<int>& shape = summary.layers[arch.convs.size() - 1].outputShape;
    features = arch.globalAvgPool ? shape[0] : shape[0] * shape[1] * shape[2];
  }
  std::vector<int> widths = arch.hidden;
  widths.push_back(classes);
  for (size_t j = 0; j < widths.size(); ++j) {
    linears_.push_back(
        register_module("fc" + std::to_string(j + 1), torch::nn::Linear(features, widths[j])));
    features = widths[j];
  }
}

void KdNetImpl::addToOutputBias(const std::vector<double>& shifts) {
  torch::NoGradGuard noGrad;
  torch::Tensor& bias = linears_.back()->bias;
  bias.add_(torch::tensor(shifts, torch::kDouble).to(bias.device(), bias.dtype()));
}

// Every layer after a kept stage output makes a new tensor (no in-place op on it), so the
// features stay as the pass computed them.
torch::Tensor KdNetImpl::forward(torch::Tensor x, ModelFeatures* features) {
  for (auto& stage : stages_) {
    x = stage.block ? stage.block(x) : stage.conv(x);
    if (stage.bn) x = stage.bn(x);
    x = activateAndPool(x, stage.pool);
    if (features && stage.endsStage) features->stages.push_back(x);
  }
  x = arch_.globalAvgPool && !stages_.empty() ? x.mean({2, 3}) : x.flatten(1);
  for (size_t j = 0; j + 1 < linears_.size(); ++j) {
    x = linears_[j](x).relu_();
    if (features && stages_.empty()) features->stages.push_back(x);
    if (arch_.dropout > 0) x = torch::dropout(x, arch_.dropout, is_training());
  }
  if (features) features->embedding = x;
  return linears_.back()(x);
}

namespace {

// `fn` applied to each defined feature, in the same places.
template <typename Fn>
ModelFeatures mapped(const ModelFeatures& features, Fn fn) {
  ModelFeatures out;
  for (const torch::Tensor& stage : features.stages)
    out.stages.push_back(stage.defined() ? fn(stage) : stage);
  if (features.embedding.defined()) out.embedding = fn(features.embedding);
  return out;
}

}  // namespace

void toFloat(ModelFeatures& features) {
  features = mapped(features, [](const torch::Tensor& t) { return t.to(torch::kFloat); });
}

ModelFeatures concatenated(const std::vector<ModelFeatures>& batches) {
  auto rows = [&](auto part) {
    std::vector<torch::Tensor> all;
    for (const ModelFeatures& b : batches) all.push_back(part(b));
    return torch::cat(all);
  };
  ModelFeatures out = batches.front();
  for (size_t i = 0; i < out.stages.size(); ++i)
    if (out.stages[i].defined())
      out.stages[i] = rows([i](const ModelFeatures& b) { return b.stages[i]; });
  if (out.embedding.defined())
    out.embedding = rows([](const ModelFeatures& b) { return b.embedding; });
  return out;
}

ModelFeatures rowsOf(const ModelFeatures& features, const torch::Tensor& indices) {
  return mapped(features, [&](const torch::Tensor& t) { return t.index_select(0, indices); });
}

int64_t valuesPerImage(const ModelFeatures& features) {
  int64_t values = 0;
  mapped(features, [&](const torch::Tensor& t) {
    values += t[0].numel();
    return t;
  });
  return values;
}

void useChannelsLast(torch::nn::Module& module) {
  torch::NoGradGuard noGrad;
  // contiguous(ChannelsLast) keeps a one-channel weight as it is (both layouts are contiguous
  // then), and oneDNN would take the slower NCHW path: copy into channels-last strides.
  for (auto& p : module.parameters())
    if (p.dim() == 4) p.set_data(torch::empty_like(p, torch::MemoryFormat::ChannelsLast).copy_(p));
}

}  // namespace kd
