// Redraw time of the live curves holding many per-batch points (default 50,000): adds them
// as the training thread would, then times full redraws of both plots.
// Usage: bench_curves [POINTS] [REDRAWS]
#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "curves/curves_widget.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const int points = argc > 1 ? std::atoi(argv[1]) : 50000;
  const int redraws = argc > 2 ? std::atoi(argv[2]) : 20;
  kd::ui::CurvesWidget curves;
  curves.resize(1200, 800);
  curves.show();
  QElapsedTimer add;
  add.start();
  const int batches = 469, epochs = points / batches + 1;
  for (int i = 0; i < points; ++i) {
    kd::BatchProgress p;
    p.phase = kd::Phase::kStudent;
    p.epoch = i / batches + 1;
    p.epochs = epochs;
    p.batch = i % batches + 1;
    p.batches = batches;
    p.loss = {1.0 / std::sqrt(1.0 + i) + 0.05 * std::sin(i), 0.5, 0.4, 0.02};
    curves.addBatch(p);
  }
  const double addMs = add.nsecsElapsed() / 1e6;
  curves.fitAll();
  std::vector<double> ms;
  for (int r = 0; r < redraws; ++r) {
    QElapsedTimer t;
    t.start();
    curves.lossPlot()->replot(QCustomPlot::rpImmediateRefresh);
    curves.accuracyPlot()->replot(QCustomPlot::rpImmediateRefresh);
    ms.push_back(t.nsecsElapsed() / 1e6);
  }
  std::sort(ms.begin(), ms.end());
  std::printf(
      "{\"points\": %d, \"add_all_ms\": %.1f, \"redraw_median_ms\": %.2f, \"redraw_max_ms\": "
      "%.2f}\n",
      curves.batchPoints(), addMs, ms[ms.size() / 2], ms.back());
  return 0;
}
