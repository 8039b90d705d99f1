#pragma once
// The distillation terms that copy what a network computes inside, not its answers: FitNets'
// hint, attention transfer and relational KD. Each is a pure function of the two models'
// features (models/model.h, ModelFeatures) as its paper and RepDistiller define it, a mean over
// the batch; the methods fitnets, at and rkd weigh them (distill/methods.cpp), and
// tests/interop/tst_method_losses checks each against a Python implementation of its paper.
#include <torch/torch.h>

#include <vector>

namespace kd {

// Stages pair from the deepest down: a student of 2 stages and a teacher of 3 pair (1, 2) and
// (2, 3) (1-based), so paired stages see the image at the same scale in the usual designs.
// The teacher's stage for student stage `studentStage` (1-based) of `studentStages`.
int pairedTeacherStage(int studentStage, int studentStages, int teacherStages);

// FitNets (Romero et al., ICLR 2015): a regressor maps the student's hint stage onto the
// teacher's, and the hint is the mean squared error between them. Two convolutional stages:
// a 1x1 convolution, then the student's map resized to the teacher's (average-pooled when
// larger, bilinear when smaller). Where either stage is an MLP's hidden layer, a linear layer
// from the student's vector to the teacher's, a convolutional stage averaged over its positions.
class HintRegressorImpl : public torch::nn::Module {
 public:
  HintRegressorImpl(const std::vector<int>& studentShape, const std::vector<int>& teacherShape);
  // The student stage mapped into the teacher stage's shape, and the target that shape takes.
  torch::Tensor forward(const torch::Tensor& studentStage, const torch::Tensor& teacherStage);
  torch::Tensor target(const torch::Tensor& teacherStage) const;

 private:
  bool spatial_ = false;
  torch::nn::Conv2d conv_{nullptr};
  torch::nn::Linear linear_{nullptr};
};
TORCH_MODULE(HintRegressor);

torch::Tensor hintLoss(HintRegressor regressor, const torch::Tensor& studentStage,
                       const torch::Tensor& teacherStage);

// Attention transfer (Zagoruyko & Komodakis, ICLR 2017), as RepDistiller computes it: a stage's
// attention is Q = normalise(mean over channels of A^p) over its positions; the term adds, over
// the paired stages (pairedTeacherStage), the mean of (Q_s - Q_t)^2, the larger map first
// average-pooled to the smaller's size.
torch::Tensor attentionMap(const torch::Tensor& stage, double p);
torch::Tensor attentionTransfer(const std::vector<torch::Tensor>& studentStages,
                                const std::vector<torch::Tensor>& teacherStages, double p);

// Relational KD (Park et al., CVPR 2019) on the embeddings of a batch: distance = smooth L1
// between the pairwise distances, each normalised by its mean over distinct pairs; angle =
// smooth L1 between the cosines of the angles that every three images make.
struct RelationalTerms {
  torch::Tensor distance, angle;
};
RelationalTerms relationalKd(const torch::Tensor& studentEmbedding,
                             const torch::Tensor& teacherEmbedding);

}  // namespace kd
