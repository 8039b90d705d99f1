#pragma once
// The window's side of sweeps: Run > Sweep… (the dialog, then a new sweep folder), File > Open a
// sweep (with the offer to continue an unfinished one), each run's curves from its start, the
// Sweep tab at the end, and a table row opened in the inspection tabs.
#include <QObject>
#include <QString>

namespace kd::ui {

class MainWindow;
class SweepSession;

class SweepActions : public QObject {
  Q_OBJECT

 public:
  SweepActions(MainWindow* window, SweepSession* sweeps);

  void startFromDialog();
  bool open(const QString& folder);
  void setConfirmations(bool ask) { confirm_ = ask; }

 Q_SIGNALS:
  void log(const QString& text);

 private:
  MainWindow* window_;
  SweepSession* sweeps_;
  bool confirm_ = true;
};

}  // namespace kd::ui
