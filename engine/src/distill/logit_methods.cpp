#include "distill/logit_methods.h"

#include <limits>

namespace kd {
namespace {

// KL(p || q) of each row from probabilities p and log-probabilities, summed over the classes.
torch::Tensor rowKl(const torch::Tensor& p, const torch::Tensor& logP, const torch::Tensor& logQ) {
  return (p * (logP - logQ)).sum(1);
}

// Pearson correlation of each row of a with the same row of b (mdistiller's eps).
torch::Tensor rowPearson(const torch::Tensor& a, const torch::Tensor& b) {
  const torch::Tensor x = a - a.mean(1, true), y = b - b.mean(1, true);
  return (x * y).sum(1) / (x.norm(2, 1) * y.norm(2, 1) + 1e-8);
}

}  // namespace

DecoupledTerms decoupledKd(const torch::Tensor& s, const torch::Tensor& t,
                           const torch::Tensor& labels, double temperature) {
  const double t2 = temperature * temperature;
  const torch::Tensor target = torch::one_hot(labels, s.size(1)).to(torch::kBool);
  // log (p_y, 1 - p_y), in log space: a confident teacher's 1 - p_y may be 0 in float32.
  const auto logBinary = [&](const torch::Tensor& z) {
    const torch::Tensor logP = torch::log_softmax(z / temperature, 1);
    const torch::Tensor logTarget = logP.masked_select(target).view({-1, 1});
    const torch::Tensor logOthers =
        logP.masked_fill(target, -std::numeric_limits<double>::infinity()).logsumexp(1, true);
    return torch::cat({logTarget, logOthers}, 1);
  };
  const torch::Tensor logBs = logBinary(s), logBt = logBinary(t);
  DecoupledTerms terms;
  terms.tckd = rowKl(logBt.exp(), logBt, logBs).mean() * t2;
  // The target class pushed out of the softmax, as mdistiller does (a -inf would give 0 * inf).
  const torch::Tensor away = target.to(s.dtype()) * 1000.0;
  const torch::Tensor logQt = torch::log_softmax(t / temperature - away, 1);
  const torch::Tensor logQs = torch::log_softmax(s / temperature - away, 1);
  terms.nckd = rowKl(logQt.exp(), logQt, logQs).mean() * t2;
  return terms;
}

RelationTerms distRelations(const torch::Tensor& s, const torch::Tensor& t, double tau) {
  const torch::Tensor ys = torch::softmax(s / tau, 1), yt = torch::softmax(t / tau, 1);
  RelationTerms terms;
  terms.inter = (1 - rowPearson(ys, yt).mean()) * (tau * tau);
  terms.intra = (1 - rowPearson(ys.t(), yt.t()).mean()) * (tau * tau);
  return terms;
}

torch::Tensor standardisedLogits(const torch::Tensor& z) {
  return (z - z.mean(1, true)) / (1e-7 + z.std(1, /*unbiased=*/true, /*keepdim=*/true));
}

}  // namespace kd
