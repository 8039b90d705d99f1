#include "app/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include "app/engine_text.h"
#include "app/language.h"
#include "inspection/confusion_view.h"
#include "curves/curves_widget.h"
#include "demo/demo_guide.h"
#include "app/dock_folding.h"
#include "experiment/experiment_panel.h"
#include "inspection/inspection_loader.h"
#include "inspection/inspection_panel.h"
#include "kd/error.h"
#include "inspection/model_card.h"
#include "widgets/phase_progress_bar.h"
#include "app/presentation_mode.h"
#include "training/distributed_job_dialog.h"
#include "training/run_session.h"
#include "sweep/sweep_dialog.h"
#include "sweep/sweep_session.h"
#include "sweep/sweep_view.h"

namespace kd::ui {
namespace {

constexpr int kMaxRecent = 6;

QString duration(double seconds) {
  int s = int(seconds + 0.5);
  return s >= 3600 ? QString("%1:%2:%3")
                         .arg(s / 3600)
                         .arg(s / 60 % 60, 2, 10, QChar('0'))
                         .arg(s % 60, 2, 10, QChar('0'))
                   : QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("KD Workbench"));
  controller_ = new TrainingController(this);
  demos_ = demonstrations();
  runs_ = new RunSession(controller_, this);
  curves_ = new CurvesWidget;
  buildTabs();
  buildDocks();
  auto* folding = new DockFolding(this);
  auto* experimentDock = findChild<QDockWidget*>("experimentDock");
  const QList<QDockWidget*> bottomDocks{findChild<QDockWidget*>("logDock"),
                                        findChild<QDockWidget*>("runsDock")};
  presentation_ =
      new PresentationMode(this, folding, QList{experimentDock} + bottomDocks, presentationLine_);
  // The caption bar takes the log's place: a 720 px screen has no room for both above the tabs.
  connect(guide_, &DemoGuide::shownChanged, this, [folding, bottomDocks](bool shown) {
    shown ? folding->fold("demonstration", bottomDocks) : folding->unfold("demonstration");
  });
  buildActions();
  progress_ = new PhaseProgressBar;
  progress_->setTextVisible(true);
  status_ =
      new QLabel(tr("Ready: press Start (Ctrl+R) to train the teacher, then distill the student."));
  statusBar()->addWidget(status_, 1);
  statusBar()->addPermanentWidget(progress_);

