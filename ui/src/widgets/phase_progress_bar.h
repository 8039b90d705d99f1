#pragma once
// The status bar's progress: "teacher 42%" or "student 42%". Its size hints are as wide as the
// longer of the two at 100% in its current font (QProgressBar's own count four digits), so a
// long status message or presentation mode's larger font never cuts the text.
#include <QProgressBar>

namespace kd::ui {

class PhaseProgressBar : public QProgressBar {
  Q_OBJECT

 public:
  using QProgressBar::QProgressBar;
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 private:
  int textWidth() const;
};

}  // namespace kd::ui
