#pragma once
// A layout that places its items left to right and wraps to a new line when the width runs
// out (filter buttons on a narrow projector window wrap instead of being cut). Its height for
// a width is the height of the lines it would make.
#include <QLayout>
#include <QList>

namespace kd::ui {

class FlowLayout : public QLayout {
 public:
  explicit FlowLayout(QWidget* parent = nullptr, int spacing = 6);
  ~FlowLayout() override;

  void addItem(QLayoutItem* item) override;
  int count() const override { return int(items_.size()); }
  QLayoutItem* itemAt(int index) const override { return items_.value(index); }
  QLayoutItem* takeAt(int index) override;
  Qt::Orientations expandingDirections() const override { return {}; }
  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override { return arrange(QRect(0, 0, width, 0), false); }
  QSize minimumSize() const override;
  QSize sizeHint() const override;
  void setGeometry(const QRect& rect) override;

 private:
  int arrange(const QRect& rect, bool place) const;  // returns the height used

  QList<QLayoutItem*> items_;
  int spacing_;
};

}  // namespace kd::ui
