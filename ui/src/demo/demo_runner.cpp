#include "demo/demo_runner.h"

#include <QAction>
#include <QLabel>
#include <QMenu>

#include "app/main_window.h"
#include "demo/demo_guide.h"
#include "experiment/experiment_panel.h"

namespace kd::ui {

DemoRunner::DemoRunner(MainWindow* window, DemoGuide* guide)
    : QObject(window), window_(window), guide_(guide), demos_(demonstrations()) {
  connect(guide_, &DemoGuide::rerunRequested, this, [this] { start(index_); });
}

void DemoRunner::buildMenu(QMenu* menu) {
  for (size_t i = 0; i < demos_.size(); ++i) {
    QAction* action = menu->addAction(demos_[i].title, this, [this, i] { start(i); });
    action->setToolTip(demos_[i].summary);
    actions_.push_back(action);
  }
}

void DemoRunner::setEnabled(bool enabled) {
  for (QAction* action : actions_) action->setEnabled(enabled);
}

const kd::ExperimentConfig& DemoRunner::experiment(size_t index) const {
  return demos_.at(index).experiment;
}

void DemoRunner::setExperiment(size_t index, const kd::ExperimentConfig& experiment) {
  demos_.at(index).experiment = experiment;
}

void DemoRunner::start(size_t index) {
  if (window_->controller()->busy() || index >= demos_.size()) return;
  index_ = index;
  const Demonstration& demo = demos_[index];
  window_->panel()->setConfig(demo.experiment);
  window_->panel()->setRunBaseline(demo.baseline);
  window_->updateActions();
  guide_->start(demo, [this](const DemoStep& step) {
    if (step.show) step.show(*window_);
  });
  if (window_->startAction()->isEnabled())
    window_->startRun();
  else
    window_->statusLine()->setText(tr("The demonstration is set up; it cannot start yet: ") +
                                   window_->panel()->problem());
}

void DemoRunner::setRunFinished(bool finished) { guide_->setRunFinished(finished); }

}  // namespace kd::ui
