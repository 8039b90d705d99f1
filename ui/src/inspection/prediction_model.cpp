#include "inspection/prediction_model.h"

#include <algorithm>
#include <numeric>

#include "app/language.h"

namespace kd::ui {

Outcome ImageVerdict::outcome() const {
  const bool teacherRight = teacherClass == label, studentRight = studentClass == label;
  if (teacherRight && studentRight) return Outcome::kBothRight;
  if (teacherRight) return Outcome::kTeacherOnly;
  return studentRight ? Outcome::kStudentOnly : Outcome::kBothWrong;
}

bool GalleryFilter::accepts(const ImageVerdict& v) const {
  const Outcome o = v.outcome();
  switch (kind) {
    case kAll:
      break;
    case kDisagreements:
      if (v.teacherClass == v.studentClass) return false;
      break;
    case kStudentWrongTeacherRight:
      if (o != Outcome::kTeacherOnly) return false;
      break;
    case kStudentRightTeacherWrong:
      if (o != Outcome::kStudentOnly) return false;
      break;
    case kBothWrong:
      if (o != Outcome::kBothWrong) return false;
      break;
  }
  if (trueClass >= 0 && v.label != trueClass) return false;
  if (images && !std::binary_search(images->begin(), images->end(), v.image)) return false;
  const int predicted = predictedBy == kd::Role::kTeacher ? v.teacherClass : v.studentClass;
  return predictedClass < 0 || predicted == predictedClass;
}

PredictionModel::PredictionModel(QObject* parent) : QAbstractListModel(parent) {}

void PredictionModel::setPredictions(PredictionsPtr predictions) {
  beginResetModel();
  predictions_ = std::move(predictions);
  computeVerdicts();
  rebuild();
  Q_EMIT predictionsReplaced();
  endResetModel();
  Q_EMIT contentChanged();
}

void PredictionModel::setView(const GalleryFilter& filter, GallerySort sort) {
  beginResetModel();
  filter_ = filter;
  sort_ = sort;
  rebuild();
  endResetModel();
  Q_EMIT contentChanged();
}

void PredictionModel::computeVerdicts() {
  all_.clear();
  if (!predictions_) return;
  const kd::Predictions& p = *predictions_;
  const int classes = p.classCount();
  all_.resize(size_t(p.count));
  for (int64_t i = 0; i < p.count; ++i) {
    const float* t = p.logits(kd::Role::kTeacher, i);
    const float* s = p.logits(kd::Role::kStudent, i);
    const std::vector<double> pt = kd::softmax(t, classes, 1.0), ps = kd::softmax(s, classes, 1.0);
    ImageVerdict& v = all_[size_t(i)];
    v.row = i;
    v.image = size_t(i) < p.indices.size() ? p.indices[size_t(i)] : i;
    v.label = p.labels[size_t(i)];
    v.teacherClass = p.topClass(kd::Role::kTeacher, i);
    v.studentClass = p.topClass(kd::Role::kStudent, i);
    v.teacherProbability = pt[size_t(v.teacherClass)];
    v.studentProbability = ps[size_t(v.studentClass)];
    v.kl = kd::klDivergence(t, s, classes, p.temperature);
  }
}

void PredictionModel::rebuild() {
  visible_.clear();
  for (size_t i = 0; i < all_.size(); ++i)
    if (filter_.accepts(all_[i])) visible_.push_back(int(i));
  auto by = [this](auto key) {
    std::stable_sort(visible_.begin(), visible_.end(),
                     [&](int a, int b) { return key(all_[size_t(a)]) < key(all_[size_t(b)]); });
  };
  switch (sort_) {
    case GallerySort::kIndex:
      break;
    case GallerySort::kKlLargestFirst:
      by([](const ImageVerdict& v) { return -v.kl; });
      break;
    case GallerySort::kConfidenceLowestFirst:
      by([](const ImageVerdict& v) { return v.studentProbability; });
      break;
    case GallerySort::kConfidenceHighestFirst:
      by([](const ImageVerdict& v) { return -v.studentProbability; });
      break;
  }
}

int PredictionModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(visible_.size());
}

QVariant PredictionModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const ImageVerdict& v = verdict(index.row());
  if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole || role == Qt::ToolTipRole) {
    QString text =
        tr("Test image %1: %2. Teacher: %3 %4. Student: %5 %6.")
            .arg(predictions_->indices[size_t(v.row)])
            .arg(className(v.label), className(v.teacherClass), percent(v.teacherProbability),
                 className(v.studentClass), percent(v.studentProbability));
    if (role == Qt::ToolTipRole)
      text += tr("\nKL(teacher || student) at T = %1: %2")
                  .arg(predictions_->temperature)
                  .arg(v.kl, 0, 'f', 4);
    return text;
  }
  return {};
}

int PredictionModel::visibleRowOf(int64_t row) const {
  for (size_t i = 0; i < visible_.size(); ++i)
    if (all_[size_t(visible_[i])].row == row) return int(i);
  return -1;
}

QImage PredictionModel::image(int64_t row) const { return imageOf(*predictions_, row); }

QString PredictionModel::className(int c) const {
  return predictions_ && c >= 0 && c < predictions_->classCount()
             ? displayClassName(predictions_->classes[size_t(c)])
             : QString::number(c);
}

std::vector<std::vector<int>> PredictionModel::confusion(kd::Role role) const {
  const int classes = predictions_ ? predictions_->classCount() : 0;
  std::vector<std::vector<int>> m(size_t(classes), std::vector<int>(size_t(classes), 0));
  for (const ImageVerdict& v : all_)
    ++m[size_t(v.label)][size_t(role == kd::Role::kTeacher ? v.teacherClass : v.studentClass)];
  return m;
}

QImage imageOf(const kd::Predictions& p, int64_t row) {
  const int c = int(p.shape.channels), h = int(p.shape.height), w = int(p.shape.width);
  const uint8_t* src = p.images.data() + row * c * h * w;
  if (c == 1) {
    QImage image(w, h, QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y) std::copy_n(src + y * w, w, image.scanLine(y));
    return image;
  }
  QImage image(w, h, QImage::Format_RGB888);  // planes interleaved; a 2nd/3rd plane may repeat
  for (int y = 0; y < h; ++y) {
    uchar* line = image.scanLine(y);
    for (int x = 0; x < w; ++x)
      for (int k = 0; k < 3; ++k) line[3 * x + k] = src[std::min(k, c - 1) * h * w + y * w + x];
  }
  return image;
}

// By hand: QImage::scaled() takes a detour through a painter (and Qt's thread pool) that costs
// more than the few thousand pixels of a tile.
QImage scaledNearest(const QImage& image, int side) {
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

QString percent(double fraction) { return QString("%1%").arg(100 * fraction, 0, 'f', 0); }

}  // namespace kd::ui
