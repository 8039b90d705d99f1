#include "sweep/sweep_view.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

#include "widgets/flow_layout.h"
#include "sweep/sweep_table_model.h"
#include "widgets/theme.h"

namespace kd::ui {
namespace {

enum Metric { kStudent, kDifference, kBaseline };

// The distinct values of a setting in the order they first appear, as labels.
QStringList valuesOf(const kd::SweepResults& r, const std::string& setting) {
  QStringList values;
  for (const auto& p : r.points)
    for (const auto& [path, value] : p.point.settings)
      if (path == setting && !values.contains(QString::fromStdString(kd::valueLabel(value))))
        values << QString::fromStdString(kd::valueLabel(value));
  return values;
}

QString labelOf(const kd::PointResult& p, const std::string& setting) {
  for (const auto& [path, value] : p.point.settings)
    if (path == setting) return QString::fromStdString(kd::valueLabel(value));
  return {};
}

QSharedPointer<QCPAxisTickerText> textTicker(const QStringList& labels) {
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (int i = 0; i < labels.size(); ++i) ticker->addTick(i, labels[i]);
  return ticker;
}

}  // namespace

SweepView::SweepView(QWidget* parent) : QWidget(parent) {
  model_ = new SweepTableModel(this);
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(Qt::UserRole);
  proxy_->setFilterKeyColumn(-1);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  table_ = new QTableView;
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->setToolTip(
      tr("Click a header to sort; double-click a row to open its median seed's run"));
  filter_ = new QLineEdit;
  filter_->setPlaceholderText(tr("Filter rows (any column)"));
  filter_->setClearButtonEnabled(true);
  metric_ = new QComboBox;
  metric_->addItems({tr("Student accuracy"), tr("KD \u2212 baseline"), tr("Baseline accuracy")});
  auto* exportButton = new QPushButton(tr("Export table as CSV\u2026"));
  seed_ = new QComboBox;
  seed_->setToolTip(
      tr("The run of the current row to open in the Predictions, Confusion and Model "
         "card tabs"));
  auto* openButton = new QPushButton(tr("&Open seed"));
  summary_ =
      new QLabel(tr("No sweep yet: Run > Sweep\u2026 starts one, File > Open a sweep\u2026 "
                    "shows a finished one."));
  summary_->setWordWrap(true);
  plot_ = new QCustomPlot;
  plot_->setMinimumHeight(200);
  curves_ = new QCustomPlot;
  curves_->setMinimumHeight(200);
  curves_->xAxis->setLabel(tr("student epoch"));
  curves_->yAxis->setLabel(tr("test accuracy (%)"));
  curves_->legend->setVisible(true);
  curves_->setToolTip(tr("The selected rows: mean over seeds, band from lowest to highest seed"));

  filter_->setMinimumWidth(filter_->fontMetrics().horizontalAdvance(filter_->placeholderText()) +
                           48);
  seed_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  auto* controls = new FlowLayout;  // wraps in a narrow window rather than cutting the controls
  controls->addWidget(filter_);
  controls->addWidget(new QLabel(tr("Plot:")));
  controls->addWidget(metric_);
  controls->addWidget(seed_);
  controls->addWidget(openButton);
  controls->addWidget(exportButton);
  auto* plots = new QSplitter(Qt::Horizontal);
  plots->addWidget(plot_);
  plots->addWidget(curves_);
  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->addWidget(table_);
  splitter->addWidget(plots);
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(summary_);
  layout->addLayout(controls);
  layout->addWidget(splitter, 1);

  connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
  connect(metric_, &QComboBox::currentIndexChanged, this, &SweepView::replot);
  connect(exportButton, &QPushButton::clicked, this, &SweepView::exportCsv);
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &SweepView::drawSelectedCurves);
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          &SweepView::listSeeds);
  connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    const int point = proxy_->mapToSource(index).row();
    openRun(point, model_->results().points[size_t(point)].medianRun);
  });
  connect(openButton, &QPushButton::clicked, this,
          [this] { openRun(currentPoint(), seed_->currentData().toInt()); });
}

void SweepView::setSweep(const QString& folder, kd::SweepResults results) {
  folder_ = folder;
  const bool complete = results.runsDone == results.runsTotal;
  model_->setResults(std::move(results));
  const auto& r = model_->results();
  summary_->setText(tr("%1: %2 of %3 runs done%4. Intervals are 95% (Student's t over "
                       "seeds); KD \u2212 baseline is paired by seed.")
                        .arg(folder)
                        .arg(r.runsDone)
                        .arg(r.runsTotal)
                        .arg(complete ? "" : tr(" (open it again to continue)")));
  table_->sortByColumn(0, Qt::AscendingOrder);
  replot();
  if (r.best >= 0)  // the best row's curves to start with
    table_->selectRow(proxy_->mapFromSource(model_->index(r.best, 0)).row());
  drawSelectedCurves();
  listSeeds();
}

