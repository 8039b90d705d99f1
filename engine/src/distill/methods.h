#pragma once
// The loss of a run's distillation method (kd/methods.h lists them), built once from its
// experiment. The trainer asks it for the batch's loss and knows no method by name.
#include <map>
#include <string>

#include "distill/distill_loss.h"
#include "kd/experiment.h"

namespace kd {

class MethodLoss {
 public:
  // A teacher's own training: the labels' cross-entropy alone.
  MethodLoss();
  // The student's loss in `config`'s method, settings resolved (validate() checked them).
  explicit MethodLoss(const ExperimentConfig& config);

  // With an undefined teacherLogits the loss is the cross-entropy alone. `labelled` as in
  // distillationLoss. `epoch` (1-based) ramps what ramps (dkd's warmup).
  LossTerms operator()(const torch::Tensor& studentLogits, const torch::Tensor& teacherLogits,
                       const torch::Tensor& labels, const torch::Tensor& labelled, int epoch) const;

 private:
  double setting(const char* key) const { return settings_.at(key); }
  LossTerms decoupled(const torch::Tensor& s, const torch::Tensor& t, const torch::Tensor& labels,
                      int epoch) const;

  std::string method_ = "kd";
  double alpha_ = 1, temperature_ = 1;
  std::map<std::string, double> settings_;  // every setting of the method
};

}  // namespace kd
