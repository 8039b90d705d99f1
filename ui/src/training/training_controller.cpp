#include "training/training_controller.h"

#include <exception>
#include <functional>

#include "app/engine_text.h"
#include "kd/error.h"

namespace kd::ui {

// Lives on the worker thread for one job (a run or a sweep); its callbacks come from the
// engine on that thread.
class Worker : public QObject, public SweepObserver {
  Q_OBJECT

 public:
  using Job = std::function<void(Worker&)>;
  explicit Worker(Job job) : job_(std::move(job)) {}

  void onMessage(const Text& text) override { Q_EMIT message(engineText(text)); }
  void onBatch(const BatchProgress& p) override { Q_EMIT progress(p); }
  void onEpoch(const EpochMetrics& m) override { Q_EMIT epochFinished(m); }
  void onTeacherReady(double accuracy) override { Q_EMIT teacherReady(accuracy); }
  void onProbe(const Predictions& p) override {
    Q_EMIT probe(std::make_shared<const Predictions>(p));
  }
  void onRunStarting(const SweepProgress& p) override { Q_EMIT sweepRunStarting(p); }
  void onPointFinished(const PointResult&, const SweepResults& sofar) override {
    Q_EMIT sweepPointFinished(sofar);
  }

 public Q_SLOTS:
  void run() {
    // Every failure becomes a message: a training error never takes the window down.
    try {
      job_(*this);
    } catch (const Error& e) {
      Q_EMIT failed(engineText(e));
    } catch (const std::exception& e) {
      Q_EMIT failed(TrainingController::tr("training failed: %1")
                        .arg(QString::fromLocal8Bit(e.what()).section('\n', 0, 0)));
    } catch (...) {
      Q_EMIT failed(TrainingController::tr("training failed with an unknown error"));
    }
    Q_EMIT done();
  }

 Q_SIGNALS:
  void message(const QString& text);
  void progress(const kd::BatchProgress& progress);
  void epochFinished(const kd::EpochMetrics& metrics);
  void teacherReady(double testAccuracy);
  void probe(std::shared_ptr<const kd::Predictions> predictions);
  void finished(const kd::RunReport& report);
  void sweepRunStarting(const kd::SweepProgress& progress);
  void sweepPointFinished(const kd::SweepResults& sofar);
  void sweepFinished(const kd::SweepResults& results);
  void failed(const QString& error);
  void done();

 private:
  Job job_;
};

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<kd::BatchProgress>();
  qRegisterMetaType<kd::EpochMetrics>();
  qRegisterMetaType<kd::RunReport>();
  qRegisterMetaType<kd::SweepProgress>();
  qRegisterMetaType<kd::SweepResults>();
  qRegisterMetaType<std::shared_ptr<const kd::Predictions>>();
  qRegisterMetaType<kd::ui::TrainingController::State>();
  thread_.setObjectName("training");
  thread_.start();
}

TrainingController::~TrainingController() {
  if (control_) control_->cancel();
  thread_.quit();
  thread_.wait();
}

void TrainingController::start(const ExperimentConfig& config, const QString& outDir,
                               const QString& resumeFrom) {
  launch([config, options = RunOptions{outDir.toStdString(), resumeFrom.toStdString(), {}}](
             Worker& worker, RunControl& control) {
    Q_EMIT worker.finished(runExperiment(config, options, worker, control));
  });
}

void TrainingController::startSweep(const SweepSpec& spec, const QString& outDir, bool resume) {
  launch([spec, dir = outDir.toStdString(), resume](Worker& worker, RunControl& control) {
    Q_EMIT worker.sweepFinished(runSweep(spec, dir, resume, worker, control));
  });
}

void TrainingController::launch(std::function<void(Worker&, RunControl&)> job) {
  if (busy()) return;
  control_ = std::make_shared<RunControl>();
  auto* worker =
      new Worker([job = std::move(job), control = control_](Worker& w) { job(w, *control); });
  worker->moveToThread(&thread_);
  connect(worker, &Worker::message, this, &TrainingController::message);
  connect(worker, &Worker::progress, this, &TrainingController::progress);
  connect(worker, &Worker::epochFinished, this, &TrainingController::epochFinished);
  connect(worker, &Worker::teacherReady, this, &TrainingController::teacherReady);
  connect(worker, &Worker::probe, this, &TrainingController::probe);
  connect(worker, &Worker::finished, this, &TrainingController::finished);
  connect(worker, &Worker::sweepRunStarting, this, &TrainingController::sweepRunStarting);
  connect(worker, &Worker::sweepPointFinished, this, &TrainingController::sweepPointFinished);
  connect(worker, &Worker::sweepFinished, this, &TrainingController::sweepFinished);
  connect(worker, &Worker::failed, this, &TrainingController::failed);
  connect(worker, &Worker::done, this, &TrainingController::onWorkerDone);
  connect(worker, &Worker::done, worker, &QObject::deleteLater);
  setState(State::kRunning);
  QMetaObject::invokeMethod(worker, &Worker::run, Qt::QueuedConnection);
}

void TrainingController::pause() {
  if (state_ != State::kRunning) return;
  control_->pause();
  setState(State::kPaused);
}

void TrainingController::resume() {
  if (state_ != State::kPaused) return;
  control_->resume();
  setState(State::kRunning);
}

void TrainingController::stop() {
  if (state_ != State::kRunning && state_ != State::kPaused) return;
  control_->cancel();
  setState(State::kStopping);
}

void TrainingController::onWorkerDone() {
  control_.reset();
  setState(State::kIdle);
}

void TrainingController::setState(State state) {
  if (state_ == state) return;
  state_ = state;
  Q_EMIT stateChanged(state);
}

QString phaseLabel(kd::Phase phase) {
  return phase == kd::Phase::kTeacher ? TrainingController::tr("teacher")
                                      : TrainingController::tr("student");
}

QString phaseActivity(kd::Phase phase) {
  return phase == kd::Phase::kTeacher ? TrainingController::tr("Training the teacher")
                                      : TrainingController::tr("Distilling the student");
}

}  // namespace kd::ui

#include "app/engine_text.h"
#include "training_controller.moc"
