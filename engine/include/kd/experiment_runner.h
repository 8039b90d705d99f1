#pragma once
// Runs an experiment end to end: load data, train (or load) the teacher, distill the
// student, evaluate both, and write the run folder. Used by kdtrain and the GUI's worker.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "kd/experiment.h"
#include "kd/observer.h"

namespace kd {

constexpr double kNotApplicable = std::numeric_limits<double>::quiet_NaN();

struct ModelReport {
  std::string name;
  int64_t parameters = 0;
  int64_t macs = 0;
  double testAccuracy = 0;
  std::vector<double> perClassAccuracy;  // kNotApplicable (NaN) for a class without test images
  std::vector<std::vector<int64_t>> confusion;  // [true class][predicted class]
};

struct RunReport {
  std::vector<std::string> classes;
  ModelReport teacher;
  ModelReport student;
  double agreement = 0;  // fraction of test images where teacher and student predict alike
  double wallSeconds = 0;
  std::string device;
  int threads = 0;
  bool cancelled = false;
  std::vector<std::string> skippedFiles;  // "path: why": dataset files that could not be used
};

struct RunOptions {
  std::string outDir;      // empty: write nothing
  std::string resumeFrom;  // a checkpoint written by an earlier run (teacher.ckpt/student.ckpt)
};

// The experiment recorded in a checkpoint, for resuming its run. Throws kd::Error for a file
// that is not a workbench checkpoint.
ExperimentConfig experimentOfCheckpoint(const std::string& path);

// Throws kd::Error for bad input before anything is written; a NaN loss throws kd::Error
// after the last good checkpoint has been kept. A cancelled run returns with cancelled set.
RunReport runExperiment(const ExperimentConfig& config, const RunOptions& options,
                        TrainingObserver& observer, RunControl& control);

}  // namespace kd
