#include "inspection/prediction_detail.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>
#include <QtMath>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "app/language.h"
#include "inspection/gallery_delegate.h"
#include "kd/error.h"
#include "widgets/theme.h"

namespace kd::ui {
namespace {

constexpr int kSliderPerUnit = 10;  // the slider moves T in steps of 0.1
constexpr int kPicture = 168, kCam = 140;

// The class names slant down to the right of their ticks; QCustomPlot leaves out a label that
// would cross the plot's edge (the last one, "Ankle boot", on a 1024 px screen). A right margin
// as wide as the last label's slant keeps it, in the font of the replot (fonts change with
// presentation mode).
void makeRoomForLastLabel(QCustomPlot* plot) {
  const auto names = plot->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
  if (!names || names->ticks().isEmpty()) return;
  const QFontMetrics metrics(plot->xAxis->tickLabelFont());
  const double angle = qDegreesToRadians(plot->xAxis->tickLabelRotation());
  const double slant = metrics.horizontalAdvance(names->ticks().last()) * std::cos(angle) +
                       metrics.height() * std::sin(angle);
  plot->axisRect()->setMinimumMargins(QMargins(0, 0, int(std::ceil(slant)), 0));
}

QCustomPlot* makeBarPlot() {
  auto* plot = new QCustomPlot;
  plot->yAxis->setRange(0, 1);
  plot->yAxis->setLabel(PredictionDetail::tr("probability"));
  plot->xAxis->setTickLabelRotation(40);
  plot->xAxis->setSubTicks(false);
  plot->xAxis->grid()->setVisible(false);
  auto* group = new QCPBarsGroup(plot);
  for (const auto& [name, color] : {std::pair{PredictionDetail::tr("teacher"), theme::kTeacher},
                                    {PredictionDetail::tr("student"), theme::kStudent}}) {
    auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
    bars->setName(name);
    bars->setWidth(0.38);
    bars->setBrush(color);
    bars->setPen(Qt::NoPen);
    bars->setBarsGroup(group);
  }
  plot->legend->setVisible(true);
  plot->plotLayout()->insertRow(0);
  plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, ""));
  theme::stylePlot(plot);
  QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] { makeRoomForLastLabel(plot); });
  return plot;
}

void setBars(QCustomPlot* plot, const QString& title, const kd::Predictions& p, int64_t row,
             double temperature) {
  QVector<double> x(p.classCount());
  std::iota(x.begin(), x.end(), 0.0);
  for (int m = 0; m < 2; ++m) {
    const auto role = m == 0 ? kd::Role::kTeacher : kd::Role::kStudent;
    const std::vector<double> probs = kd::softmax(p.logits(role, row), p.classCount(), temperature);
    static_cast<QCPBars*>(plot->plottable(m))
        ->setData(x, QVector<double>(probs.begin(), probs.end()));
  }
  static_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0))->setText(title);
  plot->replot(QCustomPlot::rpQueuedReplot);
}

QColor jet(float v) {
  auto channel = [v](float centre) {
    return int(255 * std::clamp(1.5f - std::abs(4 * v - centre), 0.f, 1.f));
  };
  return QColor(channel(3), channel(2), channel(1));
}

}  // namespace

QImage heatOverlay(const QImage& image, const std::vector<float>& map, int side) {
  return heatOverlay(image, map, image.width(), image.height(), side);
}

QImage heatOverlay(const QImage& image, const std::vector<float>& map, int mapWidth, int mapHeight,
                   int side) {
  QImage out = scaledNearest(image, side);
  const int h = mapHeight, w = mapWidth;
  if (map.size() != size_t(h) * size_t(w)) return out;
  for (int y = 0; y < out.height(); ++y) {
    QRgb* line = reinterpret_cast<QRgb*>(out.scanLine(y));
    for (int x = 0; x < out.width(); ++x) {
      const QColor heat =
          jet(map[size_t(y * h / out.height()) * size_t(w) + size_t(x * w / out.width())]);
      const QColor base(line[x]);
      line[x] = qRgb((base.red() + heat.red()) / 2, (base.green() + heat.green()) / 2,
                     (base.blue() + heat.blue()) / 2);
    }
  }
  return out;
}

