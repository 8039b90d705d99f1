#include "widgets/phase_progress_bar.h"

#include <algorithm>

#include "kd/observer.h"
#include "training/training_controller.h"

namespace kd::ui {

int PhaseProgressBar::textWidth() const {
  int text = 0;
  for (kd::Phase phase : {kd::Phase::kTeacher, kd::Phase::kStudent})
    text = std::max(text, fontMetrics().horizontalAdvance(phaseLabel(phase) + " 100%"));
  return text + 4 * fontMetrics().averageCharWidth();
}

// QProgressBar's minimum size hint asks for its size hint: neither may ask the other here.
QSize PhaseProgressBar::sizeHint() const {
  const QSize own = QProgressBar::sizeHint();
  return {std::max(own.width(), textWidth()), own.height()};
}

QSize PhaseProgressBar::minimumSizeHint() const {
  const QSize own = QProgressBar::minimumSizeHint();
  return {std::max(own.width(), textWidth()), own.height()};
}

}  // namespace kd::ui
