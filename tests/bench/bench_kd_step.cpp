// Images per second of one KD training step on Fashion-MNIST with the pair of
// shared/bench/reference_kd.py (teacher conv 64-128 fc 512, student conv 16-32 fc 128):
//   kd       the teacher runs on every batch (as the reference's --mode kd)
//   cached   the teacher's logits were computed once beforehand (augmentation off)
//   student  cross-entropy only (as the reference's --mode student)
//   kd-bf16  as kd, with the teacher's forward pass in bfloat16
//   teacher-forward  the teacher's inference alone
// Prints one JSON line per mode. Usage: bench_kd_step [--batches N] [--bs B] [--threads T]
//     [--device cpu|cuda] [--data FASHION_MNIST_DIR] [--mode
//     kd|cached|student|kd-bf16|teacher-forward|all]
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "data/dataset.h"
#include "eval/evaluator.h"
#include "data/input_pipeline.h"
#include "models/model.h"
#include "train/trainer.h"

using namespace kd;

namespace {

struct Args {
  int batches = 60, batchSize = 128, threads = 2;
  std::string mode = "all";
  std::string device = "cpu";
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
    else if (flag == "--data")
      a.data = "fashion-mnist:" + value;
  }
  return a;
}

LogitsFn bf16(KdNet teacher) {
  teacher->to(torch::kBFloat16);
  return [teacher](const torch::Tensor& x) mutable {
    return teacher->forward(x.to(torch::kBFloat16)).to(torch::kFloat);
  };
}

void bench(const std::string& mode, const Args& a, const Dataset& data,
           const InputPipeline& pipeline) {
  torch::manual_seed(0);
  KdNet teacher(preset("seed-teacher"), data.shape(), 10);
  KdNet student(preset("seed-student"), data.shape(), 10);
  for (KdNet* m : {&teacher, &student}) {
    (*m)->to(pipeline.device());
    useChannelsLast(**m);
  }
  teacher->eval();
  TrainerSetup setup;
  setup.phase = Phase::kStudent;
  setup.training.learningRate = 0.05;
  setup.training.weightDecay = 0;  // as the reference
  setup.alpha = 0.5;
  setup.temperature = 4.0;
  TrainingObserver quiet;
  RunControl control;
  Trainer trainer(student, setup, pipeline, quiet, control);
  if (mode == "kd") trainer.setTeacher(logitsOf(teacher), {});
  if (mode == "kd-bf16") trainer.setTeacher(bf16(teacher), {});
  if (mode == "cached") trainer.setTeacher({}, computeLogits(logitsOf(teacher), data, pipeline));
  if (mode == "teacher-forward") {
    torch::Tensor x = pipeline.prepare(data.images.narrow(0, 0, a.batchSize));
    torch::InferenceMode inference;
    for (int i = 0; i < 5; ++i) teacher->forward(x);
    teacher->forward(x).sum().item<float>();
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i + 1 < a.batches; ++i) teacher->forward(x);
    teacher->forward(x).sum().item<float>();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("{\"mode\": \"%s\", \"images_per_s\": %.1f, \"seconds\": %.3f}\n", mode.c_str(),
                a.batches * a.batchSize / s, s);
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
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"mode\": \"%s\", \"images_per_s\": %.1f, \"seconds\": %.3f}\n", mode.c_str(),
              a.batches * a.batchSize / seconds, seconds);
  std::fflush(stdout);
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
  for (const std::string mode : {"kd", "cached", "student", "kd-bf16", "teacher-forward"})
    if (a.mode == "all" || a.mode == mode) bench(mode, a, data, pipeline);
  return 0;
}
