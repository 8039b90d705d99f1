#include "kd/experiment_runner.h"

#include <filesystem>
#include <optional>
#include <thread>

#include "data/dataset.h"
#include "data/input_pipeline.h"
#include "data/labelled_subset.h"
#include "distill/bias_correction.h"
#include "distributed/data_parallel.h"
#include "distributed/sharded_logits.h"
#include "eval/evaluator.h"
#include "eval/feature_passes.h"
#include "eval/representation.h"
#include "interop/student_export.h"
#include "kd/devices.h"
#include "kd/error.h"
#include "kd/methods.h"
#include "memory_guard.h"
#include "models/model.h"
#include "run/checkpoint.h"
#include "run/run_files.h"
#include "teachers/teacher_fit.h"
#include "teachers/teacher_loader.h"
#include "teachers/teacher_logits_cache.h"
#include "train/device.h"
#include "train/precision.h"
#include "train/trainer.h"

namespace kd {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr size_t kListedSkippedFiles = 20;     // in the log; summary.json lists them all
constexpr int64_t kCalibrationImages = 10000;  // training images the bias shift is chosen on

// Initial weights depend on the seed alone, whatever ran before in the process.
KdNet freshModel(const ArchSpec& arch, const InputShape& shape, int classes, uint64_t seed) {
  torch::manual_seed(seed);
  return KdNet(arch, shape, classes);
}

// A teacher's kind as the log says it; the kinds named after file formats stay as they are.
Text kindWord(const std::string& kind) {
  if (kind == "checkpoint") return Text("checkpoint");
  if (kind == "trained here") return Text("trained here");
  return kind;
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
  void planStudentLoss();
  void reportSkippedFiles();
  void checkModelsFit(const InputShape& shape, int classes) const;
  void checkResumePoint();
  void checkSplitsOverRanks() const;
  void choosePrecision();
  LogitsFn studentLogits() const { return inPrecision(logitsOf(student_), precision_, device_); }
  void chooseTransferSets();
  void moveDataTo(const torch::Device& device);
  int worldSize() const { return options_.distributed ? options_.distributed->worldSize : 1; }
  torch::Tensor logitsOfAll(const LogitsFn& model, const Dataset& data) {
    return computeLogitsOfAll(model, data, *pipeline_, &control_, parallel_.get());
  }
  // The teacher's logits of every image of `data`, kept across runs for a teacher from a file.
  torch::Tensor teacherLogitsOf(const Dataset& data) {
    return TeacherLogitsCache::instance().logits(
        teacherKey_, data, *pipeline_, [&] { return logitsOfAll(teacher_.logits, data); });
  }
  void prepareFolder();
  std::string file(const char* name) const { return (fs::path(options_.outDir) / name).string(); }
  bool trainTeacher();
  bool trainStudent();
  void reportProbe(int epoch, const torch::Tensor& studentLogits);
  std::vector<float> probeEmbedding();
  void saveEpoch(Phase phase, KdNet& model, Trainer& trainer, const EpochMetrics& m);
  void prepareModel(KdNet& model);
  void passTeacherOverTest();
  void evaluateBoth();
  void representModels(torch::Tensor studentEmbedding);
  void correctHiddenClasses(const torch::Tensor& studentTestLogits);
  ModelReport evaluate(const std::string& name, int64_t parameters, int64_t macs,
                       const torch::Tensor& logits) const;

  ExperimentConfig config_;
  RunOptions options_;
  TrainingObserver& observer_;
  RunControl& control_;
  Clock::time_point start_ = Clock::now();
  torch::Device device_{torch::kCPU};
  int threads_ = 0;
  Precision precision_ = Precision::kFp32;  // resolved: fp32 or bf16
  DataSplits data_;
  Dataset trainingImages_;  // trainingSubset() of the training set, every label kept
  Dataset teacherTrain_, studentTrain_;
  int64_t studentStepsPerEpoch_ = 0;  // TrainerSetup::stepsPerEpoch
  Normalization normalization_;
  std::optional<InputPipeline> pipeline_;
  std::optional<CheckpointInfo> resume_;
  std::optional<MetricsLog> metrics_;
  KdNet student_{nullptr};
  LoadedTeacher teacher_;      // net is null for a TorchScript teacher
  MethodLoss studentLoss_;     // the method's loss, with its trainable state
  bool teacherReady_ = false;  // loaded from a file or a finished earlier phase
  std::string teacherFile_;
  std::string teacherKey_;  // TeacherLogitsCache's; empty for a teacher trained in this run
  torch::Tensor teacherTestLogits_;
  torch::Tensor teacherTestEmbedding_;  // when passTeacherOverTest could keep it
  double teacherAccuracy_ = 0;
  std::unique_ptr<DataParallel> parallel_;
  int64_t steps_ = 0;
  RunReport report_;
};

// A data-parallel rank's CUDA device is its local rank's; its share of the cores is the
// machine's divided by the processes on it, unless the experiment sets the threads.
torch::Device rankDevice(const torch::Device& device, const DistributedLaunch& launch) {
  return device.is_cuda() ? torch::Device(torch::kCUDA, int8_t(launch.localRank)) : device;
}

int rankThreads(int threads, const std::optional<DistributedLaunch>& launch) {
  if (threads > 0 || !launch) return threads;
  return std::max(1, int(std::thread::hardware_concurrency()) / launch->localWorldSize);
}

ExperimentRun::ExperimentRun(const ExperimentConfig& config, const RunOptions& options,
                             TrainingObserver& observer, RunControl& control)
    : config_(config), options_(options), observer_(observer), control_(control) {
  validate(config_);
  // A resumed run continues as it was recorded, even if an earlier build let a setting in that
  // cannot act.
  if (options_.resumeFrom.empty()) refuseSettingsWithoutEffect(config_);
  if (options_.distributed && options_.distributed->rank != 0) options_.outDir.clear();
  checkSplitsOverRanks();
  device_ = resolveDevice(config_.device);
  if (options_.distributed) device_ = rankDevice(device_, *options_.distributed);
  makeDeterministic(device_);
  threads_ = applyThreads(rankThreads(config_.threads, options_.distributed));
  choosePrecision();
  if (!options_.resumeFrom.empty()) resume_ = readCheckpointInfo(options_.resumeFrom);
  data_ = loadDataset(config_.data, config_.seed, &control_);
  reportSkippedFiles();
  normalization_ = channelStatistics(data_.train);
  chooseTransferSets();
  if (device_.is_cuda()) moveDataTo(device_);
  pipeline_.emplace(normalization_, device_);
  const InputShape shape = data_.train.shape();
  const int classes = int(data_.train.classes.size());
  checkModelsFit(shape, classes);
  student_ = freshModel(config_.student, shape, classes, config_.seed + 1);  // checks the design
  checkResumePoint();
  loadTeacher();
  planStudentLoss();
  if (resume_ && resume_->phase == Phase::kStudent) {
    student_ = loadCheckpointModel(options_.resumeFrom);
    loadMethodState(options_.resumeFrom, studentLoss_.state());
  }
  prepareModel(student_);
  report_.classes = data_.train.classes;
  report_.device = device_.str();
  report_.threads = threads_;
  if (options_.distributed) {  // last: every check above fails alike on every rank, at once
    if (config_.method == "crd")
      throw Error(
          "crd keeps a memory row per transfer image, which each process would update apart: "
          "run it in one process");
    if (std::min(studentTrain_.size(), data_.test.size()) < worldSize())
      throw Error(
          "a data-parallel run of %1 processes needs at least as many training and test "
          "images",
          {std::to_string(worldSize())});
    parallel_ = std::make_unique<DataParallel>(*options_.distributed, device_);
    report_.processes = worldSize();
    report_.backend = parallel_->backend();
  }
}

// The precision every pass of the run uses, said in the log with the CPU's features that chose it.
void ExperimentRun::choosePrecision() {
  const CpuFeatures cpu = cpuFeatures();
  precision_ = resolvePrecision(config_.precision, device_.is_cuda(), cpu);
  report_.precision = nameOf(precision_);
  report_.method = config_.method;
  report_.methodSettings = {{"temperature", config_.temperature}};
  if (methodNamed(config_.method).usesAlpha) report_.methodSettings["alpha"] = config_.alpha;
  for (const MethodSetting& s : methodNamed(config_.method).settings)
    report_.methodSettings[s.key] = methodSetting(config_, s.key);
  report_.cpuFeatures = cpu.text();
  if (config_.precision == Precision::kAuto)
    observer_.onMessage(
        precision_ == Precision::kBf16 ? Text("precision auto: bf16 (the CPU has %1)", {cpu.text()})
        : device_.is_cuda()
            ? Text("precision auto: fp32 on %1 (choose bf16 by name for a GPU)", {device_.str()})
            : Text("precision auto: fp32, this CPU has no bfloat16 instructions (avx512_bf16 or "
                   "amx_bf16)"));
  else if (precision_ == Precision::kBf16 && !device_.is_cuda() && !cpu.bf16())
    observer_.onMessage(
        Text("precision bf16 on a CPU without bfloat16 instructions: LibTorch emulates them, "
             "slower than fp32"));
}

// Few labels: the distilled student learns from every transfer image, a student of labels alone
// (alpha 1, the baseline) from the labelled ones, for as many steps as the distilled one takes.
void ExperimentRun::chooseTransferSets() {
  const TransferSets sets = transferSets(data_, config_.data, config_.seed);
  trainingImages_ = sets.training;
  teacherTrain_ = sets.teacher;
  const bool labelsOnly = learnsFromLabelsAlone(config_);
  studentTrain_ = labelsOnly ? sets.studentLabelled : sets.student;
  const int world = worldSize();
  const int64_t batch = config_.training.batchSize / world;
  const int64_t steps = batchesPerEpoch((sets.student.size() + world - 1) / world, batch);
  if (labelsOnly && studentTrain_.size() != sets.student.size()) studentStepsPerEpoch_ = steps;
  report_.transferImages = sets.student.size();
  report_.labelsUsed = sets.studentLabelled.size();
  report_.steps = steps * config_.training.epochs;
  if (teacherTrain_.size() == 0 && config_.teacher.file.empty())
    throw Error("the teacher trained here has no labelled image to learn from");
  if (studentTrain_.size() == 0) throw Error("the student has no image to learn from");
}

// The datasets' tensors to a CUDA device, each tensor once (the sets share their images).
void ExperimentRun::moveDataTo(const torch::Device& device) {
  std::vector<std::pair<torch::Tensor, torch::Tensor>> moved;  // CPU tensor, its copy
  auto to = [&](torch::Tensor& t) {
    for (const auto& [cpu, copy] : moved)
      if (cpu.is_same(t)) {
        t = copy;
        return;
      }
    moved.emplace_back(t, t.to(device));
    t = moved.back().second;
  };
  for (Dataset* d : {&trainingImages_, &teacherTrain_, &studentTrain_, &data_.test}) {
    to(d->images);
    to(d->labels);
  }
}

void ExperimentRun::checkSplitsOverRanks() const {
  if (!options_.distributed) return;
  const int world = worldSize();
  for (const auto* t : {&config_.teacher.training, &config_.training})
    if (t->batchSize % world != 0)
      throw Error(
          "the batch size %1 is the global batch of all %2 processes and must split evenly over "
          "them: choose a multiple of %2",
          {std::to_string(t->batchSize), std::to_string(world)});
}

void ExperimentRun::reportSkippedFiles() {
  report_.skippedFiles = data_.skippedFiles;
  const auto& skipped = report_.skippedFiles;
  if (skipped.empty()) return;
  observer_.onMessage(
      Text("skipped %1 dataset files that could not be used:", {std::to_string(skipped.size())}));
  for (size_t i = 0; i < skipped.size() && i < kListedSkippedFiles; ++i)
    observer_.onMessage("  " + skipped[i]);
  if (skipped.size() > kListedSkippedFiles)
    observer_.onMessage(Text("  ... and %1 more (all in summary.json)",
                             {std::to_string(skipped.size() - kListedSkippedFiles)}));
}

// Weights, gradients and up to two optimiser moments per parameter, for both models.
void ExperimentRun::checkModelsFit(const InputShape& shape, int classes) const {
  const int64_t parameters =
      summarize(config_.student, shape, classes).parameters +
      (config_.teacher.file.empty() ? summarize(config_.teacher.arch, shape, classes).parameters
                                    : 0);
  checkFitsInMemory(uint64_t(parameters) * 4 * sizeof(float), Text("training these models"));
}

void ExperimentRun::checkResumePoint() {
  if (!resume_) return;
  const ArchSpec& wanted =
      resume_->phase == Phase::kTeacher ? config_.teacher.arch : config_.student;
  if (!(resume_->arch == wanted))
    throw Error(
        "the checkpoint %1 holds a %2 of architecture \"%3\", but the experiment asks for \"%4\"",
        {options_.resumeFrom, phaseWord(resume_->phase), resume_->arch.name, wanted.name});
  if (resume_->worldSize != worldSize())
    throw Error(
        "the checkpoint %1 was written by a run of %2 process(es); resume it with %2, not %3 "
        "(the data order and batch split depend on it)",
        {options_.resumeFrom, std::to_string(resume_->worldSize), std::to_string(worldSize())});
  if (resume_->classes != data_.train.classes || !(resume_->input == data_.train.shape()))
    throw Error(
        "the checkpoint %1 was trained on other data (%2 classes, %3) than this experiment's "
        "dataset",
        {options_.resumeFrom, std::to_string(resume_->classes.size()), resume_->input.text()});
}

void ExperimentRun::prepareModel(KdNet& model) {
  model->to(device_);
  useChannelsLast(*model);
}

void ExperimentRun::loadTeacher() {
  const InputShape shape = data_.train.shape();
  const int classes = int(data_.train.classes.size());
  teacherFile_ = config_.teacher.file;
  if (resume_ && resume_->phase == Phase::kStudent) teacherFile_ = resume_->teacherCheckpoint;
  if (teacherFile_.empty() || (resume_ && resume_->phase == Phase::kTeacher)) {
    teacher_.kind = "trained here";
    teacher_.name = config_.teacher.arch.name;
    teacher_.net = resume_ ? loadCheckpointModel(options_.resumeFrom)
                           : freshModel(config_.teacher.arch, shape, classes, config_.seed);
    prepareModel(teacher_.net);
    teacher_.logits = inPrecision(logitsOf(teacher_.net), precision_, device_);
    ModelSummary summary = summarize(config_.teacher.arch, shape, classes);
    teacher_.parameters = summary.parameters;
    teacher_.macs = summary.macs;
    return;
  }
  teacher_ = loadTeacherFile(
      teacherFile_, config_.teacher.arch, shape, classes,
      data_.test.images.narrow(0, 0, std::min<int64_t>(2, data_.test.size())), *pipeline_);
  teacher_.logits = inPrecision(std::move(teacher_.logits), precision_, device_);
  teacherReady_ = true;
  report_.teacherTrainedOn =
      checkTeacherClasses(teacherFile_, teacher_.trainedOn, teacher_.classes, config_.data.source,
                          data_.train.classes, config_.teacher.allowOtherData);
  // Ranks must all compute or all skip a pass (its rows are gathered): no cache across ranks.
  if (!options_.distributed)
    teacherKey_ = TeacherLogitsCache::teacherKey(teacherFile_, config_.teacher.arch, precision_);
}

// The method's loss, refused here (before the run folder is touched) when a model lacks what it
// reads; its trainable state starts from the seed, or from the checkpoint a run resumes.
void ExperimentRun::planStudentLoss() {
  const InputShape shape = data_.train.shape();
  const int classes = int(data_.train.classes.size());
  const FeatureShapes student = featureShapes(config_.student, shape, classes);
  std::optional<FeatureShapes> teacher;
  if (teacher_.net) teacher = featureShapes(teacher_.net->arch(), shape, classes);
  studentLoss_ = MethodLoss(config_, &student, teacher ? &*teacher : nullptr, config_.seed + 2,
                            studentTrain_.labels);
  studentLoss_.state().to(device_);
}

void ExperimentRun::prepareFolder() {
  if (options_.outDir.empty()) return;
  std::error_code error;
  fs::create_directories(options_.outDir, error);
  if (error)
    throw Error("cannot create the run folder %1 (%2)", {options_.outDir, error.message()});
  // What a killed run was writing when it died; the files it replaces are intact.
  std::vector<fs::path> stale;
  for (const auto& entry : fs::recursive_directory_iterator(options_.outDir, error))
    if (entry.path().extension() == ".tmp") stale.push_back(entry.path());
  for (const auto& path : stale) fs::remove(path, error);
  if (!resume_) {  // an earlier run's logits in a reused --out
    fs::remove_all(file("probe"), error);
    fs::remove(teacherTestFile(options_.outDir), error);
  }
  writeFileAtomically(file("config.json"), toJson(config_) + "\n");
  metrics_.emplace(file("metrics.csv"), methodNamed(config_.method).terms);
  if (resume_) metrics_->keepRowsBefore(resume_->phase, resume_->epoch + 1);
}

void ExperimentRun::saveEpoch(Phase phase, KdNet& model, Trainer& trainer, const EpochMetrics& m) {
  if (options_.outDir.empty()) return;
  CheckpointInfo info{
      phase,           m.epoch, model->arch(), model->input(), data_.train.classes, normalization_,
      toJson(config_), "",      worldSize()};
  if (phase == Phase::kStudent)  // a built-in teacher stays named: the run folder can move
    info.teacherCheckpoint =
        isBuiltinTeacher(teacherFile_) ? teacherFile_ : fs::absolute(teacherFile_).string();
  // The checkpoint comes last: a run killed before it resumes from the epoch before, and
  // rewrites this epoch's metrics row (and probe file) identically.
  checkFinite(model, phase, m.epoch);  // before the metrics row and the checkpoint
  metrics_->append(m, phase == Phase::kTeacher ? m.testAccuracy : teacherAccuracy_);
  saveCheckpoint(file(phase == Phase::kTeacher ? "teacher.ckpt" : "student.ckpt"), model,
                 &trainer.optimizer(), info,
                 phase == Phase::kStudent ? &studentLoss_.state() : nullptr);
}

bool ExperimentRun::trainTeacher() {
  if (!teacherReady_) {
    TrainerSetup setup{Phase::kTeacher, config_.teacher.training, config_.data.augment,
                       config_.seed, parallel_.get()};
    setup.precision = precision_;
    Trainer trainer(teacher_.net, setup, *pipeline_, observer_, control_);
    int first = 1;
    if (resume_ && resume_->phase == Phase::kTeacher) {
      loadOptimizerState(options_.resumeFrom, trainer.optimizer());
      first = resume_->epoch + 1;
    }
    observer_.onMessage(Text("training the teacher \"%1\" on %2 images",
                             {config_.teacher.arch.name, std::to_string(teacherTrain_.size())}));
    bool done = trainer.run(teacherTrain_, data_.test, first,
                            [&](const EpochMetrics& m, const torch::Tensor&) {
                              saveEpoch(Phase::kTeacher, teacher_.net, trainer, m);
                            });
    steps_ += trainer.steps();
    if (!done) return false;
    if (!options_.outDir.empty()) teacherFile_ = file("teacher.ckpt");
  }
  if (teacher_.net) teacher_.net->eval();
  observer_.onMessage(Text("teacher: %1 (%2)", {teacher_.name, kindWord(teacher_.kind)}));
  for (const auto& line : teacher_.mapping)
    observer_.onMessage(Text("  mapped by order and shape: %1", {line}));
  passTeacherOverTest();
  teacherAccuracy_ = accuracy(teacherTestLogits_, data_.test.labels);
  if (teacher_.kind == "torchscript" || teacher_.kind == "state_dict")
    report_.teacherTrainedOn =
        checkTeacherAboveChance(teacherFile_, teacherAccuracy_, int(data_.test.classes.size()),
                                data_.test.size(), config_.teacher.allowOtherData);
  if (!options_.outDir.empty()) {  // the inspection of the finished run reads them back
    const torch::Tensor logits = teacherTestLogits_.to(torch::kCPU, torch::kFloat).contiguous();
    writeLogits(teacherTestFile(options_.outDir),
                {logits.data_ptr<float>(), logits.data_ptr<float>() + logits.numel()});
  }
  char percent[32];
  std::snprintf(percent, sizeof percent, "%.2f%%", 100 * teacherAccuracy_);
  observer_.onMessage(Text("teacher test accuracy %1", {std::string(percent)}));
  observer_.onTeacherReady(teacherAccuracy_);
  return true;
}

// The teacher's logits of the test set and, when its layout is known and the pass is not shared
// out over ranks, its embedding from the same pass (for summary.json's retrieval); both kept
// across runs for a teacher from a file (TeacherLogitsCache).
void ExperimentRun::passTeacherOverTest() {
  if (!teacher_.net || parallel_) {
    teacherTestLogits_ = teacherLogitsOf(data_.test);
    return;
  }
  std::vector<torch::Tensor> embeddings;
  const auto pass = [&] {
    embeddings.clear();
    return computeLogits(
        inPrecision(logitsKeepingEmbeddings(teacher_.net, embeddings), precision_, device_),
        data_.test, *pipeline_, &control_);
  };
  TeacherLogitsCache& cache = TeacherLogitsCache::instance();
  teacherTestLogits_ = cache.logits(teacherKey_, data_.test, *pipeline_, pass);
  const std::string embeddingKey = teacherKey_.empty() ? "" : teacherKey_ + "|embedding";
  teacherTestEmbedding_ = cache.logits(embeddingKey, data_.test, *pipeline_, [&] {
    if (embeddings.empty()) pass();  // the logits were kept from an earlier run
    return torch::cat(embeddings);
  });
}

bool ExperimentRun::trainStudent() {
  TrainerSetup setup{Phase::kStudent, config_.training, config_.data.augment,
                     config_.seed,    parallel_.get(),  studentStepsPerEpoch_};
  setup.precision = precision_;
  setup.loss = studentLoss_;
  Trainer trainer(student_, setup, *pipeline_, observer_, control_);
  int first = 1;
  if (resume_ && resume_->phase == Phase::kStudent) {
    loadOptimizerState(options_.resumeFrom, trainer.optimizer());
    first = resume_->epoch + 1;
  }
  torch::Tensor cached;
  if (!config_.data.augment) {
    observer_.onMessage(Text("caching the teacher's logits for %1 training images",
                             {std::to_string(studentTrain_.size())}));
    cached = teacherLogitsOf(studentTrain_);
  }
  trainer.setTeacher(teacher_.logits, cached, teacher_.net);
  observer_.onMessage(Text("distilling into the student \"%1\"", {config_.student.name}));
  if (first == 1) {
    const int64_t n = std::min(kProbeImages, data_.test.size());
    const Dataset probe{data_.test.images.narrow(0, 0, n), data_.test.labels.narrow(0, 0, n),
                        data_.test.classes};
    student_->eval();  // the trainer sets train mode at the start of each epoch
    reportProbe(0, computeLogits(studentLogits(), probe, *pipeline_, &control_));
  }
  const bool done =
      trainer.run(studentTrain_, data_.test, first,
                  [&](const EpochMetrics& m, const torch::Tensor& testLogits) {
                    checkFinite(student_, Phase::kStudent, m.epoch);  // before the probe
                    reportProbe(m.epoch, testLogits);
                    saveEpoch(Phase::kStudent, student_, trainer, m);
                  });
  steps_ += trainer.steps();
  return done;
}

// The probe set is the first kProbeImages test images; studentLogits holds at least those rows.
void ExperimentRun::reportProbe(int epoch, const torch::Tensor& studentLogits) {
  Predictions p = predictionsOf(data_.test, kProbeImages, teacherTestLogits_, studentLogits,
                                config_.temperature);
  p.epoch = epoch;
  p.epochs = config_.training.epochs;
  if (!options_.outDir.empty()) {
    writeLogits(probeFile(options_.outDir, epoch), p.studentLogits);
    writeLogits(probeEmbeddingFile(options_.outDir, epoch), probeEmbedding());
  }
  observer_.onProbe(p);
}

// The student's embedding of the probe set, in the run's precision: one small pass (1,000
// images), since the epoch's evaluation hands out logits only.
std::vector<float> ExperimentRun::probeEmbedding() {
  const int64_t n = std::min(kProbeImages, data_.test.size());
  ModelFeatures f;
  {
    torch::InferenceMode inference;
    AutocastScope autocast(precision_, device_);
    student_->forward(pipeline_->prepare(data_.test.images.narrow(0, 0, n)), &f);
  }
  const torch::Tensor e = f.embedding.to(torch::kCPU, torch::kFloat).contiguous();
  return {e.data_ptr<float>(), e.data_ptr<float>() + e.numel()};
}

ModelReport ExperimentRun::evaluate(const std::string& name, int64_t parameters, int64_t macs,
                                    const torch::Tensor& logits) const {
  const int classes = int(data_.test.classes.size());
  return {name,
          parameters,
          macs,
          accuracy(logits, data_.test.labels),
          perClassAccuracy(logits, data_.test.labels, classes),
          confusionMatrix(logits, data_.test.labels, classes)};
}

void ExperimentRun::evaluateBoth() {
  student_->eval();
  // The student's embeddings, for summary.json's retrieval: kept by the process that writes
  // the folder when its pass has every row (a data-parallel run's evaluation is shared out).
  const bool keep = !options_.outDir.empty() && !parallel_;
  std::vector<torch::Tensor> embeddings;
  torch::Tensor studentTest = logitsOfAll(
      keep ? inPrecision(logitsKeepingEmbeddings(student_, embeddings), precision_, device_)
           : studentLogits(),
      data_.test);
  ModelSummary studentSummary =
      summarize(config_.student, data_.train.shape(), int(report_.classes.size()));
  report_.teacher = evaluate(teacher_.name, teacher_.parameters, teacher_.macs, teacherTestLogits_);
  report_.student =
      evaluate(config_.student.name, studentSummary.parameters, studentSummary.macs, studentTest);
  report_.agreement = agreement(teacherTestLogits_, studentTest);
  if (!options_.outDir.empty()) representModels(keep ? torch::cat(embeddings) : torch::Tensor());
  if (!config_.data.hiddenClasses.empty()) correctHiddenClasses(studentTest);
}

// summary.json's retrieval and layer similarity (RunReport::representation) of the run's models,
// written by the process that writes the folder: each model's embedding from its pass over the
// test set when that pass had every row (passTeacherOverTest, evaluateBoth), else from a pass
// of its own; the teacher's when its layout is known.
void ExperimentRun::representModels(torch::Tensor studentEmbedding) {
  observer_.onMessage(Text("measuring how the models arrange the test images inside them"));
  const Dataset& test = data_.test;
  if (!studentEmbedding.defined())
    studentEmbedding =
        logitsAndEmbedding(student_, test, *pipeline_, precision_, &control_).embedding;
  RunRepresentation& r = report_.representation;
  r.known = true;
  r.images = test.size();
  r.student = sameClassRetrieval(studentEmbedding, test.labels);
  if (!teacher_.net) return;  // a TorchScript teacher: its insides are unknown
  if (!teacherTestEmbedding_.defined())
    teacherTestEmbedding_ =
        logitsAndEmbedding(teacher_.net, test, *pipeline_, precision_, &control_).embedding;
  r.teacher = sameClassRetrieval(teacherTestEmbedding_, test.labels);
  r.similarityImages = std::min(kCkaImages, test.size());
  r.layerSimilarity =
      ckaTable(stageGrams(teacher_.net, test, *pipeline_, precision_, r.similarityImages),
               stageGrams(student_, test, *pipeline_, precision_, r.similarityImages));
}

// Chooses each hidden class's bias shift on a seeded sample of the teacher's training images
// (labels unused), reports both students on the class, and shifts the student's bias, so the
// exported student is the corrected one (student.ckpt, written before, keeps the raw weights).
void ExperimentRun::correctHiddenClasses(const torch::Tensor& studentTestLogits) {
  const int64_t n = std::min(kCalibrationImages, trainingImages_.size());
  auto generator = at::detail::createCPUGenerator(config_.seed ^ 0xb1a5ULL);
  const Dataset sample =
      trainingImages_.select(torch::randperm(trainingImages_.size(), generator, torch::kLong)
                                 .narrow(0, 0, n)
                                 .to(trainingImages_.images.device()));
  const std::vector<double> shifts =
      hiddenClassBiasShifts(logitsOfAll(teacher_.logits, sample),
                            logitsOfAll(studentLogits(), sample), config_.data.hiddenClasses);
  const torch::Tensor corrected = shiftedLogits(studentTestLogits, shifts);
  const int classes = int(report_.classes.size());
  const std::vector<double> correctedPerClass =
      perClassAccuracy(corrected, data_.test.labels, classes);
  for (int k : config_.data.hiddenClasses) {
    HiddenClassReport h;
    h.classIndex = k;
    h.name = report_.classes[size_t(k)];
    h.teacher = report_.teacher.perClassAccuracy[size_t(k)];
    h.student = report_.student.perClassAccuracy[size_t(k)];
    h.studentCorrected = correctedPerClass[size_t(k)];
    h.biasShift = shifts[size_t(k)];
    report_.hiddenClasses.push_back(h);
  }
  report_.correctedStudentAccuracy = accuracy(corrected, data_.test.labels);
  student_->addToOutputBias(shifts);
}

RunReport ExperimentRun::run() {
  prepareFolder();
  try {
    report_.cancelled = !trainTeacher() || !trainStudent();
    if (!report_.cancelled) evaluateBoth();
  } catch (const RunCancelled&) {  // during logit caching or an evaluation
    report_.cancelled = true;
  }
  report_.wallSeconds = std::chrono::duration<double>(Clock::now() - start_).count();
  if (parallel_ && steps_ > 0)
    report_.communicationSecondsPerStep = parallel_->communicationSeconds() / double(steps_);
  if (!report_.cancelled && !options_.outDir.empty()) {
    writeFileAtomically(file("summary.json"), summaryJson(report_));
    exportStudent(student_, report_.classes, normalization_, options_.outDir);
  }
  return report_;
}

}  // namespace

void attachBaseline(std::vector<HiddenClassReport>& hidden, const RunReport& baseline) {
  for (auto& h : hidden) {
    const auto& perClass = baseline.student.perClassAccuracy;
    h.baseline =
        size_t(h.classIndex) < perClass.size() ? perClass[size_t(h.classIndex)] : kNotApplicable;
  }
}

void recordBaseline(const std::string& runDir, const std::string& baselineDir) {
  recordBaselineInSummary((fs::path(runDir) / "summary.json").string(),
                          readSummary((fs::path(baselineDir) / "summary.json").string()));
}

ExperimentConfig experimentOfCheckpoint(const std::string& path) {
  return experimentFromJson(readCheckpointInfo(path).experimentJson);
}

RunReport runExperiment(const ExperimentConfig& config, const RunOptions& options,
                        TrainingObserver& observer, RunControl& control) {
  return translatingOutOfMemory(Text("running the experiment"), [&] {
    std::optional<ExperimentRun> run;
    try {
      run.emplace(config, options, observer, control);
    } catch (const RunCancelled&) {  // while the dataset was read
      RunReport report;
      report.cancelled = true;
      return report;
    }
    return run->run();
  });
}

}  // namespace kd
