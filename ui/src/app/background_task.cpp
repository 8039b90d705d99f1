#include "app/background_task.h"

#include <QThread>

#include "app/engine_text.h"
#include "kd/error.h"

namespace kd::ui {

QString messageOf(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const kd::Error& e) {
    return engineText(e);
  } catch (const std::bad_alloc&) {
    return BackgroundTask::tr("out of memory: use a smaller dataset, image size, batch or model");
  } catch (const std::exception& e) {  // c10::Error too: its first line, without the backtrace
    return QString::fromLocal8Bit(e.what()).section('\n', 0, 0);
  } catch (...) {
    return BackgroundTask::tr("an unknown error");
  }
}

BackgroundTask::BackgroundTask(QObject* parent) : QObject(parent) {}

BackgroundTask::~BackgroundTask() {
  if (!thread_) return;
  thread_->wait();
  delete thread_;
}

void BackgroundTask::run(Work work, OnError onError) {
  ++generation_;
  next_ = Request{std::move(work), std::move(onError)};
  if (!thread_) startNext();
}

void BackgroundTask::startNext() {
  Request request = std::move(*next_);
  next_.reset();
  const int generation = generation_;
  thread_ = QThread::create([this, request, generation] {
    std::function<void()> deliver;
    try {
      deliver = request.work();
    } catch (...) {
      const QString message = messageOf(std::current_exception());
      const OnError onError = request.onError;
      deliver = [onError, message] { onError(message); };
    }
    QMetaObject::invokeMethod(
        this,
        [this, deliver, generation] {
          if (generation == generation_ && deliver) deliver();
        },
        Qt::QueuedConnection);
  });
  connect(thread_, &QThread::finished, this, [this] {
    thread_->deleteLater();
    thread_ = nullptr;
    if (next_)
      startNext();
    else
      Q_EMIT idle();
  });
  thread_->start();
}

}  // namespace kd::ui
