#pragma once
// The loss of a run's distillation method (kd/methods.h lists them), built once from its
// experiment. The trainer asks it for the batch's loss and its trainable state, and knows no
// method by name.
#include <map>
#include <memory>
#include <string>

#include "distill/contrastive.h"
#include "distill/distill_loss.h"
#include "distill/feature_methods.h"
#include "kd/arch_spec.h"
#include "kd/experiment.h"
#include "models/model.h"

namespace kd {

// The two models' features of one batch, for a method that reads them (MethodInfo::features),
// with the batch's positions in the transfer set and the generator that draws its contrasting
// images (crd).
struct FeaturePair {
  ModelFeatures student, teacher;
  torch::Tensor indices;
  at::Generator* generator = nullptr;
};

class MethodLoss {
 public:
  // A teacher's own training: the labels' cross-entropy alone.
  MethodLoss();
  // The student's loss in `config`'s method, settings resolved (validate() checked them). A
  // method that reads features takes both models' FeatureShapes: they choose its stages and
  // size its trainable state, initialised from `seed`. A null `teacher` is a teacher of unknown
  // layout (a TorchScript file). crd keeps a memory row per transfer image and contrasts each
  // image with images of other classes: `transferLabels` are the transfer set's labels (-1
  // where an image has none). Throws kd::Error, naming what is missing, when a model lacks
  // what the method reads.
  explicit MethodLoss(const ExperimentConfig& config, const FeatureShapes* student = nullptr,
                      const FeatureShapes* teacher = nullptr, uint64_t seed = 0,
                      const torch::Tensor& transferLabels = {});

  // The forward passes must hand out ModelFeatures (operator()'s `features`).
  bool readsFeatures() const { return kind_ >= Kind::kFitnets; }
  // The method's own trainable state (fitnets' regressor, crd's heads and memory bank; empty
  // for the others): the optimiser steps its parameters with the student's, and checkpoints
  // keep its parameters and buffers.
  torch::nn::Module& state() const { return *state_; }
  // Drops the teacher's features the loss does not read (a cache of them keeps the rest).
  void keepWhatItReads(ModelFeatures& teacher) const;

  // With an undefined teacherLogits the loss is the cross-entropy alone. `labelled` as in
  // distillationLoss. `epoch` (1-based) ramps what ramps (dkd's warmup). `features`: both
  // models' features of the batch, for a method that readsFeatures().
  LossTerms operator()(const torch::Tensor& studentLogits, const torch::Tensor& teacherLogits,
                       const torch::Tensor& labels, const torch::Tensor& labelled, int epoch,
                       const FeaturePair* features = nullptr) const;

 private:
  enum class Kind { kKd, kDkd, kDist, kLs, kFitnets, kAt, kRkd, kCrd };
  double setting(const char* key) const { return settings_.at(key); }
  void planFeatures(const FeatureShapes* student, const FeatureShapes* teacher, uint64_t seed,
                    const torch::Tensor& transferLabels);
  void planContrast(const FeatureShapes& student, const FeatureShapes& teacher, uint64_t seed,
                    const torch::Tensor& transferLabels);
  torch::Tensor contrastTerm(const FeaturePair& f, const torch::Tensor& labels) const;
  LossTerms decoupled(const torch::Tensor& s, const torch::Tensor& t, const torch::Tensor& labels,
                      int epoch) const;
  torch::Tensor featureTerms(const FeaturePair& f, const torch::Tensor& labels,
                             LossTerms& out) const;

  std::string method_ = "kd";
  Kind kind_ = Kind::kKd;
  double alpha_ = 1, temperature_ = 1;
  std::map<std::string, double> settings_;   // every setting of the method
  int studentStage_ = 0, teacherStage_ = 0;  // fitnets' hint stages, 0-based
  std::vector<bool> teacherStagesRead_;
  std::shared_ptr<torch::nn::Module> state_ = std::make_shared<torch::nn::Module>();
  HintRegressor regressor_{nullptr};
  ContrastMemory contrast_{nullptr};
  std::shared_ptr<NegativePools> negatives_;
  int64_t contrastImages_ = 0;  // crd's K
};

}  // namespace kd
