#pragma once
// kdtrain's command line: flags override the experiment file (or the built-in experiment).
#include <optional>
#include <string>
#include <vector>

#include "kd/distributed.h"
#include "kd/experiment.h"
#include "kd/inspection.h"
#include "kd/sweep.h"

namespace kd::cli {

struct Options {
  ExperimentConfig config;
  std::string outDir = "kdtrain-out";
  std::string resumeFrom;
  std::optional<SweepSpec> sweep;  // --sweep, --seeds or --baseline: runs go to outDir/runs
  bool resumeSweep = false;        // --resume without a checkpoint, with a sweep
  std::string inspectDir;          // print this finished run's model card instead of training
  std::string embeddingsDir;       // write this finished run's embedding maps to --out (CSV)
  EmbeddingMapRequest map;         // --projection, --map-images, --map-seed
  // Started by a launcher (torchrun): this process's rank, from the environment.
  std::optional<DistributedLaunch> distributed;
  bool dryRun = false;      // check everything, run nothing, write nothing
  std::vector<Text> notes;  // what --dataset moved with the dataset, for stderr
  bool help = false;
  std::string helpText;  // set with help
};

// Options, their help and their errors come from one declaration each (CLI11). Throws
// kd::Error for an unknown option, a missing value or a value of the wrong kind.
Options parse(int argc, char** argv);

}  // namespace kd::cli
