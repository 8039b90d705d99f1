#include "demo/demo_guide.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

#include "app/language.h"
#include "widgets/theme.h"

namespace kd::ui {

DemoGuide::DemoGuide(QWidget* parent)
    : QFrame(parent),
      title_(new QLabel),
      caption_(new QLabel),
      back_(new QPushButton(tr("\u25c0 &Back"))),
      next_(new QPushButton(tr("&Next \u25b6"))),
      again_(new QPushButton(tr("Run &again"))),
      end_(new QPushButton(tr("&End demo"))) {
  setFrameShape(QFrame::StyledPanel);
  setAutoFillBackground(true);
  QPalette p = palette();
  QColor tint = theme::kSkyBlue;
  tint.setAlpha(45);
  p.setColor(QPalette::Window, tint);
  setPalette(p);
  title_->setWordWrap(true);  // a long title wraps rather than widen the window past the screen
  caption_->setWordWrap(true);
  caption_->setTextFormat(Qt::RichText);
  caption_->setAccessibleName(tr("Demonstration caption"));
  back_->setToolTip(tr("The previous step (Page Up)"));
  next_->setToolTip(tr("The next step (Page Down)"));
  again_->setToolTip(tr("Set the demonstration up again and run it from the start"));
  end_->setToolTip(tr("Close the captions; the run and the window stay as they are"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(title_, 1);
  for (QPushButton* b : {back_, next_, again_, end_}) buttons->addWidget(b);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(buttons);
  layout->addWidget(caption_);
  connect(back_, &QPushButton::clicked, this, &DemoGuide::back);
  connect(next_, &QPushButton::clicked, this, &DemoGuide::next);
  connect(again_, &QPushButton::clicked, this, &DemoGuide::rerunRequested);
  connect(end_, &QPushButton::clicked, this, &DemoGuide::end);
  for (const auto& [key, slot] : {std::pair{Qt::Key_PageDown, &DemoGuide::next},
                                  std::pair{Qt::Key_PageUp, &DemoGuide::back}}) {
    auto* shortcut = new QShortcut(QKeySequence(key), this);
    shortcut->setContext(Qt::WindowShortcut);  // from anywhere in the window while shown
    connect(shortcut, &QShortcut::activated, this, slot);
  }
  hide();
}

void DemoGuide::start(const Demonstration& demo, std::function<void(const DemoStep&)> apply) {
  demo_ = demo;
  apply_ = std::move(apply);
  runFinished_ = false;
  Q_EMIT shownChanged(true);  // first, so what makes room for the bar goes before it comes
  show();
  showStep(0);
}

void DemoGuide::setRunFinished(bool finished) {
  runFinished_ = finished;
  updateButtons();
}

void DemoGuide::next() {
  if (active() && next_->isEnabled()) showStep(step_ + 1);
}

void DemoGuide::back() {
  if (active() && step_ > 0) showStep(step_ - 1);
}

void DemoGuide::end() {
  step_ = -1;
  hide();
  Q_EMIT shownChanged(false);
}

void DemoGuide::showStep(int index) {
  if (index < 0 || index >= steps()) return;
  step_ = index;
  title_->setText(tr("<b>%1</b> \u00b7 step %2 of %3")
                      .arg(withoutMnemonic(demo_.title))
                      .arg(step_ + 1)
                      .arg(steps()));
  caption_->setText(demo_.steps[size_t(step_)].caption);
  if (apply_) apply_(demo_.steps[size_t(step_)]);
  updateButtons();
}

void DemoGuide::updateButtons() {
  const bool waiting = active() && demo_.steps[size_t(step_)].waitsForRun && !runFinished_;
  back_->setEnabled(active() && step_ > 0);
  next_->setEnabled(active() && step_ + 1 < steps() && !waiting);
  next_->setToolTip(waiting ? tr("Available when the run has finished")
                            : tr("The next step (Page Down)"));
}

}  // namespace kd::ui
