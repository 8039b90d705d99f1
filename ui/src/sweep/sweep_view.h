#pragma once
// The Sweep tab: the results table (sortable, filterable, the best row marked) above a plot
// of the chosen metric (a heat map with the values written in its cells for two swept
// settings, points with 95% intervals for one) and the selected rows' accuracy curves (the
// mean over seeds with a band from the lowest to the highest seed). Double-clicking a row
// opens the point's median seed run in the inspection tabs; "Open seed" opens another.
#include <QWidget>

#include "kd/sweep.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace kd::ui {

class SweepTableModel;

class SweepView : public QWidget {
  Q_OBJECT

 public:
  explicit SweepView(QWidget* parent = nullptr);
  void setSweep(const QString& folder, kd::SweepResults results);
  QString folder() const { return folder_; }
  SweepTableModel* model() const { return model_; }
  QTableView* table() const { return table_; }
  QCustomPlot* plot() const { return plot_; }
  QCustomPlot* curves() const { return curves_; }
  // The folder of the point's median seed run (the gallery's default), or "" for none.
  QString medianRunFolder(int point) const;
  QComboBox* seedChoice() const { return seed_; }

 Q_SIGNALS:
  // A seed's run to inspect, with the point's figures over all its seeds.
  void runChosen(const QString& runFolder, const QString& repeatSummary);

 private:
  const kd::Estimate& metricOf(const kd::PointResult& p) const;
  void replot();
  void drawHeatMap();
  void drawIntervals();
  void drawSelectedCurves();
  int currentPoint() const;  // the current row's point, or -1
  void listSeeds();          // the current point's seeds in seed_, the median first
  void openRun(int point, int run);
  void exportCsv();

  QString folder_;
  SweepTableModel* model_;
  QSortFilterProxyModel* proxy_;
  QTableView* table_;
  QLineEdit* filter_;
  QComboBox* metric_;
  QComboBox* seed_;
  QCustomPlot* plot_;
  QCustomPlot* curves_;
  QLabel* summary_;
};

}  // namespace kd::ui