  connect(panel_, &ExperimentPanel::validityChanged, this, &MainWindow::updateActions);
  connect(controller_, &TrainingController::stateChanged, this, &MainWindow::updateActions);
  connect(controller_, &TrainingController::stateChanged, this, &MainWindow::startPendingBaseline);
  connect(controller_, &TrainingController::message, this, [this](const QString& text) {
    log(text);
    // Until the first batch, the status line says what the run is doing (loading the teacher,
    // caching its logits): seconds in which the log may be folded away.
    if (firstBatchPending_) status_->setText(tr("Starting: %1").arg(text.trimmed()));
  });
  connect(controller_, &TrainingController::progress, this, &MainWindow::showProgress);
  connect(controller_, &TrainingController::progress, curves_, &CurvesWidget::addBatch);
  connect(controller_, &TrainingController::epochFinished, curves_, &CurvesWidget::addEpoch);
  connect(controller_, &TrainingController::epochFinished, this, [this](const kd::EpochMetrics& m) {
    log(tr("%1 epoch %2/%3: loss %4, train %5%, test %6% (%7 s)")
            .arg(phaseLabel(m.phase))
            .arg(m.epoch)
            .arg(m.epochs)
            .arg(m.loss.total, 0, 'f', 4)
            .arg(100 * m.trainAccuracy, 0, 'f', 2)
            .arg(100 * m.testAccuracy, 0, 'f', 2)
            .arg(m.seconds, 0, 'f', 1));
  });
  connect(controller_, &TrainingController::probe, this, [this](PredictionsPtr p) {
    if (!runs_->baselineRunning() && !sweeps_->running()) inspection_->addProbe(std::move(p));
  });
  connect(runs_, &RunSession::log, this, &MainWindow::log);
  connect(runs_, &RunSession::failed, this, &MainWindow::runFailed);
  connect(runs_, &RunSession::distilled, this, &MainWindow::runFinished);
  connect(runs_, &RunSession::baselineFinished, this, &MainWindow::baselineFinished);
  connect(runs_, &RunSession::stopped, this, &MainWindow::runStopped);
  connect(runs_, &RunSession::stopped, this, &MainWindow::updateActions);
  connect(runs_, &RunSession::baselineStarting, this, [this] { curves_->setBaselineMode(true); });
  connect(controller_, &TrainingController::failed, this, &MainWindow::runFailed);
  connect(controller_, &TrainingController::progress, presentation_,
          &PresentationMode::showProgress);
  connect(controller_, &TrainingController::epochFinished, presentation_,
          &PresentationMode::showEpoch);
  connectSweeps();
  readSettings();
  updateActions();
}

void MainWindow::connectSweeps() {
  sweeps_ = new SweepSession(controller_, this);
  connect(sweeps_, &SweepSession::resultsChanged, sweepView_, &SweepView::setSweep);
  connect(sweeps_, &SweepSession::runStarting, this, [this](const QString& text) {
    curves_->clear();  // each run's curves from its start; the table keeps the results
    status_->setText(text);
    log(text);
  });
  connect(sweeps_, &SweepSession::finished, this, [this](const QString& summary) {
    status_->setText(summary);
    log(summary);
    tabs_->setCurrentWidget(sweepView_);
  });
  connect(sweepView_, &SweepView::runChosen, this,
          [this](const QString& run, const QString& summary) {
            if (controller_->busy()) return;  // a running student's epochs would mix in
            inspection_->clear();
            card_->clear();
            card_->setRepeats(summary);
            inspectRun(run);
            tabs_->setCurrentWidget(inspection_);
          });
}

void MainWindow::startSweep() {
  if (!sweep_->isEnabled()) return;
  SweepDialog dialog(panel_->config(), runs_->lastRunSeconds(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  const QString folder = newRunFolder() + "-sweep";
  curves_->clear();
  tabs_->setCurrentWidget(curves_);
  log(tr("Sweep folder: ") + folder);
  sweeps_->start(dialog.spec(), folder);
}

bool MainWindow::openSweep(const QString& folder) {
  QString error;
  if (!sweeps_->open(folder, &error)) {
    log(tr("Cannot open the sweep %1: %2").arg(folder, error));
    if (confirm_) QMessageBox::warning(this, tr("Cannot open the sweep"), error);
    return false;
  }
  tabs_->setCurrentWidget(sweepView_);
  if (sweeps_->resumable() && !controller_->busy() &&
      (!confirm_ || QMessageBox::question(this, tr("Continue the sweep?"),
                                          tr("This sweep has runs left. Continue it now? Finished "
                                             "runs are kept; an interrupted run continues from its "
                                             "last finished epoch.")) == QMessageBox::Yes)) {
    log(tr("Continuing the sweep in %1").arg(folder));
    sweeps_->resume();
  }
  return true;
}

void MainWindow::buildTabs() {
  inspection_ = new InspectionPanel;
  confusion_ = new ConfusionView;
  card_ = new ModelCard;
  loader_ = new InspectionLoader(this);
  tabs_ = new QTabWidget;
  tabs_->addTab(curves_, tr("Curves"));  // Ctrl+1..5 (View menu)
  tabs_->addTab(inspection_, tr("Predictions"));
  auto* confusionScroll = new QScrollArea;  // two whole matrices may be taller than the tab
  confusionScroll->setWidget(confusion_);
  confusionScroll->setWidgetResizable(true);
  confusionScroll->setFrameShape(QFrame::NoFrame);
  tabs_->addTab(confusionScroll, tr("Confusion matrices"));
  tabs_->addTab(card_, tr("Model card"));
  sweepView_ = new SweepView;
  tabs_->addTab(sweepView_, tr("Sweep"));
  // Names that do not change with the language (tests and screenshots use them).
  const char* pageNames[] = {"curves", "predictions", "confusion", "model-card", "sweep"};
  for (int i = 0; i < tabs_->count(); ++i) tabs_->widget(i)->setObjectName(pageNames[i]);
  presentationLine_ = new QLabel;  // shown in presentation mode only
  guide_ = new DemoGuide;          // shown while a demonstration runs
  connect(guide_, &DemoGuide::rerunRequested, this, [this] { startDemonstration(demoIndex_); });
  auto* centre = new QWidget;
  auto* centreLayout = new QVBoxLayout(centre);
  centreLayout->setContentsMargins(0, 0, 0, 0);
  centreLayout->addWidget(presentationLine_);
  centreLayout->addWidget(guide_);
  centreLayout->addWidget(tabs_, 1);
  setCentralWidget(centre);
  connect(inspection_, &InspectionPanel::predictionsChanged, this,
          [this] { confusion_->setPredictions(*inspection_->model()); });
  connect(confusion_, &ConfusionView::cellChosen, this, [this](kd::Role role, int t, int p) {
    inspection_->showCell(role, t, p);
    tabs_->setCurrentWidget(inspection_);
  });
  connect(loader_, &InspectionLoader::loaded, this, &MainWindow::inspectionLoaded);
  connect(loader_, &InspectionLoader::idle, this, &MainWindow::startPendingBaseline);
  connect(loader_, &InspectionLoader::failed, this,
          [this](const QString& error, const QString& dir) {
            if (dir != inspectedRun_) return;
            log(tr("Cannot inspect %1: %2").arg(dir, error));
            status_->setText(tr("Cannot inspect the run: ") + error);
            if (confirm_) QMessageBox::warning(this, tr("Cannot inspect the run"), error);
          });
}

void MainWindow::inspectFinishedRun(const QString& runDir) {
  inspection_->clear();
  card_->clear();
  inspectRun(runDir);
  tabs_->setCurrentWidget(inspection_);
}

void MainWindow::inspectRun(const QString& runDir) {
  inspectedRun_ = runDir;
  log(tr("Computing both models' predictions on every test image of %1\u2026").arg(runDir));
  loader_->load(runDir);
}

void MainWindow::inspectionLoaded(std::shared_ptr<kd::RunInspector> inspector,
                                  const QString& runDir) {
  if (runDir != inspectedRun_) return;  // a newer run was asked for meanwhile
  // The predictions share the inspector's lifetime; Grad-CAM runs on it on demand.
  PredictionsPtr data(inspector, &inspector->data());
  if (inspection_->snapshots() == 0)  // a run opened from disk: its recorded epochs
    for (const kd::Predictions& probe : inspector->probes())
      inspection_->addProbe(PredictionsPtr(inspector, &probe));
  inspection_->setFinal(data, [inspector](kd::Role role, int64_t image, int c) {
    return inspector->gradCam(role, image, c);
  });
  card_->setRun(*data);
  card_->setHiddenClasses(inspector->hiddenClasses());
  std::vector<int> hidden;
  for (const auto& h : inspector->hiddenClasses()) hidden.push_back(h.classIndex);
  inspection_->setHiddenClasses(hidden);
  log(tr("Predictions of both models on all %1 test images are in the Predictions tab "
         "(Ctrl+2).")
          .arg(data->count));
  runInspected_ = true;
  updateDemoRun();
}

void MainWindow::buildDocks() {
  panel_ = new ExperimentPanel;
  auto* scroll = new QScrollArea;
  scroll->setWidget(panel_);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(std::max(panel_->sizeHint().width() + 24, 440));
  auto* experiment = new QDockWidget(tr("Experiment"), this);
  experiment->setObjectName("experimentDock");
  experiment->setWidget(scroll);
  addDockWidget(Qt::LeftDockWidgetArea, experiment);
  log_ = new QPlainTextEdit;
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(5000);
  auto* logDock = new QDockWidget(tr("Log"), this);
  logDock->setObjectName("logDock");
  logDock->setWidget(log_);
  addDockWidget(Qt::BottomDockWidgetArea, logDock);
  auto* runsDock = new QDockWidget(tr("Runs"), this);
  runsDock->setObjectName("runsDock");
  runsDock->setWidget(curves_->runsList());
  addDockWidget(Qt::BottomDockWidgetArea, runsDock);
  tabifyDockWidget(logDock, runsDock);
  logDock->raise();
  resizeDocks({logDock}, {140}, Qt::Vertical);
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

  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open experiment\u2026"), QKeySequence::Open, this, [this] {
    QString path =
        QFileDialog::getOpenFileName(this, tr("Open experiment"), {}, tr("Experiments (*.json)"));
    if (!path.isEmpty()) openExperiment(path);
  });
  file->addAction(tr("&Save experiment as\u2026"), QKeySequence::Save, this, [this] {
    QString path = QFileDialog::getSaveFileName(this, tr("Save experiment"), "experiment.json",
                                                tr("Experiments (*.json)"));
    if (!path.isEmpty()) saveExperiment(path);
  });
  recentMenu_ = file->addMenu(tr("&Recent experiments"));
  file->addSeparator();
  file->addAction(tr("&Export plots\u2026"), QKeySequence("Ctrl+E"), this,
                  &MainWindow::exportPlots);
  file->addAction(tr("Export &metrics as CSV\u2026"), this, &MainWindow::exportMetrics);
  file->addAction(tr("Export the student for &PyTorch\u2026"), this, &MainWindow::exportStudent);
  file->addAction(tr("Export as a &distributed job\u2026"), this,
                  &MainWindow::exportDistributedJob);
  // Not while training: the running student's epochs would mix into the inspected run's.
  inspect_ =
      file->addAction(tr("&Inspect a finished run\u2026"), QKeySequence("Ctrl+I"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Inspect the run folder"));
        if (!dir.isEmpty()) inspectFinishedRun(dir);
      });
  openSweep_ = file->addAction(tr("Open a s&weep\u2026"), this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open the sweep folder"));
    if (!dir.isEmpty()) openSweep(dir);
  });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
  QMenu* run = menuBar()->addMenu(tr("&Run"));
  run->addActions({start_, pause_, stop_});
  run->addSeparator();
  run->addAction(resumeRun_);
  sweep_ = run->addAction(tr("S&weep\u2026"), QKeySequence("Ctrl+Shift+W"), this,
                          &MainWindow::startSweep);
  sweep_->setToolTip(tr("Repeat the experiment over seeds and settings, with a results table"));
  QMenu* demo = menuBar()->addMenu(tr("&Demo"));
  for (size_t i = 0; i < demos_.size(); ++i) {
    QAction* action = demo->addAction(demos_[i].title, this, [this, i] { startDemonstration(i); });
    action->setToolTip(demos_[i].summary);
    demoActions_.push_back(action);
  }
  QMenu* view = menuBar()->addMenu(tr("&View"));
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
    if (presentationLine_->text().isEmpty()) presentation_->showText(status_->text());
    presentation_->setActive(on);
  });
  buildLanguageMenu(view->addMenu(tr("&Language")));
}

