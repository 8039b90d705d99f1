#include "kd/experiment_runner.h"

#include <filesystem>
#include <optional>

#include "checkpoint.h"
#include "dataset.h"
#include "device.h"
#include "evaluator.h"
#include "input_pipeline.h"
#include "kd/error.h"
#include "model.h"
#include "run_files.h"
#include "trainer.h"

namespace kd {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

bool sameShape(const InputShape& a, const InputShape& b) {
  return a.channels == b.channels && a.height == b.height && a.width == b.width;
}

// Initial weights depend on the seed alone, whatever ran before in the process.
KdNet freshModel(const ArchSpec& arch, const InputShape& shape, int classes, uint64_t seed) {
  torch::manual_seed(seed);
  return KdNet(arch, shape, classes);
}

std::string shapeText(const InputShape& s) {
  return std::to_string(s.channels) + "x" + std::to_string(s.height) + "x" +
         std::to_string(s.width);
}

// One run: everything that can fail on bad input is checked in the constructor, before the
// run folder is touched.
class ExperimentRun {
 public:
  ExperimentRun(const ExperimentConfig& config, const RunOptions& options,
                TrainingObserver& observer, RunControl& control);
  RunReport run();

 private:
  void loadTeacher();
  void checkResumePoint();
  void prepareFolder();
  std::string file(const char* name) const { return (fs::path(options_.outDir) / name).string(); }
  bool trainTeacher();
  bool trainStudent();
  void saveEpoch(Phase phase, KdNet& model, Trainer& trainer, const EpochMetrics& m);
  ModelReport evaluate(KdNet& model, const torch::Tensor& logits) const;

