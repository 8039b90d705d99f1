#include "kd/inspection.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>

#include "data/dataset.h"
#include "data/input_pipeline.h"
#include "eval/evaluator.h"
#include "eval/feature_passes.h"
#include "eval/grad_cam.h"
#include "eval/projection.h"
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

torch::Tensor unitRows(const torch::Tensor& x) {
  return torch::nn::functional::normalize(x, torch::nn::functional::NormalizeFuncOptions().dim(1));
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
  std::string runDir;
  KdNet baseline{nullptr};  // baseline/student.ckpt, once the run folder holds it
  // Embeddings of every test image by model, and the predictions of the baseline (the
  // others' are in `data`), kept once computed; the mutex guards them against two threads.
  std::mutex featuresMutex;
  std::map<InspectedModel, torch::Tensor> embeddings, unitEmbeddings;
  std::vector<int> baselinePredictions;
  // The student's embedding of the probe set by recorded epoch (probe/epoch-NNN.embedding.f32),
  // for the epochs whose predictions were read too.
  std::vector<std::pair<int, torch::Tensor>> probeEmbeddings;
  const Predictions& probeOfEpoch(int epoch) const;

  KdNet net(InspectedModel model) const;
  const torch::Tensor& embedding(InspectedModel model);  // featuresMutex held
  void loadBaseline();                                   // featuresMutex held
  RunRepresentation baselineRepresentation() const;      // as its summary.json recorded it
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
    const int64_t width = embeddings.at(InspectedModel::kStudent).size(1);
    std::vector<float> embedding =
        readLogits(probeEmbeddingFile(runDir, epoch), size_t(head.count * width));
    if (!embedding.empty())  // an older run, or a damaged file: no replay of that epoch
      probeEmbeddings.emplace_back(epoch,
                                   torch::from_blob(embedding.data(), {head.count, width}).clone());
  }
}

const Predictions& RunInspector::Impl::probeOfEpoch(int epoch) const {
  for (const Predictions& p : probes)
    if (p.epoch == epoch) return p;
  throw Error("the run recorded no epoch %1", {std::to_string(epoch)});
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
  Predictions& d = impl_->data;
  const LogitsAndEmbedding studentPass =
      logitsAndEmbedding(impl_->student, t, *impl_->pipeline, precision);
  impl_->embeddings[InspectedModel::kStudent] = studentPass.embedding;
  d = predictionsOf(t, t.size(), impl_->teacherTestLogits(runDir), studentPass.logits,
                    config.temperature);
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
  impl_->runDir = runDir;
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
  {
    std::lock_guard<std::mutex> lock(impl_->featuresMutex);
    impl_->loadBaseline();
    const auto& known = impl_->representation;
    if (known && (known->baselineKnown || !impl_->baseline)) return *known;
  }
  // The embeddings are computed once, under the lock; the figures without it, so that maps
  // and nearest images asked for meanwhile need not wait for them.
  const auto embeddingOf = [this](InspectedModel model) {
    std::lock_guard<std::mutex> lock(impl_->featuresMutex);
    return impl_->embedding(model);
  };
  // What the run recorded in summary.json at its end (and the baseline in its own) is read, not
  // computed again; a run written before then has its figures computed here.
  const Dataset& test = impl_->test;
  const RunRepresentation& recorded = impl_->summary.representation;
  const RunRepresentation recordedBaseline = impl_->baselineRepresentation();
  const auto retrievalOf = [&](InspectedModel model) {
    return sameClassRetrieval(embeddingOf(model), test.labels);
  };
  const auto gramsOf = [&](KdNet net) {
    return stageGrams(net, test, *impl_->pipeline, impl_->precision, kCkaImages);
  };
  RepresentationReport r;
  r.images = test.size();
  r.similarityImages = std::min(kCkaImages, test.size());
  const KdNet teacherNet = impl_->teacher.net, baseline = impl_->baseline;
  r.student = recorded.known ? recorded.student : retrievalOf(InspectedModel::kStudent);
  r.baselineKnown = bool(baseline);
  if (r.baselineKnown)
    r.baseline =
        recordedBaseline.known ? recordedBaseline.student : retrievalOf(InspectedModel::kBaseline);
  if (teacherNet) {
    r.teacherKnown = true;
    r.teacher = recorded.teacher ? *recorded.teacher : retrievalOf(InspectedModel::kTeacher);
    std::vector<torch::Tensor> teacherGrams;
    if (!recorded.teacher || r.baselineKnown) teacherGrams = gramsOf(teacherNet);
    r.layerSimilarity = recorded.teacher ? recorded.layerSimilarity
                                         : ckaTable(teacherGrams, gramsOf(impl_->student));
    if (r.baselineKnown) r.baselineSimilarity = ckaTable(teacherGrams, gramsOf(baseline));
  }
  std::lock_guard<std::mutex> lock(impl_->featuresMutex);
  impl_->representation = r;
  return *impl_->representation;
}

