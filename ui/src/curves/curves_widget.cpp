#include "curves/curves_widget.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QSlider>
#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>

#include "kd/methods.h"
#include "widgets/theme.h"

namespace kd::ui {
namespace {

constexpr int kReplotMs = 40;

QCustomPlot* makePlot(const QString& yLabel) {
  auto* plot = new QCustomPlot;
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectLegend);
  plot->xAxis->setLabel(CurvesWidget::tr("epoch (teacher, then student)"));
  plot->yAxis->setLabel(yLabel);
  plot->legend->setVisible(true);
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
  loss_ = makePlot(tr("loss"));
  accuracy_ = makePlot(tr("test accuracy"));
  QColor faint = theme::kBlue;
  faint.setAlpha(60);
  raw_ = addGraph(loss_, tr("total (raw)"), faint, 1);
  const QColor colors[LossSeries::kCount] = {theme::kBlue,   theme::kVermillion, theme::kGreen,
                                             theme::kPurple, theme::kOrange,     theme::kSkyBlue};
  const QString names[LossSeries::kCount] = {
      tr("total"), tr("cross-entropy"), tr("KD (T\u00b2-scaled)"), tr("KL (unscaled)"), "", ""};
  for (int s = 0; s < LossSeries::kCount; ++s) smooth_[s] = addGraph(loss_, names[s], colors[s]);
  epochLoss_ = addGraph(loss_, tr("total per epoch"), Qt::black, 0,
                        QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
  epochLoss_->setLineStyle(QCPGraph::lsNone);
  trainAccuracy_ = addGraph(accuracy_, tr("train"), theme::kOrange, 2,
                            QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
  testAccuracy_ = addGraph(accuracy_, tr("test"), theme::kStudent, 2,
                           QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
  teacherAccuracy_ = addGraph(accuracy_, tr("teacher (test)"), theme::kTeacher, 2);
  teacherAccuracy_->setPen(QPen(theme::kTeacher, 2, Qt::DashLine));
  baselineAccuracy_ = addGraph(accuracy_, tr("no-KD baseline (test)"), theme::kBaseline, 2,
                               QCPScatterStyle(QCPScatterStyle::ssSquare, 5));
  accuracy_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
  loss_->yAxis->setRange(0, 2.5);
  accuracy_->yAxis->setRange(0, 1);
  for (QCustomPlot* plot : {loss_, accuracy_}) {
    plot->xAxis->setRange(0, 5);
    theme::stylePlot(plot);
  }

  smoothing_ = new QSlider(Qt::Horizontal);
  smoothing_->setRange(0, 99);
  smoothing_->setValue(90);
  smoothing_->setToolTip(
      tr("Exponential smoothing of the losses, decaying per batch (0: none, 99: strong)."));
  logScale_ = new QCheckBox(tr("&Log scale"));
  logScale_->setToolTip(tr("Show the loss on a logarithmic axis."));
  auto* fit = new QPushButton(tr("&Fit all"));
  fit->setToolTip(tr("Rescale both plots to show every point."));
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Smoothing")));
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
  runs_ = new QListWidget;
  runs_->setToolTip(tr("Earlier runs of this session: tick to show their curves."));
  connect(runs_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
    const ArchivedRun& run = archived_[runs_->row(item)];
    for (QCPGraph* g : {run.loss, run.accuracy}) g->setVisible(item->checkState() == Qt::Checked);
    scheduleReplot();
  });
  replot_.setSingleShot(true);
  replot_.setInterval(kReplotMs);
  connect(&replot_, &QTimer::timeout, this, [this] {
    for (QCustomPlot* plot : {loss_, accuracy_}) {
      if (autoFit_) plot->rescaleAxes(true);
      plot->replot(QCustomPlot::rpQueuedReplot);
    }
  });
  for (QCustomPlot* plot : {loss_, accuracy_}) {
    plot->installEventFilter(this);
    connect(plot, &QCustomPlot::mouseMove, this,
            [this, plot](QMouseEvent* e) { showValueAt(plot, e); });
  }
  setMethod("kd");
}

void CurvesWidget::archiveRun(const QString& label) {
  if (smooth_[LossSeries::kTotal]->data()->isEmpty() && testAccuracy_->data()->isEmpty()) return;
  static const QColor kPalette[] = {theme::kSkyBlue, theme::kPurple, theme::kOrange,
                                    theme::kGreen,   theme::kBlack,  theme::kYellow};
  const QColor color = kPalette[archived_.size() % int(std::size(kPalette))];
  ArchivedRun run{loss_->addGraph(), accuracy_->addGraph()};
  run.loss->data()->set(*smooth_[LossSeries::kTotal]->data());
  run.accuracy->data()->set(*testAccuracy_->data());
  run.accuracy->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
  for (QCPGraph* g : {run.loss, run.accuracy}) {
    g->setName(label);
    g->setPen(QPen(color, 1.5, Qt::DashLine));
    g->removeFromLegend();
  }
  archived_.push_back(run);
  for (QCustomPlot* plot : {loss_, accuracy_}) theme::stylePlot(plot);  // the new graphs too
  QPixmap swatch(14, 14);
  swatch.fill(color);
  auto* item = new QListWidgetItem(QIcon(swatch), label);
  item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
  item->setCheckState(Qt::Checked);
  runs_->addItem(item);
}

void CurvesWidget::setMethod(const std::string& method) {
  const std::vector<std::string> terms =
      method.empty() ? std::vector<std::string>() : kd::methodNamed(method).terms;
  smooth_[LossSeries::kKd]->setName(
      method == "kd"   ? tr("KD (T\u00b2-scaled)")
      : method == "ls" ? tr("KD on standardised logits (weighted)")
      : method.empty() ? tr("teacher's part of the loss")
                       : tr("%1 terms (weighted)").arg(QString::fromStdString(method)));
  for (int i = 0; i < kd::kMaxMethodTerms; ++i) {
    QCPGraph* g = smooth_[LossSeries::kTerm1 + i];
    const bool shown = size_t(i) < terms.size();
    g->setVisible(shown);
    if (shown) {
      g->setName(QString::fromStdString(terms[size_t(i)]));
      g->addToLegend();
    } else {
      g->removeFromLegend();
    }
  }
  scheduleReplot();
}

void CurvesWidget::clear() {
  series_.clear();
  for (QCPGraph* g : smooth_) g->data()->clear();
  for (QCPGraph* g :
       {raw_, epochLoss_, trainAccuracy_, testAccuracy_, teacherAccuracy_, baselineAccuracy_})
    g->data()->clear();
  teacherEpochs_ = 0;
  teacherAccuracyValue_ = -1;
  baseline_ = false;
  scheduleReplot();
}

double CurvesWidget::position(kd::Phase phase, int epoch, double fraction) const {
  return (phase == kd::Phase::kStudent ? teacherEpochs_ : 0) + epoch - 1 + fraction;
}

void CurvesWidget::addBatch(const kd::BatchProgress& p) {
  if (baseline_) return;  // the baseline's losses would hide the distillation run's
  const double x = position(p.phase, p.epoch, p.batches ? double(p.batch) / p.batches : 1.0);
  const LossSeries::Values smoothed = series_.add(x, p, smoothing_->value() / 100.0);
  raw_->addData(x, p.loss.total);
  for (int s = 0; s < LossSeries::kCount; ++s) smooth_[s]->addData(x, smoothed[size_t(s)]);
  scheduleReplot();
}

void CurvesWidget::recomputeSmoothing() {
  const auto ys = series_.smoothed(smoothing_->value() / 100.0);
  for (int s = 0; s < LossSeries::kCount; ++s)
    smooth_[s]->setData(series_.xs(), ys[size_t(s)], true);
}

void CurvesWidget::addEpoch(const kd::EpochMetrics& m) {
  if (m.phase == kd::Phase::kTeacher) teacherEpochs_ = std::max(teacherEpochs_, m.epoch);
  const double x = position(m.phase, m.epoch, 1.0);
  if (!baseline_) epochLoss_->addData(x, m.loss.total);
  if (baseline_) {
    baselineAccuracy_->addData(x, m.testAccuracy);
  } else if (m.phase == kd::Phase::kTeacher) {
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

void CurvesWidget::setTeacherAccuracy(double testAccuracy) {
  if (baseline_ || teacherEpochs_ > 0) return;  // a trained teacher's line is its epochs'
  teacherAccuracyValue_ = testAccuracy;
  teacherAccuracy_->addData(position(kd::Phase::kStudent, 1, 0.0), testAccuracy);
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

void CurvesWidget::showValueAt(QCustomPlot* plot, QMouseEvent* event) {
  // The nearest visible point within 12 pixels, named with its curve.
  QString best;
  double bestDistance = 12;
  for (int i = 0; i < plot->graphCount(); ++i) {
    QCPGraph* g = plot->graph(i);
    if (!g->visible() || g->data()->isEmpty()) continue;
    double key = plot->xAxis->pixelToCoord(event->pos().x());
    auto it = g->data()->findBegin(key);
    for (auto candidate : {it, it == g->data()->constBegin() ? it : it - 1}) {
      if (candidate == g->data()->constEnd()) continue;
      double dx = plot->xAxis->coordToPixel(candidate->key) - event->pos().x();
      double dy = plot->yAxis->coordToPixel(candidate->value) - event->pos().y();
      double d = std::hypot(dx, dy);
      if (d < bestDistance) {
        bestDistance = d;
        best = tr("%1\nepoch %2: %3")
                   .arg(g->name())
                   .arg(candidate->key, 0, 'f', 2)
                   .arg(candidate->value, 0, 'f', 4);
      }
    }
  }
  if (best.isEmpty())
    QToolTip::hideText();
  else
    QToolTip::showText(event->globalPosition().toPoint(), best, plot);
}

bool CurvesWidget::exportImage(const QString& path) {
  // Both plots into one picture: the loss above the accuracy.
  const int w = loss_->width(), h = loss_->height() + accuracy_->height();
  if (path.endsWith(".pdf", Qt::CaseInsensitive)) {
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QSizeF(w, h), QPageSize::Point));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    QCPPainter painter(&writer);
    painter.setWindow(0, 0, w, h);
    loss_->toPainter(&painter, w, loss_->height());
    painter.translate(0, loss_->height());
    accuracy_->toPainter(&painter, w, accuracy_->height());
    return painter.end();
  }
  QPixmap image(w, h);
  image.fill(Qt::white);
  QCPPainter painter(&image);
  loss_->toPainter(&painter, w, loss_->height());
  painter.translate(0, loss_->height());
  accuracy_->toPainter(&painter, w, accuracy_->height());
  painter.end();
  return image.save(path);
}

void CurvesWidget::scheduleReplot() {
  if (!replot_.isActive()) replot_.start();
}

}  // namespace kd::ui
