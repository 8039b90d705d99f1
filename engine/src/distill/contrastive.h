#pragma once
// Contrastive representation distillation (Tian et al., ICLR 2020), as RepDistiller implements
// it ("exact" sampling): each model's embedding goes through a linear head to a unit vector of
// `dimension` values; a memory bank keeps one such vector per transfer image and model,
// updated with momentum as the image comes by. For each image of a batch, the student's vector
// is scored against the teacher's memory of the image itself and of K images of other classes
// (and the teacher's against the student's memory), exp(v.m / nce_t) divided by a constant Z
// estimated on the first batch; the loss is NCE's, with noise 1 / images, for both directions.
// tests/interop/tst_method_losses checks it against crd_loss.py.
#include <torch/torch.h>

#include <vector>

namespace kd {

// The heads, the two memory banks and the two normalising constants (buffers: a run's
// checkpoints keep them, so a resumed run continues exactly).
class ContrastMemoryImpl : public torch::nn::Module {
 public:
  // `images`: the transfer set's size; the banks start uniform in +-1/sqrt(dimension/3), drawn
  // from torch's global generator (MethodLoss seeds it).
  ContrastMemoryImpl(int64_t studentWidth, int64_t teacherWidth, int64_t images, int64_t dimension);
  torch::nn::Linear studentHead{nullptr}, teacherHead{nullptr};
  torch::Tensor studentMemory, teacherMemory;  // [images, dimension], rows of unit length
  torch::Tensor normalisers;                   // [2]: Z of the student's and teacher's scores
};
TORCH_MODULE(ContrastMemory);

// Where each transfer image draws its K other images: for each class, the images of every other
// class; an image without a label (-1) draws from all images.
class NegativePools {
 public:
  NegativePools() = default;
  explicit NegativePools(const torch::Tensor& transferLabels);
  // [B, 1 + k]: each batch image's own position, then k others drawn with replacement.
  torch::Tensor contrastIndices(const torch::Tensor& indices, const torch::Tensor& labels,
                                int64_t k, at::Generator& generator) const;

 private:
  std::vector<torch::Tensor> otherClasses_;  // by class
  torch::Tensor all_;
};

struct ContrastSettings {
  double temperature = 0.07;  // nce_t
  double momentum = 0.5;
};

// The batch's CRD loss (student's direction plus teacher's), then the banks' rows of the batch
// images moved towards the new vectors. `contrast` as NegativePools gives it.
torch::Tensor contrastiveLoss(ContrastMemory memory, const torch::Tensor& studentEmbedding,
                              const torch::Tensor& teacherEmbedding, const torch::Tensor& contrast,
                              const ContrastSettings& settings);

}  // namespace kd
