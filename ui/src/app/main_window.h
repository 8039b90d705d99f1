#pragma once
// The workbench window: the experiment panel (dock), live curves (centre), the log (dock), a
// toolbar to start, pause and stop, and a status bar with phase, progress, speed and ETA.
#include <QMainWindow>
#include <QString>
#include <memory>

#include "demo/demonstration.h"
#include "training/training_controller.h"

class QAction;
class QTabWidget;

namespace kd {
class RunInspector;
}
class QLabel;
class QMenu;
class QPlainTextEdit;
class QProgressBar;

namespace kd::ui {

class ConfusionView;
class CurvesWidget;
class ExperimentPanel;
class InspectionLoader;
class InspectionPanel;
class DemoGuide;
class ModelCard;
class PresentationMode;
class RunSession;
class SweepSession;
class SweepView;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);

  ExperimentPanel* panel() const { return panel_; }
  CurvesWidget* curves() const { return curves_; }
  InspectionPanel* inspection() const { return inspection_; }
  ConfusionView* confusion() const { return confusion_; }
  ModelCard* modelCard() const { return card_; }
  QTabWidget* tabs() const { return tabs_; }
  SweepView* sweepView() const { return sweepView_; }
  SweepSession* sweeps() const { return sweeps_; }
  RunSession* runs() const { return runs_; }
  QString runFolder() const;  // the current or last run's
  TrainingController* controller() const { return controller_; }
  QAction* startAction() const { return start_; }
  QAction* pauseAction() const { return pause_; }
  QAction* stopAction() const { return stop_; }
  QAction* resumeRunAction() const { return resumeRun_; }
  QAction* sweepAction() const { return sweep_; }
  // Demo menu: the demonstrations() in order; their caption bar.
  const std::vector<QAction*>& demoActions() const { return demoActions_; }
  QAction* omittedClassDemoAction() const { return demoActions_.back(); }
  DemoGuide* demoGuide() const { return guide_; }
  // What demonstration `index` runs; tests shorten it (its menu entry and captions stay).
  const kd::ExperimentConfig& demonstrationExperiment(size_t index) const;
  void setDemonstrationExperiment(size_t index, const kd::ExperimentConfig& experiment);
  QAction* presentationAction() const { return presentationAction_; }
  QLabel* presentationLine() const { return presentationLine_; }
  QLabel* statusLine() const { return status_; }
  // Stops without asking (tests and scripted screenshots).
  void setConfirmations(bool ask) { confirm_ = ask; }

 public Q_SLOTS:
  void startRun();
  void togglePause();
  void stopRun();
  bool openExperiment(const QString& path);
  bool saveExperiment(const QString& path);
  // Loads a finished run folder (the window's or kdtrain --out) into the inspection tabs.
  void inspectRun(const QString& runDir);
  // File > Inspect a finished run: the run alone in the inspection tabs, which come forward.
  void inspectFinishedRun(const QString& runDir);
  // Run > Sweep...: the dialog, then the sweep into a new folder.
  void startSweep();
  // Demo menu: sets up demonstrations()[index], shows its captions and starts its run.
  void startDemonstration(size_t index);
  // The run's metrics.csv rows (and its baseline's), as the engine wrote them, in one CSV.
  bool exportMetricsTo(const QString& path, QString* error) const;
  // Shows a sweep folder's results (File > Open a sweep); offers to continue an unfinished one.
  bool openSweep(const QString& folder);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildActions();
  void buildLanguageMenu(QMenu* menu);
  void fitToScreen();
  void updateDemoRun();
  void buildDocks();
  void buildTabs();
  void connectSweeps();
  void inspectionLoaded(std::shared_ptr<kd::RunInspector> inspector, const QString& runDir);
  void updateActions();
  void showProgress(const kd::BatchProgress& p);
  void runFinished(const kd::RunReport& report);
  void baselineFinished(const kd::RunReport& baseline, double distilledAccuracy);
  void runStopped(bool resumable);
  void startPendingBaseline();
  void exportPlots();
  void exportMetrics();
  void exportStudent();
  void exportDistributedJob();
  void runFailed(const QString& error);
  void log(const QString& text);
  void addRecent(const QString& path);
  void rebuildRecentMenu();
  void readSettings();
  QString newRunFolder() const;

  ExperimentPanel* panel_;
  CurvesWidget* curves_;
  QTabWidget* tabs_;
  InspectionPanel* inspection_;
  ConfusionView* confusion_;
  ModelCard* card_;
  SweepView* sweepView_;
  SweepSession* sweeps_;
  RunSession* runs_;
  InspectionLoader* loader_;
  QString inspectedRun_;  // the run folder whose inspection was asked for last
  QPlainTextEdit* log_;
  QProgressBar* progress_;
  QLabel* status_;
  TrainingController* controller_;
  QAction *start_, *pause_, *stop_, *resumeRun_, *inspect_, *sweep_, *openSweep_;
  std::vector<Demonstration> demos_;
  std::vector<QAction*> demoActions_;
  DemoGuide* guide_;
  size_t demoIndex_ = 0;
  bool firstBatchPending_ = false;  // a run started by startRun() has not reported a batch yet
  bool runInspected_ = false;  // the current run's final predictions are in the inspection tabs
  QAction* presentationAction_;
  QLabel* presentationLine_;
  PresentationMode* presentation_;
  QMenu* recentMenu_;
  bool confirm_ = true;
  QString runLabel_;  // names the current run in the runs list
};

}  // namespace kd::ui
