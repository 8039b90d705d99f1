#pragma once
// Averages a model's gradients over every rank after each backward pass (what PyTorch's
// DistributedDataParallel does). Gradients are packed into buckets of about kBucketBytes, in
// reverse parameter order, the order backward produces them; a hook on each parameter copies
// its gradient in, and a bucket's all-reduce starts as soon as its last gradient arrives, so
// communication overlaps the rest of the backward pass. Buckets start in the same order on
// every rank (c10d matches collectives by order).
#include <torch/torch.h>

#include <vector>

#include "distributed/data_parallel.h"

namespace kd {

class GradientAverager {
 public:
  static constexpr size_t kBucketBytes = 1 << 20;  // DDP's first-bucket size

  GradientAverager(std::vector<torch::Tensor> parameters, DataParallel& group,
                   size_t bucketBytes = kBucketBytes);
  ~GradientAverager();  // removes the hooks
  GradientAverager(const GradientAverager&) = delete;
  GradientAverager& operator=(const GradientAverager&) = delete;

  // After backward, before the optimiser step: starts the buckets still waiting (a parameter
  // that got no gradient counts as zero), waits for all, and writes the averages into .grad.
  void finish();

 private:
  struct Bucket {
    torch::Tensor flat;
    std::vector<size_t> members;   // indices into parameters_
    std::vector<int64_t> offsets;  // each member's first element in flat
    int64_t elements = 0;
    size_t pending = 0;
    c10::intrusive_ptr<c10d::Work> work;
  };
  struct Slot {
    size_t bucket = 0, member = 0;
    bool arrived = false;
  };
  void onGradient(size_t parameter, const torch::Tensor& grad);
  void startReadyBuckets();
  torch::Tensor slice(const Bucket& b, size_t member) const;

  std::vector<torch::Tensor> parameters_;
  std::vector<unsigned> hooks_;
  DataParallel& group_;
  std::vector<Bucket> buckets_;
  std::vector<Slot> slots_;  // one per parameter
  size_t nextToStart_ = 0;
};

}  // namespace kd
