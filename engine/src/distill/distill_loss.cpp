#include "distill/distill_loss.h"

namespace kd {

LossTerms distillationLoss(const torch::Tensor& s, const torch::Tensor& t,
                           const torch::Tensor& labels, double alpha, double temperature) {
  LossTerms terms;
  terms.ce = torch::nn::functional::cross_entropy(s, labels);
  if (!t.defined()) {
    terms.total = terms.ce;
    terms.kdScaled = terms.kl = torch::zeros({}, s.options());
    return terms;
  }
  torch::Tensor teacherLog = torch::log_softmax(t / temperature, 1);
  torch::Tensor studentLog = torch::log_softmax(s / temperature, 1);
  terms.kl = (teacherLog.exp() * (teacherLog - studentLog)).sum(1).mean();
  terms.kdScaled = terms.kl * (temperature * temperature);
  terms.total = alpha * terms.ce + (1.0 - alpha) * terms.kdScaled;
  return terms;
}

}  // namespace kd