QString SweepView::medianRunFolder(int point) const {
  const auto& r = model_->results();
  if (point < 0 || point >= int(r.points.size())) return {};
  const kd::PointResult& p = r.points[size_t(point)];
  if (p.medianRun < 0) return {};
  return QString("%1/runs/%2/seed-%3")
      .arg(folder_, QString::fromStdString(p.point.name))
      .arg(p.runs[size_t(p.medianRun)].seed);
}

int SweepView::currentPoint() const {
  const QModelIndex current = table_->selectionModel()->currentIndex();
  return current.isValid() ? proxy_->mapToSource(current).row() : -1;
}

void SweepView::listSeeds() {
  seed_->clear();
  const int point = currentPoint();
  if (point < 0) return;
  const kd::PointResult& p = model_->results().points[size_t(point)];
  for (int run = 0; run < int(p.runs.size()); ++run) {
    const QString label = tr("seed %1").arg(p.runs[size_t(run)].seed);
    if (run == p.medianRun)
      seed_->insertItem(0, label + tr(" (median)"), run);
    else
      seed_->addItem(label, run);
  }
  seed_->setCurrentIndex(0);
}

void SweepView::openRun(int point, int run) {
  const auto& r = model_->results();
  if (point < 0 || point >= int(r.points.size()) || run < 0) return;
  const kd::PointResult& p = r.points[size_t(point)];
  QString summary = tr("Seed %1 of point %2 (%3 seeds): student %4%")
                        .arg(p.runs[size_t(run)].seed)
                        .arg(QString::fromStdString(p.point.name))
                        .arg(p.student.n)
                        .arg(percentWithInterval(p.student));
  if (p.baseline.n > 0)
    summary += tr(", baseline %1%, KD \u2212 baseline %2 points (95% interval), KD won %3 of %4")
                   .arg(percentWithInterval(p.baseline), percentWithInterval(p.difference, true))
                   .arg(p.kdWins)
                   .arg(p.difference.n);
  Q_EMIT runChosen(QString::fromStdString(kd::seedRunFolder(folder_.toStdString(), p, size_t(run))),
                   summary + ".");
}

const kd::Estimate& SweepView::metricOf(const kd::PointResult& p) const {
  switch (metric_->currentIndex()) {
    case kDifference:
      return p.difference;
    case kBaseline:
      return p.baseline;
    default:
      return p.student;
  }
}

void SweepView::replot() {
  plot_->clearPlottables();
  plot_->clearItems();
  if (model_->settings().size() == 2)
    drawHeatMap();
  else
    drawIntervals();
  theme::stylePlot(plot_);
}

