#include "gallery_delegate.h"

#include <QPainter>

namespace kd::ui {
namespace {

constexpr int kPad = 4;

// Nearest-neighbour scaling to fit side x side, by hand: QImage::scaled() takes a detour through
// a painter (and Qt's thread pool) that costs more than the few thousand pixels of a tile.
QImage nearest(const QImage& image, int side) {
  const QImage source = image.convertToFormat(QImage::Format_RGB32);
  const int w = image.width(), h = image.height(), scale = std::max(w, h);
  QImage out(side * w / scale, side * h / scale, QImage::Format_RGB32);
  for (int y = 0; y < out.height(); ++y) {
    const QRgb* in = reinterpret_cast<const QRgb*>(source.constScanLine(y * scale / side));
    QRgb* line = reinterpret_cast<QRgb*>(out.scanLine(y));
    for (int x = 0; x < out.width(); ++x) line[x] = in[x * scale / side];
  }
  return out;
}

}  // namespace

QColor outcomeColor(Outcome outcome) {
  switch (outcome) {
    case Outcome::kBothRight:
      return QColor(46, 125, 50);
    case Outcome::kTeacherOnly:
      return QColor(230, 100, 0);
    case Outcome::kStudentOnly:
      return QColor(21, 101, 192);
    case Outcome::kBothWrong:
      return QColor(198, 40, 40);
  }
  return {};
}

QString outcomeText(Outcome outcome) {
  switch (outcome) {
    case Outcome::kBothRight:
      return "both right";
    case Outcome::kTeacherOnly:
      return "teacher right, student wrong";
    case Outcome::kStudentOnly:
      return "student right, teacher wrong";
    case Outcome::kBothWrong:
      return "both wrong";
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
  return {kImageSide + 42, kImageSide + 3 * line + 3 * kPad + 4};
}

const QPixmap& GalleryDelegate::pixmapOf(int64_t row) const {
  if (QPixmap* cached = pixmaps_.object(row)) return *cached;
  auto* pixmap = new QPixmap(QPixmap::fromImage(nearest(model_->image(row), kImageSide)));
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
