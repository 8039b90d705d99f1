#include "kd/inspection.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>

#include "data/dataset.h"
#include "data/input_pipeline.h"
#include "eval/evaluator.h"
#include "eval/grad_cam.h"
#include "eval/representation.h"
#include "kd/devices.h"
#include "kd/error.h"
#include "kd/experiment.h"
#include "kd/observer.h"
#include "run/checkpoint.h"
#include "run/run_files.h"
#include "teachers/teacher_loader.h"
#include "train/device.h"
#include "train/precision.h"

namespace kd {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kTeacherCheckImages = 16;  // recomputed to check the run's teacher logits

// Median time of one-image inference (normalisation included) after a warm-up, on the
// pipeline's device.
double latencyMs(const LogitsFn& model, const torch::Tensor& image, const InputPipeline& pipeline) {
  constexpr int kWarmUp = 5, kRuns = 25;
  const torch::Device device = pipeline.device();
  const torch::Tensor x = image.to(device);
  torch::InferenceMode inference;
  std::vector<double> ms;
  for (int i = 0; i < kWarmUp + kRuns; ++i) {
    auto start = std::chrono::steady_clock::now();
    model(pipeline.prepare(x));
    if (device.is_cuda()) torch::cuda::synchronize(device.index());
    auto end = std::chrono::steady_clock::now();
    if (i >= kWarmUp) ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
  }
  std::nth_element(ms.begin(), ms.begin() + kRuns / 2, ms.end());
  return ms[kRuns / 2];
}

// The run's device if this machine still has it, else the CPU.
torch::Device deviceOfRun(const std::string& name) {
  try {
    return resolveDevice(name);
  } catch (const Error&) {
    return torch::kCPU;
  }
}

int64_t weightBytes(const KdNet& net) {
  int64_t n = 0;
  for (const auto& p : net->parameters()) n += p.numel();
  for (const auto& b : net->buffers()) n += b.numel();
  return 4 * n;
}

int64_t fileSize(const std::string& path) {
  std::error_code error;
  auto size = fs::file_size(path, error);
  return error ? -1 : int64_t(size);
}

constexpr int64_t kSimilarityImages = 1000;  // CKA's subset: n x n Gram matrices

// Every test image's embedding and the first `stageImages` images' stage outputs, computed in
// the run's precision as its logits are, returned as float32.
ModelFeatures testFeatures(KdNet model, const Dataset& test, const InputPipeline& pipeline,
                           Precision precision, int64_t stageImages) {
  std::vector<ModelFeatures> stages;
  std::vector<torch::Tensor> embeddings;
  torch::InferenceMode inference;
  for (int64_t start = 0; start < test.size(); start += 250) {
    const int64_t n = std::min<int64_t>(250, test.size() - start);
    ModelFeatures f;
    {
      AutocastScope autocast(precision, torch::kCPU);
      model->forward(pipeline.prepare(test.images.narrow(0, start, n)), &f);
    }
    toFloat(f);
    embeddings.push_back(f.embedding);
    if (start < stageImages) {
      f.embedding = torch::Tensor();
      stages.push_back(rowsOf(f, torch::arange(std::min(stageImages - start, n))));
    }
  }
  ModelFeatures all = concatenated(stages);
  all.embedding = torch::cat(embeddings);
  return all;
}

RetrievalScores retrievalOf(const torch::Tensor& embeddings, const torch::Tensor& labels) {
  const RetrievalFigures f = sameClassRetrieval(embeddings, labels);
  return {f.recallAt1, f.recallAt5, f.meanAveragePrecision};
}

}  // namespace

struct RunInspector::Impl {
  Predictions data;
  Dataset test;
  std::optional<InputPipeline> pipeline;  // on the CPU, like the models below
  LoadedTeacher teacher;
  KdNet student{nullptr};
  LogitsFn studentLogits;  // in the run's precision, as teacher.logits
  std::vector<Predictions> probes;
  std::vector<HiddenClassReport> hiddenClasses;
  std::string teacherTrainedOn;
  RunReport summary;
  Precision precision = Precision::kFp32;  // the run's, resolved
  std::optional<RepresentationReport> representation;

  torch::Tensor teacherTestLogits(const std::string& runDir) const;
  void readProbes(const std::string& runDir, int epochs);
  void readSummaryFile(const std::string& runDir);
  void measureLatency(const ExperimentConfig& config, const Normalization& normalization,
                      const std::string& teacherFile, const std::string& studentFile);
};

