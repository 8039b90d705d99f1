#include "app/presentation_mode.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QLabel>
#include <QMainWindow>

#include "app/dock_folding.h"
#include "training/training_controller.h"
#include "widgets/theme.h"

namespace kd::ui {

namespace {
constexpr const char* kFoldReason = "presentation";
}  // namespace

PresentationMode::PresentationMode(QMainWindow* window, DockFolding* folding,
                                   QList<QDockWidget*> folded, QLabel* statusLine)
    : QObject(window),
      window_(window),
      folding_(folding),
      docks_(std::move(folded)),
      line_(statusLine) {
  line_->setVisible(false);
  line_->setWordWrap(true);
  line_->setAccessibleName(tr("Presentation status"));
}

void PresentationMode::setActive(bool on) {
  if (on == active_) return;
  active_ = on;
  theme::setPresentation(on);
  if (on) {
    normalFont_ = QApplication::font();
    QFont large = normalFont_;
    large.setPointSizeF(normalFont_.pointSizeF() * theme::kPresentationFontScale);
    QApplication::setFont(large);
    folding_->fold(kFoldReason, docks_);
    wasMaximized_ = window_->isMaximized();
    window_->showFullScreen();
  } else {
    QApplication::setFont(normalFont_);
    folding_->unfold(kFoldReason);
    wasMaximized_ ? window_->showMaximized() : window_->showNormal();
  }
  QFont big = QApplication::font();
  big.setPointSizeF(big.pointSizeF() * 1.25);
  big.setBold(true);
  line_->setFont(big);
  line_->setVisible(on);
  restylePlots();
}

void PresentationMode::restylePlots() {
  for (QCustomPlot* plot : window_->findChildren<QCustomPlot*>()) theme::stylePlot(plot);
}

void PresentationMode::follow(const TrainingController* controller) {
  connect(controller, &TrainingController::progress, this, &PresentationMode::showProgress);
  connect(controller, &TrainingController::epochFinished, this, &PresentationMode::showEpoch);
}

void PresentationMode::showProgress(const kd::BatchProgress& p) {
  const int percent = p.batches > 0 ? 100 * p.batch / p.batches : 0;
  QString text = tr("%1 \u00b7 epoch %2 of %3 (%4%)")
                     .arg(phaseActivity(p.phase))
                     .arg(p.epoch)
                     .arg(p.epochs)
                     .arg(percent);
  if (!accuracySoFar_.isEmpty()) text += " \u00b7 " + accuracySoFar_;
  line_->setText(text);
}

void PresentationMode::showEpoch(const kd::EpochMetrics& m) {
  accuracySoFar_ = tr("%1 test accuracy %2%")
                       .arg(m.phase == kd::Phase::kTeacher ? tr("teacher's") : tr("student's"))
                       .arg(100 * m.testAccuracy, 0, 'f', 1);
  if (m.epoch == m.epochs) accuracySoFar_.clear();  // the next phase starts afresh
  line_->setText(tr("%1 \u00b7 epoch %2 of %3 done \u00b7 test accuracy %4%")
                     .arg(m.phase == kd::Phase::kTeacher ? tr("Teacher") : tr("Student"))
                     .arg(m.epoch)
                     .arg(m.epochs)
                     .arg(100 * m.testAccuracy, 0, 'f', 1));
}

void PresentationMode::showText(const QString& text) { line_->setText(text); }

}  // namespace kd::ui
