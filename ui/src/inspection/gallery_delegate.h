#pragma once
// Paints one gallery tile: the image (nearest-neighbour, so pixels stay crisp), the true class,
// and each model's top-1 class and probability with a mark, on the outcome's colour. Scaled
// images are cached per image, so scrolling and filtering redraw from pixmaps.
#include <QCache>
#include <QColor>
#include <QPixmap>
#include <QStyledItemDelegate>

#include "inspection/prediction_model.h"

namespace kd::ui {

QColor outcomeColor(Outcome outcome);
QString outcomeText(Outcome outcome);

class GalleryDelegate : public QStyledItemDelegate {
  Q_OBJECT

 public:
  static constexpr int kImageSide = 80;
  explicit GalleryDelegate(PredictionModel* model, QObject* parent = nullptr);

  void paint(QPainter* painter, const QStyleOptionViewItem& option,
             const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

 private:
  const QPixmap& pixmapOf(int64_t row) const;

  PredictionModel* model_;
  mutable QCache<int64_t, QPixmap> pixmaps_{4000};  // by Predictions row
};

}  // namespace kd::ui
