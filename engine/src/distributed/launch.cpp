// The launcher's variables, and the distributed job the window exports.
#include <cstdlib>
#include <filesystem>

#include "kd/distributed.h"
#include "kd/error.h"
#include "run/run_files.h"

namespace kd {
namespace {

namespace fs = std::filesystem;

const char* variable(const char* name) {
  const char* value = std::getenv(name);
  return value && *value ? value : nullptr;
}

int integerVariable(const char* name, int low, int high) {
  const char* text = variable(name);
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < low || value > high)
    throw Error("the launcher set %1=%2, which is not a whole number from %3 to %4",
                {std::string(name), std::string(text), std::to_string(low), std::to_string(high)});
  return int(value);
}

}  // namespace

std::optional<DistributedLaunch> distributedLaunchFromEnvironment() {
  const char* required[] = {"RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"};
  std::string missing, present;
  for (const char* name : required) (variable(name) ? present : missing) += std::string(" ") + name;
  if (present.empty()) return std::nullopt;
  if (!missing.empty())
    throw Error(
        "a data-parallel run needs RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT; "
        "the environment sets %1 but not %2 (start kdtrain with torchrun, or set all five)",
        {present.substr(1), missing.substr(1)});
  DistributedLaunch l;
  l.worldSize = integerVariable("WORLD_SIZE", 1, 1 << 20);
  l.rank = integerVariable("RANK", 0, l.worldSize - 1);
  l.localRank = integerVariable("LOCAL_RANK", 0, l.worldSize - 1);
  l.localWorldSize = variable("LOCAL_WORLD_SIZE")
                         ? integerVariable("LOCAL_WORLD_SIZE", l.localRank + 1, l.worldSize)
                         : 1;
  l.masterAddr = variable("MASTER_ADDR");
  l.masterPort = integerVariable("MASTER_PORT", 1, 65535);
  const char* agent = variable("TORCHELASTIC_USE_AGENT_STORE");
  l.agentStore = agent && std::string(agent) == "True";
  if (variable("TORCHELASTIC_RESTART_COUNT"))
    l.restartCount = integerVariable("TORCHELASTIC_RESTART_COUNT", 0, 1 << 20);
  return l;
}

void validateJob(const ExperimentConfig& config, const DistributedJob& job) {
  if (job.nodes < 1 || job.processesPerNode < 1)
    throw Error("a distributed job needs at least one node and one process per node");
  if (job.masterPort < 1 || job.masterPort > 65535)
    throw Error("the master port must be from 1 to 65535");
  const int world = job.nodes * job.processesPerNode;
  for (const auto* t : {&config.teacher.training, &config.training})
    if (t->batchSize % world != 0)
      throw Error(
          "the batch size %1 does not split evenly over %2 processes: choose a multiple of %2",
          {std::to_string(t->batchSize), std::to_string(world)});
}

std::string launchCommand(const DistributedJob& job, const std::string& configPath) {
  return "${TORCHRUN:-torchrun} --nnodes " + std::to_string(job.nodes) + " --nproc_per_node " +
         std::to_string(job.processesPerNode) + " --node_rank ${NODE_RANK:-0}" +
         " --master_addr ${MASTER_ADDR:-127.0.0.1} --master_port " +
         std::to_string(job.masterPort) + " --no_python ${KDTRAIN:-kdtrain} --config \"" +
         configPath + "\" --out \"${OUT:-run}\"";
}

void writeDistributedJob(const ExperimentConfig& config, const DistributedJob& job,
                         const std::string& folder) {
  validate(config);
  validateJob(config, job);
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) throw Error("cannot create the job folder %1 (%2)", {folder, error.message()});
  const int world = job.nodes * job.processesPerNode;
  const std::string script =
      "#!/bin/sh\n"
      "# A data-parallel KD Workbench job: " +
      std::to_string(job.nodes) + " node(s) x " + std::to_string(job.processesPerNode) +
      " process(es) = " + std::to_string(world) + " ranks, global batch " +
      std::to_string(config.training.batchSize) + " (" +
      std::to_string(config.training.batchSize / world) +
      " a rank).\n"
      "# Run it on every node, with NODE_RANK=0.." +
      std::to_string(job.nodes - 1) +
      " and MASTER_ADDR=<node 0's address>; rank 0 writes the run folder $OUT (default: run).\n"
      "# KDTRAIN names the kdtrain binary and TORCHRUN the launcher; on Debian 12 use\n"
      "# TORCHRUN=<workbench>/scripts/torchrun (Debian's torchrun fails on Python 3.11).\n"
      "# A CUDA node runs one process per GPU: use the device \"auto\" or \"cuda\" in "
      "config.json.\n"
      "set -e\n"
      "job=$(cd \"$(dirname \"$0\")\" && pwd)\n"
      "exec " +
      launchCommand(job, "$job/config.json") + " \"$@\"\n";
  writeFileAtomically((fs::path(folder) / "config.json").string(), toJson(config) + "\n");
  const fs::path launch = fs::path(folder) / "launch.sh";
  writeFileAtomically(launch.string(), script);
  fs::permissions(launch, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                  fs::perm_options::add, error);
}

}  // namespace kd
