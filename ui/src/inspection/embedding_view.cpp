#include "inspection/embedding_view.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "inspection/gallery_delegate.h"
#include "inspection/model_names.h"
#include "widgets/epoch_player.h"
#include "widgets/flow_layout.h"
#include "widgets/theme.h"

namespace kd::ui {
namespace {

constexpr int kPointSize = 5, kChosenSize = 9, kMarkSize = 16, kPreviewSide = 84;
constexpr int kHoverPixels = 10;  // a point this near the pointer is the one hovered
constexpr int kProgressSteps = 1000;

}  // namespace

EmbeddingView::EmbeddingView(QWidget* parent)
    : QWidget(parent),
      progress_(std::make_shared<std::atomic<int>>(0)),
      generation_(std::make_shared<std::atomic<int>>(0)) {
  legend_ = new QWidget;
  legendLayout_ = new FlowLayout(legend_);
  legendLayout_->setContentsMargins(0, 0, 0, 0);
  plotRow_ = new QWidget;
  auto* plots = new QHBoxLayout(plotRow_);
  plots->setContentsMargins(0, 0, 0, 0);
  preview_ = new QLabel;
  preview_->setFixedSize(kPreviewSide, kPreviewSide);
  preview_->setAlignment(Qt::AlignCenter);
  previewText_ = new QLabel;
  previewText_->setWordWrap(true);
  auto* previewRow = new QHBoxLayout;
  previewRow->addWidget(preview_);
  previewRow->addWidget(previewText_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(buildControls());
  layout->addWidget(status_);
  layout->addWidget(legend_);
  layout->addWidget(plotRow_, 1);
  layout->addWidget(buildEpochRow());
  layout->addLayout(previewRow);
  progressTimer_ = new QTimer(this);
  progressTimer_->setInterval(100);
  connect(progressTimer_, &QTimer::timeout, this,
          [this] { progressBar_->setValue(progress_->load()); });
  connect(&task_, &BackgroundTask::idle, this, [this] {
    progressTimer_->stop();
    progressBar_->hide();
  });
  auto* clearKey = new QShortcut(QKeySequence(Qt::Key_Escape), this);
  clearKey->setContext(Qt::WidgetWithChildrenShortcut);
  connect(clearKey, &QShortcut::activated, this, [this] { chooseInArea(0, QRectF()); });
  clear();
}

EmbeddingView::~EmbeddingView() { ++*generation_; }  // the running request stops; task_ waits

QWidget* EmbeddingView::buildControls() {
  auto* box = new QWidget;
  auto* row = new FlowLayout(box);
  row->setContentsMargins(0, 0, 0, 0);
  projection_ = new QComboBox;
  projection_->addItem(tr("t-SNE (perplexity 30)"));
  projection_->addItem(tr("PCA (instant)"));
  projection_->setToolTip(
      tr("t-SNE keeps each image's neighbours together (seconds; seeded, so the same run gives "
         "the same map); PCA shows the two directions of largest spread"));
  images_ = new QSpinBox;
  images_->setRange(100, 10000);
  images_->setSingleStep(500);
  images_->setValue(2000);
  images_->setPrefix(tr("Images: "));
  images_->setToolTip(
      tr("How many test images the maps show, drawn at random (seeded): more take longer"));
  colouring_ = new QComboBox;
  colouring_->addItems({tr("Colour: true class"), tr("Colour: each model's prediction"),
                        tr("Colour: outcome (as the gallery)")});
  colouring_->setToolTip(
      tr("What the colours of the points mean; the buttons below show or "
         "hide each colour's points"));
  replay_ = new QPushButton(tr("Replay the student's epochs"));
  replay_->setCheckable(true);
  replay_->setToolTip(
      tr("Map the first 1,000 test images, whose features the run recorded after each epoch, "
         "and replay how the student's clusters formed"));
  clearChoice_ = new QPushButton(tr("Clear the choice"));
  clearChoice_->setToolTip(tr("Drag a rectangle on any map to choose images; Esc clears"));
  progressBar_ = new QProgressBar;
  progressBar_->setRange(0, kProgressSteps);
  progressBar_->setTextVisible(false);
  progressBar_->setMaximumWidth(160);
  status_ = new QLabel;  // on its own row, wrapped: long sentences never widen the window
  status_->setWordWrap(true);
  for (QComboBox* c : {projection_, colouring_})
    c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  for (QWidget* w : std::initializer_list<QWidget*>{projection_, images_, colouring_, replay_,
                                                    clearChoice_, progressBar_})
    row->addWidget(w);
  const auto changed = [this] {
    stale_ = true;
    if (isVisible()) requestMaps();
  };
  connect(projection_, qOverload<int>(&QComboBox::activated), this, changed);
  connect(replay_, &QPushButton::toggled, this, [this, changed](bool on) {
    images_->setEnabled(!on);  // the replay maps the probe set
    changed();
  });
  connect(images_, &QSpinBox::editingFinished, this, [this, changed] {
    if (images_->value() != int(maps_.images.size())) changed();
  });
  connect(colouring_, qOverload<int>(&QComboBox::activated), this,
          [this](int i) { setColouring(Colouring(i)); });
  connect(clearChoice_, &QPushButton::clicked, this, [this] { chooseInArea(0, QRectF()); });
  return box;
}

QWidget* EmbeddingView::buildEpochRow() {
  player_ = new EpochPlayer(tr("Replay the student's map epoch by epoch"),
                            tr("Epoch of the student's map"));
  epochs_ = player_->slider();
  connect(epochs_, &QSlider::valueChanged, this, &EmbeddingView::showEpoch);
  return player_;
}

void EmbeddingView::showEpoch(int position) {
  epochShown_ = position;
  if (position >= 0 && size_t(position) < maps_.epochs.size())
    player_->label()->setText(
        maps_.epochs[size_t(position)] == 0
            ? tr("Student before training")
            : tr("Student after epoch %1").arg(maps_.epochs[size_t(position)]));
  replot();
}

const kd::EmbeddingMap& EmbeddingView::shownMap(size_t map) const {
  const bool replaying = epochShown_ >= 0 && size_t(epochShown_) < maps_.studentEpochs.size();
  if (replaying && maps_.maps[map].model == kd::InspectedModel::kStudent)
    return maps_.studentEpochs[size_t(epochShown_)];
  return maps_.maps[map];
}

QString EmbeddingView::titleOf(size_t map) const {
  const kd::EmbeddingMap& shown = shownMap(map);
  if (&shown == &maps_.maps[map]) return modelTitle(shown.model, false);
  const int epoch = maps_.epochs[size_t(epochShown_)];
  return epoch == 0 ? tr("Student before training") : tr("Student after epoch %1").arg(epoch);
}

void EmbeddingView::clear() {
  ++*generation_;
  predictions_.reset();
  mapsFn_ = {};
  maps_ = {};
  stale_ = false;
  chosen_.clear();
  isChosen_.clear();
  marked_ = -1;
  epochShown_ = -1;
  player_->stop();
  player_->hide();
  rebuildPlots();
  fillLegend();
  clearChoice_->setEnabled(false);
  progressBar_->hide();
  preview_->clear();
  previewText_->clear();
  status_->setText(
      tr("Each model's map of the test images appears here once a run is finished "
         "or opened (File > Inspect)."));
}

void EmbeddingView::setRun(PredictionsPtr predictions, MapsFn maps) {
  clear();
  predictions_ = std::move(predictions);
  mapsFn_ = std::move(maps);
  stale_ = true;
  status_->setText(tr("The maps are computed when this tab is shown."));
  if (isVisible()) requestMaps();
}

void EmbeddingView::refresh() {
  if (!mapsFn_) return;
  stale_ = true;
  if (isVisible()) requestMaps();
}

void EmbeddingView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (stale_ && !task_.busy()) requestMaps();
}

void EmbeddingView::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::FontChange)
    for (QCustomPlot* plot : plots_) theme::stylePlot(plot);
}

