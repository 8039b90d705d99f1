#include "inspection/gallery_delegate.h"

#include <QPainter>

#include "widgets/theme.h"

namespace kd::ui {
namespace {

constexpr int kPad = 4;

}  // namespace

QColor outcomeColor(Outcome outcome) {
  switch (outcome) {
    case Outcome::kBothRight:
      return theme::kGreen;
    case Outcome::kTeacherOnly:
      return theme::kVermillion;
    case Outcome::kStudentOnly:
      return theme::kBlue;
    case Outcome::kBothWrong:
      return theme::kPurple;
  }
  return {};
}

QString outcomeText(Outcome outcome) {
  switch (outcome) {
    case Outcome::kBothRight:
      return GalleryDelegate::tr("both right");
    case Outcome::kTeacherOnly:
      return GalleryDelegate::tr("teacher right, student wrong");
    case Outcome::kStudentOnly:
      return GalleryDelegate::tr("student right, teacher wrong");
    case Outcome::kBothWrong:
      return GalleryDelegate::tr("both wrong");
  }
  return {};
}

GalleryDelegate::GalleryDelegate(PredictionModel* model, QObject* parent)
    : QStyledItemDelegate(parent), model_(model) {
  // Rows keep their images through filters and sorting, not through new predictions.
  connect(model, &PredictionModel::predictionsReplaced, this, [this] { pixmaps_.clear(); });
}

QSize GalleryDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
  const int line = option.fontMetrics.height();
  // Wide enough for a verdict line in the current font (presentation mode enlarges it).
  const int text = option.fontMetrics.horizontalAdvance("T \u2713 100% T-shirt") + 2 * kPad + 4;
  return {std::max(kImageSide + 42, text), kImageSide + 3 * line + 3 * kPad + 4};
}

const QPixmap& GalleryDelegate::pixmapOf(int64_t row) const {
  if (QPixmap* cached = pixmaps_.object(row)) return *cached;
  auto* pixmap = new QPixmap(QPixmap::fromImage(scaledNearest(model_->image(row), kImageSide)));
  pixmaps_.insert(row, pixmap);
  return *pixmap;
}

void GalleryDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const {
  const ImageVerdict& v = model_->verdict(index.row());
  const QColor color = outcomeColor(v.outcome());
  const QRect r = option.rect.adjusted(2, 2, -2, -2);
  painter->save();
  QColor tint = color;
  tint.setAlpha(40);
  painter->fillRect(r, tint);
  painter->fillRect(QRect(r.topLeft(), QSize(r.width(), 4)), color);
  if (option.state & QStyle::State_Selected)
    painter->setPen(QPen(option.palette.highlight(), 3));
  else
    painter->setPen(Qt::NoPen);
  painter->drawRect(r.adjusted(1, 1, -1, -1));

  const QPixmap& pixmap = pixmapOf(v.row);
  painter->drawPixmap(r.left() + (r.width() - pixmap.width()) / 2, r.top() + 4 + kPad, pixmap);

  const int line = option.fontMetrics.height();
  QRect text(r.left() + kPad, r.top() + 4 + 2 * kPad + kImageSide, r.width() - 2 * kPad, line);
  painter->setPen(option.palette.text().color());
  QFont bold = option.font;
  bold.setBold(true);
  painter->setFont(bold);
  painter->drawText(
      text, Qt::AlignLeft | Qt::AlignVCenter,
      option.fontMetrics.elidedText(model_->className(v.label), Qt::ElideRight, text.width()));
  painter->setFont(option.font);
  auto verdictLine = [&](const char* who, int predicted, double probability) {
    text.translate(0, line);
    const QString mark = predicted == v.label ? QStringLiteral("\u2713") : QStringLiteral("\u2717");
    const QString s =
        QString("%1 %2 %3 %4").arg(who, mark, percent(probability), model_->className(predicted));
    painter->drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(s, Qt::ElideRight, text.width()));
  };
  verdictLine("T", v.teacherClass, v.teacherProbability);
  verdictLine("S", v.studentClass, v.studentProbability);
  painter->restore();
}

}  // namespace kd::ui
