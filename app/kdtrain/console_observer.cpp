#include "console_observer.h"

#include <cmath>
#include <cstdio>

#include "sweep_report.h"

namespace kd::cli {
namespace {

constexpr double kSecondsBetweenLines = 2.0;

std::string duration(double seconds) {
  int s = int(seconds + 0.5);
  char text[32];
  if (s >= 3600)
    std::snprintf(text, sizeof text, "%dh%02dm", s / 3600, s / 60 % 60);
  else
    std::snprintf(text, sizeof text, "%dm%02ds", s / 60, s % 60);
  return text;
}

}  // namespace

void ConsoleObserver::onMessage(const Text& text) {
  std::fprintf(stderr, "kdtrain: %s\n", text.english().c_str());
}

void ConsoleObserver::onBatch(const BatchProgress& p) {
  auto now = std::chrono::steady_clock::now();
  if (std::chrono::duration<double>(now - lastLine_).count() < kSecondsBetweenLines) return;
  lastLine_ = now;
  std::fprintf(stderr,
               "[%s] epoch %d/%d batch %d/%d loss %.4f (ce %.4f kd %.4f kl %.4f) %.0f img/s "
               "ETA %s\n",
               phaseName(p.phase), p.epoch, p.epochs, p.batch, p.batches, p.loss.total, p.loss.ce,
               p.loss.kdScaled, p.loss.kl, p.imagesPerSecond, duration(p.etaSeconds).c_str());
}

void ConsoleObserver::onEpoch(const EpochMetrics& m) {
  char train[32] = "n/a (no label)";  // a run of no labels
  if (!std::isnan(m.trainAccuracy))
    std::snprintf(train, sizeof train, "%.2f%%", 100 * m.trainAccuracy);
  std::fprintf(stderr, "[%s] epoch %d/%d done: loss %.4f train %s test %.2f%% lr %.3g (%.1f s)\n",
               phaseName(m.phase), m.epoch, m.epochs, m.loss.total, train, 100 * m.testAccuracy,
               m.learningRate, m.seconds);
}

void ConsoleObserver::onRunStarting(const SweepProgress& p) {
  std::fprintf(stderr, "kdtrain: sweep run %d/%d: %s, seed %llu%s%s", p.run + 1, p.runs,
               p.point.c_str(), static_cast<unsigned long long>(p.seed),
               p.baseline ? ", no-KD baseline" : "", p.resumed ? " (kept or resumed)" : "");
  if (p.etaSeconds >= 0) std::fprintf(stderr, ", sweep ETA %s", duration(p.etaSeconds).c_str());
  std::fprintf(stderr, "\n");
}

void ConsoleObserver::onPointFinished(const PointResult& result, const SweepResults&) {
  std::fprintf(stderr, "kdtrain: ");
  printPoint(stderr, result);
}

}  // namespace kd::cli
