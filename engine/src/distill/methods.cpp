#include "distill/methods.h"

#include <algorithm>

#include "distill/logit_methods.h"
#include "kd/methods.h"

namespace kd {
namespace {

// The raw answers' KL at the run's T, without a gradient: every method reports it, so runs of
// different methods compare on one figure.
torch::Tensor answersKl(const torch::Tensor& s, const torch::Tensor& t, double temperature) {
  torch::NoGradGuard noGrad;
  return softKl(s, t, temperature);
}

}  // namespace

MethodLoss::MethodLoss() = default;

MethodLoss::MethodLoss(const ExperimentConfig& config)
    : method_(config.method), alpha_(config.alpha), temperature_(config.temperature) {
  for (const MethodSetting& s : methodNamed(method_).settings)
    settings_[s.key] = methodSetting(config, s.key);
}

LossTerms MethodLoss::operator()(const torch::Tensor& s, const torch::Tensor& t,
                                 const torch::Tensor& labels, const torch::Tensor& labelled,
                                 int epoch) const {
  if (method_ == "kd" || !t.defined())
    return distillationLoss(s, t, labels, t.defined() ? alpha_ : 1.0, temperature_, labelled);
  if (method_ == "dkd") return decoupled(s, t, labels, epoch);
  LossTerms out;
  out.ce = labelCrossEntropy(s, labels, labelled);
  out.kl = answersKl(s, t, temperature_);
  if (method_ == "dist") {
    const RelationTerms r = distRelations(s, t, temperature_);
    out.terms = {r.inter, r.intra};
    out.kdScaled = setting("inter_weight") * r.inter + setting("intra_weight") * r.intra;
  } else {  // ls
    const LossTerms kd =
        distillationLoss(standardisedLogits(s), standardisedLogits(t), labels, 0.0, temperature_);
    out.kdScaled = setting("kd_weight") * kd.kdScaled;
  }
  out.total = setting("ce_weight") * out.ce + out.kdScaled;
  return out;
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
