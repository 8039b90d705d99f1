#include "curves/loss_series.h"

#include <algorithm>
#include <cmath>

namespace kd::ui {

void LossSeries::clear() {
  xs_.clear();
  weights_.clear();
  for (auto& v : values_) v.clear();
  studentStart_ = -1;
}

LossSeries::Values LossSeries::add(double x, const kd::BatchProgress& p, double beta) {
  static_assert(kCount - kTerm1 == kd::kMaxMethodTerms, "a series per method term");
  const Values v = {p.loss.total, p.loss.ce,       p.loss.kdScaled,
                    p.loss.kl,    p.loss.terms[0], p.loss.terms[1]};
  const bool sameEpoch = !xs_.isEmpty() && lastPhase_ == p.phase && lastEpoch_ == p.epoch;
  if (p.phase == kd::Phase::kStudent && studentStart_ < 0) studentStart_ = int(xs_.size());
  xs_.push_back(x);
  weights_.push_back(std::max(1, sameEpoch ? p.batch - lastBatch_ : p.batch));
  lastPhase_ = p.phase;
  lastEpoch_ = p.epoch;
  lastBatch_ = p.batch;
  for (int s = 0; s < kCount; ++s) values_[s].push_back(v[size_t(s)]);
  return advance(int(xs_.size()) - 1, beta);
}

// Extends each average by one point; the result is bias-corrected (divided by 1 - correction_).
LossSeries::Values LossSeries::advance(int point, double beta) {
  if (point == 0 || point == studentStart_) {
    ema_ = {};
    correction_ = 1;
  }
  const double decay = std::pow(beta, weights_[point]);
  for (int s = 0; s < kCount; ++s)
    ema_[size_t(s)] = decay * ema_[size_t(s)] + (1 - decay) * values_[s][point];
  correction_ *= decay;
  Values out;
  for (int s = 0; s < kCount; ++s) out[size_t(s)] = ema_[size_t(s)] / (1 - correction_);
  return out;
}

std::array<QVector<double>, LossSeries::kCount> LossSeries::smoothed(double beta) {
  std::array<QVector<double>, kCount> out;
  for (int i = 0; i < xs_.size(); ++i) {
    const Values v = advance(i, beta);
    for (int s = 0; s < kCount; ++s) out[size_t(s)].push_back(v[size_t(s)]);
  }
  return out;
}

}  // namespace kd::ui
