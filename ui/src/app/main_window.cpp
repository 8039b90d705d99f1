#include "app/main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include "app/dock_folding.h"
#include "app/file_actions.h"
#include "app/language.h"
#include "app/presentation_mode.h"
#include "app/window_docks.h"
#include "curves/curves_widget.h"
#include "demo/demo_guide.h"
#include "demo/demo_runner.h"
#include "experiment/experiment_panel.h"
#include "inspection/confusion_view.h"
#include "inspection/embedding_view.h"
#include "inspection/inspection_panel.h"
#include "inspection/model_card.h"
#include "inspection/run_inspection.h"
#include "sweep/sweep_actions.h"
#include "sweep/sweep_session.h"
#include "sweep/sweep_view.h"
#include "training/run_session.h"
#include "training/run_status.h"

namespace kd::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("KD Workbench"));
  controller_ = new TrainingController(this);
  runs_ = new RunSession(controller_, this);
  status_ = new RunStatus(this);
  curves_ = new CurvesWidget;
  buildTabs();
  panel_ = new ExperimentPanel;
  log_ = new QPlainTextEdit;
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(5000);
  const WindowDocks docks = addWindowDocks(this, panel_, log_, curves_->runsList());
  files_ = new FileActions(this, panel_, curves_, runs_);
  demos_ = new DemoRunner(this, guide_);
  auto* folding = new DockFolding(this);
  const QList<QDockWidget*> bottomDocks{docks.log, docks.runs};
  presentation_ =
      new PresentationMode(this, folding, QList{docks.experiment} + bottomDocks, presentationLine_);
  // The caption bar takes the log's place: a 720 px screen has no room for both above the tabs.
  connect(guide_, &DemoGuide::shownChanged, this, [folding, bottomDocks](bool shown) {
    shown ? folding->fold("demonstration", bottomDocks) : folding->unfold("demonstration");
  });
  buildActions();
  statusBar()->addWidget(status_->line(), 1);
  statusBar()->addPermanentWidget(status_->bar());
  connectRuns();
  sweeps_ = new SweepSession(controller_, this);
  sweepActions_ = new SweepActions(this, sweeps_);
  connect(sweepActions_, &SweepActions::log, this, &MainWindow::log);
  readSettings();
  updateActions();
}

void MainWindow::connectRuns() {
  connect(panel_, &ExperimentPanel::validityChanged, this, &MainWindow::updateActions);
  connect(panel_, &ExperimentPanel::noted, this, &MainWindow::log);
  connect(controller_, &TrainingController::stateChanged, this, &MainWindow::updateActions);
  connect(controller_, &TrainingController::stateChanged, this, &MainWindow::startPendingBaseline);
  connect(controller_, &TrainingController::message, this, &MainWindow::log);
  connect(controller_, &TrainingController::message, status_, &RunStatus::engineMessage);
  connect(controller_, &TrainingController::progress, status_, &RunStatus::showProgress);
  connect(controller_, &TrainingController::progress, curves_, &CurvesWidget::addBatch);
  connect(controller_, &TrainingController::epochFinished, curves_, &CurvesWidget::addEpoch);
  connect(controller_, &TrainingController::teacherReady, curves_,
          &CurvesWidget::setTeacherAccuracy);
  connect(controller_, &TrainingController::epochFinished, this,
          [this](const kd::EpochMetrics& m) { log(RunStatus::epochLine(m)); });
  connect(controller_, &TrainingController::probe, this, [this](PredictionsPtr p) {
    if (!runs_->baselineRunning() && !sweeps_->running()) inspection_->addProbe(std::move(p));
  });
  connect(controller_, &TrainingController::failed, this, &MainWindow::runFailed);
  presentation_->follow(controller_);
  connect(runs_, &RunSession::log, this, &MainWindow::log);
  connect(runs_, &RunSession::failed, this, &MainWindow::runFailed);
  connect(runs_, &RunSession::distilled, this, &MainWindow::runFinished);
  connect(runs_, &RunSession::baselineFinished, this, &MainWindow::baselineFinished);
  connect(runs_, &RunSession::stopped, status_, &RunStatus::stopped);
  connect(runs_, &RunSession::stopped, this, &MainWindow::updateActions);
  connect(runs_, &RunSession::baselineStarting, this, [this] { curves_->setBaselineMode(true); });
}

