#pragma once
// How a training run reports to its caller (the CLI prints, the UI adapter emits queued Qt
// signals) and how the caller steers it. Callbacks arrive on the training thread.
#include <array>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>

#include "kd/predictions.h"
#include "kd/text.h"

namespace kd {

enum class Phase { kTeacher, kStudent };
const char* phaseName(Phase phase);  // in files: "teacher" or "student"
Text phaseWord(Phase phase);         // in sentences for the user

constexpr int64_t kProbeImages = 1000;

constexpr int kMaxMethodTerms = 2;

// Means over the batch. ce: the label term, unweighted. kdScaled: the teacher's part of the
// loss, T^2 KL for kd (which total weighs by 1 - alpha), for any other method its terms as it
// weighs them (total less its weighted ce). kl: KL(teacher_T || student_T) of the raw logits at
// the run's temperature, whatever the method: how far the student's answers are from the
// teacher's. terms: the method's own terms (MethodInfo::terms names them), unweighted.
struct LossValues {
  double total = 0, ce = 0, kdScaled = 0, kl = 0;
  std::array<double, kMaxMethodTerms> terms{};
};

struct BatchProgress {
  Phase phase = Phase::kTeacher;
  int epoch = 0, epochs = 0;  // epoch is 1-based
  int batch = 0, batches = 0;
  LossValues loss;  // mean over the batches since the previous report
  double imagesPerSecond = 0;
  double etaSeconds = 0;  // for the current phase
};

struct EpochMetrics {
  Phase phase = Phase::kTeacher;
  int epoch = 0, epochs = 0;
  LossValues loss;  // mean over the epoch
  double trainAccuracy = 0, testAccuracy = 0;
  double learningRate = 0;
  double seconds = 0;
};

class TrainingObserver {
 public:
  virtual ~TrainingObserver() = default;
  virtual void onMessage(const Text& text) {}
  virtual void onBatch(const BatchProgress& progress) {}
  virtual void onEpoch(const EpochMetrics& metrics) {}
  // The teacher's test accuracy, once it is ready to teach: trained in the run or loaded from a
  // file (which reports no epochs).
  virtual void onTeacherReady(double testAccuracy) {}
  // The student's predictions on the probe set (the first kProbeImages test images) before
  // training (epoch 0) and after each student epoch.
  virtual void onProbe(const Predictions& probe) {}
};

// Thrown between two steps of long work (batches, image files) when the run is cancelled;
// the run ends cleanly.
struct RunCancelled {};

// Pause, resume and cancel from any thread; the trainer checks between batches.
class RunControl {
 public:
  void pause();
  void resume();
  void cancel();
  bool cancelled() const { return cancel_.load(); }
  bool paused() const { return pause_.load(); }
  // Blocks while paused; returns false when the run should stop.
  bool waitWhilePaused();
  // The run is blocked in waitWhilePaused(): everything it reported before pausing has been
  // sent (tests wait for this instead of guessing how long a batch takes).
  bool holding() const { return holding_.load(); }

 private:
  std::atomic<bool> pause_{false};
  std::atomic<bool> cancel_{false};
  std::atomic<bool> holding_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
};

}  // namespace kd