  ExperimentConfig config_;
  RunOptions options_;
  TrainingObserver& observer_;
  RunControl& control_;
  Clock::time_point start_ = Clock::now();
  torch::Device device_{torch::kCPU};
  int threads_ = 0;
  DataSplits data_;
  Dataset teacherTrain_, studentTrain_;
  Normalization normalization_;
  std::optional<InputPipeline> pipeline_;
  std::optional<CheckpointInfo> resume_;
  std::optional<MetricsLog> metrics_;
  KdNet teacher_{nullptr}, student_{nullptr};
  bool teacherReady_ = false;  // loaded from a file or a finished earlier phase
  std::string teacherFile_;
  torch::Tensor teacherTestLogits_;
  double teacherAccuracy_ = 0;
  RunReport report_;
};

ExperimentRun::ExperimentRun(const ExperimentConfig& config, const RunOptions& options,
                             TrainingObserver& observer, RunControl& control)
    : config_(config), options_(options), observer_(observer), control_(control) {
  validate(config_);
  device_ = resolveDevice(config_.device);
  threads_ = applyThreads(config_.threads);
  if (!options_.resumeFrom.empty()) resume_ = readCheckpointInfo(options_.resumeFrom);
  data_ = loadDataset(config_.data, config_.seed);
  normalization_ = channelStatistics(data_.train);
  teacherTrain_ = trainingSubset(data_.train, config_.data, config_.seed, false);
  studentTrain_ = trainingSubset(data_.train, config_.data, config_.seed, true);
  const InputShape shape = data_.train.shape();
  const int classes = int(data_.train.classes.size());
  student_ = freshModel(config_.student, shape, classes, config_.seed + 1);  // checks the design
  checkResumePoint();
  loadTeacher();
  if (resume_ && resume_->phase == Phase::kStudent)
    student_ = loadCheckpointModel(options_.resumeFrom);
  for (KdNet* m : {&teacher_, &student_}) {
    (*m)->to(device_);
    useChannelsLast(**m);
  }
  if (device_.is_cuda()) {
    for (Dataset* d : {&teacherTrain_, &studentTrain_, &data_.test}) {
      d->images = d->images.to(device_);
      d->labels = d->labels.to(device_);
    }
  }
  pipeline_.emplace(normalization_, device_);
  report_.classes = data_.train.classes;
  report_.device = device_.str();
  report_.threads = threads_;
}

void ExperimentRun::checkResumePoint() {
  if (!resume_) return;
  const ArchSpec& wanted =
      resume_->phase == Phase::kTeacher ? config_.teacher.arch : config_.student;
  if (!(resume_->arch == wanted))
    throw Error("the checkpoint " + options_.resumeFrom + " holds a " + phaseName(resume_->phase) +
                " of architecture \"" + resume_->arch.name + "\", but the experiment asks for \"" +
                wanted.name + "\"");
  if (resume_->classes != data_.train.classes || !sameShape(resume_->input, data_.train.shape()))
    throw Error("the checkpoint " + options_.resumeFrom + " was trained on other data (" +
                std::to_string(resume_->classes.size()) + " classes, " + shapeText(resume_->input) +
                ") than this experiment's dataset");
}

void ExperimentRun::loadTeacher() {
  const InputShape shape = data_.train.shape();
  const int classes = int(data_.train.classes.size());
  teacherFile_ = config_.teacher.file;
  if (resume_ && resume_->phase == Phase::kStudent) teacherFile_ = resume_->teacherCheckpoint;
  if (resume_ && resume_->phase == Phase::kTeacher) {
    teacher_ = loadCheckpointModel(options_.resumeFrom);
    return;
  }
  if (teacherFile_.empty()) {
    teacher_ = freshModel(config_.teacher.arch, shape, classes, config_.seed);
    return;
  }
  CheckpointInfo info;
  teacher_ = loadCheckpointModel(teacherFile_, &info);
  if (int(info.classes.size()) != classes || !sameShape(info.input, shape))
    throw Error("the teacher " + teacherFile_ + " was trained for " +
                std::to_string(info.classes.size()) + " classes of " + shapeText(info.input) +
                " images, but the dataset has " + std::to_string(classes) + " classes of " +
                shapeText(shape) + " images");
  teacherReady_ = true;
}

void ExperimentRun::prepareFolder() {
  if (options_.outDir.empty()) return;
  fs::create_directories(options_.outDir);
  writeFileAtomically(file("config.json"), toJson(config_) + "\n");
  metrics_.emplace(file("metrics.csv"));
  if (resume_) metrics_->keepRowsBefore(resume_->phase, resume_->epoch + 1);
}

void ExperimentRun::saveEpoch(Phase phase, KdNet& model, Trainer& trainer, const EpochMetrics& m) {
  if (options_.outDir.empty()) return;
  CheckpointInfo info{
      phase,           m.epoch, model->arch(), model->input(), data_.train.classes, normalization_,
      toJson(config_), ""};
  if (phase == Phase::kStudent) info.teacherCheckpoint = fs::absolute(teacherFile_).string();
  saveCheckpoint(file(phase == Phase::kTeacher ? "teacher.ckpt" : "student.ckpt"), model,
                 &trainer.optimizer(), info);
  metrics_->append(m, phase == Phase::kTeacher ? m.testAccuracy : teacherAccuracy_);
}

bool ExperimentRun::trainTeacher() {
  if (!teacherReady_) {
    TrainerSetup setup{Phase::kTeacher, config_.teacher.training, 1.0, 1.0, config_.data.augment,
                       config_.seed};
    Trainer trainer(teacher_, setup, *pipeline_, observer_, control_);
    int first = 1;
    if (resume_ && resume_->phase == Phase::kTeacher) {
      loadOptimizerState(options_.resumeFrom, trainer.optimizer());
      first = resume_->epoch + 1;
    }
    observer_.onMessage("training the teacher \"" + config_.teacher.arch.name + "\" on " +
                        std::to_string(teacherTrain_.size()) + " images");
    bool done = trainer.run(teacherTrain_, data_.test, first, [&](const EpochMetrics& m) {
      saveEpoch(Phase::kTeacher, teacher_, trainer, m);
    });
    if (!done) return false;
    if (!options_.outDir.empty()) teacherFile_ = file("teacher.ckpt");
  }
  teacher_->eval();
  teacherTestLogits_ = computeLogits(logitsOf(teacher_), data_.test, *pipeline_);
  teacherAccuracy_ = accuracy(teacherTestLogits_, data_.test.labels);
  observer_.onMessage("teacher test accuracy " + std::to_string(teacherAccuracy_));
  return true;
}

bool ExperimentRun::trainStudent() {
  TrainerSetup setup{Phase::kStudent,     config_.training,     config_.alpha,
                     config_.temperature, config_.data.augment, config_.seed};
  Trainer trainer(student_, setup, *pipeline_, observer_, control_);
  int first = 1;
  if (resume_ && resume_->phase == Phase::kStudent) {
    loadOptimizerState(options_.resumeFrom, trainer.optimizer());
    first = resume_->epoch + 1;
  }
  torch::Tensor cached;
  if (!config_.data.augment) {
    observer_.onMessage("caching the teacher's logits for " + std::to_string(studentTrain_.size()) +
                        " training images");
    cached = computeLogits(logitsOf(teacher_), studentTrain_, *pipeline_);
  }
  trainer.setTeacher(logitsOf(teacher_), cached);
  observer_.onMessage("distilling into the student \"" + config_.student.name + "\"");
  return trainer.run(studentTrain_, data_.test, first, [&](const EpochMetrics& m) {
    saveEpoch(Phase::kStudent, student_, trainer, m);
  });
}

ModelReport ExperimentRun::evaluate(KdNet& model, const torch::Tensor& logits) const {
  ModelSummary summary = summarize(model->arch(), model->input(), model->classes());
  const int classes = model->classes();
  return {model->arch().name,
          summary.parameters,
          summary.macs,
          accuracy(logits, data_.test.labels),
          perClassAccuracy(logits, data_.test.labels, classes),
          confusionMatrix(logits, data_.test.labels, classes)};
}

RunReport ExperimentRun::run() {
  prepareFolder();
  report_.cancelled = !trainTeacher() || !trainStudent();
  if (!report_.cancelled) {
    student_->eval();
    torch::Tensor studentLogits = computeLogits(logitsOf(student_), data_.test, *pipeline_);
    report_.teacher = evaluate(teacher_, teacherTestLogits_);
    report_.student = evaluate(student_, studentLogits);
    report_.agreement = agreement(teacherTestLogits_, studentLogits);
  }
  report_.wallSeconds = std::chrono::duration<double>(Clock::now() - start_).count();
  if (!report_.cancelled && !options_.outDir.empty())
    writeFileAtomically(file("summary.json"), summaryJson(report_));
  return report_;
}

}  // namespace

ExperimentConfig experimentOfCheckpoint(const std::string& path) {
  return experimentFromJson(readCheckpointInfo(path).experimentJson);
}

RunReport runExperiment(const ExperimentConfig& config, const RunOptions& options,
                        TrainingObserver& observer, RunControl& control) {
  return ExperimentRun(config, options, observer, control).run();
}

}  // namespace kd
