#pragma once
// The Dataset box's "Labelled images" (data.labelled): a count, "all" or 0 (none), and a live
// reading of how many images of each class keep their label in the run (kd::labelledCounts).
// A fraction read from an experiment file is kept until the count is edited.
#include <QWidget>
#include <optional>

#include "kd/dataset_preview.h"

class QLabel;
class QSpinBox;

namespace kd::ui {

class LabelledField : public QWidget {
  Q_OBJECT

 public:
  explicit LabelledField(QWidget* parent = nullptr);
  QSpinBox* spinBox() const { return spin_; }
  QLabel* reading() const { return reading_; }
  double labelled() const;
  void setLabelled(double labelled);
  // The counts a run of `data` with `seed` would use on the previewed dataset (none: still
  // reading it). Throws nothing: an impossible count is shown in red, and problem() says why.
  void showCounts(const kd::DatasetPreview* preview, const kd::DataConfig& data, uint64_t seed);
  // Why the count shown last cannot be run (the engine's words); empty when it can.
  const QString& problem() const { return problem_; }

 Q_SIGNALS:
  void changed();

 private:
  QSpinBox* spin_;
  QLabel* reading_;
  std::optional<double> fraction_;  // from a file, until the count is edited
  QString problem_;
  bool setting_ = false;
};

}  // namespace kd::ui
