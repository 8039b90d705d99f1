// GUI responsiveness during CPU training: a 10 ms timer on the GUI thread of the real main
// window while it trains (teacher, then student) on Fashion-MNIST; prints how late the timer
// fires (p50, p99, max). Usage: bench_gui_latency [SECONDS] [TRAINING_IMAGES] [THREADS]
// With --embeddings RUN_DIR instead: the same timer while the Embeddings tab computes the maps
// of a finished run (t-SNE of 2,000 images per model), with the seconds until they show.
#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/main_window.h"
#include "curves/curves_widget.h"
#include "experiment/experiment_panel.h"
#include "inspection/embedding_view.h"
#include "inspection/inspection_panel.h"
#include "training/training_controller.h"

namespace {

// How late a 10 ms timer fires on the GUI thread, from start() to stop().
class TimerLateness {
 public:
  TimerLateness() {
    tick_.setTimerType(Qt::PreciseTimer);
    tick_.setInterval(10);
    QObject::connect(&tick_, &QTimer::timeout, [this] {
      const qint64 now = clock_.nsecsElapsed();
      lateness_.push_back(std::max(0.0, (now - last_) / 1e6 - 10.0));
      last_ = now;
    });
  }
  void start() {
    clock_.start();
    last_ = 0;
    tick_.start();
  }
  void stop() { tick_.stop(); }
  // {"ticks": N, "p50_ms": ..., "p99_ms": ..., "max_ms": ...
  std::string figures() {
    std::sort(lateness_.begin(), lateness_.end());
    auto at = [&](double q) { return lateness_[size_t(q * double(lateness_.size() - 1))]; };
    char text[160];
    std::snprintf(text, sizeof text, "{\"ticks\": %zu, \"p50_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f",
                  lateness_.size(), at(0.5), at(0.99), lateness_.back());
    return text;
  }
  size_t ticks() const { return lateness_.size(); }

 private:
  std::vector<double> lateness_;
  QElapsedTimer clock_;
  QTimer tick_;
  qint64 last_ = 0;
};

int embeddingsLatency(QApplication& app, const QString& runDir) {
  kd::ui::MainWindow window;
  window.setConfirmations(false);
  window.resize(1600, 1000);
  window.show();
  window.inspectFinishedRun(runDir);
  TimerLateness timer;
  QElapsedTimer mapping;
  QTimer inspected;
  QObject::connect(&inspected, &QTimer::timeout, [&] {
    if (window.inspection()->model()->total() == 0) return;
    inspected.stop();
    mapping.start();
    timer.start();
    window.tabs()->setCurrentWidget(window.embeddings());
  });
  inspected.start(100);
  QObject::connect(window.embeddings(), &kd::ui::EmbeddingView::mapsShown, [&] {
    timer.stop();
    std::printf("%s, \"maps\": %d, \"seconds_to_maps\": %.2f}\n", timer.figures().c_str(),
                window.embeddings()->mapCount(), double(mapping.elapsed()) / 1000);
    app.quit();
  });
  return QApplication::exec() != 0 || timer.ticks() < 10 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("KD Workbench bench");
  if (argc > 2 && QString(argv[1]) == "--embeddings") return embeddingsLatency(app, argv[2]);
  const int seconds = argc > 1 ? std::atoi(argv[1]) : 40;
  kd::ExperimentConfig config = kd::defaultExperiment();
  config.data.limitTrain = argc > 2 ? std::atoi(argv[2]) : 20000;
  config.threads = argc > 3 ? std::atoi(argv[3]) : 0;
  config.teacher.file.clear();  // the window trains a teacher, then a student
  config.teacher.arch = kd::preset("seed-teacher");
  config.teacher.training.epochs = 1;
  kd::ui::MainWindow window;
  window.setConfirmations(false);
  window.panel()->setConfig(config);
  window.resize(1600, 1000);
  window.show();

  std::vector<double> lateness;
  QElapsedTimer clock;
  QTimer tick;
  tick.setTimerType(Qt::PreciseTimer);
  tick.setInterval(10);
  qint64 last = 0;
  QObject::connect(&tick, &QTimer::timeout, [&] {
    const qint64 now = clock.nsecsElapsed();
    lateness.push_back(std::max(0.0, (now - last) / 1e6 - 10.0));
    last = now;
  });
  bool training = false;
  QObject::connect(window.controller(), &kd::ui::TrainingController::progress, [&] {
    if (training) return;
    training = true;  // measure from the first batch on, not during data loading
    clock.start();
    tick.start();
    QTimer::singleShot(seconds * 1000, &app, &QApplication::quit);
  });
  QObject::connect(window.controller(), &kd::ui::TrainingController::failed, [&](const QString& e) {
    std::fprintf(stderr, "training failed: %s\n", qPrintable(e));
    app.exit(1);
  });
  QTimer::singleShot(500, [&] { window.startAction()->trigger(); });
  if (QApplication::exec() != 0 || lateness.size() < 10) return 1;
  const int points = window.curves()->batchPoints();
  std::sort(lateness.begin(), lateness.end());
  auto at = [&](double q) { return lateness[size_t(q * (lateness.size() - 1))]; };
  std::printf(
      "{\"ticks\": %zu, \"p50_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f, \"batch_points\": "
      "%d}\n",
      lateness.size(), at(0.5), at(0.99), lateness.back(), points);
  return 0;
}
