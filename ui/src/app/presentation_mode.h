#pragma once
// View > Presentation mode (F11): the window full screen, every font 1.6 times larger (the
// application font, which the plots follow), curves twice as thick, the experiment, log and
// runs docks folded away (DockFolding) and a large status line (phase, epoch, accuracy so far)
// above the tabs.
// Leaving it restores the fonts, the docks that were shown and the window's state.
#include <QFont>
#include <QList>
#include <QObject>

#include "kd/observer.h"

class QDockWidget;
class QLabel;
class QMainWindow;

namespace kd::ui {

class DockFolding;
class TrainingController;

class PresentationMode : public QObject {
  Q_OBJECT

 public:
  PresentationMode(QMainWindow* window, DockFolding* folding, QList<QDockWidget*> folded,
                   QLabel* statusLine);
  bool active() const { return active_; }
  void setActive(bool on);

  // The status line's text, from what the run reports: follow() shows the controller's
  // progress and epochs.
  void follow(const TrainingController* controller);
  void showProgress(const kd::BatchProgress& p);
  void showEpoch(const kd::EpochMetrics& m);
  void showText(const QString& text);

 private:
  void restylePlots();

  QMainWindow* window_;
  DockFolding* folding_;
  QList<QDockWidget*> docks_;
  QLabel* line_;
  QFont normalFont_;
  bool wasMaximized_ = false;
  bool active_ = false;
  QString accuracySoFar_;  // "test accuracy 87.40%" after the phase's last epoch
};

}  // namespace kd::ui