void EmbeddingView::requestMaps() {
  if (!mapsFn_) return;
  stale_ = false;
  kd::EmbeddingMapRequest request;
  request.projection =
      projection_->currentIndex() == 1 ? kd::MapProjection::kPca : kd::MapProjection::kTsne;
  request.images = images_->value() >= predictions_->count ? 0 : images_->value();
  request.studentEpochs = replay_->isChecked();
  const int generation = ++*generation_;
  progress_->store(0);
  progressBar_->setValue(0);
  progressBar_->show();
  progressTimer_->start();
  status_->setText(request.projection == kd::MapProjection::kTsne
                       ? tr("Computing the t-SNE maps of %1 images\u2026")
                             .arg(std::min<int64_t>(images_->value(), predictions_->count))
                       : tr("Computing the PCA maps\u2026"));
  task_.run(
      [this, request, generation, fn = mapsFn_, progress = progress_,
       current = generation_]() -> std::function<void()> {
        kd::EmbeddingMaps maps = fn(request, [&](int done, int of) {
          progress->store(kProgressSteps * done / std::max(of, 1));
          return current->load() == generation;
        });
        return [this, maps = std::move(maps), generation, current] {
          if (current->load() == generation) showMaps(maps);
        };
      },
      [this, generation](const QString& error) {
        if (generation_->load() == generation) status_->setText(tr("No maps: %1").arg(error));
      });
}

