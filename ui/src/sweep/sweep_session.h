#pragma once
// The sweep workflow, without widgets: starts a sweep on the training controller, follows its
// runs, re-reads the sweep folder's results after every point, and opens or continues a
// sweep folder from disk. The window shows what it reports.
#include <QObject>
#include <QString>

#include "kd/sweep.h"

namespace kd::ui {

class TrainingController;

class SweepSession : public QObject {
  Q_OBJECT

 public:
  explicit SweepSession(TrainingController* controller, QObject* parent = nullptr);
  bool running() const { return running_; }
  QString folder() const { return folder_; }
  // The opened sweep has runs left and nothing is running.
  bool resumable() const;

 public Q_SLOTS:
  void start(const kd::SweepSpec& spec, const QString& folder);
  // Reads a sweep folder's results (finished runs only); false with the reason in `error`.
  bool open(const QString& folder, QString* error);
  // Continues the opened sweep: finished runs are kept, the interrupted one resumes.
  void resume();

 Q_SIGNALS:
  void resultsChanged(const QString& folder, const kd::SweepResults& results);
  void runStarting(const QString& description);
  void finished(const QString& summary);

 private:
  void runStarted(const kd::SweepProgress& p);
  void done(const kd::SweepResults& results);

  TrainingController* controller_;
  QString folder_;
  kd::SweepResults last_;
  bool running_ = false;
};

}  // namespace kd::ui