PredictionDetail::PredictionDetail(QWidget* parent) : QWidget(parent) {
  title_ = new QLabel(tr("Click an image in the gallery to see both models' probabilities."));
  title_->setWordWrap(true);
  picture_ = new QLabel;
  picture_->setFixedSize(kPicture, kPicture);
  picture_->setAlignment(Qt::AlignCenter);
  hard_ = makeBarPlot();
  soft_ = makeBarPlot();
  slider_ = new QSlider(Qt::Horizontal);
  slider_->setRange(5, 20 * kSliderPerUnit);
  slider_->setPageStep(kSliderPerUnit);
  slider_->setToolTip(
      tr("Temperature T of the softened distributions: softmax(logits / T). Higher T flattens them "
         "and shows the teacher's 'dark knowledge': how alike it finds the wrong classes."));
  slider_->setAccessibleName(tr("Temperature"));
  temperatureLabel_ = new QLabel;
  auto* reset = new QPushButton(tr("Run's T"));
  reset->setToolTip(tr("Back to the temperature the student was distilled at"));
  connect(reset, &QPushButton::clicked, this, [this] {
    if (predictions_) setTemperature(predictions_->temperature);
  });
  connect(slider_, &QSlider::valueChanged, this, &PredictionDetail::updateSoftened);

  auto* camRow = new QGridLayout;
  for (int m = 0; m < 2; ++m) {
    camTitles_[m] = new QLabel;  // two lines of their own, never wrapped: no height-for-width
    cams_[m] = new QLabel;
    cams_[m]->setFixedSize(kCam, kCam);
    cams_[m]->setAlignment(Qt::AlignCenter);
    cams_[m]->setWordWrap(true);
    camRow->addWidget(camTitles_[m], 0, m);
    camRow->addWidget(cams_[m], 1, m);
  }
  auto* top = new QHBoxLayout;
  top->addWidget(picture_);
  auto* camBox = new QVBoxLayout;
  camHeading_ = new QLabel(tr("<b>Grad-CAM</b>: where each model looks for its prediction"));
  camHeading_->setWordWrap(true);
  camBox->addWidget(camHeading_);
  camBox->addLayout(camRow);
  top->addLayout(camBox, 1);
  auto* sliderRow = new QHBoxLayout;
  sliderRow->addWidget(new QLabel(tr("Temperature")));
  sliderRow->addWidget(slider_, 1);
  sliderRow->addWidget(temperatureLabel_);
  sliderRow->addWidget(reset);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addLayout(top);
  layout->addWidget(hard_, 1);
  layout->addLayout(sliderRow);
  layout->addWidget(soft_, 1);
  insides_ = new ImageInsides;
  layout->addWidget(insides_);
  setTemperature(4.0);
  fitTextRows();
}

// Text rows and plots sized for the current font (presentation mode makes it larger), so the
// layout never lets labels run into the images and plots below them.
void PredictionDetail::fitTextRows() {
  const int twoLines = 2 * fontMetrics().lineSpacing() + 2;
  for (QLabel* label : {camHeading_, camTitles_[0], camTitles_[1]})
    label->setMinimumHeight(twoLines);
  // Bars with room for their tick labels in the current font (190 px at the normal one).
  for (QCustomPlot* plot : {hard_, soft_}) plot->setMinimumHeight(12 * fontMetrics().lineSpacing());
  layout()->invalidate();  // a font change while hidden would keep the old height-for-width
  updateGeometry();
}

// Its tab may have been hidden while the fonts changed: the layout is redone on being shown.
void PredictionDetail::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  layout()->invalidate();
  layout()->activate();
}

void PredictionDetail::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::FontChange) fitTextRows();
}

void PredictionDetail::setPredictions(PredictionsPtr predictions, GradCamFn gradCam,
                                      InsidesFn insides) {
  const bool newRun = !predictions_ || !predictions ||
                      predictions_->temperature != predictions->temperature ||
                      predictions_->classes != predictions->classes;
  predictions_ = std::move(predictions);
  gradCam_ = std::move(gradCam);
  insides_->setSource(predictions_, std::move(insides));
  if (!predictions_) return showImage(-1);
  if (newRun) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int c = 0; c < predictions_->classCount(); ++c)
      ticker->addTick(c, displayClassName(predictions_->classes[size_t(c)]));
    for (QCustomPlot* plot : {hard_, soft_}) {
      plot->xAxis->setTicker(ticker);
      plot->xAxis->setRange(-0.6, predictions_->classCount() - 0.4);
    }
    setTemperature(predictions_->temperature);
  }
  showImage(row_ < predictions_->count ? row_ : -1);
}