void EmbeddingView::showMaps(const kd::EmbeddingMaps& maps) {
  maps_ = maps;
  isChosen_.assign(maps_.images.size(), 0);
  for (size_t i = 0; i < maps_.images.size(); ++i)
    isChosen_[i] = std::binary_search(chosen_.begin(), chosen_.end(), maps_.images[i]);
  const int last = int(maps_.studentEpochs.size()) - 1;
  epochShown_ = last;  // -1 without a replay: the final maps
  player_->setVisible(last > 0);
  {
    QSignalBlocker block(epochs_);
    epochs_->setRange(0, std::max(last, 0));
    epochs_->setValue(std::max(last, 0));
  }
  if (last >= 0) showEpoch(last);
  rebuildPlots();
  fillLegend();
  replot();
  status_->setText(tr("%1 test images; drag a rectangle on a map to choose images, hover a "
                      "point to see it")
                       .arg(maps_.images.size()));
  Q_EMIT mapsShown();
}

// One plot per model the maps hold: a graph per colour group, the chosen points of each group,
// and the marked image's ring, drawn in that order.
void EmbeddingView::rebuildPlots() {
  const size_t wanted = maps_.maps.size();
  while (plots_.size() > wanted) {
    delete plots_.back();
    plots_.pop_back();
  }
  while (plots_.size() < wanted) {
    auto* plot = new QCustomPlot;
    const int index = int(plots_.size());
    plot->setMinimumSize(160, 160);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, ""));
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {  // a map's axes have no meaning
      axis->setTicks(false);
      axis->setTickLabels(false);
      axis->grid()->setVisible(false);
    }
    plot->xAxis2->setVisible(true);
    plot->yAxis2->setVisible(true);
    plot->xAxis2->setTicks(false);
    plot->yAxis2->setTicks(false);
    plot->setSelectionRectMode(QCP::srmCustom);
    connect(plot->selectionRect(), &QCPSelectionRect::accepted, this,
            [this, plot, index](const QRect& rect, QMouseEvent*) {
              const QRectF area(QPointF(plot->xAxis->pixelToCoord(rect.left()),
                                        plot->yAxis->pixelToCoord(rect.bottom())),
                                QPointF(plot->xAxis->pixelToCoord(rect.right()),
                                        plot->yAxis->pixelToCoord(rect.top())));
              chooseInArea(index, area);
            });
    connect(plot, &QCustomPlot::mouseMove, this,
            [this, index](QMouseEvent* event) { hover(index, event->pos()); });
    plot->setAccessibleName(tr("Embedding map %1").arg(index + 1));
    plotRow_->layout()->addWidget(plot);
    plots_.push_back(plot);
  }
  for (size_t m = 0; m < plots_.size(); ++m) {
    plots_[m]->clearGraphs();
    // A graph per group, faded while a choice stands; then the chosen points of each group in
    // full colour with a dark outline, drawn over them.
    for (int chosen = 0; chosen < 2; ++chosen)
      for (int g = 0; g < groupCount(); ++g) {
        QCPGraph* graph = plots_[m]->addGraph();
        graph->setLineStyle(QCPGraph::lsNone);
        const QColor colour = groupColour(g);
        graph->setScatterStyle(
            chosen ? QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(theme::kBlack, 1.2),
                                     QBrush(colour), kChosenSize)
                   : QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, kPointSize));
      }
    QCPGraph* mark = plots_[m]->addGraph();
    mark->setLineStyle(QCPGraph::lsNone);
    mark->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(theme::kBlack, 3), Qt::NoBrush, kMarkSize));
    theme::stylePlot(plots_[m]);
  }
}

