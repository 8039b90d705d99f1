#include "distributed/data_parallel.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef KD_WITH_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif

#include <algorithm>

#include "kd/error.h"

namespace kd {
namespace {

using Clock = std::chrono::steady_clock;

std::string where(const DistributedLaunch& l) {
  return l.masterAddr + ":" + std::to_string(l.masterPort);
}

bool isLoopback(const std::string& address) {
  return address == "localhost" || address.rfind("127.", 0) == 0 || address == "::1";
}

// torchrun's agent hosts the store (and keeps it across restarts, so each attempt has its own
// keys); without an agent rank 0 hosts it. The same layout as Python's init_process_group.
c10::intrusive_ptr<c10d::Store> joinStore(const DistributedLaunch& l) {
  c10d::TCPStoreOptions options;
  options.port = uint16_t(l.masterPort);
  options.timeout = std::chrono::seconds(l.timeoutSeconds);
  if (l.agentStore) {
    options.waitWorkers = false;
    auto store = c10::make_intrusive<c10d::TCPStore>(l.masterAddr, options);
    return c10::make_intrusive<c10d::PrefixStore>(
        "/worker/attempt_" + std::to_string(l.restartCount), store);
  }
  options.isServer = l.rank == 0;
  options.numWorkers = size_t(l.worldSize);
  options.multiTenant = true;
  return c10::make_intrusive<c10d::TCPStore>(l.masterAddr, options);
}

// A multi-machine run binds each machine's own address; GLOO_SOCKET_IFNAME names an interface.
std::shared_ptr<::gloo::transport::Device> glooDevice(const DistributedLaunch& l) {
  if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface)
    return c10d::ProcessGroupGloo::createDeviceForInterface(interface);
  if (isLoopback(l.masterAddr)) return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

c10::intrusive_ptr<CollectiveGroup> makeGroup(const c10::intrusive_ptr<c10d::Store>& store,
                                              const DistributedLaunch& l, bool cuda) {
  const auto timeout = std::chrono::seconds(l.timeoutSeconds);
#ifdef KD_WITH_NCCL
  if (cuda) {
    auto options = c10d::ProcessGroupNCCL::Options::create();
    options->timeout = timeout;
    return c10::make_intrusive<c10d::ProcessGroupNCCL>(store, l.rank, l.worldSize, options);
  }
#else
  if (cuda)
    throw Error(
        "a data-parallel run on CUDA devices needs NCCL, and this kdtrain was built without it "
        "(configure with -DKD_WITH_NCCL=ON against a CUDA LibTorch), or run with --device cpu");
#endif
  auto options = c10d::ProcessGroupGloo::Options::create(timeout);
  options->devices.push_back(glooDevice(l));
  return c10::make_intrusive<c10d::ProcessGroupGloo>(store, l.rank, l.worldSize, options);
}

// c10d's own message, without the C++ backtrace c10::Error carries.
std::string causeOf(const std::exception& e) {
  if (const auto* c10 = dynamic_cast<const c10::Error*>(&e)) return c10->what_without_backtrace();
  return e.what();
}

// Gloo works on dense tensors in their standard layout; channels-last weights are copied.
torch::Tensor standardLayout(const torch::Tensor& t) { return t.contiguous(); }

}  // namespace

DataParallel::DataParallel(const DistributedLaunch& launch, const torch::Device& device)
    : launch_(launch) {
  try {
    auto store = c10::make_intrusive<c10d::PrefixStore>("kdtrain", joinStore(launch_));
    group_ = makeGroup(store, launch_, device.is_cuda());
    backend_ = device.is_cuda() ? "nccl" : "gloo";
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(
        "could not join the data-parallel group of %1 processes at %2 within %3 s (%4): check "
        "that all of them started, with the same WORLD_SIZE, MASTER_ADDR and MASTER_PORT",
        {std::to_string(launch_.worldSize), where(launch_), std::to_string(launch_.timeoutSeconds),
         causeOf(e)});
  }
}

DataParallel::~DataParallel() = default;

void DataParallel::fail(const char* what, const std::exception& e) const {
  // A data-parallel run is kdtrain's (the console is English): `what` stays a plain phrase.
  throw Error(
      "lost the other processes of the data-parallel run while %1 (%2): a process died or "
      "stopped answering within %3 s. The run stopped; resume every rank from its last "
      "checkpoint with --resume",
      {std::string(what), causeOf(e), std::to_string(launch_.timeoutSeconds)});
}

std::pair<int64_t, int64_t> shareOf(int64_t n, int rank, int worldSize) {
  const int64_t base = n / worldSize, extra = n % worldSize;
  const int64_t begin = rank * base + std::min<int64_t>(rank, extra);
  return {begin, begin + base + (rank < extra ? 1 : 0)};
}

// A collective's failure, whatever its type, becomes fail()'s message; kd::Error passes.
template <typename F>
auto DataParallel::guarded(const char* what, F&& call) -> decltype(call()) {
  try {
    return call();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    fail(what, e);
  }
}

c10::intrusive_ptr<c10d::Work> DataParallel::startSum(torch::Tensor& t) {
  std::vector<torch::Tensor> tensors{t};
  return guarded("summing gradients", [&] { return group_->allreduce(tensors); });
}

void DataParallel::wait(const c10::intrusive_ptr<c10d::Work>& work, const char* what) {
  const auto start = Clock::now();
  guarded(what, [&] { work->wait(); });
  communicationSeconds_ += std::chrono::duration<double>(Clock::now() - start).count();
}

void DataParallel::sum(torch::Tensor& t, const char* what) {
  torch::Tensor buffer = standardLayout(t);
  std::vector<torch::Tensor> tensors{buffer};
  wait(guarded(what, [&] { return group_->allreduce(tensors); }), what);
  if (!buffer.is_same(t)) t.copy_(buffer);
}

void DataParallel::broadcastFromMain(std::vector<torch::Tensor>& tensors, const char* what) {
  torch::NoGradGuard noGrad;
  for (torch::Tensor& t : tensors) {
    torch::Tensor buffer = standardLayout(t);
    std::vector<torch::Tensor> one{buffer};
    wait(guarded(what, [&] { return group_->broadcast(one); }), what);
    if (!buffer.is_same(t)) t.copy_(buffer);
  }
}

torch::Tensor DataParallel::gatherRows(const torch::Tensor& local, int64_t total,
                                       const char* what) {
  const int world = launch_.worldSize;
  const int64_t rows = (total + world - 1) / world;  // the largest share
  std::vector<int64_t> shape = local.sizes().vec();
  shape[0] = rows;
  torch::Tensor padded = torch::zeros(shape, local.options());
  padded.narrow(0, 0, local.size(0)).copy_(local);
  std::vector<std::vector<torch::Tensor>> outputs(1);
  for (int r = 0; r < world; ++r) outputs[0].push_back(torch::empty_like(padded));
  std::vector<torch::Tensor> inputs{padded};
  wait(guarded(what, [&] { return group_->allgather(outputs, inputs); }), what);
  std::vector<torch::Tensor> parts;
  for (int r = 0; r < world; ++r) {
    auto [begin, end] = shareOf(total, r, world);
    parts.push_back(outputs[0][size_t(r)].narrow(0, 0, end - begin));
  }
  return torch::cat(parts);
}

void DataParallel::barrier(const char* what) {
  wait(guarded(what, [&] { return group_->barrier(); }), what);
}

}  // namespace kd