void PredictionDetail::showImage(int64_t row) {
  row_ = predictions_ ? row : -1;
  const bool shown = row_ >= 0;
  for (QWidget* w : std::initializer_list<QWidget*>{picture_, hard_, soft_, cams_[0], cams_[1],
                                                    camTitles_[0], camTitles_[1]})
    w->setVisible(shown);
  insides_->showImage(row_);
  if (!shown) {
    title_->setText(tr("Click an image in the gallery to see both models' probabilities."));
    return;
  }
  const kd::Predictions& p = *predictions_;
  ImageVerdict v;
  v.label = p.labels[size_t(row_)];
  v.teacherClass = p.topClass(kd::Role::kTeacher, row_);
  v.studentClass = p.topClass(kd::Role::kStudent, row_);
  const QString epoch = p.epoch < p.epochs
                            ? tr(" \u00b7 student after epoch %1 of %2").arg(p.epoch).arg(p.epochs)
                            : QString();
  title_->setText(tr("<b>Test image %1</b> \u00b7 true class <b>%2</b> \u00b7 <span "
                     "style='color:%3'>%4</span>%5")
                      .arg(p.indices[size_t(row_)])
                      .arg(displayClassName(p.classes[size_t(v.label)]),
                           outcomeColor(v.outcome()).name(), outcomeText(v.outcome()), epoch));
  picture_->setPixmap(QPixmap::fromImage(scaledNearest(imageOf(p, row_), kPicture)));
  setBars(hard_, tr("At T = 1 (what each model predicts)"), p, row_, 1.0);
  updateSoftened();
  updateGradCam();
}

QWidget* PredictionDetail::barPlot(bool softened) const { return softened ? soft_ : hard_; }

double PredictionDetail::temperature() const { return double(slider_->value()) / kSliderPerUnit; }

void PredictionDetail::setTemperature(double t) {
  slider_->setValue(int(std::lround(t * kSliderPerUnit)));
}

void PredictionDetail::updateSoftened() {
  const double t = temperature();
  const bool runs = predictions_ && std::abs(t - predictions_->temperature) < 1e-9;
  temperatureLabel_->setText(
      QString("T = %1%2").arg(t, 0, 'f', 1).arg(runs ? tr(" (the run's)") : ""));
  if (row_ >= 0) setBars(soft_, tr("Softened at T = %1").arg(t, 0, 'f', 1), *predictions_, row_, t);
}

// Grad-CAM runs a backward pass per model: off the GUI thread, newest image only.
void PredictionDetail::updateGradCam() {
  const kd::Predictions& p = *predictions_;
  int predicted[2];
  for (int m = 0; m < 2; ++m) {
    const auto role = m == 0 ? kd::Role::kTeacher : kd::Role::kStudent;
    predicted[m] = p.topClass(role, row_);
    camTitles_[m]->setText(tr("%1, for\n\u201c%2\u201d")
                               .arg(m == 0 ? tr("Teacher") : tr("Student"),
                                    displayClassName(p.classes[size_t(predicted[m])])));
    camImages_[m] = QImage();
    cams_[m]->setText(gradCam_ ? tr("Computing\u2026")
                               : tr("Available when the run has finished."));
  }
  if (!gradCam_) return;
  const QImage image = imageOf(p, row_);
  const int64_t index = p.indices[size_t(row_)];
  camTask_.run(
      [this, gradCam = gradCam_, image, index, predicted]() -> std::function<void()> {
        QImage overlays[2];
        QString errors[2];
        for (int m = 0; m < 2; ++m) {
          const auto role = m == 0 ? kd::Role::kTeacher : kd::Role::kStudent;
          try {
            overlays[m] = heatOverlay(image, gradCam(role, index, predicted[m]), kCam);
          } catch (...) {  // one model's map may be unavailable (a TorchScript teacher)
            errors[m] = messageOf(std::current_exception());
          }
        }
        return [this, overlays, errors] { showGradCams(overlays, errors); };
      },
      [this](const QString& error) {
        const QString errors[2] = {error, error};
        showGradCams(nullptr, errors);
      });
}

void PredictionDetail::showGradCams(const QImage* overlays, const QString* errors) {
  for (int m = 0; m < 2; ++m) {
    camImages_[m] = overlays ? overlays[m] : QImage();
    if (camImages_[m].isNull())
      cams_[m]->setText(errors[m]);
    else
      cams_[m]->setPixmap(QPixmap::fromImage(camImages_[m]));
  }
  Q_EMIT gradCamsShown();
}

std::vector<double> PredictionDetail::bars(kd::Role role, bool softened) const {
  const auto* bars = static_cast<QCPBars*>(
      (softened ? soft_ : hard_)->plottable(role == kd::Role::kTeacher ? 0 : 1));
  std::vector<double> values;
  for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
    values.push_back(it->value);
  return values;
}

const QImage& PredictionDetail::gradCamImage(kd::Role role) const {
  return camImages_[role == kd::Role::kTeacher ? 0 : 1];
}

}  // namespace kd::ui
