#pragma once
// Runs an experiment end to end: load data, train (or load) the teacher, distill the
// student, evaluate both, and write the run folder. Used by kdtrain and the GUI's worker.
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kd/distributed.h"
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

// Hinton et al.'s omitted-class experiment: how a class missing from the student's transfer set
// fares on the test set (accuracy on that class's images, as fractions).
struct HiddenClassReport {
  int classIndex = 0;
  std::string name;
  double teacher = 0;
  double student = 0;
  double studentCorrected = 0;  // with the class's output bias raised by biasShift
  // Chosen without labels: the student then predicts the class as often as the teacher does on
  // the same sample of training images.
  double biasShift = 0;
  double baseline = kNotApplicable;  // the no-KD baseline's; NaN (null) when none was trained
};

// Same-class retrieval by the cosine of a model's embeddings (the classifier's input), every
// test image querying all the others (engine/src/eval/representation.h): recall@1, recall@5
// and mAP, over `queries` images (an image alone in its class asks nothing).
struct RetrievalScores {
  double recallAt1 = 0, recallAt5 = 0, meanAveragePrecision = 0;
  int64_t queries = 0;
};

// How the run's models arrange the test images inside them, computed at the run's end:
// retrieval on every test image, and linear CKA of every teacher stage (rows) with every
// student stage (columns) on the first similarityImages test images. The teacher's figures
// need its layout (none for a TorchScript teacher); a summary written before they existed has
// none (`known` false).
struct RunRepresentation {
  bool known = false;
  std::optional<RetrievalScores> teacher;
  RetrievalScores student;
  std::vector<std::vector<double>> layerSimilarity;
  int64_t images = 0, similarityImages = 0;
};

struct RunReport {
  static constexpr int kVersion = 1;  // of summary.json
  std::vector<std::string> classes;
  ModelReport teacher;
  ModelReport student;
  double agreement = 0;  // fraction of test images where teacher and student predict alike
  double wallSeconds = 0;
  std::string device;
  int threads = 0;
  // The precision the run used (fp32 or bf16; "auto" resolved; fp32 in a summary written before
  // precisions existed) and the CPU's bfloat16 instructions seen (CpuFeatures::text()).
  std::string precision = "fp32";
  std::string cpuFeatures;
  // The distillation method and its resolved settings, alpha (kd) and temperature among them;
  // kd in a summary written before methods existed.
  std::string method = "kd";
  std::map<std::string, double> methodSettings;
  bool cancelled = false;
  std::vector<std::string> skippedFiles;  // "path: why": dataset files that could not be used
  // The student's transfer set (data.unlabelled's images included), how many of them carried
  // a label into the loss, and its optimisation steps (epochs x steps an epoch). A student of
  // labels alone (alpha 1) learns from labelsUsed images for the distilled student's steps.
  int64_t transferImages = 0;
  int64_t labelsUsed = 0;
  int64_t steps = 0;
  // Set when the teacher was trained on other data and teacher.allow_other_data let it teach:
  // what it was trained on (its dataset and classes).
  std::string teacherTrainedOn;
  std::vector<HiddenClassReport> hiddenClasses;  // one per hidden class, in the config's order
  // With hidden classes: the bias-corrected student's accuracy on the whole test set (the
  // exported student.pt is the corrected one; student.ckpt keeps the raw weights).
  double correctedStudentAccuracy = kNotApplicable;
  // A data-parallel run: its processes, the backend, and the seconds rank 0 waited for
  // collectives (gradients, metrics, logits) per training step.
  int processes = 1;
  std::string backend;
  double communicationSecondsPerStep = 0;
  RunRepresentation representation;
};

// Fills each hidden class's `baseline` from the baseline run's per-class accuracy.
void attachBaseline(std::vector<HiddenClassReport>& hidden, const RunReport& baseline);
// The same for finished run folders: rewrites runDir/summary.json with the hidden classes'
// baseline figures from baselineDir/summary.json. Does nothing for a run without hidden
// classes; throws kd::Error when either summary cannot be read or written.
void recordBaseline(const std::string& runDir, const std::string& baselineDir);

struct RunOptions {
  std::string outDir;      // empty: write nothing
  std::string resumeFrom;  // a checkpoint written by an earlier run (teacher.ckpt/student.ckpt)
  // Set: this process is one rank of a data-parallel run (every rank runs the same experiment;
  // rank 0 alone writes outDir; resumeFrom must be readable by every rank).
  std::optional<DistributedLaunch> distributed;
};

// The experiment recorded in a checkpoint, for resuming its run. Throws kd::Error for a file
// that is not a workbench checkpoint.
ExperimentConfig experimentOfCheckpoint(const std::string& path);

// Throws kd::Error for bad input before anything is written; a NaN loss throws kd::Error
// after the last good checkpoint has been kept. A cancelled run returns with cancelled set.
RunReport runExperiment(const ExperimentConfig& config, const RunOptions& options,
                        TrainingObserver& observer, RunControl& control);

}  // namespace kd
