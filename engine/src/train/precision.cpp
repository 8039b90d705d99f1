#include "train/precision.h"

#include <ATen/autocast_mode.h>

namespace kd {

AutocastScope::AutocastScope(Precision precision, const torch::Device& device)
    : active_(precision == Precision::kBf16), cuda_(device.is_cuda()) {
  if (!active_) return;
  namespace ac = at::autocast;
  wasEnabled_ = cuda_ ? ac::is_enabled() : ac::is_cpu_enabled();
  wasType_ = cuda_ ? ac::get_autocast_gpu_dtype() : ac::get_autocast_cpu_dtype();
  if (cuda_) {
    ac::set_autocast_gpu_dtype(at::kBFloat16);
    ac::set_enabled(true);
  } else {
    ac::set_autocast_cpu_dtype(at::kBFloat16);
    ac::set_cpu_enabled(true);
  }
  ac::increment_nesting();
}

AutocastScope::~AutocastScope() {
  if (!active_) return;
  namespace ac = at::autocast;
  // The casts of the weights autocast keeps while nested; dropped when the outermost scope ends.
  if (ac::decrement_nesting() == 0) ac::clear_cache();
  if (cuda_) {
    ac::set_enabled(wasEnabled_);
    ac::set_autocast_gpu_dtype(wasType_);
  } else {
    ac::set_cpu_enabled(wasEnabled_);
    ac::set_autocast_cpu_dtype(wasType_);
  }
}

LogitsFn inPrecision(LogitsFn model, Precision precision, const torch::Device& device) {
  if (precision != Precision::kBf16) return model;
  return [model = std::move(model), precision, device](const torch::Tensor& x) {
    torch::Tensor logits;
    {
      AutocastScope scope(precision, device);
      logits = model(x);
    }
    return logits.to(torch::kFloat);
  };
}

}  // namespace kd
