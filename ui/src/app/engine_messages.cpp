#include "app/engine_messages.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <utility>
#include <vector>

namespace kd::ui {
namespace {

// Each shape captures one to four values.
struct Shape {
  const char* pattern;      // the engine's sentence (engine/src), its values captured
  const char* translation;  // the source text for lupdate: %1, %2... are the captures
};

// The progress lines of experiment_runner.cpp and the errors a run from the window can end
// with (checkpoint.cpp, run_files.cpp, experiment_runner.cpp).
const Shape kShapes[] = {
    {"training the teacher \"(.*)\" on (\\d+) images",
     QT_TRANSLATE_NOOP("kd::ui::EngineMessages", "training the teacher \"%1\" on %2 images")},
    {"teacher: (.*) \\((.*)\\)", QT_TRANSLATE_NOOP("kd::ui::EngineMessages", "teacher: %1 (%2)")},
    {"  mapped by order and shape: (.*)",
     QT_TRANSLATE_NOOP("kd::ui::EngineMessages", "  mapped by order and shape: %1")},
    {"teacher test accuracy (.*)",
     QT_TRANSLATE_NOOP("kd::ui::EngineMessages", "teacher test accuracy %1")},
    {"caching the teacher's logits for (\\d+) training images",
     QT_TRANSLATE_NOOP("kd::ui::EngineMessages",
                       "caching the teacher's logits for %1 training images")},
    {"distilling into the student \"(.*)\"",
     QT_TRANSLATE_NOOP("kd::ui::EngineMessages", "distilling into the student \"%1\"")},
    {"skipped (\\d+) dataset files that could not be used:",
     QT_TRANSLATE_NOOP("kd::ui::EngineMessages",
                       "skipped %1 dataset files that could not be used:")},
    {"  \\.\\.\\. and (\\d+) more \\(all in summary\\.json\\)",
     QT_TRANSLATE_NOOP("kd::ui::EngineMessages", "  ... and %1 more (all in summary.json)")},
    {"the (teacher|student)'s weights hold NaN or infinite values after epoch (\\d+) \\(in "
     "(.*)\\); "
     "training stopped and the last good checkpoint is kept\\. Try a lower learning rate\\.",
     QT_TRANSLATE_NOOP("kd::ui::EngineMessages",
                       "the %1's weights hold NaN or infinite values after epoch %2 (in %3); "
                       "training stopped and the last good checkpoint is kept. Try a lower "
                       "learning rate.")},
    {"the (teacher|student)'s loss became (NaN|infinite) in epoch (\\d+) \\(batch (\\d+)\\); "
     "training stopped and the last good checkpoint is kept\\. Try a lower learning rate\\.",
     QT_TRANSLATE_NOOP("kd::ui::EngineMessages",
                       "the %1's loss became %2 in epoch %3 (batch %4); training stopped and the "
                       "last good checkpoint is kept. Try a lower learning rate.")},
    {"cannot create the run folder (.*) \\((.*)\\)",
     QT_TRANSLATE_NOOP("kd::ui::EngineMessages", "cannot create the run folder %1 (%2)")},
    {"cannot write (.*) \\((.*)\\); is the folder writable and the disk not full\\?",
     QT_TRANSLATE_NOOP("kd::ui::EngineMessages",
                       "cannot write %1 (%2); is the folder writable and the disk not full?")},
};

// Values that are words, translated where they stand in a message.
[[maybe_unused]] const char* const kWords[] = {
    QT_TRANSLATE_NOOP("kd::ui::EngineMessages", "teacher"),
    QT_TRANSLATE_NOOP("kd::ui::EngineMessages", "student"),
    QT_TRANSLATE_NOOP("kd::ui::EngineMessages", "NaN"),
    QT_TRANSLATE_NOOP("kd::ui::EngineMessages", "infinite"),
    QT_TRANSLATE_NOOP("kd::ui::EngineMessages", "checkpoint"),  // a teacher's kind
    QT_TRANSLATE_NOOP("kd::ui::EngineMessages", "trained here"),
};

QString word(const QString& value) {
  for (const char* w : kWords)
    if (value == QLatin1String(w)) return QCoreApplication::translate("kd::ui::EngineMessages", w);
  return value;
}

// The shapes' patterns, compiled once.
const std::vector<std::pair<QRegularExpression, const char*>>& patterns() {
  static const auto compiled = [] {
    std::vector<std::pair<QRegularExpression, const char*>> out;
    for (const Shape& shape : kShapes)
      out.emplace_back(QRegularExpression(QRegularExpression::anchoredPattern(shape.pattern)),
                       shape.translation);
    return out;
  }();
  return compiled;
}

}  // namespace

QString engineMessage(const QString& text) {
  for (const auto& [pattern, translation] : patterns()) {
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) continue;
    const QString out = QCoreApplication::translate("kd::ui::EngineMessages", translation);
    QStringList v;
    for (int i = 1; i <= pattern.captureCount(); ++i) v << word(match.captured(i));
    // All values in one arg() call: a value's own "%1" is never read as a place marker.
    switch (v.size()) {
      case 1:
        return out.arg(v[0]);
      case 2:
        return out.arg(v[0], v[1]);
      case 3:
        return out.arg(v[0], v[1], v[2]);
      default:
        return out.arg(v[0], v[1], v[2], v[3]);
    }
  }
  return text;
}

}  // namespace kd::ui
