#pragma once
// The caption bar of a running demonstration, above the tabs: its title, "step k of n", the
// caption, and Back, Next, Run again and End. PageDown and PageUp step too (what a presenter's
// remote sends). A step that waits for the run keeps Next disabled until setRunFinished().
#include <QFrame>
#include <functional>

#include "demo/demonstration.h"

class QLabel;
class QPushButton;

namespace kd::ui {

class DemoGuide : public QFrame {
  Q_OBJECT

 public:
  explicit DemoGuide(QWidget* parent = nullptr);

  // Shows the demonstration's first step; `apply` puts the window in each step's state.
  void start(const Demonstration& demo, std::function<void(const DemoStep&)> apply);
  void setRunFinished(bool finished);
  bool active() const { return step_ >= 0; }
  int step() const { return step_; }
  int steps() const { return int(demo_.steps.size()); }
  QLabel* title() const { return title_; }
  QLabel* caption() const { return caption_; }
  QPushButton* nextButton() const { return next_; }
  QPushButton* backButton() const { return back_; }

 public Q_SLOTS:
  void next();
  void back();
  void end();

 Q_SIGNALS:
  void rerunRequested();          // Run again: set the demonstration up and run it from its start
  void shownChanged(bool shown);  // just before start() shows the bar; after end() hides it

 private:
  void showStep(int index);
  void updateButtons();

  Demonstration demo_;
  std::function<void(const DemoStep&)> apply_;
  int step_ = -1;
  bool runFinished_ = false;
  QLabel* title_;
  QLabel* caption_;
  QPushButton* back_;
  QPushButton* next_;
  QPushButton* again_;
  QPushButton* end_;
};

}  // namespace kd::ui