void MainWindow::buildTabs() {
  inspection_ = new InspectionPanel;
  confusion_ = new ConfusionView;
  card_ = new ModelCard;
  tabs_ = new QTabWidget;
  tabs_->addTab(curves_, tr("Curves"));  // Ctrl+1..6 (View menu)
  tabs_->addTab(inspection_, tr("Predictions"));
  auto* confusionScroll = new QScrollArea;  // two whole matrices may be taller than the tab
  confusionScroll->setWidget(confusion_);
  confusionScroll->setWidgetResizable(true);
  confusionScroll->setFrameShape(QFrame::NoFrame);
  tabs_->addTab(confusionScroll, tr("Confusion matrices"));
  tabs_->addTab(card_, tr("Model card"));
  sweepView_ = new SweepView;
  tabs_->addTab(sweepView_, tr("Sweep"));
  embeddings_ = new EmbeddingView;
  tabs_->addTab(embeddings_, tr("Embeddings"));
  // Names that do not change with the language (tests and screenshots use them).
  const char* pageNames[] = {"curves",     "predictions", "confusion",
                             "model-card", "sweep",       "embeddings"};
  for (int i = 0; i < tabs_->count(); ++i) tabs_->widget(i)->setObjectName(pageNames[i]);
  presentationLine_ = new QLabel;  // shown in presentation mode only
  guide_ = new DemoGuide;          // shown while a demonstration runs
  auto* centre = new QWidget;
  auto* centreLayout = new QVBoxLayout(centre);
  centreLayout->setContentsMargins(0, 0, 0, 0);
  centreLayout->addWidget(presentationLine_);
  centreLayout->addWidget(guide_);
  centreLayout->addWidget(tabs_, 1);
  setCentralWidget(centre);
  inspected_ = new RunInspection(inspection_, confusion_, card_, embeddings_, this);
  connect(inspected_, &RunInspection::cellChosen, this,
          [this] { tabs_->setCurrentWidget(inspection_); });
  connect(inspected_, &RunInspection::log, this, &MainWindow::log);
  connect(inspected_, &RunInspection::idle, this, &MainWindow::startPendingBaseline);
  connect(inspected_, &RunInspection::inspectedChanged, this, &MainWindow::updateDemoRun);
  connect(inspected_, &RunInspection::failed, this, [this](const QString& error) {
    status_->setText(tr("Cannot inspect the run: ") + error);
    if (confirm_) QMessageBox::warning(this, tr("Cannot inspect the run"), error);
  });
}

void MainWindow::inspectFinishedRun(const QString& runDir) {
  inspected_->clear();
  inspectRun(runDir);
  tabs_->setCurrentWidget(inspection_);
}

void MainWindow::inspectRun(const QString& runDir) { inspected_->inspect(runDir); }

void MainWindow::startSweep() {
  if (sweep_->isEnabled()) sweepActions_->startFromDialog();
}

bool MainWindow::openSweep(const QString& folder) { return sweepActions_->open(folder); }

void MainWindow::togglePause() {
  if (controller_->state() == TrainingController::State::kPaused)
    controller_->resume();
  else
    controller_->pause();
}

void MainWindow::buildActions() {
  start_ = new QAction(tr("&Start"), this);
  start_->setShortcut(QKeySequence("Ctrl+R"));
  pause_ = new QAction(tr("&Pause"), this);
  pause_->setShortcut(QKeySequence(Qt::Key_Space));
  stop_ = new QAction(tr("S&top"), this);
  stop_->setShortcut(QKeySequence(Qt::Key_Escape));
  connect(start_, &QAction::triggered, this, &MainWindow::startRun);
  connect(pause_, &QAction::triggered, this, &MainWindow::togglePause);
  connect(stop_, &QAction::triggered, this, &MainWindow::stopRun);
  resumeRun_ = new QAction(tr("Resume the stopped run"), this);
  resumeRun_->setShortcut(QKeySequence("Ctrl+Shift+R"));
  resumeRun_->setToolTip(
      tr("Continue the last stopped run from its last finished epoch (Ctrl+Shift+R)"));
  connect(resumeRun_, &QAction::triggered, runs_, &RunSession::resumeStopped);
  auto* toolbar = addToolBar(tr("Run"));
  toolbar->setObjectName("runToolbar");
  toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  toolbar->addActions({start_, pause_, stop_});

  files_->buildMenu();
  connect(files_, &FileActions::log, this, &MainWindow::log);
  connect(files_, &FileActions::inspectRequested, this, &MainWindow::inspectFinishedRun);
  connect(files_, &FileActions::openSweepRequested, this, &MainWindow::openSweep);
  QMenu* run = menuBar()->addMenu(tr("&Run"));
  run->addActions({start_, pause_, stop_});
  run->addSeparator();
  run->addAction(resumeRun_);
  sweep_ = run->addAction(tr("S&weep\u2026"), QKeySequence("Ctrl+Shift+W"), this,
                          &MainWindow::startSweep);
  sweep_->setToolTip(tr("Repeat the experiment over seeds and settings, with a results table"));
  demos_->buildMenu(menuBar()->addMenu(tr("&Demo")));
  buildViewMenu(menuBar()->addMenu(tr("&View")));
}

