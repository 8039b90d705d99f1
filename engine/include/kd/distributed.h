#pragma once
// Data-parallel runs on PyTorch's distributed runtime (c10d): what a launcher such as torchrun
// tells each process, and the job the window exports for one. The training side is internal
// (engine/src/distributed/); this header is plain C++.
#include <optional>
#include <string>

#include "kd/experiment.h"

namespace kd {

// One process of a data-parallel run, as the standard launcher variables describe it.
struct DistributedLaunch {
  int rank = 0;
  int worldSize = 1;
  int localRank = 0;       // the process's index on its machine: its CUDA device
  int localWorldSize = 1;  // processes on this machine: they share its cores
  std::string masterAddr;  // where rank 0's (or the launcher agent's) TCPStore listens
  int masterPort = 0;
  bool agentStore = false;   // torchrun's agent hosts the store (TORCHELASTIC_USE_AGENT_STORE)
  int restartCount = 0;      // TORCHELASTIC_RESTART_COUNT: keys of a restarted attempt differ
  int timeoutSeconds = 120;  // a collective or the rendezvous that waits longer fails the run
};

constexpr int kDefaultDistributedTimeoutSeconds = 120;

// Reads RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT (and torchrun's
// LOCAL_WORLD_SIZE, TORCHELASTIC_USE_AGENT_STORE, TORCHELASTIC_RESTART_COUNT). None of the
// five set: nullopt (an ordinary run). Throws kd::Error naming the variable when only some
// are set or one is malformed (RANK 2 of WORLD_SIZE 2, a port out of range, ...).
std::optional<DistributedLaunch> distributedLaunchFromEnvironment();

// A job for `nodes` machines with `processesPerNode` processes each.
struct DistributedJob {
  int nodes = 1;
  int processesPerNode = 2;
  int masterPort = 29500;
};

// Throws kd::Error for fewer than 1 node or process, or a global batch that does not split
// evenly over the processes.
void validateJob(const ExperimentConfig& config, const DistributedJob& job);

// The torchrun command that starts the job on one machine: the node's rank and the master's
// address come from $NODE_RANK and $MASTER_ADDR (default 0 and 127.0.0.1, one machine), the
// launcher from $TORCHRUN and the binary from $KDTRAIN, so the same line runs on every node.
std::string launchCommand(const DistributedJob& job, const std::string& configPath);

// Writes folder/config.json (the experiment) and folder/launch.sh (the command above, with
// how to run it on each node); each file written to a temporary name and renamed. Throws
// kd::Error when the folder cannot be written or the job is impossible.
void writeDistributedJob(const ExperimentConfig& config, const DistributedJob& job,
                         const std::string& folder);

}  // namespace kd
