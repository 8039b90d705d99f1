// Images per second of one KD training step on Fashion-MNIST with the pair of
// shared/bench/reference_kd.py (teacher conv 64-128 fc 512, student conv 16-32 fc 128):
//   kd       the teacher runs on every batch (as the reference's --mode kd)
//   cached   the teacher's logits were computed once beforehand (augmentation off)
//   student  cross-entropy only (as the reference's --mode student)
//   teacher-train  the teacher trained with cross-entropy alone
//   teacher-forward  the teacher's inference alone
// --precision bf16 runs every forward pass (both networks) under the engine's autocast, as a run
// with experiment.precision bf16 does. Prints one JSON line per mode, with the arithmetic it
// did (GFLOP/s: 2 x MACs an image, three times over for a trained network's forward and
// backward passes). --method NAME (kd/methods.h, at its defaults) is the student's loss in the
// kd and cached modes. Usage: bench_kd_step [--batches N] [--bs B] [--threads T]
//     [--device cpu|cuda] [--data FASHION_MNIST_DIR] [--precision fp32|bf16] [--mode
//     kd|cached|student|teacher-train|teacher-forward|all] [--method kd|dkd|dist|ls|fitnets|at|rkd]
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "data/dataset.h"
#include "data/input_pipeline.h"
#include "eval/evaluator.h"
#include "kd/methods.h"
#include "models/model.h"
#include "train/precision.h"
#include "train/trainer.h"

using namespace kd;

namespace {

struct Args {
  int batches = 60, batchSize = 128, threads = 2;
  std::string mode = "all";
  std::string method = "kd";
  std::string device = "cpu";
  Precision precision = Precision::kFp32;
  std::string data = "fashion-mnist";  // or fashion-mnist:DIR
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--batches")
      a.batches = std::stoi(value);
    else if (flag == "--bs")
      a.batchSize = std::stoi(value);
    else if (flag == "--threads")
      a.threads = std::stoi(value);
    else if (flag == "--mode")
      a.mode = value;
    else if (flag == "--device")
      a.device = value;
    else if (flag == "--method")
      a.method = methodNamed(value).name;
    else if (flag == "--data")
      a.data = "fashion-mnist:" + value;
    else if (flag == "--precision")
      a.precision = precisionNamed(value, "--precision");
  }
  return a;
}

// Floating-point operations an image: each forward pass 2 x MACs, a trained network's
// backward pass twice its forward.
double flopsPerImage(const std::string& mode, const InputShape& shape) {
  const double teacher = 2.0 * double(summarize(preset("seed-teacher"), shape, 10).macs);
  const double student = 2.0 * double(summarize(preset("seed-student"), shape, 10).macs);
  if (mode == "teacher-forward") return teacher;
  if (mode == "teacher-train") return 3 * teacher;
  return 3 * student + (mode == "kd" ? teacher : 0);
}

void print(const std::string& mode, const Args& a, double seconds, const InputShape& shape) {
  const double images = double(a.batches) * a.batchSize;
  std::printf(
      "{\"mode\": \"%s\", \"method\": \"%s\", \"precision\": \"%s\", \"images_per_s\": %.1f, "
      "\"seconds\": %.3f, \"gflops\": %.2f}\n",
      mode.c_str(), a.method.c_str(), nameOf(a.precision), images / seconds, seconds,
      images * flopsPerImage(mode, shape) / seconds / 1e9);
  std::fflush(stdout);
}

void bench(const std::string& mode, const Args& a, const Dataset& data,
           const InputPipeline& pipeline) {
  torch::manual_seed(0);
  KdNet teacher(preset("seed-teacher"), data.shape(), 10);
  KdNet student = mode == "teacher-train" ? KdNet(preset("seed-teacher"), data.shape(), 10)
                                          : KdNet(preset("seed-student"), data.shape(), 10);
  for (KdNet* m : {&teacher, &student}) {
    (*m)->to(pipeline.device());
    useChannelsLast(**m);
  }
  teacher->eval();
  TrainerSetup setup;
  setup.phase = Phase::kStudent;
  setup.training.learningRate = 0.05;
  setup.training.weightDecay = 0;  // as the reference
  ExperimentConfig method;         // kd: alpha 0.5, T 4, as the reference
  method.method = a.method;
  method.temperature = a.method == "kd" ? 4.0 : methodNamed(a.method).defaultTemperature;
  const FeatureShapes studentShapes = featureShapes(student->arch(), data.shape(), 10),
                      teacherShapes = featureShapes(teacher->arch(), data.shape(), 10);
  // crd's memory bank: a row for each image the bench visits (its transfer set).
  setup.loss = MethodLoss(method, &studentShapes, &teacherShapes, 0, data.labels);
  setup.loss.state().to(pipeline.device());
  setup.precision = a.precision;
  if (mode == "teacher-train") {
    setup.phase = Phase::kTeacher;
    setup.loss = MethodLoss();
  }
  TrainingObserver quiet;
  RunControl control;
  Trainer trainer(student, setup, pipeline, quiet, control);
  const LogitsFn teacherLogits = inPrecision(logitsOf(teacher), a.precision, pipeline.device());
  if (mode == "kd") trainer.setTeacher(teacherLogits, {}, teacher);  // features: every batch
  if (mode == "cached")  // a method that reads features runs the teacher for them all the same
    trainer.setTeacher({}, computeLogits(teacherLogits, data, pipeline), teacher);
  if (mode == "teacher-forward") {
    torch::Tensor x = pipeline.prepare(data.images.narrow(0, 0, a.batchSize));
    torch::InferenceMode inference;
    for (int i = 0; i < 5; ++i) teacherLogits(x);
    teacherLogits(x).sum().item<float>();
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i + 1 < a.batches; ++i) teacherLogits(x);
    teacherLogits(x).sum().item<float>();
    print(mode, a, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
          data.shape());
    return;
  }
  student->train();
  at::Generator generator = at::detail::createCPUGenerator(0);
  std::chrono::steady_clock::time_point start;
  for (int i = 0; i < a.batches + 5; ++i) {
    if (i == 5) start = std::chrono::steady_clock::now();
    torch::Tensor indices =
        torch::arange(int64_t(i) * a.batchSize, int64_t(i + 1) * a.batchSize,
                      torch::TensorOptions(pipeline.device()).dtype(torch::kLong));
    auto out = trainer.trainBatch(data, indices, generator);
    if (i % 20 == 0 || i == a.batches + 4) out.terms.total.item<double>();  // also waits for CUDA
  }
  print(mode, a, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
        data.shape());
}

}  // namespace

int main(int argc, char** argv) {
  Args a = parse(argc, argv);
  torch::set_num_threads(a.threads);
  DataConfig source;
  source.source = a.data;
  Dataset train = loadDataset(source, 0).train;
  // The batches the reference visits: consecutive slices of one random permutation.
  auto generator = at::detail::createCPUGenerator(0);
  torch::Tensor perm = torch::randperm(train.size(), generator, torch::kLong);
  Dataset data = train.select(perm.narrow(0, 0, int64_t(a.batches + 5) * a.batchSize));
  const torch::Device device(a.device);
  data.images = data.images.to(device);
  data.labels = data.labels.to(device);
  InputPipeline pipeline({torch::tensor({0.2860f}), torch::tensor({0.3530f})}, device);
  for (const std::string mode : {"kd", "cached", "student", "teacher-train", "teacher-forward"})
    if (a.mode == "all" || a.mode == mode) bench(mode, a, data, pipeline);
  return 0;
}
