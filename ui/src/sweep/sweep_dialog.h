#pragma once
// Run > Sweep...: up to three settings with their values (crossed as a grid), repeats over
// seeds, and the paired no-KD baseline, over the experiment in the panel. Shows the number
// of runs and an estimated time before Start; a setting the engine refuses is named here.
#include <QDialog>

#include "kd/sweep.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QDialogButtonBox;

namespace kd::ui {

class SweepDialog : public QDialog {
  Q_OBJECT

 public:
  // secondsPerRun: the last finished run's wall time, for the estimate (<= 0: unknown).
  SweepDialog(const kd::ExperimentConfig& base, double secondsPerRun, QWidget* parent = nullptr);
  const kd::SweepSpec& spec() const { return spec_; }
  // For tests: the rows' widgets.
  QComboBox* setting(int row) const { return rows_[size_t(row)].setting; }
  QLineEdit* values(int row) const { return rows_[size_t(row)].values; }
  QSpinBox* repeats() const { return repeats_; }
  QCheckBox* baseline() const { return baseline_; }
  QLabel* estimate() const { return estimate_; }

 private:
  struct Row {
    QComboBox* setting;
    QLineEdit* values;
  };
  void update();  // rebuilds spec_ from the fields and shows runs and time, or the problem

  kd::ExperimentConfig base_;
  double secondsPerRun_;
  kd::SweepSpec spec_;
  std::vector<Row> rows_;
  QSpinBox* repeats_;
  QCheckBox* baseline_;
  QLabel* estimate_;
  QDialogButtonBox* buttons_;
};

}  // namespace kd::ui
