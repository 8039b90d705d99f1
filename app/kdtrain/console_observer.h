#pragma once
// Prints training progress to stderr at a readable rate: a line every few seconds and one
// per finished epoch.
#include <chrono>

#include "kd/observer.h"

namespace kd::cli {

class ConsoleObserver : public TrainingObserver {
 public:
  void onMessage(const std::string& text) override;
  void onBatch(const BatchProgress& p) override;
  void onEpoch(const EpochMetrics& m) override;

 private:
  std::chrono::steady_clock::time_point lastLine_{};
};

}  // namespace kd::cli
