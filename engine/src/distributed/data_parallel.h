#pragma once
// The process group of a data-parallel run (c10d): rendezvous through a TCPStore, Gloo for CPU
// tensors, NCCL for CUDA ones when this build has it. Every collective must be called by every
// rank in the same order; a peer that dies or stops answering within the launch's timeout
// makes the call throw kd::Error (never hang).
#include <torch/torch.h>
#include <torch/version.h>

#include <torch/csrc/distributed/c10d/Backend.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#include <utility>
#include <vector>

#include "kd/distributed.h"

namespace kd {

// LibTorch 2 moved Gloo's and NCCL's collectives from c10d::ProcessGroup to c10d::Backend.
#if TORCH_VERSION_MAJOR >= 2
using CollectiveGroup = c10d::Backend;
#else
using CollectiveGroup = c10d::ProcessGroup;
#endif

// Item range [begin, end) of `rank`'s contiguous share of n items (the first n % worldSize
// ranks get one more): how evaluation and the teacher's logits are split.
std::pair<int64_t, int64_t> shareOf(int64_t n, int rank, int worldSize);

class DataParallel {
 public:
  // Joins the group: waits up to the launch's timeout for every rank. Throws kd::Error.
  DataParallel(const DistributedLaunch& launch, const torch::Device& device);
  ~DataParallel();
  DataParallel(const DataParallel&) = delete;
  DataParallel& operator=(const DataParallel&) = delete;

  int rank() const { return launch_.rank; }
  int worldSize() const { return launch_.worldSize; }
  bool isMain() const { return launch_.rank == 0; }
  const char* backend() const { return backend_; }

  std::pair<int64_t, int64_t> share(int64_t n) const { return shareOf(n, rank(), worldSize()); }

  void sum(torch::Tensor& t, const char* what);  // in place, over every rank
  void broadcastFromMain(std::vector<torch::Tensor>& tensors, const char* what);
  // Every rank passes its share's rows (share(total)); every rank gets all `total` rows.
  torch::Tensor gatherRows(const torch::Tensor& local, int64_t total, const char* what);
  void barrier(const char* what);

  // Asynchronous sum for the gradient buckets; wait() throws kd::Error like the calls above.
  c10::intrusive_ptr<c10d::Work> startSum(torch::Tensor& t);
  void wait(const c10::intrusive_ptr<c10d::Work>& work, const char* what);

  // Seconds this process spent waiting for collectives to finish.
  double communicationSeconds() const { return communicationSeconds_; }

 private:
  [[noreturn]] void fail(const char* what, const std::exception& e) const;
  template <typename F>
  auto guarded(const char* what, F&& call) -> decltype(call());

  DistributedLaunch launch_;
  const char* backend_ = "gloo";
  c10::intrusive_ptr<CollectiveGroup> group_;
  double communicationSeconds_ = 0;
};

}  // namespace kd
