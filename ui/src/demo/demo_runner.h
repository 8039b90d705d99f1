#pragma once
// The Demo menu and what its entries do: a demonstration's experiment in the panel, its
// captions above the tabs, its run started; the captions that wait for the run go on when the
// window says it has finished (predictions loaded, baseline done).
#include <QObject>
#include <vector>

#include "demo/demonstration.h"

class QAction;
class QMenu;

namespace kd::ui {

class DemoGuide;
class MainWindow;

class DemoRunner : public QObject {
  Q_OBJECT

 public:
  DemoRunner(MainWindow* window, DemoGuide* guide);

  void buildMenu(QMenu* menu);
  const std::vector<QAction*>& actions() const { return actions_; }
  void setEnabled(bool enabled);
  // What demonstration `index` runs; tests shorten it (its menu entry and captions stay).
  const kd::ExperimentConfig& experiment(size_t index) const;
  void setExperiment(size_t index, const kd::ExperimentConfig& experiment);

  void start(size_t index);
  void setRunFinished(bool finished);

 private:
  MainWindow* window_;
  DemoGuide* guide_;
  std::vector<Demonstration> demos_;
  std::vector<QAction*> actions_;
  size_t index_ = 0;
};

}  // namespace kd::ui
