#include "curves_widget.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>
#include <cmath>

namespace kd::ui {
namespace {

constexpr int kReplotMs = 40;

QCustomPlot* makePlot(const QString& yLabel) {
  auto* plot = new QCustomPlot;
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectLegend);
  plot->xAxis->setLabel("epoch (teacher, then student)");
  plot->yAxis->setLabel(yLabel);
  plot->legend->setVisible(true);
  plot->legend->setFont(QFont(plot->font().family(), 8));
  plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  plot->setMinimumHeight(200);
  // A click on a legend entry shows or hides its curve.
  QObject::connect(plot, &QCustomPlot::legendClick, plot,
                   [plot](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
                     if (auto* entry = qobject_cast<QCPPlottableLegendItem*>(item)) {
                       entry->plottable()->setVisible(!entry->plottable()->visible());
                       entry->setTextColor(entry->plottable()->visible() ? Qt::black : Qt::gray);
                       plot->replot();
                     }
                   });
  return plot;
}

QCPGraph* addGraph(QCustomPlot* plot, const QString& name, const QColor& color, int width = 2,
                   QCPScatterStyle scatter = QCPScatterStyle()) {
  QCPGraph* g = plot->addGraph();
  g->setName(name);
  g->setPen(QPen(color, width));
  g->setScatterStyle(scatter);
  return g;
}

}  // namespace

