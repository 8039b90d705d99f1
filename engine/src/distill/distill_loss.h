#pragma once
// L = alpha * CE(y, s) + (1 - alpha) * T^2 * KL(softmax(t/T) || softmax(s/T)).
#include <torch/torch.h>

#include <vector>

namespace kd {

struct LossTerms {
  torch::Tensor total;
  torch::Tensor ce;
  torch::Tensor kdScaled;            // T^2 * KL: the term that enters the loss
  torch::Tensor kl;                  // unscaled KL, comparable across temperatures
  std::vector<torch::Tensor> terms;  // a method's own terms (distill/methods.h); none for kd
};

// KL(softmax(t / T) || softmax(s / T)), a mean over the batch: Hinton's term before T^2.
torch::Tensor softKl(const torch::Tensor& studentLogits, const torch::Tensor& teacherLogits,
                     double temperature);

// The label term of every method: the mean cross-entropy over the batch's n images; with a
// defined `labelled` mask an image without a label adds 0 (see distillationLoss).
torch::Tensor labelCrossEntropy(const torch::Tensor& studentLogits, const torch::Tensor& labels,
                                const torch::Tensor& labelled);

// With an undefined teacherLogits (teacher training), the loss is the cross-entropy alone and
// kdScaled and kl are zero. Every term is a mean over the batch's n images. With a defined
// `labelled` (a bool mask: a batch of few labels), an image without a label adds 0 to ce (its
// label is ignored): ce = sum over the labelled images of their cross-entropy / n. So every
// image weighs the same, and on a batch whose images all carry a label the loss is Hinton's.
LossTerms distillationLoss(const torch::Tensor& studentLogits, const torch::Tensor& teacherLogits,
                           const torch::Tensor& labels, double alpha, double temperature,
                           const torch::Tensor& labelled = {});

}  // namespace kd
