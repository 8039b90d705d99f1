#pragma once
// One row per sweep point: its settings, the student's and the baseline's accuracy (mean and
// 95% interval over seeds), KD minus baseline, KD's wins, agreement, size and wall time. The
// best point (highest mean student accuracy) is bold and starred. Qt::UserRole holds the
// number a column sorts by.
#include <QAbstractTableModel>
#include <string>
#include <vector>

#include "kd/sweep.h"

namespace kd::ui {

class SweepTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  using QAbstractTableModel::QAbstractTableModel;
  void setResults(kd::SweepResults results);
  const kd::SweepResults& results() const { return results_; }
  const std::vector<std::string>& settings() const { return settings_; }  // swept key paths

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  enum Fixed {
    kSeeds,
    kStudent,
    kBaseline,
    kDifference,
    kWins,
    kAgreement,
    kParameters,
    kMacs,
    kWall,
    kFixedCount
  };
  QVariant settingValue(const kd::PointResult& p, int setting, int role) const;
  QVariant fixedValue(const kd::PointResult& p, int column, int role) const;

  kd::SweepResults results_;
  std::vector<std::string> settings_;
};

// "85.21 ± 0.52" in percent (half of the 95% interval), or "85.21" from one seed.
QString percentWithInterval(const kd::Estimate& e, bool sign = false);

}  // namespace kd::ui
