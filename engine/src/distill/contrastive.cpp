#include "distill/contrastive.h"

#include <cmath>

namespace kd {
namespace {

namespace F = torch::nn::functional;

torch::Tensor unit(const torch::Tensor& x) {
  return F::normalize(x, F::NormalizeFuncOptions().p(2).dim(1));
}

// exp(v . m / t) for each batch row against its contrast rows of a bank: [B, 1 + K]. One
// matrix product scores every bank row against every batch vector, then each batch row keeps
// its contrast columns: RepDistiller copies the contrast rows out of the bank instead, a
// [B, 1 + K, dimension] tensor (328 MB a direction on the built-in transfer set), whose copying
// made a step twelve times slower than this on the CPU. The product keeps a copy of the bank for
// its gradient, since the bank moves before the backward pass.
torch::Tensor scores(const torch::Tensor& bank, const torch::Tensor& contrast,
                     const torch::Tensor& v, double temperature) {
  return torch::exp(torch::matmul(v, bank.t().clone()).gather(1, contrast) / temperature);
}

// NCE's loss for scores whose first column is the positive: -(log D1 + sum log D0) over the
// batch, with K noise samples of probability 1 / images each.
torch::Tensor nceLoss(const torch::Tensor& p, int64_t images) {
  constexpr double kEps = 1e-7;
  const double noise = double(p.size(1) - 1) / double(images);  // m * Pn
  const torch::Tensor positive = p.select(1, 0);
  const torch::Tensor negatives = p.narrow(1, 1, p.size(1) - 1);
  const torch::Tensor logD1 = torch::log(positive / (positive + noise + kEps));
  const torch::Tensor logD0 = torch::log(noise / (negatives + noise + kEps));
  return -(logD1.sum() + logD0.sum()) / double(p.size(0));
}

// Scores divided by Z, which the first batch sets: the mean score times the bank's size.
torch::Tensor normalised(const torch::Tensor& p, torch::Tensor z, int64_t images) {
  if (z.item<double>() < 0) {
    torch::NoGradGuard noGrad;
    z.fill_(p.mean().detach() * double(images));
  }
  return p / z.item<double>();  // a constant: the loss's gradient does not flow into Z
}

void moveTowards(torch::Tensor bank, const torch::Tensor& rows, const torch::Tensor& v,
                 double momentum) {
  torch::NoGradGuard noGrad;
  const torch::Tensor moved =
      bank.index_select(0, rows) * momentum + v.detach().to(bank.dtype()) * (1 - momentum);
  bank.index_copy_(0, rows, unit(moved));
}

}  // namespace

ContrastMemoryImpl::ContrastMemoryImpl(int64_t studentWidth, int64_t teacherWidth, int64_t images,
                                       int64_t dimension) {
  studentHead = register_module("student_head", torch::nn::Linear(studentWidth, dimension));
  teacherHead = register_module("teacher_head", torch::nn::Linear(teacherWidth, dimension));
  const double bound = 1.0 / std::sqrt(double(dimension) / 3.0);
  studentMemory =
      register_buffer("student_memory", torch::rand({images, dimension}) * (2 * bound) - bound);
  teacherMemory =
      register_buffer("teacher_memory", torch::rand({images, dimension}) * (2 * bound) - bound);
  normalisers = register_buffer("normalisers", torch::full({2}, -1.0));
}

NegativePools::NegativePools(const torch::Tensor& transferLabels) {
  const torch::Tensor labels = transferLabels.to(torch::kCPU, torch::kLong);
  all_ = torch::arange(labels.size(0), torch::kLong);
  const int64_t classes = labels.numel() ? labels.max().item<int64_t>() + 1 : 0;
  for (int64_t c = 0; c < classes; ++c) otherClasses_.push_back(all_.masked_select(labels.ne(c)));
}

torch::Tensor NegativePools::contrastIndices(const torch::Tensor& indices,
                                             const torch::Tensor& labels, int64_t k,
                                             at::Generator& generator) const {
  const torch::Tensor y = labels.to(torch::kCPU, torch::kLong).contiguous();
  std::vector<torch::Tensor> rows;
  for (int64_t i = 0; i < y.size(0); ++i) {
    const int64_t c = y[i].item<int64_t>();
    const torch::Tensor& pool =
        c >= 0 && size_t(c) < otherClasses_.size() && otherClasses_[size_t(c)].numel() > 0
            ? otherClasses_[size_t(c)]
            : all_;
    rows.push_back(pool.index_select(0, torch::randint(pool.size(0), {k}, generator)));
  }
  const torch::Tensor others = torch::stack(rows);
  return torch::cat({indices.to(torch::kCPU, torch::kLong).view({-1, 1}), others}, 1);
}

torch::Tensor contrastiveLoss(ContrastMemory memory, const torch::Tensor& studentEmbedding,
                              const torch::Tensor& teacherEmbedding, const torch::Tensor& contrast,
                              const ContrastSettings& settings) {
  const int64_t images = memory->studentMemory.size(0);
  const torch::Tensor c = contrast.to(memory->studentMemory.device());
  const torch::Tensor vs = unit(memory->studentHead(studentEmbedding.flatten(1)));
  const torch::Tensor vt = unit(memory->teacherHead(teacherEmbedding.flatten(1)));
  // The student's vector against the teacher's memory, and the teacher's against the student's.
  const torch::Tensor ps = normalised(scores(memory->teacherMemory, c, vs, settings.temperature),
                                      memory->normalisers[0], images);
  const torch::Tensor pt = normalised(scores(memory->studentMemory, c, vt, settings.temperature),
                                      memory->normalisers[1], images);
  const torch::Tensor loss = nceLoss(ps, images) + nceLoss(pt, images);
  const torch::Tensor rows = c.select(1, 0);
  moveTowards(memory->studentMemory, rows, vs, settings.momentum);
  moveTowards(memory->teacherMemory, rows, vt, settings.momentum);
  return loss;
}

}  // namespace kd
