#include "distill/methods.h"

#include <algorithm>

#include "distill/logit_methods.h"
#include "kd/error.h"
#include "kd/methods.h"

namespace kd {
namespace {

// The raw answers' KL at the run's T, without a gradient: every method reports it, so runs of
// different methods compare on one figure.
torch::Tensor answersKl(const torch::Tensor& s, const torch::Tensor& t, double temperature) {
  torch::NoGradGuard noGrad;
  return softKl(s, t, temperature);
}

Text modelWord(bool student) { return student ? Text("the student") : Text("the teacher"); }

}  // namespace

MethodLoss::MethodLoss() = default;

MethodLoss::MethodLoss(const ExperimentConfig& config, const FeatureShapes* student,
                       const FeatureShapes* teacher, uint64_t seed,
                       const torch::Tensor& transferLabels)
    : method_(config.method), alpha_(config.alpha), temperature_(config.temperature) {
  static const std::map<std::string, Kind> kinds{
      {"kd", Kind::kKd},           {"dkd", Kind::kDkd}, {"dist", Kind::kDist}, {"ls", Kind::kLs},
      {"fitnets", Kind::kFitnets}, {"at", Kind::kAt},   {"rkd", Kind::kRkd},   {"crd", Kind::kCrd}};
  kind_ = kinds.at(methodNamed(method_).name);
  for (const MethodSetting& s : methodNamed(method_).settings)
    settings_[s.key] = methodSetting(config, s.key);
  if (readsFeatures()) planFeatures(student, teacher, seed, transferLabels);
}

// Where a method reads features, both models must have them; fitnets' regressor is sized to
// the stages it joins.
void MethodLoss::planFeatures(const FeatureShapes* student, const FeatureShapes* teacher,
                              uint64_t seed, const torch::Tensor& transferLabels) {
  if (!teacher)
    throw Error(
        "the method %1 reads what the teacher computes inside, which a TorchScript teacher does "
        "not show: choose a method that reads the answers alone (kd, dkd, dist or ls), or a "
        "teacher saved as a workbench checkpoint or a state_dict",
        {method_});
  if (!student) throw Error("the method %1 needs the student's layout", {method_});
  refuseWithoutConvolutions(methodNamed(method_), student->convolutional(),
                            teacher->convolutional());
  const size_t teacherStages = teacher->stages.size();
  teacherStagesRead_.assign(teacherStages, false);
  if (kind_ == Kind::kAt)  // the paired stages, from the deepest down
    for (size_t i = teacherStages - std::min(teacherStages, student->stages.size());
         i < teacherStages; ++i)
      teacherStagesRead_[i] = true;
  if (kind_ == Kind::kCrd) planContrast(*student, *teacher, seed, transferLabels);
  if (kind_ != Kind::kFitnets) return;
  for (const FeatureShapes* f : {student, teacher})
    if (f->stages.empty())
      throw Error("FitNets needs a stage in %1, which has neither a convolution nor a hidden layer",
                  {modelWord(f == student)});
  const int stages = int(student->stages.size());
  const int chosen = int(setting("stage"));
  if (chosen > stages)
    throw Error("fitnets' stage %1 does not exist: the student has %2 stage(s)",
                {std::to_string(chosen), std::to_string(stages)});
  const int stage = chosen > 0 ? chosen : (stages + 1) / 2;
  studentStage_ = stage - 1;
  teacherStage_ = pairedTeacherStage(stage, stages, int(teacherStages)) - 1;
  teacherStagesRead_[size_t(teacherStage_)] = true;
  torch::manual_seed(seed);
  regressor_ =
      state_->register_module("regressor", HintRegressor(student->stages[size_t(studentStage_)],
                                                         teacher->stages[size_t(teacherStage_)]));
}

// RepDistiller's CRD: heads from each embedding to feat_dim values, a bank row per transfer
// image, K = nce_k images contrasted with each (the transfer set's size when smaller).
void MethodLoss::planContrast(const FeatureShapes& student, const FeatureShapes& teacher,
                              uint64_t seed, const torch::Tensor& transferLabels) {
  if (!transferLabels.defined() || transferLabels.numel() < 2)
    throw Error("crd needs a transfer set of at least two images for its memory bank");
  const int64_t images = transferLabels.numel();
  contrastImages_ = std::min(int64_t(setting("nce_k")), images);
  negatives_ = std::make_shared<NegativePools>(transferLabels);
  torch::manual_seed(seed);
  contrast_ = state_->register_module(
      "contrast",
      ContrastMemory(student.embedding, teacher.embedding, images, int64_t(setting("feat_dim"))));
}

torch::Tensor MethodLoss::contrastTerm(const FeaturePair& f, const torch::Tensor& labels) const {
  if (!f.indices.defined() || !f.generator)
    throw Error("crd needs the batch's positions in the transfer set");
  const torch::Tensor contrast =
      negatives_->contrastIndices(f.indices, labels, contrastImages_, *f.generator);
  return contrastiveLoss(contrast_, f.student.embedding, f.teacher.embedding, contrast,
                         {setting("nce_t"), setting("momentum")});
}

void MethodLoss::keepWhatItReads(ModelFeatures& teacher) const {
  for (size_t i = 0; i < teacher.stages.size(); ++i)
    if (i >= teacherStagesRead_.size() || !teacherStagesRead_[i])
      teacher.stages[i] = torch::Tensor();
  if (kind_ != Kind::kRkd && kind_ != Kind::kCrd) teacher.embedding = torch::Tensor();
}

LossTerms MethodLoss::operator()(const torch::Tensor& s, const torch::Tensor& t,
                                 const torch::Tensor& labels, const torch::Tensor& labelled,
                                 int epoch, const FeaturePair* features) const {
  if (kind_ == Kind::kKd || !t.defined())
    return distillationLoss(s, t, labels, t.defined() ? alpha_ : 1.0, temperature_, labelled);
  if (kind_ == Kind::kDkd) return decoupled(s, t, labels, epoch);
  LossTerms out;
  out.ce = labelCrossEntropy(s, labels, labelled);
  out.kl = answersKl(s, t, temperature_);
  if (kind_ == Kind::kDist) {
    const RelationTerms r = distRelations(s, t, temperature_);
    out.terms = {r.inter, r.intra};
    out.kdScaled = setting("inter_weight") * r.inter + setting("intra_weight") * r.intra;
  } else if (kind_ == Kind::kLs) {
    const LossTerms kd =
        distillationLoss(standardisedLogits(s), standardisedLogits(t), labels, 0.0, temperature_);
    out.kdScaled = setting("kd_weight") * kd.kdScaled;
  } else {
    if (!features) throw Error("the method %1 needs both models' features", {method_});
    out.kdScaled = featureTerms(*features, labels, out);
    if (const double w = setting("kd_weight"); w != 0)
      out.kdScaled = out.kdScaled + w * (temperature_ * temperature_) * softKl(s, t, temperature_);
  }
  out.total = setting("ce_weight") * out.ce + out.kdScaled;
  return out;
}

// The feature and relation methods' own terms into out.terms; returns them weighed.
torch::Tensor MethodLoss::featureTerms(const FeaturePair& f, const torch::Tensor& labels,
                                       LossTerms& out) const {
  if (kind_ == Kind::kFitnets) {
    out.terms = {hintLoss(regressor_, f.student.stages.at(size_t(studentStage_)),
                          f.teacher.stages.at(size_t(teacherStage_)))};
    return setting("hint_weight") * out.terms[0];
  }
  if (kind_ == Kind::kAt) {
    out.terms = {attentionTransfer(f.student.stages, f.teacher.stages, setting("p"))};
    return setting("at_weight") * out.terms[0];
  }
  if (kind_ == Kind::kCrd) {
    out.terms = {contrastTerm(f, labels)};
    return setting("crd_weight") * out.terms[0];
  }
  const RelationalTerms r = relationalKd(f.student.embedding, f.teacher.embedding);
  out.terms = {r.distance, r.angle};
  return setting("distance_weight") * r.distance + setting("angle_weight") * r.angle;
}

// mdistiller's DKD: ce_weight CE + min(1, epoch / warmup) (alpha TCKD + beta NCKD).
LossTerms MethodLoss::decoupled(const torch::Tensor& s, const torch::Tensor& t,
                                const torch::Tensor& labels, int epoch) const {
  const bool standardise = setting("standardise") != 0;
  const DecoupledTerms d =
      decoupledKd(standardise ? standardisedLogits(s) : s, standardise ? standardisedLogits(t) : t,
                  labels, temperature_);
  const double warmup = setting("warmup");
  const double ramp = warmup > 0 ? std::min(1.0, double(epoch) / warmup) : 1.0;
  LossTerms out;
  out.ce = labelCrossEntropy(s, labels, {});
  out.kl = answersKl(s, t, temperature_);
  out.terms = {d.tckd, d.nckd};
  out.kdScaled = ramp * (setting("tckd_weight") * d.tckd + setting("nckd_weight") * d.nckd);
  out.total = setting("ce_weight") * out.ce + out.kdScaled;
  return out;
}

}  // namespace kd
