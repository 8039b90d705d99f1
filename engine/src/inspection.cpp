#include "kd/inspection.h"

#include <cmath>
#include <filesystem>

#include "checkpoint.h"
#include "dataset.h"
#include "evaluator.h"
#include "grad_cam.h"
#include "input_pipeline.h"
#include "kd/error.h"
#include "kd/experiment.h"
#include "teacher_loader.h"

namespace kd {
namespace {

std::vector<float> flat(const torch::Tensor& t) {
  torch::Tensor c = t.to(torch::kFloat).cpu().contiguous();
  return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

}  // namespace

struct RunInspector::Impl {
  RunInspection data;
  Dataset test;
  std::optional<InputPipeline> pipeline;
  LoadedTeacher teacher;
  KdNet student{nullptr};
};

RunInspector::RunInspector(const std::string& runDir) : impl_(std::make_unique<Impl>()) {
  namespace fs = std::filesystem;
  const std::string studentFile = (fs::path(runDir) / "student.ckpt").string();
  if (!fs::is_regular_file(studentFile))
    throw Error(runDir + " holds no finished run (student.ckpt is missing)");
  CheckpointInfo info;
  impl_->student = loadCheckpointModel(studentFile, &info);
  const ExperimentConfig config = experimentFromJson(info.experimentJson);
  impl_->test = loadDataset(config.data, config.seed).test;
  if (!(impl_->test.shape() == info.input) || impl_->test.classes != info.classes)
    throw Error("the dataset of " + runDir + " has changed since the run");
  impl_->pipeline.emplace(info.normalization, torch::kCPU);
  const std::string teacherFile = info.teacherCheckpoint.empty()
                                      ? (fs::path(runDir) / "teacher.ckpt").string()
                                      : info.teacherCheckpoint;
  const Dataset& t = impl_->test;
  impl_->teacher =
      loadTeacherFile(teacherFile, config.teacher.arch, t.shape(), int(t.classes.size()),
                      t.images.narrow(0, 0, std::min<int64_t>(2, t.size())), *impl_->pipeline);
  impl_->student->eval();
  RunInspection& d = impl_->data;
  d.classes = t.classes;
  d.shape = t.shape();
  d.count = t.size();
  d.temperature = config.temperature;
  torch::Tensor labels = t.labels.to(torch::kInt).contiguous();
  d.labels.assign(labels.data_ptr<int>(), labels.data_ptr<int>() + labels.numel());
  torch::Tensor images = t.images.contiguous();
  d.images.assign(images.data_ptr<uint8_t>(), images.data_ptr<uint8_t>() + images.numel());
  d.teacherLogits = flat(computeLogits(impl_->teacher.logits, t, *impl_->pipeline));
  d.studentLogits = flat(computeLogits(logitsOf(impl_->student), t, *impl_->pipeline));
}

RunInspector::~RunInspector() = default;

const RunInspection& RunInspector::data() const { return impl_->data; }

std::vector<float> RunInspector::gradCam(Role role, int64_t image, int classIndex) {
  if (image < 0 || image >= impl_->data.count)
    throw Error("test image " + std::to_string(image) + " does not exist");
  KdNet model = role == Role::kStudent ? impl_->student : impl_->teacher.net;
  if (!model) throw Error("Grad-CAM needs a workbench model; this teacher is a TorchScript module");
  torch::Tensor x = impl_->pipeline->prepare(impl_->test.images.narrow(0, image, 1));
  return flat(kd::gradCam(model, x, classIndex));
}

std::vector<double> softmax(const float* logits, int classes, double temperature) {
  std::vector<double> p(static_cast<size_t>(classes), 0.0);
  double top = -INFINITY, sum = 0;
  for (int c = 0; c < classes; ++c) top = std::max(top, double(logits[c]) / temperature);
  for (int c = 0; c < classes; ++c)
    sum += p[size_t(c)] = std::exp(double(logits[c]) / temperature - top);
  for (double& v : p) v /= sum;
  return p;
}

double klDivergence(const float* teacherLogits, const float* studentLogits, int classes,
                    double temperature) {
  const std::vector<double> p = softmax(teacherLogits, classes, temperature);
  const std::vector<double> q = softmax(studentLogits, classes, temperature);
  double kl = 0;
  for (int c = 0; c < classes; ++c)
    if (p[size_t(c)] > 0)
      kl += p[size_t(c)] * std::log(p[size_t(c)] / std::max(q[size_t(c)], 1e-300));
  return kl;
}

}  // namespace kd
