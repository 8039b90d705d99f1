#pragma once
// The gallery's model: one row per image of a kd::Predictions (a probe epoch during training or
// a finished run's whole test set), filtered and sorted in place. Each row's verdict (both
// models' top-1 class and probability, the per-image KL) is computed once per Predictions.
#include <QAbstractListModel>
#include <QImage>
#include <memory>
#include <vector>

#include "kd/predictions.h"

namespace kd::ui {

using PredictionsPtr = std::shared_ptr<const kd::Predictions>;

enum class Outcome { kBothRight, kTeacherOnly, kStudentOnly, kBothWrong };

struct ImageVerdict {
  int64_t row = 0;    // in the Predictions
  int64_t image = 0;  // its test-set position
  int label = 0;
  int teacherClass = 0, studentClass = 0;
  double teacherProbability = 0, studentProbability = 0;  // of the top-1 class, at T = 1
  double kl = 0;  // KL(teacher || student) at the run's temperature
  Outcome outcome() const;
};

struct GalleryFilter {
  enum Kind {
    kAll,
    kDisagreements,
    kStudentWrongTeacherRight,
    kStudentRightTeacherWrong,
    kBothWrong
  };
  Kind kind = kAll;
  int trueClass = -1;       // -1: any
  int predictedClass = -1;  // -1: any; the class predictedBy predicts
  kd::Role predictedBy = kd::Role::kStudent;
  // Only these test images (ascending), chosen on the embedding maps; null: any.
  std::shared_ptr<const std::vector<int64_t>> images;
  bool accepts(const ImageVerdict& v) const;
};

enum class GallerySort { kIndex, kKlLargestFirst, kConfidenceLowestFirst, kConfidenceHighestFirst };

class PredictionModel : public QAbstractListModel {
  Q_OBJECT

 public:
  explicit PredictionModel(QObject* parent = nullptr);

  void setPredictions(PredictionsPtr predictions);
  const PredictionsPtr& predictions() const { return predictions_; }
  void setView(const GalleryFilter& filter, GallerySort sort);
  void setFilter(const GalleryFilter& filter) { setView(filter, sort_); }
  const GalleryFilter& filter() const { return filter_; }
  void setSort(GallerySort sort) { setView(filter_, sort); }
  GallerySort sort() const { return sort_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;

  const ImageVerdict& verdict(int visibleRow) const {
    return all_[size_t(visible_[size_t(visibleRow)])];
  }
  // The visible row of a Predictions row; -1 when it is filtered out.
  int visibleRowOf(int64_t row) const;
  int64_t total() const { return int64_t(all_.size()); }
  QImage image(int64_t row) const;
  QString className(int c) const;
  // [true class][predicted class] over every image, filters ignored.
  std::vector<std::vector<int>> confusion(kd::Role role) const;

 Q_SIGNALS:
  void contentChanged();       // new predictions, filter or order
  void predictionsReplaced();  // rows may show other images now

 private:
  void computeVerdicts();
  void rebuild();

  PredictionsPtr predictions_;
  std::vector<ImageVerdict> all_;
  std::vector<int> visible_;  // indices into all_, in display order
  GalleryFilter filter_;
  GallerySort sort_ = GallerySort::kIndex;
};

QImage imageOf(const kd::Predictions& p, int64_t row);
// Nearest-neighbour (pixels stay crisp), to fit side x side, as RGB32.
QImage scaledNearest(const QImage& image, int side);
QString percent(double fraction);

}  // namespace kd::ui
