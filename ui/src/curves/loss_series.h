#pragma once
// The per-batch loss components of a run as progress reports them, and their bias-corrected
// moving averages, without widgets (CurvesWidget draws them). Each average decays per batch,
// not per report, so the smoothing does not depend on how often progress arrives (the
// machine's speed); it restarts with the student, whose losses are other quantities.
#include <QVector>
#include <array>

#include "kd/observer.h"

namespace kd::ui {

class LossSeries {
 public:
  // kKd: the teacher's part of the loss; kTerm1, kTerm2: the method's own terms
  // (kd::LossValues::terms), zero for a method with fewer.
  enum Series { kTotal, kCe, kKd, kKl, kTerm1, kTerm2, kCount };
  using Values = std::array<double, kCount>;

  void clear();
  // A progress report at epoch position x; returns the smoothed values at that point with
  // decay beta per batch (the same beta as the points before, else call smoothed()).
  Values add(double x, const kd::BatchProgress& p, double beta);
  int size() const { return int(xs_.size()); }
  const QVector<double>& xs() const { return xs_; }
  const QVector<double>& values(Series s) const { return values_[s]; }
  // Every point's smoothed values with decay beta per batch, recomputed from the start.
  std::array<QVector<double>, kCount> smoothed(double beta);

 private:
  Values advance(int point, double beta);

  QVector<double> xs_;
  QVector<double> values_[kCount];
  QVector<int> weights_;   // batches each point averages
  int studentStart_ = -1;  // index of the first student point: the averages restart there
  kd::Phase lastPhase_ = kd::Phase::kTeacher;
  int lastEpoch_ = 0, lastBatch_ = 0;
  Values ema_ = {};
  double correction_ = 1;
};

}  // namespace kd::ui
