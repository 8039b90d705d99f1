#pragma once
// L = alpha * CE(y, s) + (1 - alpha) * T^2 * KL(softmax(t/T) || softmax(s/T)).
#include <torch/torch.h>

namespace kd {

struct LossTerms {
  torch::Tensor total;
  torch::Tensor ce;
  torch::Tensor kdScaled;  // T^2 * KL: the term that enters the loss
  torch::Tensor kl;        // unscaled KL, comparable across temperatures
};

// With an undefined teacherLogits (teacher training), the loss is the cross-entropy alone and
// kdScaled and kl are zero. kl is a mean over the batch. With a defined `labelled` (a bool mask:
// a batch of few labels), ce is the mean over the labelled images only, 0 when there is none,
// and labels elsewhere are ignored; otherwise over the batch. So alpha weighs the mean label
// loss of a batch's labelled images against the mean distillation loss of all its images.
LossTerms distillationLoss(const torch::Tensor& studentLogits, const torch::Tensor& teacherLogits,
                           const torch::Tensor& labels, double alpha, double temperature,
                           const torch::Tensor& labelled = {});

}  // namespace kd
