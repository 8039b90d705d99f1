#include "distill/distill_loss.h"

namespace kd {

namespace F = torch::nn::functional;

torch::Tensor labelCrossEntropy(const torch::Tensor& s, const torch::Tensor& labels,
                                const torch::Tensor& labelled) {
  if (!labelled.defined()) return F::cross_entropy(s, labels);
  const torch::Tensor perImage = F::cross_entropy(
      s, labels.clamp_min(0), F::CrossEntropyFuncOptions().reduction(torch::kNone));
  // Each image weighs 1/n in both terms; one without a label has no label term (a mean over
  // the labelled images alone made a few labels outweigh the teacher: docs/results.md).
  return (perImage * labelled.to(perImage.dtype())).sum() / double(s.size(0));
}

torch::Tensor softKl(const torch::Tensor& s, const torch::Tensor& t, double temperature) {
  const torch::Tensor teacherLog = torch::log_softmax(t / temperature, 1);
  const torch::Tensor studentLog = torch::log_softmax(s / temperature, 1);
  return (teacherLog.exp() * (teacherLog - studentLog)).sum(1).mean();
}

LossTerms distillationLoss(const torch::Tensor& s, const torch::Tensor& t,
                           const torch::Tensor& labels, double alpha, double temperature,
                           const torch::Tensor& labelled) {
  LossTerms terms;
  terms.ce = labelCrossEntropy(s, labels, labelled);
  if (!t.defined()) {
    terms.total = terms.ce;
    terms.kdScaled = terms.kl = torch::zeros({}, s.options());
    return terms;
  }
  terms.kl = softKl(s, t, temperature);
  terms.kdScaled = terms.kl * (temperature * temperature);
  terms.total = alpha * terms.ce + (1.0 - alpha) * terms.kdScaled;
  return terms;
}

}  // namespace kd
