#pragma once
// A row that steps through a run's recorded epochs: Play/Stop, a slider of positions and a
// label the owner fills. Playing moves one position every 700 ms and stops at the last; Play
// at the last position starts again from the first. The gallery's predictions and the
// Embeddings tab's student map replay with it.
#include <QWidget>

class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace kd::ui {

class EpochPlayer : public QWidget {
  Q_OBJECT

 public:
  // `playTip`: what playing replays; `sliderName`: the slider's accessible name.
  EpochPlayer(const QString& playTip, const QString& sliderName, QWidget* parent = nullptr);

  QSlider* slider() const { return slider_; }  // positions 0..last; valueChanged: show one
  QLabel* label() const { return label_; }
  QToolButton* playButton() const { return play_; }
  // Positions 0..last; the slider and Play are enabled when there is more than one.
  void setLast(int last);
  void stop();

 private:
  QToolButton* play_;
  QSlider* slider_;
  QLabel* label_;
  QTimer* timer_;
};

}  // namespace kd::ui
