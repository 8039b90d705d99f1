#pragma once
// The engine's messages (std::string, English) in the window's language. The engine reports
// progress and errors as sentences; the ones a window run produces are matched here by their
// shape, and their values (names, counts, paths, the system's reason) carried into the
// translation. A message of another shape is shown as the engine wrote it.
#include <QString>

namespace kd::ui {

QString engineMessage(const QString& text);

}  // namespace kd::ui