// English, Chinese, or the system's language; the choice applies from the next start, which
// the window offers to make at once.
void MainWindow::buildLanguageMenu(QMenu* menu) {
  auto* group = new QActionGroup(this);
  std::vector<Language> choices{{QString(), tr("Follow the system")}};
  for (const Language& l : languages()) choices.push_back(l);
  for (const Language& l : choices) {
    QAction* action = menu->addAction(l.name);
    action->setCheckable(true);
    action->setChecked(l.code == chosenLanguage());
    action->setData(l.code);
    group->addAction(action);
  }
  connect(group, &QActionGroup::triggered, this, [this](QAction* action) {
    const QString before = effectiveLanguage();
    chooseLanguage(action->data().toString());
    if (effectiveLanguage() == before || !confirm_) return;
    if (QMessageBox::question(this, tr("Language"),
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
  start_->setEnabled(idle && panel_->isValid());
  start_->setToolTip(panel_->isValid()
                         ? tr("Train the teacher (if needed) and distill the student (Ctrl+R)")
                         : tr("Cannot start: ") + panel_->problem());
  pause_->setEnabled(state == TrainingController::State::kRunning ||
                     state == TrainingController::State::kPaused);
  pause_->setText(state == TrainingController::State::kPaused ? tr("&Resume") : tr("&Pause"));
  stop_->setEnabled(state == TrainingController::State::kRunning ||
                    state == TrainingController::State::kPaused);
  panel_->setEnabled(idle);
  resumeRun_->setEnabled(idle && runs_->resumable());
  inspect_->setEnabled(idle);
  sweep_->setEnabled(idle && panel_->isValid());
  for (QAction* action : demoActions_) action->setEnabled(idle);
  openSweep_->setEnabled(idle);
  if (idle && !panel_->isValid())
    status_->setText(tr("Cannot start: ") + panel_->problem());
  else if (idle && status_->text().startsWith(tr("Cannot start: ")))
    status_->setText(tr("Ready."));
}

QString MainWindow::newRunFolder() const {
  QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + "/runs/";
  return base + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
}

QString MainWindow::runFolder() const { return runs_->runFolder(); }

void MainWindow::startRun() {
  if (!start_->isEnabled()) return;
  const kd::ExperimentConfig config = panel_->config();
  if (!runLabel_.isEmpty()) curves_->archiveRun(runLabel_);
  runLabel_ =
      tr("%1: %2, alpha %3, T %4")
          .arg(QTime::currentTime().toString("HH:mm"), QString::fromStdString(config.student.name))
          .arg(config.alpha, 0, 'f', 2)
          .arg(config.temperature, 0, 'f', 1);
  curves_->clear();
  inspection_->clear();
  card_->clear();
  inspectedRun_.clear();
  runInspected_ = false;
  updateDemoRun();
  progress_->setValue(0);
  status_->setText(tr("Starting\u2026"));
  firstBatchPending_ = true;
  runs_->start(config, newRunFolder(), panel_->runBaseline());
}

const kd::ExperimentConfig& MainWindow::demonstrationExperiment(size_t index) const {
  return demos_.at(index).experiment;
}

void MainWindow::setDemonstrationExperiment(size_t index, const kd::ExperimentConfig& experiment) {
  demos_.at(index).experiment = experiment;
}

// A demonstration: its experiment in the panel, its captions above the tabs, its run started.
void MainWindow::startDemonstration(size_t index) {
  if (controller_->busy() || index >= demos_.size()) return;
  demoIndex_ = index;
  const Demonstration& demo = demos_[index];
  panel_->setConfig(demo.experiment);
  panel_->setRunBaseline(demo.baseline);
  updateActions();
  guide_->start(demo, [this](const DemoStep& step) {
    if (step.show) step.show(*this);
  });
  if (start_->isEnabled())
    startRun();
  else
    status_->setText(tr("The demonstration is set up; it cannot start yet: ") + panel_->problem());
}

// The demonstration's captions that wait for the run go on once its predictions are loaded
// and its baseline, if any, has finished.
void MainWindow::updateDemoRun() {
  guide_->setRunFinished(runInspected_ && !runs_->baselinePending() && !runs_->baselineRunning());
}

// The baseline waits for the controller and for the run's inspection, whose latency figures
// would be skewed by training alongside.
void MainWindow::startPendingBaseline() {
  if (!loader_->busy()) runs_->startPendingBaseline();
}

void MainWindow::togglePause() {
  if (controller_->state() == TrainingController::State::kPaused)
    controller_->resume();
  else
    controller_->pause();
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
  status_->setText(tr("Stopping after the current batch\u2026"));
}

void MainWindow::showProgress(const kd::BatchProgress& p) {
  firstBatchPending_ = false;
  progress_->setMaximum(p.batches * p.epochs);
  progress_->setValue((p.epoch - 1) * p.batches + p.batch);
  progress_->setFormat(QString("%1 %p%").arg(phaseLabel(p.phase)));
  status_->setText(tr("%1 \u00b7 epoch %2/%3 \u00b7 batch %4/%5 \u00b7 %6 images/s \u00b7 ETA %7")
                       .arg(phaseActivity(p.phase))
                       .arg(p.epoch)
                       .arg(p.epochs)
                       .arg(p.batch)
                       .arg(p.batches)
                       .arg(p.imagesPerSecond, 0, 'f', 0)
                       .arg(duration(p.etaSeconds)));
}

void MainWindow::runStopped(bool resumable) {
  firstBatchPending_ = false;
  status_->setText(
      resumable
          ? tr("Stopped. Run > Resume the stopped run continues from the last finished epoch.")
          : tr("Stopped before the first epoch finished: nothing to resume."));
}

void MainWindow::baselineFinished(const kd::RunReport& r, double distilledAccuracy) {
  const QString comparison = tr("Distilled student %1%, the same student without the teacher %2%.")
                                 .arg(100 * distilledAccuracy, 0, 'f', 2)
                                 .arg(100 * r.student.testAccuracy, 0, 'f', 2);
  status_->setText(tr("Finished. ") + comparison);
  presentation_->showText(comparison);
  log(comparison);
  const QFileInfo exported(runs_->runFolder() + "/baseline/student.pt");
  card_->setBaseline(r, exported.exists() ? exported.size() : -1);
  updateDemoRun();
}

void MainWindow::runFinished(const kd::RunReport& r) {
  panel_->setTeacherResult(r.teacher.testAccuracy);
  const QString summary = tr("Teacher %1%, student %2% test accuracy; agreement %3%; %4 on %5.")
                              .arg(100 * r.teacher.testAccuracy, 0, 'f', 2)
                              .arg(100 * r.student.testAccuracy, 0, 'f', 2)
                              .arg(100 * r.agreement, 0, 'f', 2)
                              .arg(duration(r.wallSeconds))
                              .arg(QString::fromStdString(r.device));
  status_->setText(tr("Finished. ") + summary);
  presentation_->showText(summary);
  log(tr("%1 Results in %2").arg(summary, runs_->runFolder()));
  inspectRun(runs_->runFolder());
}

void MainWindow::exportPlots() {
  QString path = QFileDialog::getSaveFileName(this, tr("Export plots"), "curves.png",
                                              tr("PNG image (*.png);;PDF document (*.pdf)"));
  if (path.isEmpty()) return;
  if (curves_->exportImage(path))
    log(tr("Plots exported to %1").arg(path));
  else
    QMessageBox::warning(this, tr("Export failed"), tr("Cannot write %1").arg(path));
}

void MainWindow::exportMetrics() {
  QString path =
      QFileDialog::getSaveFileName(this, tr("Export metrics"), "metrics.csv", tr("CSV (*.csv)"));
  if (path.isEmpty()) return;
  QString error;
  if (exportMetricsTo(path, &error))
    log(tr("Metrics exported to %1").arg(path));
  else
    QMessageBox::warning(this, tr("Export failed"), error);
}

// The engine's metrics.csv of the run and of its baseline, with a first column naming which.
bool MainWindow::exportMetricsTo(const QString& path, QString* error) const {
  const QString run = runs_->runFolder();
  QByteArray out;
  for (const auto& [name, file] : {std::pair<QString, QString>{"distilled", run + "/metrics.csv"},
                                   {"baseline", run + "/baseline/metrics.csv"}}) {
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) continue;
    const QList<QByteArray> lines = in.readAll().trimmed().split('\n');
    if (out.isEmpty()) out = "run," + lines.first() + "\n";
    for (int i = 1; i < lines.size(); ++i) out += name.toUtf8() + "," + lines[i] + "\n";
  }
  QSaveFile target(path);
  if (out.isEmpty()) {
    *error = tr("No run has finished an epoch yet: there are no metrics to export.");
    return false;
  }
  if (!target.open(QIODevice::WriteOnly) || target.write(out) != out.size() || !target.commit()) {
    *error = tr("Cannot write %1: %2").arg(path, target.errorString());
    return false;
  }
  return true;
}

void MainWindow::exportStudent() {
  // Every finished run writes student.pt, student_arch.json and kd_arch.py into its folder.
  const QStringList files{"student.pt", "student_arch.json", "kd_arch.py"};
  const QString runFolder = runs_->runFolder();
  if (runFolder.isEmpty() || !QFile::exists(runFolder + "/student.pt")) {
    QMessageBox::information(this, tr("Export the student"),
                             tr("Finish a run first: its student is exported from there."));
    return;
  }
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Export the student to"));
  if (dir.isEmpty()) return;
  for (const QString& f : files) {
    QFile::remove(dir + "/" + f);
    if (!QFile::copy(runFolder + "/" + f, dir + "/" + f)) {
      QMessageBox::warning(this, tr("Export failed"), tr("Cannot write %1").arg(dir + "/" + f));
      return;
    }
  }
  log(tr("Student exported to %1 (torch.load('student.pt'); see kd_arch.py)").arg(dir));
}

void MainWindow::exportDistributedJob() {
  DistributedJobDialog dialog(panel_->config(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  QString error;
  if (!dialog.write(&error)) {
    QMessageBox::warning(this, tr("Export failed"), error);
    return;
  }
  log(tr("Distributed job written to %1 (config.json and launch.sh; README, \"Larger than one "
         "machine\")")
          .arg(dialog.folder()));
}

void MainWindow::runFailed(const QString& error) {
  firstBatchPending_ = false;
  log(tr("Error: ") + error);
  status_->setText(tr("Training failed: ") + error);
  if (confirm_) QMessageBox::warning(this, tr("Training failed"), error);
}

void MainWindow::log(const QString& text) {
  log_->appendPlainText(QTime::currentTime().toString("HH:mm:ss  ") + text);
}

bool MainWindow::openExperiment(const QString& path) {
  try {
    panel_->setConfig(kd::loadExperiment(path.toStdString()));
  } catch (const kd::Error& e) {
    const QString why = engineText(e);
    log(tr("Cannot open %1: %2").arg(path, why));
    if (confirm_) QMessageBox::warning(this, tr("Cannot open experiment"), why);
    return false;
  }
  addRecent(path);
  log(tr("Opened %1").arg(path));
  return true;
}

bool MainWindow::saveExperiment(const QString& path) {
  QSaveFile file(path);
  const QByteArray json = QByteArray::fromStdString(kd::toJson(panel_->config()) + "\n");
  if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
    log(tr("Cannot save %1: %2").arg(path, file.errorString()));
    if (confirm_) QMessageBox::warning(this, tr("Cannot save experiment"), file.errorString());
    return false;
  }
  addRecent(path);
  log(tr("Saved %1").arg(path));
  return true;
}

void MainWindow::addRecent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value("recentExperiments").toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  settings.setValue("recentExperiments", recent.mid(0, kMaxRecent));
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = QSettings().value("recentExperiments").toStringList();
  for (const QString& path : recent)
    recentMenu_->addAction(path, this, [this, path] { openExperiment(path); });
  recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::readSettings() {
  QSettings settings;
  if (!restoreGeometry(settings.value("geometry").toByteArray())) resize(1400, 900);
  fitToScreen();
  restoreState(settings.value("windowState").toByteArray());
  rebuildRecentMenu();
  const QStringList recent = settings.value("recentExperiments").toStringList();
  if (!recent.isEmpty() && QFile::exists(recent.first())) openExperiment(recent.first());
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
