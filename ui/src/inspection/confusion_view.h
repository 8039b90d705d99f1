#pragma once
// Teacher's and student's confusion matrices side by side as heat maps with counts (rows: true
// class, columns: predicted class, shaded by the share of the row). Clicking or pressing Enter
// on a cell asks the gallery to show those images.
#include <QAbstractTableModel>
#include <QWidget>
#include <vector>

#include "inspection/prediction_model.h"

class QBoxLayout;
class QLabel;
class QTableView;

namespace kd::ui {

class ConfusionModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  using QAbstractTableModel::QAbstractTableModel;
  void setMatrix(std::vector<std::vector<int>> matrix, QStringList classes);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  std::vector<std::vector<int>> matrix_;
  std::vector<int> rowTotals_;
  QStringList classes_;
};

class ConfusionView : public QWidget {
  Q_OBJECT

 public:
  explicit ConfusionView(QWidget* parent = nullptr);
  void setPredictions(const PredictionModel& predictions);
  QTableView* table(kd::Role role) const { return tables_[role == kd::Role::kTeacher ? 0 : 1]; }

 Q_SIGNALS:
  void cellChosen(kd::Role role, int trueClass, int predictedClass);

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  QSize smallestTable() const;

  QBoxLayout* layout_;
  QTableView* tables_[2];
  ConfusionModel* models_[2];
  QLabel* titles_[2];
};

}  // namespace kd::ui
