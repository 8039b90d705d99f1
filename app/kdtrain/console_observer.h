#pragma once
// Prints training progress to stderr at a readable rate: a line every few seconds, one per
// finished epoch, and in a sweep one per run started and per point finished.
#include <chrono>

#include "kd/sweep.h"

namespace kd::cli {

class ConsoleObserver : public SweepObserver {
 public:
  void onMessage(const Text& text) override;
  void onBatch(const BatchProgress& p) override;
  void onEpoch(const EpochMetrics& m) override;
  void onRunStarting(const SweepProgress& p) override;
  void onPointFinished(const PointResult& result, const SweepResults&) override;

 private:
  std::chrono::steady_clock::time_point lastLine_{};
};

}  // namespace kd::cli
