#pragma once
// The status bar's account of a run: what it is doing (until its first batch, the last engine
// message: loading the teacher, caching its logits), its phase, epoch, batch, speed and ETA,
// then how it ended. Presentation mode repeats the ending in its large line.
#include <QObject>
#include <QString>

#include "kd/experiment_runner.h"

class QLabel;
class QProgressBar;

namespace kd::ui {

class RunStatus : public QObject {
  Q_OBJECT

 public:
  explicit RunStatus(QObject* parent = nullptr);

  QLabel* line() const { return line_; }
  QProgressBar* bar() const { return bar_; }
  void setText(const QString& text);

  void starting();
  void engineMessage(const QString& text);
  void showProgress(const kd::BatchProgress& p);
  void stopping();
  void stopped(bool resumable);
  void failed(const QString& error);
  // "Finished. " and what the run or its baseline measured; returns the measurement.
  QString finished(const kd::RunReport& r);
  QString baselineFinished(const kd::RunReport& baseline, double distilledAccuracy);
  // The log's line for a finished epoch; train accuracy "n/a" in a run of no labels.
  static QString epochLine(const kd::EpochMetrics& m);

 private:
  QLabel* line_;
  QProgressBar* bar_;
  bool firstBatchPending_ = false;  // a run has started and not reported a batch yet
};

}  // namespace kd::ui
