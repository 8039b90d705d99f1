#include "inspection_loader.h"

#include "kd/error.h"

namespace kd::ui {

InspectionLoader::InspectionLoader(QObject* parent) : QObject(parent) {
  qRegisterMetaType<std::shared_ptr<kd::RunInspector>>();
}

InspectionLoader::~InspectionLoader() {
  if (!thread_) return;
  thread_->wait();
  delete thread_;
}

void InspectionLoader::load(const QString& runDir) {
  next_ = runDir;
  if (!thread_) startNext();
}

void InspectionLoader::startNext() {
  const QString dir = next_;
  next_.clear();
  thread_ = QThread::create([this, dir] {
    try {
      Q_EMIT loaded(std::make_shared<kd::RunInspector>(dir.toStdString()), dir);
    } catch (const kd::Error& e) {
      Q_EMIT failed(QString::fromStdString(e.what()), dir);
    } catch (const std::exception& e) {
      Q_EMIT failed(QString::fromLocal8Bit(e.what()).section('\n', 0, 0), dir);
    }
  });
  connect(thread_, &QThread::finished, this, [this] {
    thread_->deleteLater();
    thread_ = nullptr;
    if (!next_.isEmpty())
      startNext();
    else
      Q_EMIT idle();
  });
  thread_->start();
}

}  // namespace kd::ui
