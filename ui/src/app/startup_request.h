#pragma once
// What `kdworkbench PATH` asks the window to open: an experiment file, a finished run folder
// (kdtrain --out or the window's own) or a sweep folder. Decided before the window opens, so a
// path that is none of them is a message on stderr, not a window in a wrong state.
#include <QString>

namespace kd::ui {

struct StartupRequest {
  enum class Kind { kNothing, kExperiment, kRun, kSweep };
  Kind kind = Kind::kNothing;
  QString path;  // absolute
};

// An empty path asks for nothing. Returns false, with the reason in *error, for a path that
// does not exist, an experiment file the engine refuses (its own message), or a folder that
// holds neither summary.json nor sweep.json.
bool startupRequestFor(const QString& path, StartupRequest* request, QString* error);

}  // namespace kd::ui
