#include "inspection/inspection_loader.h"

namespace kd::ui {

InspectionLoader::InspectionLoader(QObject* parent) : QObject(parent) {
  qRegisterMetaType<std::shared_ptr<kd::RunInspector>>();
  connect(&task_, &BackgroundTask::idle, this, &InspectionLoader::idle);
}

void InspectionLoader::load(const QString& runDir) {
  task_.run(
      [this, runDir]() -> std::function<void()> {
        auto inspector = std::make_shared<kd::RunInspector>(runDir.toStdString());
        return [this, inspector, runDir] { Q_EMIT loaded(inspector, runDir); };
      },
      [this, runDir](const QString& error) { Q_EMIT failed(error, runDir); });
}

}  // namespace kd::ui
