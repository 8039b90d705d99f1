#pragma once
// How the window writes a length of time: one rule for every place that shows one (kdtrain's
// console keeps its own, shorter form).
#include <QString>

namespace kd::ui {

enum class DurationStyle {
  kClock,     // "4:07", from an hour "1:02:05": an ETA, a run's time
  kEstimate,  // "under a minute", "about 12 min", "about 2 h 5 min": a plan, before it runs
};

QString formatDuration(double seconds, DurationStyle style = DurationStyle::kClock);

}  // namespace kd::ui
