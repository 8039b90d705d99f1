#pragma once
// Live loss and accuracy curves (QCustomPlot). Points are added as they arrive; the plots are
// redrawn from a single-shot timer, at most every 40 ms, never once per batch.
#include <QTimer>
#include <QVector>
#include <QWidget>

#include "kd/observer.h"

class QCustomPlot;
class QCPGraph;
class QCheckBox;
class QListWidget;
class QSlider;

namespace kd::ui {

class CurvesWidget : public QWidget {
  Q_OBJECT

 public:
  explicit CurvesWidget(QWidget* parent = nullptr);

  void clear();
  // Keeps the current run's smoothed total loss and student test accuracy as thin curves in
  // their own colour, listed (with show/hide) in runsList(); call before clear().
  void archiveRun(const QString& label);
  QListWidget* runsList() const { return runs_; }
  // Later epochs of the student go to the baseline curve (the same student without teacher).
  void setBaselineMode(bool on) { baseline_ = on; }
  void addBatch(const kd::BatchProgress& p);
  void addEpoch(const kd::EpochMetrics& m);
  int batchPoints() const { return int(xs_.size()); }
  QSlider* smoothingSlider() const { return smoothing_; }
  QCustomPlot* lossPlot() const { return loss_; }
  QCustomPlot* accuracyPlot() const { return accuracy_; }

 public Q_SLOTS:
  void fitAll();
  // Both plots, stacked, as PNG or PDF (by the file's suffix).
  bool exportImage(const QString& path);
  // Every point: per-batch losses and per-epoch metrics.
  bool exportCsv(const QString& path) const;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  // Loss components per batch: raw values and their bias-corrected moving averages.
  enum Series { kTotal, kCe, kKd, kKl, kSeries };
  double position(kd::Phase phase, int epoch, double fraction) const;
  void recomputeSmoothing();
  void advanceSmoothing(int point, double beta);
  void scheduleReplot();
  void showValueAt(QCustomPlot* plot, QMouseEvent* event);

  QCustomPlot* loss_;
  QCustomPlot* accuracy_;
  QSlider* smoothing_;
  QCheckBox* logScale_;
  QCPGraph* raw_;
  QCPGraph* smooth_[kSeries];
  QCPGraph* epochLoss_;
  QCPGraph *trainAccuracy_, *testAccuracy_, *teacherAccuracy_, *baselineAccuracy_;
  bool baseline_ = false;
  QVector<double> xs_;
  QVector<double> values_[kSeries];
  QVector<int> weights_;   // batches each point averages
  int studentStart_ = -1;  // index of the first student point: the averages restart there
  kd::Phase lastPhase_ = kd::Phase::kTeacher;
  int lastEpoch_ = 0, lastBatch_ = 0;
  double ema_[kSeries] = {};
  double correction_ = 1;
  int teacherEpochs_ = 0;  // the student's epochs are drawn after the teacher's
  double teacherAccuracyValue_ = -1;
  bool autoFit_ = true;  // until the user zooms or pans; "Fit all" turns it back on
  QTimer replot_;
  struct ArchivedRun {
    QCPGraph* loss;
    QCPGraph* accuracy;
  };
  QList<ArchivedRun> archived_;
  QListWidget* runs_;
};

}  // namespace kd::ui
