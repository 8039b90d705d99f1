// How long each Demo menu demonstration takes, as a presenter runs it: the real window
// (offscreen), the demonstration's own experiment, timed from the menu entry until its first
// caption lets the presenter go on (the run, its predictions and its baseline, if any, done).
// Prints one line a demonstration and whether it kept within the 3 minutes the menu promises.
// Usage: QT_QPA_PLATFORM=offscreen bench_demos [INDEX...]   (default: every demonstration)
#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "app/language.h"
#include "demo/demo_guide.h"
#include "app/main_window.h"
#include "training/training_controller.h"

namespace {

constexpr double kPromisedSeconds = 180;

// Runs demonstration `index` to its first caption's end; its seconds, or -1 when it failed.
double timeDemonstration(kd::ui::MainWindow& window, size_t index) {
  QEventLoop loop;
  bool failed = false;
  QObject::connect(
      window.controller(), &kd::ui::TrainingController::failed, &loop, [&](const QString& error) {
        std::fprintf(stderr, "demonstration %zu failed: %s\n", index + 1, qPrintable(error));
        failed = true;
        loop.quit();
      });
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
    if (window.demoGuide()->nextButton()->isEnabled()) loop.quit();
  });
  QElapsedTimer clock;
  clock.start();
  window.demoActions()[index]->trigger();
  poll.start(100);
  loop.exec();
  return failed ? -1 : clock.elapsed() / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("KD Workbench bench");
  QStandardPaths::setTestModeEnabled(true);  // run folders go to a test location
  kd::ui::MainWindow window;
  window.setConfirmations(false);
  window.resize(1280, 720);
  window.show();

  std::vector<size_t> chosen;
  for (int i = 1; i < argc; ++i) chosen.push_back(size_t(std::atoi(argv[i]) - 1));
  if (chosen.empty())
    for (size_t i = 0; i < window.demoActions().size(); ++i) chosen.push_back(i);

  int over = 0;
  for (size_t index : chosen) {
    if (index >= window.demoActions().size()) {
      std::fprintf(stderr, "bench_demos: no demonstration %zu\n", index + 1);
      return 2;
    }
    const double seconds = timeDemonstration(window, index);
    if (seconds < 0) return 1;
    const bool within = seconds <= kPromisedSeconds;
    over += !within;
    std::printf("demonstration %zu (%s): %.0f s, %s 3 minutes\n", index + 1,
                qPrintable(kd::ui::withoutMnemonic(window.demoActions()[index]->text())), seconds,
                within ? "within" : "OVER");
    std::fflush(stdout);
  }
  return over == 0 ? 0 : 1;
}