// The teacher's logits on every test image: as the run wrote them, which spares a pass of the
// teacher over the test set, when its first images' rows are what this teacher computes now
// (the file could be another teacher's or damaged); else computed here.
torch::Tensor RunInspector::Impl::teacherTestLogits(const std::string& runDir) const {
  const int64_t images = test.size(), classes = int64_t(test.classes.size());
  std::vector<float> written = readLogits(teacherTestFile(runDir), size_t(images * classes));
  if (!written.empty()) {
    const torch::Tensor logits = torch::from_blob(written.data(), {images, classes}).clone();
    const int64_t n = std::min<int64_t>(kTeacherCheckImages, images);
    const Dataset head{test.images.narrow(0, 0, n), test.labels.narrow(0, 0, n), test.classes};
    const torch::Tensor now = computeLogits(teacher.logits, head, *pipeline);
    if (torch::allclose(logits.narrow(0, 0, n), now, 1e-3, 1e-3)) return logits;
  }
  return computeLogits(teacher.logits, test, *pipeline);
}

// From summary.json, with the baseline's figures when its folder holds a finished baseline.
void RunInspector::Impl::readSummaryFile(const std::string& runDir) {
  const fs::path file = fs::path(runDir) / "summary.json";
  if (!fs::exists(file)) return;
  const RunReport report = readSummary(file.string());
  summary = report;
  hiddenClasses = report.hiddenClasses;
  teacherTrainedOn = report.teacherTrainedOn;
  const fs::path baseline = fs::path(runDir) / "baseline" / "summary.json";
  if (!hiddenClasses.empty() && fs::exists(baseline))
    attachBaseline(hiddenClasses, readSummary(baseline.string()));
}

void RunInspector::Impl::readProbes(const std::string& runDir, int epochs) {
  const Predictions head = firstImages(data, kProbeImages);
  for (int epoch = 0; epoch <= epochs; ++epoch) {
    std::vector<float> logits = readLogits(probeFile(runDir, epoch), head.studentLogits.size());
    if (logits.empty()) continue;  // missing or damaged: that epoch is left out
    Predictions& p = probes.emplace_back(head);
    p.studentLogits = std::move(logits);
    p.epoch = epoch;
    p.epochs = epochs;
  }
}

// Times both models on the run's device: the CPU models as they are, or copies on the GPU.
void RunInspector::Impl::measureLatency(const ExperimentConfig& config,
                                        const Normalization& normalization,
                                        const std::string& teacherFile,
                                        const std::string& studentFile) {
  const torch::Device device = deviceOfRun(config.device);
  const torch::Tensor one = test.images.narrow(0, 0, 1);
  data.teacher.latencyDevice = data.student.latencyDevice = device.is_cuda() ? device.str() : "CPU";
  if (!device.is_cuda()) {
    data.teacher.latencyMs = latencyMs(teacher.logits, one, *pipeline);
    data.student.latencyMs = latencyMs(studentLogits, one, *pipeline);
    return;
  }
  const InputPipeline onDevice(normalization, device);
  const LoadedTeacher t = loadTeacherFile(teacherFile, config.teacher.arch, test.shape(),
                                          int(test.classes.size()), one, onDevice);
  KdNet s = loadCheckpointModel(studentFile);
  s->to(device);
  useChannelsLast(*s);
  s->eval();
  data.teacher.latencyMs = latencyMs(t.logits, one, onDevice);
  data.student.latencyMs = latencyMs(logitsOf(s), one, onDevice);
}

