#pragma once
// Live loss and accuracy curves (QCustomPlot). Points are added as they arrive; the plots are
// redrawn from a single-shot timer, at most every 40 ms, never once per batch.
#include <QTimer>
#include <QVector>
#include <QWidget>
#include <string>

#include "curves/loss_series.h"
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
  // The distillation method of the runs that follow (kd/methods.h): names the teacher's curve
  // and shows a curve per term of the method. Empty: runs of several methods (a sweep).
  void setMethod(const std::string& method);
  void addBatch(const kd::BatchProgress& p);
  void addEpoch(const kd::EpochMetrics& m);
  // The teacher's test accuracy: a teacher loaded from a file reports no epochs, so its
  // reference line starts here, at the student's start.
  void setTeacherAccuracy(double testAccuracy);
  int batchPoints() const { return series_.size(); }
  QSlider* smoothingSlider() const { return smoothing_; }
  QCustomPlot* lossPlot() const { return loss_; }
  QCustomPlot* accuracyPlot() const { return accuracy_; }

 public Q_SLOTS:
  void fitAll();
  // Both plots, stacked, as PNG or PDF (by the file's suffix).
  bool exportImage(const QString& path);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  double position(kd::Phase phase, int epoch, double fraction) const;
  void recomputeSmoothing();
  void scheduleReplot();
  void showValueAt(QCustomPlot* plot, QMouseEvent* event);

  QCustomPlot* loss_;
  QCustomPlot* accuracy_;
  QSlider* smoothing_;
  QCheckBox* logScale_;
  QCPGraph* raw_;
  QCPGraph* smooth_[LossSeries::kCount];
  QCPGraph* epochLoss_;
  QCPGraph *trainAccuracy_, *testAccuracy_, *teacherAccuracy_, *baselineAccuracy_;
  bool baseline_ = false;
  LossSeries series_;      // the data; the graphs above show it
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
