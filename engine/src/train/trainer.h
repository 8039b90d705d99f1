#pragma once
// Runs the epochs of one phase: the teacher (cross-entropy) or the student (distillation).
// Checks pause/cancel every batch, reports progress at a bounded rate, evaluates on the test
// set after each epoch, and hands each finished epoch to the caller (which checkpoints it).
#include <torch/torch.h>

#include <chrono>
#include <functional>
#include <optional>

#include "data/dataset.h"
#include "data/input_pipeline.h"
#include "distill/methods.h"
#include "distributed/gradient_averager.h"
#include "eval/evaluator.h"
#include "kd/experiment.h"
#include "kd/observer.h"
#include "models/model.h"

namespace kd {

struct TrainerSetup {
  Phase phase = Phase::kTeacher;
  TrainConfig training;
  bool augment = false;
  uint64_t seed = 0;
  // A data-parallel run: each rank trains on its shard of every epoch's permutation with
  // batchSize / worldSize images a step, and gradients are averaged over the ranks.
  DataParallel* parallel = nullptr;
  // > 0: every epoch takes this many steps, cycling through seeded permutations of the images
  // (a student of few labels alone, given the steps of one distilled from the whole transfer
  // set); 0: one pass over the images.
  int64_t stepsPerEpoch = 0;
  // Resolved (fp32 or bf16): the model's forward passes, in training and evaluation, autocast
  // to bfloat16 in bf16. A teacher's LogitsFn brings its own (inPrecision, precision.h).
  Precision precision = Precision::kFp32;
  // The loss of each batch: the labels alone for a teacher, the run's method for a student.
  MethodLoss loss;
  // The most the teacher's features of every training image may take when they are cached
  // (setTeacher); over it, the teacher runs on every batch.
  uint64_t featureCacheBytes = uint64_t(1) << 30;
};

// The steps of one pass over `images` in batches of batchSize: a last batch of a single
// image is dropped (it would break batchnorm's training statistics).
int64_t batchesPerEpoch(int64_t images, int64_t batchSize);

class Trainer {
 public:
  Trainer(KdNet model, const TrainerSetup& setup, const InputPipeline& pipeline,
          TrainingObserver& observer, RunControl& control);

  // The student's targets: cached logits of every training image (used when augmentation is
  // off), or the teacher itself, run on each augmented batch. A method that reads features
  // (MethodLoss::readsFeatures) gets them from `teacherNet`: cached for every image with the
  // logits, or run on every batch (augmented images, a data-parallel run, a cache too large).
  void setTeacher(LogitsFn teacher, torch::Tensor cachedTrainLogits, KdNet teacherNet = nullptr);
  torch::optim::Optimizer& optimizer() { return *optimizer_; }
  int64_t steps() const { return steps_; }  // optimisation steps taken by run()

  // One optimisation step on the images at `indices`: prepare, augment, targets, loss, update.
  struct BatchOutcome {
    LossTerms terms;
    torch::Tensor logits, labels;
  };
  BatchOutcome trainBatch(const Dataset& train, const torch::Tensor& indices,
                          at::Generator& generator);

  // Called after each epoch with its metrics and the model's logits on the test set.
  using EpochDone = std::function<void(const EpochMetrics&, const torch::Tensor& testLogits)>;
  // Trains epochs firstEpoch..epochs (1-based). Returns false when cancelled.
  bool run(const Dataset& train, const Dataset& test, int firstEpoch, const EpochDone& epochDone);

 private:
  struct Accumulator;
  double learningRate(int epoch) const;
  bool trainEpoch(const Dataset& train, int epoch, EpochMetrics& metrics);
  torch::Tensor targets(const torch::Tensor& x, const torch::Tensor& indices) const;
  torch::Tensor teacherFeatures(const torch::Tensor& x, ModelFeatures& features);
  void cacheTeacherFeatures(const Dataset& train);
  std::vector<torch::Tensor> trainedTensors();  // the student's parameters and the method's
  void report(Accumulator& window, int epoch, int batch, int batches, int64_t imagesLeft);
  torch::Tensor epochOrder(int64_t n, at::Generator& generator) const;
  int worldSize() const { return setup_.parallel ? setup_.parallel->worldSize() : 1; }

  KdNet model_;
  TrainerSetup setup_;
  const InputPipeline& pipeline_;
  TrainingObserver& observer_;
  RunControl& control_;
  std::unique_ptr<torch::optim::Optimizer> optimizer_;
  std::optional<GradientAverager> averager_;
  LogitsFn teacher_;
  KdNet teacherNet_{nullptr};
  torch::Tensor cachedLogits_;
  std::optional<ModelFeatures> cachedFeatures_;  // of every training image, what the loss reads
  bool partlyLabelled_ = false;                  // some training images carry kUnlabelled
  int epoch_ = 1;  // the epoch being trained, for a loss that ramps over epochs
  std::chrono::steady_clock::time_point phaseStart_;
  int64_t imagesSeen_ = 0;
  int64_t steps_ = 0;
  std::chrono::steady_clock::time_point lastReport_;
};

}  // namespace kd
