#include "training/run_session.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include "app/engine_text.h"
#include "kd/error.h"
#include "training/training_controller.h"

namespace kd::ui {

RunSession::RunSession(TrainingController* controller, QObject* parent)
    : QObject(parent), controller_(controller) {
  connect(controller_, &TrainingController::finished, this, &RunSession::finished);
}

QString RunSession::newFolder() {
  const QString base =
      QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + "/runs/";
  return base + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
}

void RunSession::start(kd::ExperimentConfig config, const QString& folder, bool baseline) {
  if (controller_->busy()) return;
  const std::string key = kd::teacherTrainingKey(config);
  if (config.teacher.file.empty() && key == teacherKey_ && QFile::exists(trainedTeacher_)) {
    config.teacher.file = trainedTeacher_.toStdString();
    Q_EMIT log(tr("Reusing the teacher trained before: ") + trainedTeacher_);
  } else if (config.teacher.file.empty()) {
    teacherKey_ = key;
    trainedTeacher_ = folder + "/teacher.ckpt";
  }
  stoppedRun_.clear();
  runFolder_ = folder;
  QDir().mkpath(runFolder_);
  baselineRunning_ = baselinePending_ = false;
  baselineAsked_ = baseline;
  lastConfig_ = config;
  Q_EMIT log(tr("Run folder: ") + runFolder_);
  controller_->start(config, runFolder_);
}

void RunSession::startPendingBaseline() {
  if (!baselinePending_ || controller_->busy()) return;
  baselinePending_ = false;
  std::optional<kd::ExperimentConfig> baseline = kd::baselineExperiment(lastConfig_);
  if (!baseline) {
    Q_EMIT log(tr("No no-KD baseline: this run keeps no label to learn from."));
    return;
  }
  kd::ExperimentConfig config = *baseline;
  if (config.teacher.file.empty()) config.teacher.file = trainedTeacher_.toStdString();
  baselineRunning_ = true;
  Q_EMIT baselineStarting();
  Q_EMIT log(config.data.labelled == kd::kAllLabelled
                 ? tr("Training the no-KD baseline: the same student, alpha 1.")
                 : tr("Training the no-KD baseline: the same student on the labelled images "
                      "alone, for as many steps."));
  controller_->start(config, runFolder_ + "/baseline");
}

void RunSession::resumeStopped() {
  if (stoppedRun_.isEmpty() || controller_->busy()) return;
  const QString student = stoppedRun_ + "/student.ckpt";
  const QString checkpoint = QFile::exists(student) ? student : stoppedRun_ + "/teacher.ckpt";
  kd::ExperimentConfig config;
  try {
    config = kd::experimentOfCheckpoint(checkpoint.toStdString());
  } catch (const kd::Error& e) {
    Q_EMIT failed(engineText(e));
    return;
  }
  runFolder_ = stoppedRun_;
  stoppedRun_.clear();
  baselineRunning_ = false;
  lastConfig_ = config;
  Q_EMIT log(tr("Resuming %1").arg(checkpoint));
  controller_->start(config, runFolder_, checkpoint);
}

void RunSession::finished(const kd::RunReport& r) {
  if (r.cancelled) {
    const bool resumable = !baselineRunning_ && (QFile::exists(runFolder_ + "/student.ckpt") ||
                                                 QFile::exists(runFolder_ + "/teacher.ckpt"));
    stoppedRun_ = resumable ? runFolder_ : QString();
    Q_EMIT log(tr("Stopped; checkpoints kept in %1").arg(runFolder_));
    Q_EMIT stopped(resumable);
    return;
  }
  stoppedRun_.clear();
  if (baselineRunning_) {
    baselineRunning_ = false;
    try {  // the distilled run's hidden classes get the baseline's figures
      kd::recordBaseline(runFolder_.toStdString(), (runFolder_ + "/baseline").toStdString());
    } catch (const kd::Error& e) {
      Q_EMIT log(tr("Could not record the baseline in summary.json: ") + engineText(e));
    }
    Q_EMIT baselineFinished(r, distilledAccuracy_);
    return;
  }
  distilledAccuracy_ = r.student.testAccuracy;
  lastRunSeconds_ = r.wallSeconds;
  baselinePending_ = baselineAsked_;
  Q_EMIT distilled(r);
}

}  // namespace kd::ui
