#include "widgets/duration.h"

#include <QCoreApplication>

namespace kd::ui {
namespace {

QString clock(int s) {
  const QString mmss = QString("%1:%2")
                           .arg(s / 60 % 60, s >= 3600 ? 2 : 1, 10, QChar('0'))
                           .arg(s % 60, 2, 10, QChar('0'));
  return s >= 3600 ? QString("%1:%2").arg(s / 3600).arg(mmss) : mmss;
}

QString estimate(double seconds) {
  const int minutes = int(seconds / 60 + 0.5);
  if (minutes < 1) return QCoreApplication::translate("kd::ui::Duration", "under a minute");
  if (minutes < 120)
    return QCoreApplication::translate("kd::ui::Duration", "about %1 min").arg(minutes);
  return QCoreApplication::translate("kd::ui::Duration", "about %1 h %2 min")
      .arg(minutes / 60)
      .arg(minutes % 60);
}

}  // namespace

QString formatDuration(double seconds, DurationStyle style) {
  if (!(seconds >= 0)) seconds = 0;  // an ETA not known yet (negative or NaN)
  return style == DurationStyle::kClock ? clock(int(seconds + 0.5)) : estimate(seconds);
}

}  // namespace kd::ui