void MainWindow::buildViewMenu(QMenu* view) {
  for (int i = 0; i < tabs_->count(); ++i) {
    QAction* show =
        view->addAction(tabs_->tabText(i), this, [this, i] { tabs_->setCurrentIndex(i); });
    show->setShortcut(QKeySequence(QString("Ctrl+%1").arg(i + 1)));
  }
  view->addSeparator();
  // The panels: closed with their title bar's button, folded by a demonstration or presentation.
  for (const char* name : {"experimentDock", "logDock", "runsDock"})
    view->addAction(findChild<QDockWidget*>(name)->toggleViewAction());
  view->addSeparator();
  presentationAction_ = view->addAction(tr("&Presentation mode"));
  presentationAction_->setCheckable(true);
  presentationAction_->setShortcut(QKeySequence(Qt::Key_F11));
  presentationAction_->setToolTip(
      tr("Full screen, large fonts and thick curves for a classroom projector; the experiment and "
         "log fold away (F11 again to leave)"));
  connect(presentationAction_, &QAction::toggled, this, [this](bool on) {
    if (presentationLine_->text().isEmpty()) presentation_->showText(status_->line()->text());
    presentation_->setActive(on);
  });
  buildLanguageMenu(view->addMenu(tr("&Language")), [this] {
    if (confirm_ &&
        QMessageBox::question(this, tr("Language"),
                              tr("The workbench shows the new language when it starts again. "
                                 "Restart it now?")) == QMessageBox::Yes &&
        close())
      QProcess::startDetached(QCoreApplication::applicationFilePath(),
                              QCoreApplication::arguments().mid(1));
  });
}

void MainWindow::updateActions() {
  const auto state = controller_->state();
  const bool idle = state == TrainingController::State::kIdle;
  const bool active =
      state == TrainingController::State::kRunning || state == TrainingController::State::kPaused;
  start_->setEnabled(idle && panel_->isValid());
  start_->setToolTip(panel_->isValid()
                         ? tr("Train the teacher (if needed) and distill the student (Ctrl+R)")
                         : tr("Cannot start: ") + panel_->problem());
  pause_->setEnabled(active);
  pause_->setText(state == TrainingController::State::kPaused ? tr("&Resume") : tr("&Pause"));
  stop_->setEnabled(active);
  panel_->setEnabled(idle);
  resumeRun_->setEnabled(idle && runs_->resumable());
  files_->inspectAction()->setEnabled(idle);
  files_->openSweepAction()->setEnabled(idle);
  sweep_->setEnabled(idle && panel_->isValid());
  demos_->setEnabled(idle);
  const QString cannot = tr("Cannot start: ");
  if (idle && !panel_->isValid())
    status_->setText(cannot + panel_->problem());
  else if (idle && status_->line()->text().startsWith(cannot))
    status_->setText(tr("Ready."));
}

QString MainWindow::runFolder() const { return runs_->runFolder(); }

QLabel* MainWindow::statusLine() const { return status_->line(); }

void MainWindow::startRun() {
  if (!start_->isEnabled()) return;
  const kd::ExperimentConfig config = panel_->config();
  if (!runLabel_.isEmpty()) curves_->archiveRun(runLabel_);
  runLabel_ = config.method == "kd" ? tr("%1: %2, alpha %3, T %4")
                                          .arg(QTime::currentTime().toString("HH:mm"),
                                               QString::fromStdString(config.student.name))
                                          .arg(config.alpha, 0, 'f', 2)
                                          .arg(config.temperature, 0, 'f', 1)
                                    : tr("%1: %2, %3, T %4")
                                          .arg(QTime::currentTime().toString("HH:mm"),
                                               QString::fromStdString(config.student.name),
                                               QString::fromStdString(config.method))
                                          .arg(config.temperature, 0, 'f', 1);
  curves_->clear();
  curves_->setMethod(config.method);
  inspected_->clear();
  status_->starting();
  runs_->start(config, RunSession::newFolder(), panel_->runBaseline());
}