const char* modelName(InspectedModel model) {
  switch (model) {
    case InspectedModel::kTeacher:
      return "teacher";
    case InspectedModel::kStudent:
      return "student";
    case InspectedModel::kBaseline:
      return "baseline";
  }
  return "";
}

KdNet RunInspector::Impl::net(InspectedModel model) const {
  switch (model) {
    case InspectedModel::kTeacher:
      return teacher.net;
    case InspectedModel::kStudent:
      return student;
    case InspectedModel::kBaseline:
      return baseline;
  }
  return KdNet(nullptr);
}

const torch::Tensor& RunInspector::Impl::embedding(InspectedModel model) {
  auto known = embeddings.find(model);
  if (known != embeddings.end()) return known->second;
  if (model == InspectedModel::kBaseline) loadBaseline();
  KdNet n = net(model);
  if (!n)
    throw Error("this run has no %1 whose features can be read", {std::string(modelName(model))});
  const LogitsAndEmbedding pass = logitsAndEmbedding(n, test, *pipeline, precision);
  if (model == InspectedModel::kBaseline) {
    const torch::Tensor top = pass.logits.argmax(1).to(torch::kInt).contiguous();
    baselinePredictions.assign(top.data_ptr<int>(), top.data_ptr<int>() + top.numel());
  }
  return embeddings[model] = pass.embedding;
}

// A window run's no-KD baseline, trained beside it on the same data (after the run: looked for
// on each request until found), when it answers on this test set; one that does not is left
// out, not an error.
void RunInspector::Impl::loadBaseline() {
  const fs::path file = fs::path(runDir) / "baseline" / "student.ckpt";
  if (baseline || !fs::is_regular_file(file)) return;
  CheckpointInfo info;
  KdNet b = loadCheckpointModel(file.string(), &info);
  if (!(info.input == test.shape()) || info.classes != test.classes) return;
  useChannelsLast(*b);
  b->eval();
  baseline = b;
}

// Unknown when the baseline wrote no summary, an older one, or one that cannot be read (its
// figures are then computed).
RunRepresentation RunInspector::Impl::baselineRepresentation() const {
  const fs::path file = fs::path(runDir) / "baseline" / "summary.json";
  if (!fs::is_regular_file(file)) return {};
  try {
    return readSummary(file.string()).representation;
  } catch (const Error&) {
    return {};
  }
}

std::vector<InspectedModel> RunInspector::embeddedModels() const {
  std::lock_guard<std::mutex> lock(impl_->featuresMutex);
  impl_->loadBaseline();
  std::vector<InspectedModel> models;
  if (impl_->teacher.net) models.push_back(InspectedModel::kTeacher);
  models.push_back(InspectedModel::kStudent);
  if (impl_->baseline) models.push_back(InspectedModel::kBaseline);
  return models;
}

namespace {

// `images` test positions drawn by `seed`, ascending; all of them for 0 or too many.
std::vector<int64_t> mapImages(int64_t available, int64_t images, uint64_t seed) {
  torch::Tensor chosen = torch::arange(available);
  if (images > 0 && images < available) {
    auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    chosen = std::get<0>(torch::randperm(available, generator).narrow(0, 0, images).sort());
  }
  chosen = chosen.to(torch::kLong).contiguous();
  return {chosen.data_ptr<int64_t>(), chosen.data_ptr<int64_t>() + chosen.numel()};
}

}  // namespace

namespace {

void setPoints(EmbeddingMap& map, const torch::Tensor& xy) {
  const torch::Tensor x = xy.select(1, 0).contiguous(), y = xy.select(1, 1).contiguous();
  map.x.assign(x.data_ptr<float>(), x.data_ptr<float>() + x.numel());
  map.y.assign(y.data_ptr<float>(), y.data_ptr<float>() + y.numel());
}

}  // namespace