int EmbeddingView::groupCount() const {
  if (!predictions_) return 0;
  return colouringMode_ == Colouring::kOutcome ? 4 : predictions_->classCount();
}

QString EmbeddingView::groupName(int group) const {
  if (colouringMode_ == Colouring::kOutcome) return outcomeText(Outcome(group));
  return QString::fromStdString(predictions_->classes[size_t(group)]);
}

QColor EmbeddingView::groupColour(int group) const {
  return colouringMode_ == Colouring::kOutcome ? outcomeColor(Outcome(group))
                                               : theme::categoryColour(group);
}

int EmbeddingView::groupOf(size_t point, size_t map) const {
  const int64_t image = maps_.images[point];
  switch (colouringMode_) {
    case Colouring::kTrueClass:
      return maps_.labels[point];
    case Colouring::kPredictedClass:
      return shownMap(map).predictions[point];
    case Colouring::kOutcome: {
      ImageVerdict v;
      v.label = maps_.labels[point];
      v.teacherClass = predictions_->topClass(kd::Role::kTeacher, image);
      v.studentClass = predictions_->topClass(kd::Role::kStudent, image);
      return int(v.outcome());
    }
  }
  return 0;
}

void EmbeddingView::fillLegend() {
  for (QToolButton* b : legendButtons_) delete b;
  legendButtons_.clear();
  groupShown_.assign(size_t(groupCount()), 1);
  if (maps_.maps.empty()) return;
  for (int g = 0; g < groupCount(); ++g) {
    auto* b = new QToolButton;
    QPixmap swatch(12, 12);
    swatch.fill(groupColour(g));
    b->setIcon(QIcon(swatch));
    b->setText(groupName(g));
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setCheckable(true);
    b->setChecked(true);
    b->setToolTip(tr("Show or hide these points on every map"));
    connect(b, &QToolButton::toggled, this, [this, g](bool on) { setGroupShown(g, on); });
    legendLayout_->addWidget(b);
    legendButtons_.push_back(b);
  }
}

void EmbeddingView::setGroupShown(int group, bool shown) {
  if (group < 0 || group >= int(groupShown_.size())) return;
  groupShown_[size_t(group)] = shown;
  if (size_t(group) < legendButtons_.size()) {
    QSignalBlocker block(legendButtons_[size_t(group)]);
    legendButtons_[size_t(group)]->setChecked(shown);
  }
  replot();
}

void EmbeddingView::setColouring(Colouring colouring) {
  colouringMode_ = colouring;
  colouring_->setCurrentIndex(int(colouring));
  rebuildPlots();
  fillLegend();
  replot();
}

void EmbeddingView::replot() {
  for (size_t m = 0; m < plots_.size(); ++m) {
    const kd::EmbeddingMap& map = shownMap(m);
    const size_t groups = static_cast<size_t>(groupCount());
    std::vector<QVector<double>> xs(2 * groups), ys(2 * groups);  // all, then the chosen
    QVector<double> markX, markY;
    for (size_t i = 0; i < maps_.images.size(); ++i) {
      const int g = groupOf(i, m);
      if (!groupShown_[size_t(g)]) continue;
      const size_t graph = size_t(g) + (isChosen_[i] ? groups : 0);
      xs[graph].push_back(map.x[i]);
      ys[graph].push_back(map.y[i]);
      if (maps_.images[i] == marked_) {
        markX.push_back(map.x[i]);
        markY.push_back(map.y[i]);
      }
    }
    QCustomPlot* plot = plots_[m];
    static_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0))->setText(titleOf(m));
    const bool faded = !chosen_.empty();
    for (size_t g = 0; g < 2 * groups; ++g) {
      plot->graph(int(g))->setData(xs[g], ys[g]);
      if (g < groups) {
        QCPScatterStyle style = plot->graph(int(g))->scatterStyle();
        QColor colour = groupColour(int(g));
        colour.setAlpha(faded ? 50 : 255);
        style.setPen(colour);
        style.setBrush(colour);
        plot->graph(int(g))->setScatterStyle(style);
      }
    }
    markGraph(int(m))->setData(markX, markY);
    const auto [xMin, xMax] = std::minmax_element(map.x.begin(), map.x.end());
    const auto [yMin, yMax] = std::minmax_element(map.y.begin(), map.y.end());
    if (xMin != map.x.end()) {  // all points, shown or not: the frame stays put
      const double padX = 0.04 * (*xMax - *xMin) + 1e-6, padY = 0.04 * (*yMax - *yMin) + 1e-6;
      plot->xAxis->setRange(*xMin - padX, *xMax + padX);
      plot->yAxis->setRange(*yMin - padY, *yMax + padY);
    }
    plot->replot(QCustomPlot::rpQueuedReplot);
  }
}

