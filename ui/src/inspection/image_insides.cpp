#include "inspection/image_insides.h"

#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

#include "app/language.h"
#include "inspection/gallery_delegate.h"
#include "inspection/model_names.h"
#include "inspection/prediction_detail.h"
#include "widgets/theme.h"

namespace kd::ui {
namespace {

constexpr int kAttentionSide = 64, kThumbnailSide = 40, kFrame = 3;

}  // namespace

ImageInsides::ImageInsides(QWidget* parent) : QWidget(parent) {
  auto* heading = new QLabel(
      tr("<b>Inside each model</b>: attention of each convolution stage (where its activations "
         "are strongest), then the %1 test images nearest to this one by the model's embedding "
         "(\u2713 same class, \u2717 another)")
          .arg(kNearest));
  heading->setWordWrap(true);
  status_ = new QLabel;
  status_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(heading);
  layout->addWidget(status_);
}

void ImageInsides::setSource(PredictionsPtr predictions, InsidesFn insides) {
  ++shownRequest_;  // a result still on its way is for other predictions
  predictions_ = std::move(predictions);
  insides_ = std::move(insides);
}

void ImageInsides::showImage(int64_t row) {
  const int request = ++shownRequest_;
  delete grid_;
  grid_ = nullptr;
  shown_.clear();
  status_->setVisible(predictions_ && row >= 0);
  if (!predictions_ || row < 0) return;
  if (!insides_) return status_->setText(tr("Available when the run has finished."));
  status_->setText(tr("Computing\u2026 (the first image takes every model's features)"));
  const int64_t index = predictions_->indices[size_t(row)];
  task_.run(
      [this, fn = insides_, index, request]() -> std::function<void()> {
        std::vector<ModelInsides> insides = fn(index);
        return [this, index, insides, request] {
          if (request == shownRequest_) show(index, insides);  // else another image or run
        };
      },
      [this, request](const QString& error) {
        if (request == shownRequest_) status_->setText(tr("Not available: %1").arg(error));
      });
}

// A test image's thumbnail framed and marked by whether its class is `label`'s.
QWidget* ImageInsides::thumbnail(int64_t testIndex, int label) const {
  const int classOf = predictions_->labels[size_t(testIndex)];
  const bool same = classOf == label;
  const QColor colour = same ? theme::kGreen : theme::kVermillion;
  QPixmap pixmap(kThumbnailSide + 2 * kFrame, kThumbnailSide + 2 * kFrame);
  pixmap.fill(colour);
  QPainter painter(&pixmap);
  painter.drawImage(kFrame, kFrame,
                    scaledNearest(imageOf(*predictions_, testIndex), kThumbnailSide));
  painter.setPen(Qt::white);
  painter.fillRect(QRect(pixmap.width() - 14, pixmap.height() - 14, 14, 14), colour);
  painter.drawText(QRect(pixmap.width() - 14, pixmap.height() - 14, 14, 14), Qt::AlignCenter,
                   same ? QString::fromUtf8("\u2713") : QString::fromUtf8("\u2717"));
  painter.end();
  auto* tile = new QLabel;
  tile->setPixmap(pixmap);
  tile->setToolTip(tr("Test image %1: %2")
                       .arg(testIndex)
                       .arg(displayClassName(predictions_->classes[size_t(classOf)])));
  return tile;
}

void ImageInsides::show(int64_t testIndex, const std::vector<ModelInsides>& insides) {
  delete grid_;
  shown_ = insides;
  grid_ = new QWidget;
  auto* rows = new QVBoxLayout(grid_);
  rows->setContentsMargins(0, 0, 0, 0);
  auto* attention = new QGridLayout;  // a row per model with convolutions, a map per stage
  auto* nearest = new QGridLayout;    // a row per model, a thumbnail per neighbour
  attention->setSpacing(6);
  nearest->setSpacing(2);
  const QImage image = imageOf(*predictions_, testIndex);
  const int label = predictions_->labels[size_t(testIndex)];
  int row = 0;
  for (const ModelInsides& m : insides) {
    if (m.attention.empty()) continue;
    attention->addWidget(new QLabel(modelTitle(m.model, true)), row, 0);
    for (size_t s = 0; s < m.attention.size(); ++s) {
      const kd::AttentionMap& a = m.attention[s];
      auto* map = new QLabel;
      map->setPixmap(
          QPixmap::fromImage(heatOverlay(image, a.values, a.width, a.height, kAttentionSide)));
      map->setToolTip(tr("Stage %1 (%2 x %3)").arg(s + 1).arg(a.height).arg(a.width));
      attention->addWidget(map, row, int(s) + 1);
    }
    ++row;
  }
  attention->setColumnStretch(attention->columnCount(), 1);
  row = 0;
  for (const ModelInsides& m : insides) {
    nearest->addWidget(new QLabel(modelTitle(m.model, true)), row, 0);
    for (size_t i = 0; i < m.nearest.size(); ++i)
      nearest->addWidget(thumbnail(m.nearest[i], label), row, int(i) + 1);
    ++row;
  }
  nearest->setColumnStretch(kNearest + 1, 1);
  rows->addLayout(attention);
  rows->addLayout(nearest);
  layout()->addWidget(grid_);
  status_->setVisible(false);
  Q_EMIT insidesShown();
}

}  // namespace kd::ui
