#pragma once
// The distillation methods a run can choose (distillation.method): what each copies from the
// teacher, its settings (key, range, default), the loss terms it reports by name and what it
// needs of the two models besides their answers. The losses are in
// engine/src/distill/methods.cpp; docs/experiments.md, "Methods", for users.
#include <string>
#include <vector>

#include "kd/text.h"

namespace kd {

struct ExperimentConfig;

struct MethodSetting {
  std::string key;  // in distillation.settings and kdtrain's --method-setting KEY=VALUE
  double minimum = 0, maximum = 0, defaultValue = 0;
  bool whole = false;  // a count (epochs) or a switch (0 or 1)
  Text tooltip;        // one sentence for the window and --help
};

// What a method reads of both models beyond their logits (kd/arch_spec.h, FeatureShapes).
enum class MethodFeatures {
  kLogits,      // the answers alone
  kStage,       // one stage's output: a convolution stage or an MLP's hidden layer (fitnets)
  kConvStages,  // the convolution stages' activations (at)
  kEmbedding,   // the classifier's input (rkd, crd)
};

struct MethodInfo {
  std::string name;  // kd, dkd, dist, ls, fitnets, at, rkd, crd
  Text title;        // "Decoupled KD"
  Text copies;       // one sentence: what the student copies from the teacher
  std::vector<MethodSetting> settings;
  // The method's own loss terms, by name, as metrics.csv and summary.json write them; their
  // values are LossValues::terms, in this order. kd reports none beyond ce and kd.
  std::vector<std::string> terms;
  bool usesAlpha = false;         // distillation.alpha weighs the labels against the teacher
  double defaultTemperature = 4;  // the reference implementation's T (tau for dist)
  bool needsEveryLabel = false;   // a target class for every image (dkd decouples it)
  MethodFeatures features = MethodFeatures::kLogits;
  // Trainable parts of its own (fitnets' regressor, crd's heads and memory bank), trained with
  // the student and kept in its checkpoints.
  bool trainsState = false;
};

// kd first: the default, and the baseline's method (alpha 1).
const std::vector<MethodInfo>& distillationMethods();
// Throws kd::Error naming the methods there are.
const MethodInfo& methodNamed(const std::string& name);
// The setting `key` of `method`; throws kd::Error naming the method's settings.
const MethodSetting& methodSettingNamed(const MethodInfo& method, const std::string& key);

// Whether `method` reads features that only a workbench network gives (not a TorchScript file).
inline bool needsFeatures(const MethodInfo& method) {
  return method.features != MethodFeatures::kLogits;
}

// Whether the run's temperature shapes its loss: always, but for a method with a kd_weight
// setting (Hinton's term added to its own), where it acts through that term alone.
bool temperatureActs(const ExperimentConfig& config);

// Throws kd::Error, naming the model, when `method` compares convolution stages (at) and the
// student or the teacher has no convolution layer.
void refuseWithoutConvolutions(const MethodInfo& method, bool studentConvolutional,
                               bool teacherConvolutional);

// "alpha 0.5, T 4" for kd; "dkd: ce_weight 1, tckd_weight 1, ..., T 4" for another method:
// the settings that shape the run's loss, for the dry run, the run card and the window.
std::string methodSummary(const ExperimentConfig& config);

}  // namespace kd
