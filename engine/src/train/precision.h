#pragma once
// Mixed precision: LibTorch's autocast (CPU and CUDA) for the forward passes of a run in bf16.
// Convolutions and matrix products run in bfloat16; weights, the optimiser, the loss, softmax and
// batch-norm statistics stay float32. Backward passes run outside the scope, on the dtypes the
// forward recorded, as PyTorch recommends.
#include <torch/torch.h>

#include "eval/evaluator.h"
#include "kd/catalogue.h"

namespace kd {

// Autocast to bfloat16 on `device` while it lives, for a resolved precision of bf16 (fp32: does
// nothing). Autocast is per thread: the scope acts on the thread that made it.
class AutocastScope {
 public:
  AutocastScope(Precision precision, const torch::Device& device);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  bool active_ = false;
  bool cuda_ = false;
  bool wasEnabled_ = false;
  at::ScalarType wasType_ = at::kFloat;
};

// `model` run under AutocastScope, its logits float32.
LogitsFn inPrecision(LogitsFn model, Precision precision, const torch::Device& device);

}  // namespace kd
