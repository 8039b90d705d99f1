#include "app/startup_request.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "app/engine_text.h"
#include "kd/error.h"
#include "kd/experiment.h"

namespace kd::ui {

bool startupRequestFor(const QString& path, StartupRequest* request, QString* error) {
  *request = {};
  if (path.isEmpty()) return true;
  const QFileInfo info(path);
  if (!info.exists()) {
    *error = QCoreApplication::translate("kd::ui::StartupRequest", "there is no file or folder %1")
                 .arg(path);
    return false;
  }
  request->path = info.absoluteFilePath();
  if (info.isDir()) {
    const QDir dir(request->path);
    if (dir.exists("sweep.json")) {
      request->kind = StartupRequest::Kind::kSweep;
    } else if (dir.exists("summary.json")) {
      request->kind = StartupRequest::Kind::kRun;
    } else {
      *error = QCoreApplication::translate(
                   "kd::ui::StartupRequest",
                   "%1 is neither a finished run (it has no summary.json) nor a sweep folder "
                   "(no sweep.json)")
                   .arg(path);
      return false;
    }
    return true;
  }
  try {
    kd::loadExperiment(request->path.toStdString());
  } catch (const kd::Error& e) {
    *error =
        QCoreApplication::translate("kd::ui::StartupRequest", "cannot open the experiment %1: %2")
            .arg(path, engineText(e));
    return false;
  }
  request->kind = StartupRequest::Kind::kExperiment;
  return true;
}

}  // namespace kd::ui