void EmbeddingView::chooseInArea(int map, const QRectF& area) {
  chosen_.clear();
  if (!area.isEmpty() && map >= 0 && map < int(maps_.maps.size())) {
    const QRectF a = area.normalized();
    const kd::EmbeddingMap& m = shownMap(size_t(map));
    for (size_t i = 0; i < maps_.images.size(); ++i)
      if (groupShown_[size_t(groupOf(i, size_t(map)))] && a.contains(m.x[i], m.y[i]))
        chosen_.push_back(maps_.images[i]);
  }
  for (size_t i = 0; i < maps_.images.size(); ++i)
    isChosen_[i] = std::binary_search(chosen_.begin(), chosen_.end(), maps_.images[i]);
  clearChoice_->setEnabled(!chosen_.empty());
  if (!maps_.maps.empty())
    status_->setText(chosen_.empty()
                         ? tr("No images chosen; the gallery shows them all")
                         : tr("%1 images chosen; the gallery (Predictions tab) shows only them")
                               .arg(chosen_.size()));
  replot();
  Q_EMIT imagesChosen(chosen_);
}

void EmbeddingView::markImage(int64_t testIndex) {
  if (marked_ == testIndex) return;
  marked_ = testIndex;
  replot();
}

void EmbeddingView::hover(int map, const QPoint& pixel) {
  if (map >= int(maps_.maps.size()) || !predictions_) return;
  QCustomPlot* plot = plots_[size_t(map)];
  const kd::EmbeddingMap& m = shownMap(size_t(map));
  double best = kHoverPixels * kHoverPixels;
  int64_t found = -1;
  for (size_t i = 0; i < maps_.images.size(); ++i) {
    if (!groupShown_[size_t(groupOf(i, size_t(map)))]) continue;
    const double dx = plot->xAxis->coordToPixel(m.x[i]) - pixel.x();
    const double dy = plot->yAxis->coordToPixel(m.y[i]) - pixel.y();
    if (dx * dx + dy * dy < best) {
      best = dx * dx + dy * dy;
      found = int64_t(i);
    }
  }
  if (found < 0) return;
  const int64_t image = maps_.images[size_t(found)];
  preview_->setPixmap(
      QPixmap::fromImage(scaledNearest(imageOf(*predictions_, image), kPreviewSide)));
  const auto name = [this](int c) {
    return QString::fromStdString(predictions_->classes[size_t(c)]);
  };
  previewText_->setText(tr("Test image %1: %2. %3 says %4.")
                            .arg(image)
                            .arg(name(maps_.labels[size_t(found)]))
                            .arg(modelTitle(m.model, false))
                            .arg(name(m.predictions[size_t(found)])));
}

QAbstractButton* EmbeddingView::replayButton() const { return replay_; }

QCustomPlot* EmbeddingView::mapPlot(int map) const { return plots_.at(size_t(map)); }

int EmbeddingView::chosenPointCount(int map) const {
  int count = 0;
  for (int g = groupCount(); g < 2 * groupCount(); ++g)
    count += mapPlot(map)->graph(g)->dataCount();
  return count;
}

QCPGraph* EmbeddingView::markGraph(int map) const { return mapPlot(map)->graph(2 * groupCount()); }

}  // namespace kd::ui
