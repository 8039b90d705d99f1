#include "widgets/epoch_player.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QTimer>
#include <QToolButton>

namespace kd::ui {

namespace {
constexpr int kPlayStepMs = 700;
}

EpochPlayer::EpochPlayer(const QString& playTip, const QString& sliderName, QWidget* parent)
    : QWidget(parent),
      play_(new QToolButton),
      slider_(new QSlider(Qt::Horizontal)),
      label_(new QLabel),
      timer_(new QTimer(this)) {
  play_->setText(tr("\u25b6 Play"));
  play_->setCheckable(true);
  play_->setToolTip(playTip);
  slider_->setPageStep(1);
  slider_->setAccessibleName(sliderName);
  timer_->setInterval(kPlayStepMs);
  connect(play_, &QToolButton::toggled, this, [this](bool on) {
    if (on && slider_->value() == slider_->maximum()) slider_->setValue(0);
    on ? timer_->start() : timer_->stop();
    play_->setText(on ? tr("\u25a0 Stop") : tr("\u25b6 Play"));
  });
  connect(timer_, &QTimer::timeout, this, [this] {
    if (slider_->value() >= slider_->maximum()) return play_->setChecked(false);
    slider_->setValue(slider_->value() + 1);
  });
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(play_);
  row->addWidget(slider_, 1);
  row->addWidget(label_);
}

void EpochPlayer::setLast(int last) {
  slider_->setMaximum(last);
  slider_->setEnabled(last > 0);
  play_->setEnabled(last > 0);
}

void EpochPlayer::stop() { play_->setChecked(false); }

}  // namespace kd::ui
