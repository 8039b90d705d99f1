#include "sweep/sweep_session.h"

#include "app/engine_text.h"
#include "kd/error.h"
#include "training/training_controller.h"
#include "widgets/duration.h"

namespace kd::ui {

SweepSession::SweepSession(TrainingController* controller, QObject* parent)
    : QObject(parent), controller_(controller) {
  connect(controller_, &TrainingController::sweepRunStarting, this, &SweepSession::runStarted);
  connect(controller_, &TrainingController::sweepPointFinished, this,
          [this](const kd::SweepResults& sofar) { Q_EMIT resultsChanged(folder_, last_ = sofar); });
  connect(controller_, &TrainingController::sweepFinished, this, &SweepSession::done);
  connect(controller_, &TrainingController::failed, this, [this] { running_ = false; });
}

bool SweepSession::resumable() const {
  return !running_ && !folder_.isEmpty() && last_.runsDone < last_.runsTotal;
}

void SweepSession::start(const kd::SweepSpec& spec, const QString& folder) {
  if (controller_->busy()) return;
  folder_ = folder;
  running_ = true;
  controller_->startSweep(spec, folder, false);
}

bool SweepSession::open(const QString& folder, QString* error) {
  try {
    last_ = kd::readSweep(folder.toStdString());
  } catch (const kd::Error& e) {
    if (error) *error = engineText(e);
    return false;
  }
  folder_ = folder;
  Q_EMIT resultsChanged(folder_, last_);
  return true;
}

void SweepSession::resume() {
  if (!resumable() || controller_->busy()) return;
  kd::SweepSpec spec;
  try {
    spec = kd::loadSweep((folder_ + "/sweep.json").toStdString());
  } catch (const kd::Error& e) {
    Q_EMIT finished(tr("Cannot continue the sweep: ") + engineText(e));
    return;
  }
  running_ = true;
  controller_->startSweep(spec, folder_, true);
}

void SweepSession::runStarted(const kd::SweepProgress& p) {
  QString text = tr("Sweep run %1 of %2: %3, seed %4")
                     .arg(p.run + 1)
                     .arg(p.runs)
                     .arg(QString::fromStdString(p.point))
                     .arg(p.seed);
  if (p.baseline) text += tr(", no-KD baseline");
  if (p.resumed) text += tr(" (kept or resumed)");
  if (p.etaSeconds >= 0) text += tr(", sweep ETA ") + formatDuration(p.etaSeconds);
  Q_EMIT runStarting(text);
}

void SweepSession::done(const kd::SweepResults& results) {
  running_ = false;
  last_ = results;
  Q_EMIT resultsChanged(folder_, last_);
  Q_EMIT finished(
      tr("Sweep %1: %2 of %3 runs done%4; results in %1/results.csv")
          .arg(folder_)
          .arg(results.runsDone)
          .arg(results.runsTotal)
          .arg(results.cancelled ? tr(" (stopped: File > Open a sweep continues it)") : ""));
}

}  // namespace kd::ui
