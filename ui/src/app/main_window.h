#pragma once
// The workbench window: the experiment panel (dock), live curves and the inspection tabs
// (centre), the log and runs (docks), a toolbar to start, pause and stop, and a status bar.
// It is the frame: it builds them and wires them to the classes that decide (RunSession,
// SweepActions, FileActions, RunInspection, DemoRunner, RunStatus).
#include <QMainWindow>
#include <QString>
#include <vector>

#include "kd/experiment.h"
#include "training/training_controller.h"

class QAction;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QTabWidget;

namespace kd::ui {

class ConfusionView;
class CurvesWidget;
class DemoGuide;
class EmbeddingView;
class DemoRunner;
class ExperimentPanel;
class FileActions;
class InspectionPanel;
class ModelCard;
class PresentationMode;
class RunInspection;
class RunSession;
class RunStatus;
class SweepActions;
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
  EmbeddingView* embeddings() const { return embeddings_; }
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
  const std::vector<QAction*>& demoActions() const;
  QAction* omittedClassDemoAction() const { return demoActions().at(2); }
  DemoGuide* demoGuide() const { return guide_; }
  // What demonstration `index` runs; tests shorten it (its menu entry and captions stay).
  const kd::ExperimentConfig& demonstrationExperiment(size_t index) const;
  void setDemonstrationExperiment(size_t index, const kd::ExperimentConfig& experiment);
  QAction* presentationAction() const { return presentationAction_; }
  QLabel* presentationLine() const { return presentationLine_; }
  QLabel* statusLine() const;
  // Stops without asking (tests and scripted screenshots).
  void setConfirmations(bool ask);

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
  // Start, Pause, Stop and the rest enabled as the controller's state and the panel allow.
  void updateActions();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildActions();
  void buildViewMenu(QMenu* view);
  void buildTabs();
  void connectRuns();
  void fitToScreen();
  void updateDemoRun();
  void runFinished(const kd::RunReport& report);
  void baselineFinished(const kd::RunReport& baseline, double distilledAccuracy);
  void startPendingBaseline();
  void runFailed(const QString& error);
  void log(const QString& text);
  void readSettings();

  ExperimentPanel* panel_;
  CurvesWidget* curves_;
  QTabWidget* tabs_;
  InspectionPanel* inspection_;
  ConfusionView* confusion_;
  ModelCard* card_;
  EmbeddingView* embeddings_;
  SweepView* sweepView_;
  SweepSession* sweeps_;
  SweepActions* sweepActions_;
  RunSession* runs_;
  RunInspection* inspected_;
  RunStatus* status_;
  FileActions* files_;
  DemoRunner* demos_;
  QPlainTextEdit* log_;
  TrainingController* controller_;
  QAction *start_, *pause_, *stop_, *resumeRun_, *sweep_;
  DemoGuide* guide_;
  QAction* presentationAction_;
  QLabel* presentationLine_;
  PresentationMode* presentation_;
  bool confirm_ = true;
  QString runLabel_;  // names the current run in the runs list
};

}  // namespace kd::ui