const std::vector<QAction*>& MainWindow::demoActions() const { return demos_->actions(); }

const kd::ExperimentConfig& MainWindow::demonstrationExperiment(size_t index) const {
  return demos_->experiment(index);
}

void MainWindow::setDemonstrationExperiment(size_t index, const kd::ExperimentConfig& experiment) {
  demos_->setExperiment(index, experiment);
}

void MainWindow::startDemonstration(size_t index) { demos_->start(index); }

// The demonstration's captions that wait for the run go on once its predictions are loaded
// and its baseline, if any, has finished.
void MainWindow::updateDemoRun() {
  demos_->setRunFinished(inspected_->inspected() && !runs_->baselinePending() &&
                         !runs_->baselineRunning());
}

// The baseline waits for the controller and for the run's inspection, whose latency figures
// would be skewed by training alongside.
void MainWindow::startPendingBaseline() {
  if (!inspected_->loading()) runs_->startPendingBaseline();
}

void MainWindow::stopRun() {
  if (!controller_->busy()) return;
  if (confirm_ &&
      QMessageBox::question(
          this, tr("Stop training?"),
          tr("Stop this run? Its last finished epoch stays in\n%1\nand kdtrain --resume "
             "can continue it.")
              .arg(runs_->runFolder())) != QMessageBox::Yes)
    return;
  controller_->stop();
  status_->stopping();
}

void MainWindow::baselineFinished(const kd::RunReport& r, double distilledAccuracy) {
  const QString comparison = status_->baselineFinished(r, distilledAccuracy);
  presentation_->showText(comparison);
  log(comparison);
  const QFileInfo exported(runs_->runFolder() + "/baseline/student.pt");
  card_->setBaseline(r, exported.exists() ? exported.size() : -1);
  inspected_->baselineAdded();  // its map and inside figures beside the others
  updateDemoRun();
}

void MainWindow::runFinished(const kd::RunReport& r) {
  panel_->setTeacherResult(r.teacher.testAccuracy);
  const QString summary = status_->finished(r);
  presentation_->showText(summary);
  log(tr("%1 Results in %2").arg(summary, runs_->runFolder()));
  inspectRun(runs_->runFolder());
}

void MainWindow::runFailed(const QString& error) {
  log(tr("Error: ") + error);
  status_->failed(error);
  if (confirm_) QMessageBox::warning(this, tr("Training failed"), error);
}

void MainWindow::log(const QString& text) {
  log_->appendPlainText(QTime::currentTime().toString("HH:mm:ss  ") + text);
}

void MainWindow::setConfirmations(bool ask) {
  confirm_ = ask;
  files_->setConfirmations(ask);
  sweepActions_->setConfirmations(ask);
}

bool MainWindow::openExperiment(const QString& path) { return files_->openExperiment(path); }

bool MainWindow::saveExperiment(const QString& path) { return files_->saveExperiment(path); }

bool MainWindow::exportMetricsTo(const QString& path, QString* error) const {
  return files_->exportMetricsTo(path, error);
}

void MainWindow::readSettings() {
  QSettings settings;
  if (!restoreGeometry(settings.value("geometry").toByteArray())) resize(1400, 900);
  fitToScreen();
  restoreState(settings.value("windowState").toByteArray());
  files_->reopenLast();
}

// Within the screen's available area (a projector is often smaller than the screen the window
// was last closed on), leaving room for the window manager's frame.
void MainWindow::fitToScreen() {
  const QRect available = screen()->availableGeometry();
  const QSize frame(16, 48);  // title bar and borders, before the window manager reports them
  const QSize size = this->size().boundedTo(available.size() - frame);
  if (size != this->size()) resize(size);
  if (!available.contains(geometry())) move(available.topLeft());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (controller_->busy()) {
    if (confirm_ &&
        QMessageBox::question(this, tr("Training is running"),
                              tr("Stop the run and quit? Its last finished epoch is kept.")) !=
            QMessageBox::Yes) {
      event->ignore();
      return;
    }
    controller_->stop();
  }
  QSettings settings;
  settings.setValue("geometry", saveGeometry());
  settings.setValue("windowState", saveState());
  event->accept();
}

}  // namespace kd::ui
