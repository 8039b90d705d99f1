#pragma once
// The File menu's work: experiments opened, saved and remembered (Recent experiments, the last
// one reopened at start), and the exports (plots, metrics, the student for PyTorch, a
// distributed job). Finished runs and sweeps are asked for here and opened by the window.
#include <QObject>
#include <QString>

class QAction;
class QMainWindow;
class QMenu;

namespace kd::ui {

class CurvesWidget;
class ExperimentPanel;
class RunSession;

class FileActions : public QObject {
  Q_OBJECT

 public:
  FileActions(QMainWindow* window, ExperimentPanel* panel, CurvesWidget* curves, RunSession* runs);

  // The File menu, added to the window's menu bar.
  void buildMenu();
  QAction* inspectAction() const { return inspect_; }
  QAction* openSweepAction() const { return openSweep_; }
  void setConfirmations(bool ask) { confirm_ = ask; }

  bool openExperiment(const QString& path);
  bool saveExperiment(const QString& path);
  // The most recent experiment, when it still exists.
  void reopenLast();
  // The run's metrics.csv rows (and its baseline's), as the engine wrote them, in one CSV.
  bool exportMetricsTo(const QString& path, QString* error) const;

 Q_SIGNALS:
  void log(const QString& text);
  void inspectRequested(const QString& runDir);
  void openSweepRequested(const QString& folder);

 private:
  void exportPlots();
  void exportMetrics();
  void exportStudent();
  void exportDistributedJob();
  void addRecent(const QString& path);
  void rebuildRecentMenu();

  QMainWindow* window_;
  ExperimentPanel* panel_;
  CurvesWidget* curves_;
  RunSession* runs_;
  QMenu* recentMenu_ = nullptr;
  QAction* inspect_ = nullptr;
  QAction* openSweep_ = nullptr;
  bool confirm_ = true;
};

}  // namespace kd::ui
