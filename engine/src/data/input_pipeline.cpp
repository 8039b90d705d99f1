#include "data/input_pipeline.h"

namespace kd {

InputPipeline::InputPipeline(const Normalization& n, torch::Device device)
    : device_(device),
      mean_(n.mean.view({1, -1, 1, 1}).to(device)),
      invStd_(n.std.reciprocal().view({1, -1, 1, 1}).to(device)) {}

torch::Tensor InputPipeline::prepare(const torch::Tensor& images) const {
  torch::Tensor x = images.to(device_, /*non_blocking=*/true).to(torch::kFloat);
  x = x.mul_(1.0 / 255.0).sub_(mean_).mul_(invStd_);
  return x.contiguous(torch::MemoryFormat::ChannelsLast);
}

torch::Tensor InputPipeline::augment(const torch::Tensor& x, at::Generator& generator) const {
  const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  const int64_t pad = std::max<int64_t>(1, h / 8);
  // The border is black (0 before normalisation), as torchvision's RandomCrop pads.
  const torch::Tensor black = mean_.neg().mul(invStd_);
  torch::Tensor padded = black.expand({n, c, h + 2 * pad, w + 2 * pad}).clone();
  padded.narrow(2, pad, h).narrow(3, pad, w).copy_(x);
  torch::Tensor offsets = torch::randint(0, 2 * pad + 1, {n, 2}, generator, torch::kLong);
  torch::Tensor flips = torch::rand({n}, generator) < 0.5;
  auto dy = offsets.accessor<int64_t, 2>();
  auto flip = flips.accessor<bool, 1>();
  torch::Tensor out = torch::empty_like(x);
  for (int64_t i = 0; i < n; ++i) {
    torch::Tensor crop = padded[i].narrow(1, dy[i][0], h).narrow(2, dy[i][1], w);
    out[i].copy_(flip[i] ? crop.flip({2}) : crop);
  }
  return out;
}

}  // namespace kd
