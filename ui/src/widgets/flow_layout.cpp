#include "widgets/flow_layout.h"

#include <QWidget>

namespace kd::ui {

FlowLayout::FlowLayout(QWidget* parent, int spacing) : QLayout(parent), spacing_(spacing) {
  setContentsMargins(0, 0, 0, 0);
}

FlowLayout::~FlowLayout() {
  while (QLayoutItem* item = takeAt(0)) delete item;
}

void FlowLayout::addItem(QLayoutItem* item) { items_.push_back(item); }

QLayoutItem* FlowLayout::takeAt(int index) {
  return index >= 0 && index < items_.size() ? items_.takeAt(index) : nullptr;
}

// The widest item: narrower than that, an item would be cut.
QSize FlowLayout::minimumSize() const {
  QSize size;
  for (const QLayoutItem* item : items_) size = size.expandedTo(item->minimumSize());
  const QMargins m = contentsMargins();
  return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

// Everything on one line.
QSize FlowLayout::sizeHint() const {
  int width = 0, height = 0;
  for (const QLayoutItem* item : items_) {
    if (item->isEmpty()) continue;
    width += item->sizeHint().width() + (width > 0 ? spacing_ : 0);
    height = std::max(height, item->sizeHint().height());
  }
  const QMargins m = contentsMargins();
  return {width + m.left() + m.right(), height + m.top() + m.bottom()};
}

void FlowLayout::setGeometry(const QRect& rect) {
  QLayout::setGeometry(rect);
  arrange(rect, true);
}

// Lines are filled left to right; each item is centred on its line's height.
int FlowLayout::arrange(const QRect& rect, bool place) const {
  const QRect area = rect.marginsRemoved(contentsMargins());
  int y = area.y();
  QList<QPair<QLayoutItem*, QSize>> line;
  int lineWidth = 0, lineHeight = 0;
  auto finishLine = [&] {
    int x = area.x();
    for (const auto& [item, size] : line) {
      if (place) item->setGeometry(QRect(QPoint(x, y + (lineHeight - size.height()) / 2), size));
      x += size.width() + spacing_;
    }
    if (!line.isEmpty()) y += lineHeight + spacing_;
    line.clear();
    lineWidth = lineHeight = 0;
  };
  for (QLayoutItem* item : items_) {
    if (item->isEmpty()) continue;
    const QSize size = item->sizeHint().boundedTo(QSize(area.width(), QWIDGETSIZE_MAX));
    if (!line.isEmpty() && lineWidth + spacing_ + size.width() > area.width()) finishLine();
    lineWidth += (line.isEmpty() ? 0 : spacing_) + size.width();
    lineHeight = std::max(lineHeight, size.height());
    line.push_back({item, size});
  }
  finishLine();
  const int used = y > area.y() ? y - spacing_ - area.y() : 0;
  const QMargins m = contentsMargins();
  return used + m.top() + m.bottom();
}

}  // namespace kd::ui
