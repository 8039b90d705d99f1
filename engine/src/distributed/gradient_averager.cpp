#include "distributed/gradient_averager.h"

namespace kd {

GradientAverager::GradientAverager(std::vector<torch::Tensor> parameters, DataParallel& group,
                                   size_t bucketBytes)
    : parameters_(std::move(parameters)), group_(group), slots_(parameters_.size()) {
  size_t bytes = 0;
  torch::ScalarType type = torch::kFloat;
  for (size_t i = parameters_.size(); i-- > 0;) {
    const torch::Tensor& p = parameters_[i];
    if (!p.requires_grad()) continue;
    if (buckets_.empty() || bytes >= bucketBytes || p.scalar_type() != type) {
      buckets_.emplace_back();
      bytes = 0;
      type = p.scalar_type();
    }
    Bucket& b = buckets_.back();
    slots_[i] = {buckets_.size() - 1, b.members.size(), false};
    b.members.push_back(i);
    b.offsets.push_back(b.elements);
    b.elements += p.numel();
    bytes += size_t(p.numel()) * p.element_size();
  }
  for (Bucket& b : buckets_) {
    const torch::Tensor& first = parameters_[b.members.front()];
    b.flat = torch::empty({b.elements}, first.options().requires_grad(false));
    b.pending = b.members.size();
  }
  for (size_t i = 0; i < parameters_.size(); ++i)
    if (parameters_[i].requires_grad())
      hooks_.push_back(parameters_[i].register_hook(
          [this, i](const torch::Tensor& grad) { onGradient(i, grad); }));
}

GradientAverager::~GradientAverager() {
  size_t h = 0;
  for (torch::Tensor& p : parameters_)
    if (p.requires_grad()) p.remove_hook(hooks_[h++]);
}

torch::Tensor GradientAverager::slice(const Bucket& b, size_t member) const {
  const torch::Tensor& p = parameters_[b.members[member]];
  return b.flat.narrow(0, b.offsets[member], p.numel()).view(p.sizes());
}

void GradientAverager::onGradient(size_t parameter, const torch::Tensor& grad) {
  Slot& s = slots_[parameter];
  Bucket& b = buckets_[s.bucket];
  if (s.arrived) return;  // the hook fires once per backward for a leaf; guard all the same
  torch::NoGradGuard noGrad;
  slice(b, s.member).copy_(grad);
  s.arrived = true;
  if (--b.pending == 0) startReadyBuckets();
}

void GradientAverager::startReadyBuckets() {
  while (nextToStart_ < buckets_.size() && buckets_[nextToStart_].pending == 0) {
    Bucket& b = buckets_[nextToStart_++];
    b.work = group_.startSum(b.flat);
  }
}

void GradientAverager::finish() {
  torch::NoGradGuard noGrad;
  for (Bucket& b : buckets_)
    for (size_t m = 0; m < b.members.size(); ++m) {
      Slot& s = slots_[b.members[m]];
      if (s.arrived) continue;
      slice(b, m).zero_();
      s.arrived = true;
      --b.pending;
    }
  startReadyBuckets();
  const double world = double(group_.worldSize());
  for (Bucket& b : buckets_) {
    group_.wait(b.work, "summing gradients");
    b.work.reset();
    b.flat.div_(world);
    for (size_t m = 0; m < b.members.size(); ++m) {
      torch::Tensor& p = parameters_[b.members[m]];
      if (p.mutable_grad().defined())
        p.mutable_grad().copy_(slice(b, m));
      else
        p.mutable_grad() = slice(b, m).clone();
      slots_[b.members[m]].arrived = false;
    }
    b.pending = b.members.size();
  }
  nextToStart_ = 0;
}

}  // namespace kd
