#pragma once
// The one way the window runs work off the GUI thread (training aside: TrainingController):
// one task at a time; a request made while one runs waits, replacing any older waiting one;
// only the newest request's result is delivered, on the GUI thread; every exception type
// (kd::Error, LibTorch's c10::Error, std::exception, anything else) becomes a message. The
// destructor waits for the running task.
#include <QObject>
#include <QString>
#include <exception>
#include <functional>
#include <optional>

class QThread;

namespace kd::ui {

// One line for the user, whatever was thrown.
QString messageOf(std::exception_ptr error);

class BackgroundTask : public QObject {
  Q_OBJECT

 public:
  // Runs off the GUI thread; returns what to do with its result on the GUI thread.
  using Work = std::function<std::function<void()>()>;
  using OnError = std::function<void(const QString& message)>;

  explicit BackgroundTask(QObject* parent = nullptr);
  ~BackgroundTask() override;

  void run(Work work, OnError onError);
  bool busy() const { return thread_ != nullptr; }

 Q_SIGNALS:
  void idle();  // nothing running or waiting

 private:
  struct Request {
    Work work;
    OnError onError;
  };
  void startNext();

  QThread* thread_ = nullptr;
  std::optional<Request> next_;
  int generation_ = 0;  // of the newest request; older results are dropped
};

}  // namespace kd::ui