RunInspector::RunInspector(const std::string& runDir) : impl_(std::make_unique<Impl>()) {
  const std::string studentFile = (fs::path(runDir) / "student.ckpt").string();
  if (!fs::is_regular_file(studentFile))
    throw Error("%1 holds no finished run (student.ckpt is missing)", {runDir});
  CheckpointInfo info;
  impl_->student = loadCheckpointModel(studentFile, &info);
  const ExperimentConfig config = experimentFromJson(info.experimentJson);
  impl_->test = loadDataset(config.data, config.seed).test;
  const Dataset& t = impl_->test;
  if (!(t.shape() == info.input) || t.classes != info.classes)
    throw Error("the dataset of %1 has changed since the run", {runDir});
  impl_->pipeline.emplace(info.normalization, torch::kCPU);
  impl_->readSummaryFile(runDir);
  // The models answer as in the run: in the precision it recorded (a run that wrote no summary
  // chooses here as it chose then).
  const Precision precision = fs::exists(fs::path(runDir) / "summary.json")
                                  ? precisionNamed(impl_->summary.precision, "the run's precision")
                                  : resolvePrecision(config.precision, false, cpuFeatures());
  const std::string teacherFile = info.teacherCheckpoint.empty()
                                      ? (fs::path(runDir) / "teacher.ckpt").string()
                                      : info.teacherCheckpoint;
  impl_->teacher =
      loadTeacherFile(teacherFile, config.teacher.arch, t.shape(), int(t.classes.size()),
                      t.images.narrow(0, 0, std::min<int64_t>(2, t.size())), *impl_->pipeline);
  impl_->teacher.logits = inPrecision(impl_->teacher.logits, precision, torch::kCPU);
  useChannelsLast(*impl_->student);  // as trained: oneDNN's fast path
  impl_->student->eval();
  impl_->precision = precision;
  impl_->studentLogits = inPrecision(logitsOf(impl_->student), precision, torch::kCPU);
  const LogitsFn& student = impl_->studentLogits;
  Predictions& d = impl_->data;
  d = predictionsOf(t, t.size(), impl_->teacherTestLogits(runDir),
                    computeLogits(student, t, *impl_->pipeline), config.temperature);
  d.epoch = d.epochs = config.training.epochs;

  const LoadedTeacher& teacher = impl_->teacher;
  d.teacher.name = teacher.name;
  d.teacher.parameters = teacher.parameters;
  d.teacher.macs = teacher.macs > 0 ? teacher.macs : -1;  // unknown for TorchScript
  d.teacher.fileBytes = fileSize(teacherFilePath(teacherFile));
  d.teacher.weightBytes = teacher.net ? weightBytes(teacher.net) : 4 * teacher.parameters;
  const ModelSummary s = summarize(config.student, t.shape(), int(t.classes.size()));
  const std::string exported = (fs::path(runDir) / "student.pt").string();
  d.student.name = config.student.name;
  d.student.parameters = s.parameters;
  d.student.macs = s.macs;
  d.student.fileBytes = fileSize(fs::exists(exported) ? exported : studentFile);
  d.student.weightBytes = weightBytes(impl_->student);
  impl_->measureLatency(config, info.normalization, teacherFile, studentFile);
  impl_->readProbes(runDir, config.training.epochs);
}

RunInspector::~RunInspector() = default;

const Predictions& RunInspector::data() const { return impl_->data; }

const std::vector<Predictions>& RunInspector::probes() const { return impl_->probes; }

const std::string& RunInspector::teacherTrainedOn() const { return impl_->teacherTrainedOn; }

const RunReport& RunInspector::summary() const { return impl_->summary; }

const std::vector<HiddenClassReport>& RunInspector::hiddenClasses() const {
  return impl_->hiddenClasses;
}

const RepresentationReport& RunInspector::representation() {
  if (impl_->representation) return *impl_->representation;
  const Dataset& test = impl_->test;
  RepresentationReport r;
  r.images = test.size();
  r.similarityImages = std::min(kSimilarityImages, test.size());
  const ModelFeatures s =
      testFeatures(impl_->student, test, *impl_->pipeline, impl_->precision, r.similarityImages);
  r.student = retrievalOf(s.embedding, test.labels);
  if (KdNet teacherNet = impl_->teacher.net) {
    r.teacherKnown = true;
    const ModelFeatures t =
        testFeatures(teacherNet, test, *impl_->pipeline, impl_->precision, r.similarityImages);
    r.teacher = retrievalOf(t.embedding, test.labels);
    for (const torch::Tensor& teacherStage : t.stages) {
      std::vector<double>& row = r.layerSimilarity.emplace_back();
      for (const torch::Tensor& studentStage : s.stages)
        row.push_back(linearCka(teacherStage, studentStage));
    }
  }
  impl_->representation = r;
  return *impl_->representation;
}

std::vector<float> RunInspector::gradCam(Role role, int64_t image, int classIndex) {
  if (image < 0 || image >= impl_->data.count)
    throw Error("test image %1 does not exist", {std::to_string(image)});
  KdNet model = role == Role::kStudent ? impl_->student : impl_->teacher.net;
  if (!model) throw Error("Grad-CAM needs a workbench model; this teacher is a TorchScript module");
  torch::Tensor x = impl_->pipeline->prepare(impl_->test.images.narrow(0, image, 1));
  torch::Tensor map = kd::gradCam(model, x, classIndex).to(torch::kFloat).contiguous();
  return {map.data_ptr<float>(), map.data_ptr<float>() + map.numel()};
}

}  // namespace kd
