#include "sweep/sweep_actions.h"

#include <QLabel>
#include <QMessageBox>
#include <QTabWidget>

#include "app/main_window.h"
#include "curves/curves_widget.h"
#include "experiment/experiment_panel.h"
#include "inspection/model_card.h"
#include "sweep/sweep_dialog.h"
#include "sweep/sweep_session.h"
#include "sweep/sweep_view.h"
#include "training/run_session.h"

namespace kd::ui {

SweepActions::SweepActions(MainWindow* window, SweepSession* sweeps)
    : QObject(window), window_(window), sweeps_(sweeps) {
  SweepView* view = window_->sweepView();
  connect(sweeps_, &SweepSession::resultsChanged, view, &SweepView::setSweep);
  connect(sweeps_, &SweepSession::runStarting, this, [this](const QString& text) {
    window_->curves()->clear();  // each run's curves from its start; the table keeps the results
    window_->statusLine()->setText(text);
    Q_EMIT log(text);
  });
  connect(sweeps_, &SweepSession::finished, this, [this, view](const QString& summary) {
    window_->statusLine()->setText(summary);
    Q_EMIT log(summary);
    window_->tabs()->setCurrentWidget(view);
  });
  connect(view, &SweepView::runChosen, this, [this](const QString& run, const QString& summary) {
    if (window_->controller()->busy()) return;  // a running student's epochs would mix in
    window_->inspectFinishedRun(run);
    window_->modelCard()->setRepeats(summary);
  });
}

void SweepActions::startFromDialog() {
  SweepDialog dialog(window_->panel()->config(), window_->runs()->lastRunSeconds(), window_);
  if (dialog.exec() != QDialog::Accepted) return;
  const QString folder = RunSession::newFolder() + "-sweep";
  window_->curves()->clear();
  // A sweep over the method mixes methods: its curves name no method's terms.
  const kd::SweepSpec spec = dialog.spec();
  bool oneMethod = true;
  for (const kd::SweepPoint& point : kd::expandSweep(spec))
    oneMethod = oneMethod && point.config.method == spec.base.method;
  window_->curves()->setMethod(oneMethod ? spec.base.method : "");
  window_->tabs()->setCurrentWidget(window_->curves());
  Q_EMIT log(tr("Sweep folder: ") + folder);
  sweeps_->start(spec, folder);
}

bool SweepActions::open(const QString& folder) {
  QString error;
  if (!sweeps_->open(folder, &error)) {
    Q_EMIT log(tr("Cannot open the sweep %1: %2").arg(folder, error));
    if (confirm_) QMessageBox::warning(window_, tr("Cannot open the sweep"), error);
    return false;
  }
  window_->tabs()->setCurrentWidget(window_->sweepView());
  if (sweeps_->resumable() && !window_->controller()->busy() &&
      (!confirm_ ||
       QMessageBox::question(window_, tr("Continue the sweep?"),
                             tr("This sweep has runs left. Continue it now? Finished runs are "
                                "kept; an interrupted run continues from its last finished "
                                "epoch.")) == QMessageBox::Yes)) {
    Q_EMIT log(tr("Continuing the sweep in %1").arg(folder));
    sweeps_->resume();
  }
  return true;
}

}  // namespace kd::ui
