#pragma once
// The window's panels: the experiment (left, in a scroll area), and below the tabs the log and
// the runs list, tabbed together. Their object names ("experimentDock", "logDock", "runsDock")
// key the saved window state.
class QDockWidget;
class QMainWindow;
class QWidget;

namespace kd::ui {

class ExperimentPanel;

struct WindowDocks {
  QDockWidget* experiment;
  QDockWidget* log;
  QDockWidget* runs;
};

WindowDocks addWindowDocks(QMainWindow* window, ExperimentPanel* panel, QWidget* log,
                           QWidget* runs);

}  // namespace kd::ui
