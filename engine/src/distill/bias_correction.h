#pragma once
// Hinton et al. 2015's correction for classes missing from the student's transfer set: the
// student has learned to recognise such a class from the teacher's soft answers but rarely
// dares to predict it, so its output bias for the class is raised. The shift is chosen without
// labels: the smallest one with which the student predicts the class on a sample of images at
// least as often as the teacher does on the same images.
#include <torch/torch.h>

#include <vector>

namespace kd {

// Logits [N, classes] of both models on the same images. Returns a shift per class, 0 for the
// classes not in `hidden` (and for a class the teacher never predicts there).
std::vector<double> hiddenClassBiasShifts(const torch::Tensor& teacherLogits,
                                          const torch::Tensor& studentLogits,
                                          const std::vector<int>& hidden);

// logits + shifts, row by row.
torch::Tensor shiftedLogits(const torch::Tensor& logits, const std::vector<double>& shifts);

}  // namespace kd
