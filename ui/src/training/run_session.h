#pragma once
// The single-run workflow, without widgets: starts a run in its folder, reuses the teacher
// trained before while kd::teacherTrainingKey is unchanged, sequences the no-KD baseline after the
// distillation, and keeps a stopped run's folder for Resume. The window shows what it reports.
#include <QObject>
#include <QString>

#include "kd/experiment_runner.h"

namespace kd::ui {

class TrainingController;

class RunSession : public QObject {
  Q_OBJECT

 public:
  explicit RunSession(TrainingController* controller, QObject* parent = nullptr);

  // A new folder for a run started now, under the window's data location.
  static QString newFolder();
  QString runFolder() const { return runFolder_; }  // the current or last run's
  bool baselineRunning() const { return baselineRunning_; }
  bool baselinePending() const { return baselinePending_; }
  bool resumable() const { return !stoppedRun_.isEmpty(); }
  double lastRunSeconds() const { return lastRunSeconds_; }  // of the last distillation

 public Q_SLOTS:
  // A distillation run into `folder`; with `baseline`, the baseline waits for
  // startPendingBaseline() once the run has finished.
  void start(kd::ExperimentConfig config, const QString& folder, bool baseline);
  // The baseline: the same student without the teacher (alpha 1), in runFolder()/baseline.
  void startPendingBaseline();
  // Continues the stopped run from its newest checkpoint.
  void resumeStopped();

 Q_SIGNALS:
  void log(const QString& text);
  void baselineStarting();
  void distilled(const kd::RunReport& report);  // a distillation run finished
  void baselineFinished(const kd::RunReport& baseline, double distilledAccuracy);
  void stopped(bool resumable);
  void failed(const QString& error);

 private:
  void finished(const kd::RunReport& report);

  TrainingController* controller_;
  QString runFolder_;
  QString stoppedRun_;      // a stopped run's folder with a checkpoint to resume from
  std::string teacherKey_;  // kd::teacherTrainingKey of the teacher trained in trainedTeacher_
  QString trainedTeacher_;  // its checkpoint, reused while the key matches
  kd::ExperimentConfig lastConfig_;  // of the distillation run, for its baseline
  bool baselineRunning_ = false;
  bool baselinePending_ = false;
  bool baselineAsked_ = false;
  double distilledAccuracy_ = 0;
  double lastRunSeconds_ = 0;
};

}  // namespace kd::ui
