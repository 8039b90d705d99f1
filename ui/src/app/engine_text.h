#pragma once
// The engine's words (kd::Text: an English pattern and its values) in the window's language.
// The patterns are collected from engine/ by scripts/update-translations.sh into the context
// "kd::EngineText" of the window's .ts files; a value that is itself a Text is translated in its
// turn, and one that is plain (a path, a number, a name) is shown as it is.
#include <QString>

#include "kd/error.h"
#include "kd/text.h"

namespace kd::ui {

QString engineText(const kd::Text& text);
inline QString engineText(const kd::Error& error) { return engineText(error.text()); }

}  // namespace kd::ui