EmbeddingMaps RunInspector::embeddingMaps(const EmbeddingMapRequest& request,
                                          const std::function<bool(int, int)>& step) {
  const std::vector<InspectedModel> models = embeddedModels();
  const std::vector<std::pair<int, torch::Tensor>>& epochs =
      request.studentEpochs ? impl_->probeEmbeddings : std::vector<std::pair<int, torch::Tensor>>{};
  EmbeddingMaps result;
  result.images = request.studentEpochs
                      ? mapImages(std::min(kProbeImages, impl_->test.size()), 0, 0)
                      : mapImages(impl_->test.size(), request.images, request.seed);
  const torch::Tensor rows = torch::tensor(result.images, torch::kLong);
  const int64_t n = int64_t(result.images.size());
  if (request.projection == MapProjection::kTsne && n < 4)
    throw Error("a t-SNE map needs at least 4 images; this one has %1", {std::to_string(n)});
  TsneOptions options;  // perplexity 30, or a third of the neighbours a small set has
  options.perplexity = std::min(options.perplexity, double(n - 1) / 3);
  const int perMap = request.projection == MapProjection::kTsne ? options.iterations : 1;
  const int total = perMap * int(models.size() + epochs.size());
  int maps = 0;  // done
  // One map, counted in the progress; stopping throws RunCancelled.
  const auto project = [&](const torch::Tensor& features) {
    const int before = perMap * maps++;
    bool stopped = false;
    torch::Tensor xy = request.projection == MapProjection::kPca
                           ? principalComponents(features, 2)
                           : tsne(features, options, [&](int done, int) {
                               stopped = step && !step(before + done, total);
                               return !stopped;
                             });
    if (stopped || (step && request.projection == MapProjection::kPca && !step(before + 1, total)))
      throw RunCancelled{};
    return xy;
  };
  torch::Tensor reference, studentMap;
  for (InspectedModel model : models) {
    torch::Tensor features;
    EmbeddingMap& map = result.maps.emplace_back();
    map.model = model;
    {
      std::lock_guard<std::mutex> lock(impl_->featuresMutex);
      features = impl_->embedding(model).index_select(0, rows);
      for (int64_t i : result.images)
        map.predictions.push_back(
            model == InspectedModel::kBaseline
                ? impl_->baselinePredictions[size_t(i)]
                : impl_->data.topClass(
                      model == InspectedModel::kTeacher ? Role::kTeacher : Role::kStudent, i));
    }
    torch::Tensor xy = project(features);
    xy = reference.defined() ? procrustesAligned(reference, xy) : xy;
    if (!reference.defined()) reference = xy;
    if (model == InspectedModel::kStudent) studentMap = xy;
    setPoints(map, xy);
  }
  // The student's epochs, each turned onto its final map, so that its clusters move in place.
  for (size_t e = 0; e < epochs.size(); ++e) {
    EmbeddingMap& map = result.studentEpochs.emplace_back();
    const Predictions& probe = impl_->probeOfEpoch(epochs[e].first);
    for (int64_t i : result.images) map.predictions.push_back(probe.topClass(Role::kStudent, i));
    setPoints(map, procrustesAligned(studentMap, project(epochs[e].second)));
    result.epochs.push_back(epochs[e].first);
  }
  for (int64_t i : result.images) result.labels.push_back(impl_->data.labels[size_t(i)]);
  return result;
}

std::vector<AttentionMap> RunInspector::attentionMaps(InspectedModel model, int64_t image) {
  if (image < 0 || image >= impl_->data.count)
    throw Error("test image %1 does not exist", {std::to_string(image)});
  KdNet net{nullptr};
  {
    std::lock_guard<std::mutex> lock(impl_->featuresMutex);
    if (model == InspectedModel::kBaseline) impl_->loadBaseline();
    net = impl_->net(model);
  }
  if (!net)
    throw Error("this run has no %1 whose features can be read", {std::string(modelName(model))});
  ModelFeatures f;
  {
    torch::InferenceMode inference;
    net->forward(impl_->pipeline->prepare(impl_->test.images.narrow(0, image, 1)), &f);
  }
  std::vector<AttentionMap> maps;
  for (const torch::Tensor& stage : f.stages) {
    if (stage.dim() != 4) continue;  // an MLP's hidden layer: no place in the image
    torch::Tensor a = stage[0].to(torch::kFloat).pow(2).mean(0);
    a = (a - a.min()) / (a.max() - a.min()).clamp_min(1e-12);
    a = a.contiguous();
    AttentionMap& m = maps.emplace_back();
    m.height = int(a.size(0));
    m.width = int(a.size(1));
    m.values.assign(a.data_ptr<float>(), a.data_ptr<float>() + a.numel());
  }
  return maps;
}

void writeEmbeddingMapsCsv(const EmbeddingMaps& maps, const std::string& path) {
  std::ostringstream csv;
  csv << "model,index,x,y,label,prediction\n";
  csv.precision(7);
  for (const EmbeddingMap& map : maps.maps)
    for (size_t i = 0; i < maps.images.size(); ++i)
      csv << modelName(map.model) << ',' << maps.images[i] << ',' << map.x[i] << ',' << map.y[i]
          << ',' << maps.labels[i] << ',' << map.predictions[i] << '\n';
  writeFileAtomically(path, csv.str());
}

std::vector<int64_t> RunInspector::nearestImages(InspectedModel model, int64_t image, int k) {
  if (image < 0 || image >= impl_->data.count)
    throw Error("test image %1 does not exist", {std::to_string(image)});
  std::lock_guard<std::mutex> lock(impl_->featuresMutex);
  auto unit = impl_->unitEmbeddings.find(model);
  if (unit == impl_->unitEmbeddings.end())
    unit = impl_->unitEmbeddings.emplace(model, unitRows(impl_->embedding(model))).first;
  return nearestRows(unit->second, image, k);
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