CurvesWidget::CurvesWidget(QWidget* parent) : QWidget(parent) {
  loss_ = makePlot("loss");
  accuracy_ = makePlot("test accuracy");
  raw_ = addGraph(loss_, "total (raw)", QColor(31, 119, 180, 60), 1);
  const QColor colors[kSeries] = {QColor(31, 119, 180), QColor(214, 39, 40), QColor(44, 160, 44),
                                  QColor(148, 103, 189)};
  const char* names[kSeries] = {"total", "cross-entropy", "KD (T\u00b2-scaled)", "KL (unscaled)"};
  for (int s = 0; s < kSeries; ++s) smooth_[s] = addGraph(loss_, names[s], colors[s]);
  epochLoss_ =
      addGraph(loss_, "total per epoch", Qt::black, 0, QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
  epochLoss_->setLineStyle(QCPGraph::lsNone);
  trainAccuracy_ = addGraph(accuracy_, "train", QColor(255, 127, 14), 2,
                            QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
  testAccuracy_ = addGraph(accuracy_, "test", QColor(31, 119, 180), 2,
                           QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
  teacherAccuracy_ = addGraph(accuracy_, "teacher (test)", Qt::darkGray, 2);
  teacherAccuracy_->setPen(QPen(Qt::darkGray, 2, Qt::DashLine));
  accuracy_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
  loss_->yAxis->setRange(0, 2.5);
  accuracy_->yAxis->setRange(0, 1);
  for (QCustomPlot* plot : {loss_, accuracy_}) plot->xAxis->setRange(0, 5);

  smoothing_ = new QSlider(Qt::Horizontal);
  smoothing_->setRange(0, 99);
  smoothing_->setValue(90);
  smoothing_->setToolTip("Exponential smoothing of the per-batch losses (0: none, 99: strong).");
  logScale_ = new QCheckBox("&Log scale");
  logScale_->setToolTip("Show the loss on a logarithmic axis.");
  auto* fit = new QPushButton("&Fit all");
  fit->setToolTip("Rescale both plots to show every point.");
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel("Smoothing"));
  controls->addWidget(smoothing_, 1);
  controls->addWidget(logScale_);
  controls->addWidget(fit);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(controls);
  layout->addWidget(loss_, 3);
  layout->addWidget(accuracy_, 2);

  connect(smoothing_, &QSlider::valueChanged, this, [this] {
    recomputeSmoothing();
    scheduleReplot();
  });
  connect(logScale_, &QCheckBox::toggled, this, [this](bool on) {
    loss_->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on)
      loss_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
      loss_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    fitAll();
  });
  connect(fit, &QPushButton::clicked, this, &CurvesWidget::fitAll);
  replot_.setSingleShot(true);
  replot_.setInterval(kReplotMs);
  connect(&replot_, &QTimer::timeout, this, [this] {
    for (QCustomPlot* plot : {loss_, accuracy_}) {
      if (autoFit_) plot->rescaleAxes(true);
      plot->replot(QCustomPlot::rpQueuedReplot);
    }
  });
  for (QCustomPlot* plot : {loss_, accuracy_}) plot->installEventFilter(this);
}

void CurvesWidget::clear() {
  xs_.clear();
  for (auto& v : values_) v.clear();
  for (QCustomPlot* plot : {loss_, accuracy_})
    for (int i = 0; i < plot->graphCount(); ++i) plot->graph(i)->data()->clear();
  teacherEpochs_ = 0;
  teacherAccuracyValue_ = -1;
  scheduleReplot();
}

double CurvesWidget::position(kd::Phase phase, int epoch, double fraction) const {
  return (phase == kd::Phase::kStudent ? teacherEpochs_ : 0) + epoch - 1 + fraction;
}

void CurvesWidget::addBatch(const kd::BatchProgress& p) {
  const double x = position(p.phase, p.epoch, p.batches ? double(p.batch) / p.batches : 1.0);
  const double v[kSeries] = {p.loss.total, p.loss.ce, p.loss.kdScaled, p.loss.kl};
  xs_.push_back(x);
  for (int s = 0; s < kSeries; ++s) values_[s].push_back(v[s]);
  raw_->addData(x, v[kTotal]);
  // Extend each moving average by one point; recomputeSmoothing() rebuilds them all.
  const double beta = smoothing_->value() / 100.0;
  const int n = xs_.size();
  for (int s = 0; s < kSeries; ++s) {
    double previous = n > 1 ? smooth_[s]->property("ema").toDouble() : 0.0;
    double ema = beta * previous + (1 - beta) * v[s];
    smooth_[s]->setProperty("ema", ema);
    smooth_[s]->addData(x, ema / (1 - std::pow(beta, n)));
  }
  scheduleReplot();
}

void CurvesWidget::recomputeSmoothing() {
  const double beta = smoothing_->value() / 100.0;
  for (int s = 0; s < kSeries; ++s) {
    QVector<double> ys(xs_.size());
    double ema = 0, correction = 1;
    for (int i = 0; i < xs_.size(); ++i) {
      ema = beta * ema + (1 - beta) * values_[s][i];
      correction *= beta;
      ys[i] = ema / (1 - correction);
    }
    smooth_[s]->setData(xs_, ys, true);
    smooth_[s]->setProperty("ema", ema);
  }
}

void CurvesWidget::addEpoch(const kd::EpochMetrics& m) {
  if (m.phase == kd::Phase::kTeacher) teacherEpochs_ = std::max(teacherEpochs_, m.epoch);
  const double x = position(m.phase, m.epoch, 1.0);
  epochLoss_->addData(x, m.loss.total);
  if (m.phase == kd::Phase::kTeacher) {
    teacherAccuracyValue_ = m.testAccuracy;
    teacherAccuracy_->addData(x, m.testAccuracy);
  } else {
    trainAccuracy_->addData(x, m.trainAccuracy);
    testAccuracy_->addData(x, m.testAccuracy);
    // The teacher's final accuracy stays as a reference line under the student's curve.
    if (teacherAccuracyValue_ >= 0) teacherAccuracy_->addData(x, teacherAccuracyValue_);
  }
  scheduleReplot();
}

bool CurvesWidget::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Wheel || event->type() == QEvent::MouseButtonPress) autoFit_ = false;
  return QWidget::eventFilter(watched, event);
}

void CurvesWidget::fitAll() {
  autoFit_ = true;
  for (QCustomPlot* plot : {loss_, accuracy_}) {
    plot->rescaleAxes(true);
    plot->replot(QCustomPlot::rpQueuedReplot);
  }
}

void CurvesWidget::scheduleReplot() {
  if (!replot_.isActive()) replot_.start();
}

}  // namespace kd::ui
