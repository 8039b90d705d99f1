#include "training/run_status.h"

#include <QLabel>
#include <cmath>

#include "training/training_controller.h"
#include "widgets/duration.h"
#include "widgets/phase_progress_bar.h"

namespace kd::ui {

RunStatus::RunStatus(QObject* parent)
    : QObject(parent),
      line_(new QLabel(
          tr("Ready: press Start (Ctrl+R) to train the teacher, then distill the student."))),
      bar_(new PhaseProgressBar) {
  bar_->setTextVisible(true);
}

void RunStatus::setText(const QString& text) { line_->setText(text); }

void RunStatus::starting() {
  bar_->setValue(0);
  line_->setText(tr("Starting\u2026"));
  firstBatchPending_ = true;
}

// Until the first batch the line says what the run is doing: seconds in which the log may be
// folded away.
void RunStatus::engineMessage(const QString& text) {
  if (firstBatchPending_) line_->setText(tr("Starting: %1").arg(text.trimmed()));
}

void RunStatus::showProgress(const kd::BatchProgress& p) {
  firstBatchPending_ = false;
  bar_->setMaximum(p.batches * p.epochs);
  bar_->setValue((p.epoch - 1) * p.batches + p.batch);
  bar_->setFormat(QString("%1 %p%").arg(phaseLabel(p.phase)));
  line_->setText(tr("%1 \u00b7 epoch %2/%3 \u00b7 batch %4/%5 \u00b7 %6 images/s \u00b7 ETA %7")
                     .arg(phaseActivity(p.phase))
                     .arg(p.epoch)
                     .arg(p.epochs)
                     .arg(p.batch)
                     .arg(p.batches)
                     .arg(p.imagesPerSecond, 0, 'f', 0)
                     .arg(formatDuration(p.etaSeconds)));
}

void RunStatus::stopping() { line_->setText(tr("Stopping after the current batch\u2026")); }

void RunStatus::stopped(bool resumable) {
  firstBatchPending_ = false;
  line_->setText(
      resumable
          ? tr("Stopped. Run > Resume the stopped run continues from the last finished epoch.")
          : tr("Stopped before the first epoch finished: nothing to resume."));
}

void RunStatus::failed(const QString& error) {
  firstBatchPending_ = false;
  line_->setText(tr("Training failed: ") + error);
}

QString RunStatus::finished(const kd::RunReport& r) {
  const QString summary = tr("Teacher %1%, student %2% test accuracy; agreement %3%; %4 on %5.")
                              .arg(100 * r.teacher.testAccuracy, 0, 'f', 2)
                              .arg(100 * r.student.testAccuracy, 0, 'f', 2)
                              .arg(100 * r.agreement, 0, 'f', 2)
                              .arg(formatDuration(r.wallSeconds))
                              .arg(QString::fromStdString(r.device));
  line_->setText(tr("Finished. ") + summary);
  return summary;
}

QString RunStatus::baselineFinished(const kd::RunReport& r, double distilledAccuracy) {
  const QString comparison = tr("Distilled student %1%, the same student without the teacher %2%.")
                                 .arg(100 * distilledAccuracy, 0, 'f', 2)
                                 .arg(100 * r.student.testAccuracy, 0, 'f', 2);
  line_->setText(tr("Finished. ") + comparison);
  return comparison;
}

QString RunStatus::epochLine(const kd::EpochMetrics& m) {
  const QString train = std::isnan(m.trainAccuracy)
                            ? tr("n/a (no label)")
                            : QString("%1%").arg(100 * m.trainAccuracy, 0, 'f', 2);
  return tr("%1 epoch %2/%3: loss %4, train %5, test %6% (%7 s)")
      .arg(phaseLabel(m.phase))
      .arg(m.epoch)
      .arg(m.epochs)
      .arg(m.loss.total, 0, 'f', 4)
      .arg(train)
      .arg(100 * m.testAccuracy, 0, 'f', 2)
      .arg(m.seconds, 0, 'f', 1);
}

}  // namespace kd::ui
