// How long Stop takes to end a run, by the phase it is pressed in: teacher training, the
// teacher's test evaluation, logit caching, student training, the student's evaluation.
// Usage: bench_stop_latency [TRIALS] [LIMIT_TRAIN]; cancels each trial at a seeded random
// moment of a run (seed-teacher -> seed-student on Fashion-MNIST, 2 threads) and prints the
// latency from RunControl::cancel() to the run's return, per phase: count, median, max.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "kd/experiment_runner.h"

namespace {

using Clock = std::chrono::steady_clock;

// Tracks the phase from the observer's callbacks (they arrive on the training thread).
class PhaseTracker : public kd::TrainingObserver {
 public:
  std::string phase() {
    std::lock_guard<std::mutex> lock(mutex_);
    return phase_;
  }
  void onMessage(const kd::Text& message) override {
    const std::string text = message.english();
    if (text.rfind("training the teacher", 0) == 0) set("teacher training");
    if (text.rfind("teacher: ", 0) == 0) set("teacher test evaluation");
    if (text.rfind("caching the teacher", 0) == 0) set("teacher logit caching");
    if (text.rfind("distilling", 0) == 0) set("student probe (epoch 0)");
  }
  void onBatch(const kd::BatchProgress& p) override {
    const std::string who = kd::phaseName(p.phase);
    set(p.batch == p.batches ? who + " test evaluation" : who + " training");
  }
  void onEpoch(const kd::EpochMetrics& m) override {
    set(std::string(kd::phaseName(m.phase)) + " checkpoint and next epoch");
  }

 private:
  void set(const std::string& p) {
    std::lock_guard<std::mutex> lock(mutex_);
    phase_ = p;
  }
  std::mutex mutex_;
  std::string phase_ = "loading data";
};

double runUntilCancelled(const kd::ExperimentConfig& c, double cancelAfter, std::string& phase) {
  PhaseTracker tracker;
  kd::RunControl control;
  std::atomic<bool> done{false};
  Clock::time_point cancelled;
  std::thread worker([&] {
    kd::runExperiment(c, kd::RunOptions{}, tracker, control);
    done = true;
  });
  const auto start = Clock::now();
  while (!done && std::chrono::duration<double>(Clock::now() - start).count() < cancelAfter)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  phase = done ? "finished before the stop" : tracker.phase();
  cancelled = Clock::now();
  control.cancel();
  worker.join();
  return std::chrono::duration<double>(Clock::now() - cancelled).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int trials = argc > 1 ? std::stoi(argv[1]) : 30;
  kd::ExperimentConfig c = kd::defaultExperiment();
  c.data.limitTrain = argc > 2 ? std::stoi(argv[2]) : 6000;
  c.teacher.file.clear();  // stops land in teacher training, too
  c.teacher.arch = kd::preset("seed-teacher");
  c.teacher.training.epochs = 1;
  c.training.epochs = 2;
  c.threads = 2;
  c.device = "cpu";
  std::string phase;
  std::mt19937 random(7);
  std::map<std::string, std::vector<double>> latencies;
  const auto start = Clock::now();
  {
    PhaseTracker quiet;
    kd::RunControl control;
    kd::runExperiment(c, kd::RunOptions{}, quiet, control);
  }
  const double runSeconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("one run: %.1f s; %d stops at random moments\n", runSeconds, trials);
  for (int i = 0; i < trials; ++i) {
    const double at = std::uniform_real_distribution<double>(0.5, runSeconds)(random);
    const double latency = runUntilCancelled(c, at, phase);
    latencies[phase].push_back(latency);
    std::printf("stop at %5.1f s in %-32s ended the run in %6.0f ms\n", at, phase.c_str(),
                1000 * latency);
    std::fflush(stdout);
  }
  double worst = 0;
  for (auto& [name, values] : latencies) {
    std::sort(values.begin(), values.end());
    worst = std::max(worst, values.back());
    std::printf("%-32s n=%2zu median %6.0f ms max %6.0f ms\n", name.c_str(), values.size(),
                1000 * values[values.size() / 2], 1000 * values.back());
  }
  std::printf("worst case %.0f ms\n", 1000 * worst);
  return 0;
}
