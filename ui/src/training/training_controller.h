#pragma once
// Runs experiments on a worker thread (DESIGN: TrainingController). The engine's observer
// callbacks become queued signals, so every slot connected here runs on the GUI thread.
// Stop and destruction cancel the run and wait for the worker: nothing is left running.
#include <QObject>
#include <QString>
#include <QThread>
#include <functional>
#include <memory>

#include "kd/experiment_runner.h"
#include "kd/sweep.h"

Q_DECLARE_METATYPE(kd::BatchProgress)
Q_DECLARE_METATYPE(kd::EpochMetrics)
Q_DECLARE_METATYPE(kd::RunReport)
Q_DECLARE_METATYPE(std::shared_ptr<const kd::Predictions>)
Q_DECLARE_METATYPE(kd::SweepProgress)
Q_DECLARE_METATYPE(kd::SweepResults)

namespace kd::ui {

class Worker;

class TrainingController : public QObject {
  Q_OBJECT

 public:
  enum class State { kIdle, kRunning, kPaused, kStopping };
  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;

  State state() const { return state_; }
  bool busy() const { return state_ != State::kIdle; }
  // Paused, and the worker has stopped between two batches (its reports so far are sent).
  bool holding() const { return control_ && control_->holding(); }

 public Q_SLOTS:
  void start(const kd::ExperimentConfig& config, const QString& outDir,
             const QString& resumeFrom = {});
  // Runs a sweep's runs one after another; each run reports through the signals above.
  void startSweep(const kd::SweepSpec& spec, const QString& outDir, bool resume);
  void pause();
  void resume();
  void stop();

 Q_SIGNALS:
  void stateChanged(kd::ui::TrainingController::State state);
  void message(const QString& text);
  void progress(const kd::BatchProgress& progress);
  void epochFinished(const kd::EpochMetrics& metrics);
  // The teacher's test accuracy once it can teach, trained in the run or loaded.
  void teacherReady(double testAccuracy);
  // The student's predictions on the probe set, before training and after each epoch.
  void probe(std::shared_ptr<const kd::Predictions> predictions);
  void finished(const kd::RunReport& report);  // also after a stop: report.cancelled is set
  void sweepRunStarting(const kd::SweepProgress& progress);
  void sweepPointFinished(const kd::SweepResults& sofar);
  void sweepFinished(const kd::SweepResults& results);  // also after a stop: cancelled set
  void failed(const QString& error);

 private:
  void setState(State state);
  void onWorkerDone();
  void launch(std::function<void(Worker&, RunControl&)> job);

  QThread thread_;
  std::shared_ptr<RunControl> control_;
  State state_ = State::kIdle;
};

// A phase for display, in the window's language: "teacher" or "student", and what the run
// does in it ("Training the teacher", "Distilling the student").
QString phaseLabel(kd::Phase phase);
QString phaseActivity(kd::Phase phase);

}  // namespace kd::ui