// Two swept settings: one cell per pair of values, its mean written in it.
void SweepView::drawHeatMap() {
  const auto& r = model_->results();
  const std::string& xs = model_->settings()[0];
  const std::string& ys = model_->settings()[1];
  const QStringList xValues = valuesOf(r, xs), yValues = valuesOf(r, ys);
  auto* map = new QCPColorMap(plot_->xAxis, plot_->yAxis);
  map->data()->setSize(int(xValues.size()), int(yValues.size()));
  map->data()->setRange(QCPRange(0, std::max<int>(1, int(xValues.size()) - 1)),
                        QCPRange(0, std::max<int>(1, int(yValues.size()) - 1)));
  for (int x = 0; x < xValues.size(); ++x)
    for (int y = 0; y < yValues.size(); ++y) map->data()->setCell(x, y, std::nan(""));
  for (const kd::PointResult& p : r.points) {
    const int x = int(xValues.indexOf(labelOf(p, xs))), y = int(yValues.indexOf(labelOf(p, ys)));
    const kd::Estimate& e = metricOf(p);
    map->data()->setCell(x, y, 100 * e.mean);
    auto* text = new QCPItemText(plot_);
    text->position->setCoords(x, y);
    text->setText(percentWithInterval(e, metric_->currentIndex() == kDifference));
    text->setFont(QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    text->setColor(Qt::black);
    text->setBrush(QColor(255, 255, 255, 190));
  }
  map->setGradient(QCPColorGradient::gpThermal);
  map->gradient().setNanHandling(QCPColorGradient::nhTransparent);
  map->rescaleDataRange(true);
  map->setInterpolate(false);
  plot_->xAxis->setTicker(textTicker(xValues));
  plot_->yAxis->setTicker(textTicker(yValues));
  plot_->xAxis->setLabel(QString::fromStdString(kd::settingLabel(xs)));
  plot_->yAxis->setLabel(QString::fromStdString(kd::settingLabel(ys)));
  plot_->xAxis->setRange(-0.5, xValues.size() - 0.5);
  plot_->yAxis->setRange(-0.5, yValues.size() - 0.5);
}

// One swept setting (or a list): each point's mean with its 95% interval.
void SweepView::drawIntervals() {
  const auto& r = model_->results();
  const bool one = model_->settings().size() == 1;
  QStringList labels;
  for (const kd::PointResult& p : r.points)
    labels << (one ? labelOf(p, model_->settings()[0]) : QString::fromStdString(p.point.name));
  auto* graph = plot_->addGraph();
  graph->setLineStyle(one ? QCPGraph::lsLine : QCPGraph::lsNone);
  graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 8));
  graph->setPen(QPen(theme::kStudent, 2));
  auto* bars = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
  bars->setDataPlottable(graph);
  bars->setPen(QPen(theme::kStudent, 1.5));
  for (int i = 0; i < int(r.points.size()); ++i) {
    const kd::Estimate& e = metricOf(r.points[size_t(i)]);
    graph->addData(i, 100 * e.mean);
    bars->addData(std::isnan(e.high) ? 0 : 100 * (e.high - e.mean));
  }
  plot_->xAxis->setTicker(textTicker(labels));
  plot_->xAxis->setTickLabelRotation(labels.join("").size() > 60 ? 30 : 0);
  plot_->xAxis->setLabel(one ? QString::fromStdString(kd::settingLabel(model_->settings()[0]))
                             : tr("point"));
  plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  plot_->yAxis->setLabel(metric_->currentText() + tr(" (%), 95% interval"));
  plot_->xAxis->setRange(-0.5, std::max<int>(1, int(r.points.size())) - 0.5);
  graph->rescaleValueAxis(false, true);
  const QCPRange y = plot_->yAxis->range();
  plot_->yAxis->setRange(y.lower - 0.1 * y.size() - 0.5, y.upper + 0.1 * y.size() + 0.5);
}

void SweepView::drawSelectedCurves() {
  static const QColor colours[] = {theme::kBlue,   theme::kVermillion, theme::kGreen,
                                   theme::kPurple, theme::kSkyBlue,    theme::kOrange};
  curves_->clearGraphs();
  const auto& r = model_->results();
  int drawn = 0;
  for (const QModelIndex& index : table_->selectionModel()->selectedRows()) {
    if (drawn == 6) break;  // more would not be readable
    const kd::PointResult& p = r.points[size_t(proxy_->mapToSource(index).row())];
    std::vector<std::vector<double>> seeds;
    for (size_t run = 0; run < p.runs.size(); ++run)
      seeds.push_back(kd::studentAccuracyCurve(kd::seedRunFolder(folder_.toStdString(), p, run)));
    size_t epochs = seeds.empty() ? 0 : seeds[0].size();
    for (const auto& s : seeds) epochs = std::min(epochs, s.size());
    if (epochs == 0) continue;
    const QColor colour = colours[drawn++];
    auto* low = curves_->addGraph();
    auto* high = curves_->addGraph();
    auto* mean = curves_->addGraph();
    for (size_t e = 0; e < epochs; ++e) {
      double sum = 0, lo = 1, hi = 0;
      for (const auto& s : seeds) sum += s[e], lo = std::min(lo, s[e]), hi = std::max(hi, s[e]);
      low->addData(double(e + 1), 100 * lo);
      high->addData(double(e + 1), 100 * hi);
      mean->addData(double(e + 1), 100 * sum / double(seeds.size()));
    }
    for (QCPGraph* band : {low, high}) {
      band->setPen(Qt::NoPen);
      band->removeFromLegend();
    }
    QColor fill = colour;
    fill.setAlpha(50);
    high->setBrush(fill);
    high->setChannelFillGraph(low);
    mean->setPen(QPen(colour, 2.5));
    mean->setName(QString::fromStdString(p.point.name));
  }
  curves_->rescaleAxes();
  theme::stylePlot(curves_);
}

void SweepView::exportCsv() {
  const QString source = folder_ + "/results.csv";
  const QString target = QFileDialog::getSaveFileName(this, tr("Export the sweep's table"),
                                                      "sweep-results.csv", tr("CSV (*.csv)"));
  if (target.isEmpty()) return;
  QFile::remove(target);
  if (!QFile::copy(source, target))
    QMessageBox::warning(this, tr("Cannot export"), tr("Cannot copy %1 to %2").arg(source, target));
}

}  // namespace kd::ui
