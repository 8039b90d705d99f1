#pragma once
// The logit-based distillation terms of the methods after Hinton's, each a pure function of the
// student's and the teacher's logits as its paper defines it, a mean over the batch. The
// methods dkd, dist and ls weigh them (distill/methods.cpp); tests/interop/tst_method_losses
// checks each against a Python implementation of its paper.
#include <torch/torch.h>

namespace kd {

// Decoupled KD (Zhao et al., CVPR 2022), mdistiller's definition, the binary part in log space
// (mdistiller's log of 1 - p_y gives NaN in float32 for a sure teacher). With p = softmax(z / T):
// tckd = T^2 KL(b_t || b_s) for the binary distributions b = (p_y, 1 - p_y) of the target class
// y; nckd = T^2 KL(q_t || q_s) for q, the softmax over the non-target classes alone. The method's
// loss is ce + min(1, epoch / warmup) (alpha tckd + beta nckd). Every label must be a class: an
// image without one (few labels) has no target class to decouple.
struct DecoupledTerms {
  torch::Tensor tckd, nckd;
};
DecoupledTerms decoupledKd(const torch::Tensor& studentLogits, const torch::Tensor& teacherLogits,
                           const torch::Tensor& labels, double temperature);

// DIST (Huang et al., NeurIPS 2022): with y = softmax(z / tau), inter = tau^2 (1 - the mean over
// images of the Pearson correlation of y_s and y_t across classes) and intra = tau^2 (1 - the
// mean over classes of their correlation across the batch's images). The loss adds
// beta inter + gamma intra.
struct RelationTerms {
  torch::Tensor inter, intra;
};
RelationTerms distRelations(const torch::Tensor& studentLogits, const torch::Tensor& teacherLogits,
                            double tau);

// Logit standardisation (Sun et al., CVPR 2024): each image's logits z-scored over the classes,
// (z - mean) / (1e-7 + std) with the unbiased std, before the softmax at T of KD or DKD.
torch::Tensor standardisedLogits(const torch::Tensor& logits);

}  // namespace kd
