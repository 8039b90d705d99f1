#include "experiment/dataset_strip.h"

#include <QGridLayout>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QVBoxLayout>

#include "app/language.h"

namespace kd::ui {
namespace {

constexpr int kColumns = 5;
constexpr int kMaxSamples = 10;
constexpr int kThumbnail = 48;

QPixmap thumbnail(const kd::ImageSample& s, const kd::InputShape& shape) {
  QImage image(s.pixels.data(), shape.width, shape.height, shape.width * shape.channels,
               shape.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
  return QPixmap::fromImage(image.copy())
      .scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio, Qt::FastTransformation);
}

}  // namespace

DatasetStrip::DatasetStrip(QWidget* parent) : QWidget(parent) {
  info_ = new QLabel;
  info_->setWordWrap(true);
  grid_ = new QGridLayout;
  grid_->setSpacing(4);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(info_);
  layout->addLayout(grid_);
  debounce_.setSingleShot(true);
  debounce_.setInterval(400);
  connect(&debounce_, &QTimer::timeout, this, &DatasetStrip::startLoading);
}

void DatasetStrip::request(const kd::DataConfig& config) {
  pending_ = config;
  ++request_;
  preview_.reset();
  error_.clear();
  info_->setText(tr("Loading the dataset\u2026"));
  info_->setToolTip({});
  debounce_.start();
}

void DatasetStrip::startLoading() {
  const int request = request_;
  const kd::DataConfig config = pending_;
  task_.run(
      [this, request, config]() -> std::function<void()> {
        kd::DatasetPreview preview = kd::previewDataset(config, 0);
        return [this, request, preview] { show(request, preview); };
      },
      [this, request](const QString& error) { showError(request, error); });
}

void DatasetStrip::clearGrid() {
  while (QLayoutItem* item = grid_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  shown_ = 0;
}

void DatasetStrip::show(int request, const kd::DatasetPreview& p) {
  if (request != request_) return;
  clearGrid();
  preview_ = p;
  const QLocale locale;
  const QString skipped =
      p.skippedFiles.empty()
          ? QString()
          : tr("<br><span style='color:#b00020'>%1 files skipped (unreadable or too "
               "large), e.g. %2</span>")
                .arg(p.skippedFiles.size())
                .arg(QString::fromStdString(p.skippedFiles.front()).toHtmlEscaped());
  QStringList listed;  // the tooltip names the skipped files, up to a screenful
  for (size_t i = 0; i < p.skippedFiles.size() && i < 30; ++i)
    listed << QString::fromStdString(p.skippedFiles[i]);
  if (p.skippedFiles.size() > size_t(listed.size()))
    listed << tr("\u2026 and %1 more").arg(p.skippedFiles.size() - listed.size());
  info_->setToolTip(listed.join('\n'));
  info_->setText(
      tr("%1 training and %2 test images, %3 classes of %4")
          .arg(locale.toString(qlonglong(p.trainImages)), locale.toString(qlonglong(p.testImages)))
          .arg(p.classes.size())
          .arg(QString::fromStdString(p.shape.text())) +
      skipped);
  for (const auto& sample : p.samples) {
    if (shown_ == kMaxSamples) break;
    const QString name = displayClassName(p.classes[size_t(sample.label)]);
    auto* image = new QLabel;
    image->setPixmap(thumbnail(sample, p.shape));
    image->setAlignment(Qt::AlignCenter);
    image->setToolTip(tr("class %1: %2").arg(sample.label).arg(name));
    auto* caption = new QLabel(QString("%1 %2").arg(sample.label).arg(name));
    caption->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    QFont small = caption->font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    caption->setFont(small);
    caption->setMaximumWidth(kThumbnail + 16);
    caption->setWordWrap(true);
    const int row = 2 * (shown_ / kColumns), column = shown_ % kColumns;
    grid_->addWidget(image, row, column);
    grid_->addWidget(caption, row + 1, column);
    ++shown_;
  }
  Q_EMIT loaded(true);
}

void DatasetStrip::showError(int request, const QString& error) {
  if (request != request_) return;
  clearGrid();
  error_ = error;
  info_->setText(tr("<span style='color:#b00020'>%1</span>").arg(error.toHtmlEscaped()));
  Q_EMIT loaded(false);
}

}  // namespace kd::ui
