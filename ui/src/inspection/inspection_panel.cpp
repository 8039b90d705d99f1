#include "inspection/inspection_panel.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSlider>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "inspection/gallery_delegate.h"
#include "widgets/epoch_player.h"
#include "widgets/flow_layout.h"

namespace kd::ui {
namespace {

const std::pair<GalleryFilter::Kind, const char*> kKinds[] = {
    {GalleryFilter::kAll, QT_TRANSLATE_NOOP("kd::ui::InspectionPanel", "All")},
    {GalleryFilter::kDisagreements, QT_TRANSLATE_NOOP("kd::ui::InspectionPanel", "Disagreements")},
    {GalleryFilter::kStudentWrongTeacherRight,
     QT_TRANSLATE_NOOP("kd::ui::InspectionPanel", "Student wrong, teacher right")},
    {GalleryFilter::kStudentRightTeacherWrong,
     QT_TRANSLATE_NOOP("kd::ui::InspectionPanel", "Student right, teacher wrong")},
    {GalleryFilter::kBothWrong, QT_TRANSLATE_NOOP("kd::ui::InspectionPanel", "Both wrong")},
};

}  // namespace

InspectionPanel::InspectionPanel(QWidget* parent) : QWidget(parent) {
  model_ = new PredictionModel(this);
  gallery_ = new QListView;
  gallery_->setModel(model_);
  gallery_->setItemDelegate(new GalleryDelegate(model_, gallery_));
  gallery_->setViewMode(QListView::IconMode);
  gallery_->setResizeMode(QListView::Adjust);
  gallery_->setMovement(QListView::Static);
  gallery_->setUniformItemSizes(true);
  gallery_->setSelectionMode(QAbstractItemView::SingleSelection);
  gallery_->setSpacing(0);
  gallery_->setAccessibleName(tr("Test images"));
  detail_ = new PredictionDetail;
  connect(gallery_->selectionModel(), &QItemSelectionModel::currentChanged, this,
          [this](const QModelIndex& index) {
            if (!index.isValid()) return;
            const int64_t row = model_->verdict(index.row()).row;
            currentImage_ = model_->predictions()->indices[size_t(row)];
            detail_->showImage(row);
            Q_EMIT imageShown(currentImage_);
          });
  connect(model_, &PredictionModel::contentChanged, this, [this] {
    count_->setText(tr("%1 of %2 images").arg(model_->rowCount()).arg(model_->total()));
  });

  auto* left = new QWidget;
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(buildFilters());
  leftLayout->addWidget(gallery_, 1);
  leftLayout->addWidget(buildEpochRow());
  // The detail view keeps its own size and scrolls when its share of the window is smaller.
  detailScroll_ = new QScrollArea;
  detailScroll_->setWidget(detail_);
  detailScroll_->setWidgetResizable(true);
  detailScroll_->setFrameShape(QFrame::NoFrame);
  detail_->installEventFilter(this);
  detailScroll_->viewport()->installEventFilter(this);
  splitter_ = new QSplitter;
  splitter_->addWidget(left);
  splitter_->addWidget(detailScroll_);
  splitter_->setStretchFactor(0, 3);
  splitter_->setStretchFactor(1, 2);
  splitter_->setChildrenCollapsible(false);
  // The user's own scrolling or splitter position wins over revealInDetail().
  connect(detailScroll_->verticalScrollBar(), &QAbstractSlider::actionTriggered, this,
          [this] { revealed_.clear(); });
  connect(splitter_, &QSplitter::splitterMoved, this, [this] { revealed_.clear(); });
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(splitter_);
  clear();
}

QWidget* InspectionPanel::buildFilters() {
  auto* box = new QWidget;
  auto* rows = new QVBoxLayout(box);
  rows->setContentsMargins(0, 0, 0, 0);
  auto* buttons = new FlowLayout;
  kinds_ = new QButtonGroup(this);
  for (const auto& [kind, text] : kKinds) {
    auto* b = new QPushButton(tr(text));
    b->setCheckable(true);
    kinds_->addButton(b, kind);
    buttons->addWidget(b);
    // Alt+1..5 while the tab has focus (letters would clash with the experiment panel's).
    auto* key = new QShortcut(QKeySequence(QString("Alt+%1").arg(int(kind) + 1)), this);
    key->setContext(Qt::WidgetWithChildrenShortcut);
    connect(key, &QShortcut::activated, b, &QPushButton::click);
    b->setToolTip(QString("Alt+%1").arg(int(kind) + 1));
  }
  kinds_->button(GalleryFilter::kAll)->setChecked(true);
  kinds_->button(GalleryFilter::kStudentWrongTeacherRight)
      ->setToolTip(tr("Images the teacher gets right and the student does not: what the student "
                      "has not learned (yet). Alt+3"));
  connect(kinds_, &QButtonGroup::idClicked, this, &InspectionPanel::applyControls);
  trueClass_ = new QComboBox;
  predicted_ = new QComboBox;
  sort_ = new QComboBox;
  sort_->addItems({tr("Order: test index"), tr("Order: largest KL first"),
                   tr("Order: least confident student"), tr("Order: most confident student")});
  sort_->setToolTip(
      tr("KL(teacher \u2016 student) at the run's temperature: how far the student is from the "
         "teacher's "
         "softened distribution on that image"));
  count_ = new QLabel;
  chosen_ = new QPushButton;
  chosen_->setToolTip(tr("Show every image again (the choice stays on the Embeddings tab)"));
  chosen_->hide();
  connect(chosen_, &QPushButton::clicked, this, [this] { showImages({}); });
  for (QComboBox* c : {trueClass_, predicted_, sort_})
    c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  for (QComboBox* c : {trueClass_, predicted_, sort_})
    connect(c, qOverload<int>(&QComboBox::activated), this, &InspectionPanel::applyControls);
  auto* combos = new FlowLayout;
  for (QWidget* w : std::initializer_list<QWidget*>{trueClass_, predicted_, sort_, count_, chosen_})
    combos->addWidget(w);
  rows->addLayout(buttons);
  rows->addLayout(combos);
  return box;
}

void InspectionPanel::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  QTimer::singleShot(0, this, &InspectionPanel::arrange);  // once laid out
}

// The detail view beside the gallery when both fit whole: the detail view's content and the
// gallery's controls (or three tiles, if wider; both grow with the font, so presentation mode
// puts the detail below sooner), else below it. Beside it, the detail view gets at least the
// width of its content (no sideways scroll) and the gallery the rest; dragged wider, it stays.
void InspectionPanel::arrange() {
  const int tile = fontMetrics().horizontalAdvance("T \u2713 100% T-shirt") + 12;
  const int whole =
      detail_->minimumSizeHint().width() + detailScroll_->verticalScrollBar()->sizeHint().width();
  const int gallery = std::max(splitter_->widget(0)->minimumSizeHint().width(), 3 * tile + 40);
  const int panes = splitter_->width() - splitter_->handleWidth();
  const auto orientation = panes >= gallery + whole ? Qt::Horizontal : Qt::Vertical;
  if (splitter_->orientation() != orientation) splitter_->setOrientation(orientation);
  const QList<int> sizes = splitter_->sizes();
  if (orientation == Qt::Horizontal && sizes.value(1) < whole)
    splitter_->setSizes({panes - whole, whole});
}

bool InspectionPanel::eventFilter(QObject* watched, QEvent* event) {
  // The detail view's content changed its size (an image opened, a font changed).
  if (watched == detail_ && event->type() == QEvent::LayoutRequest)
    QTimer::singleShot(0, this, &InspectionPanel::arrange);
  // Its content or its view resized: the part asked for goes on being in view.
  if ((watched == detail_ || watched == detailScroll_->viewport()) &&
      event->type() == QEvent::Resize && revealed_)
    QTimer::singleShot(0, this, &InspectionPanel::reveal);
  return QWidget::eventFilter(watched, event);
}

QWidget* InspectionPanel::buildEpochRow() {
  player_ = new EpochPlayer(tr("Replay how the student's predictions changed, epoch by epoch"),
                            tr("Epoch"));
  epochs_ = player_->slider();
  epochs_->setToolTip(tr("Epoch of the student shown (arrow keys, or Alt+Left / Alt+Right)"));
  connect(epochs_, &QSlider::valueChanged, this, &InspectionPanel::showSnapshot);
  epochLabel_ = player_->label();
  epochLabel_->setMinimumWidth(360);
  auto* back = new QShortcut(QKeySequence("Alt+Left"), this);
  auto* forward = new QShortcut(QKeySequence("Alt+Right"), this);
  back->setContext(Qt::WidgetWithChildrenShortcut);
  forward->setContext(Qt::WidgetWithChildrenShortcut);
  connect(back, &QShortcut::activated, this, [this] { step(-1); });
  connect(forward, &QShortcut::activated, this, [this] { step(1); });
  return player_;
}

QAbstractButton* InspectionPanel::filterButton(GalleryFilter::Kind kind) const {
  return kinds_->button(kind);
}

void InspectionPanel::step(int delta) { epochs_->setValue(epochs_->value() + delta); }

void InspectionPanel::clear() {
  revealed_.clear();
  chosenImages_.reset();
  chosen_->hide();
  player_->stop();
  snapshots_.clear();
  hasFinal_ = false;
  finalGradCam_ = {};
  finalInsides_ = {};
  currentImage_ = -1;
  hiddenClasses_.clear();
  model_->setPredictions(nullptr);
  detail_->setPredictions(nullptr, {});
  epochs_->setMinimum(0);
  player_->setLast(0);
  epochLabel_->setText(
      tr("The student's predictions appear here after each epoch of distillation."));
  Q_EMIT predictionsChanged();
}

void InspectionPanel::addProbe(PredictionsPtr probe) {
  if (hasFinal_) return;
  const bool following = snapshots_.empty() || epochs_->value() == epochs_->maximum();
  snapshots_.push_back(std::move(probe));
  updateSlider(following);
}

void InspectionPanel::setFinal(PredictionsPtr run, GradCamFn gradCam, InsidesFn insides) {
  if (hasFinal_) snapshots_.pop_back();
  hasFinal_ = true;
  finalGradCam_ = std::move(gradCam);
  finalInsides_ = std::move(insides);
  snapshots_.push_back(std::move(run));
  updateSlider(true);
}

void InspectionPanel::updateSlider(bool showLast) {
  const int last = int(snapshots_.size()) - 1;
  player_->setLast(last);
  if (!showLast) return;
  if (epochs_->value() == last)
    showSnapshot(last);
  else
    epochs_->setValue(last);  // shown through valueChanged
}

void InspectionPanel::showSnapshot(int position) {
  if (position < 0 || position >= int(snapshots_.size())) return;
  const PredictionsPtr& p = snapshots_[size_t(position)];
  const bool final = hasFinal_ && position == int(snapshots_.size()) - 1;
  const bool classesChanged =
      !model_->predictions() || model_->predictions()->classes != p->classes;
  model_->setPredictions(p);
  if (classesChanged) fillClassCombos();
  detail_->setPredictions(p, final ? finalGradCam_ : GradCamFn{},
                          final ? finalInsides_ : InsidesFn{});
  epochLabel_->setText(
      final ? tr("Finished run: all %1 test images").arg(p->count)
            : tr("%1 \u00b7 probe set: the first %2 test images")
                  .arg(p->epoch == 0
                           ? tr("Student before training")
                           : tr("Student after epoch %1 of %2").arg(p->epoch).arg(p->epochs))
                  .arg(p->count));
  selectImage();
  Q_EMIT predictionsChanged();
}

void InspectionPanel::setHiddenClasses(const std::vector<int>& classes) {
  hiddenClasses_ = classes;
  if (!model_->predictions()) return;
  fillClassCombos();
  if (classes.empty()) return;
  trueClass_->setCurrentIndex(classes.front() + 1);
  applyControls();  // the combo's own signal is the user's choice only
}

void InspectionPanel::revealInDetail(QWidget* part) {
  revealed_ = part;
  QTimer::singleShot(0, this, &InspectionPanel::reveal);
}

void InspectionPanel::reveal() {
  if (!revealed_ || !revealed_->isVisible()) return;
  QWidget* part = revealed_;
  const int missing = part->height() - detailScroll_->viewport()->height();
  if (missing > 0 && splitter_->orientation() == Qt::Vertical) {  // what the gallery can spare
    const QList<int> sizes = splitter_->sizes();
    const int spare = sizes[0] - splitter_->widget(0)->minimumSizeHint().height();
    const int moved = std::min(missing, std::max(spare, 0));
    if (moved > 0) splitter_->setSizes({sizes[0] - moved, sizes[1] + moved});
  }
  // Still taller than the view (large fonts on a small screen): its lower part, the bars and
  // their class names, rather than its middle.
  const int bottom = part->mapTo(detail_, QPoint(0, part->height())).y();
  const int view = detailScroll_->viewport()->height();
  if (part->height() > view)
    detailScroll_->verticalScrollBar()->setValue(bottom - view);
  else
    detailScroll_->ensureWidgetVisible(part, 0, 0);
}

void InspectionPanel::setTrueClass(int trueClass) {
  if (!model_->predictions() || trueClass < -1 || trueClass >= trueClass_->count() - 1) return;
  trueClass_->setCurrentIndex(trueClass + 1);
  applyControls();
}

void InspectionPanel::fillClassCombos() {
  const int keepTrue = trueClass_->currentIndex(), keepPredicted = predicted_->currentIndex();
  trueClass_->clear();
  predicted_->clear();
  trueClass_->addItem(tr("Any true class"));
  predicted_->addItem(tr("Any prediction"));
  // Predicted-class entries: the student's for every class, then the teacher's.
  const int classes = model_->predictions()->classCount();
  for (int c = 0; c < classes; ++c) {
    const bool hidden =
        std::find(hiddenClasses_.begin(), hiddenClasses_.end(), c) != hiddenClasses_.end();
    trueClass_->addItem((hidden ? tr("True: %1 (never seen by the student)") : tr("True: %1"))
                            .arg(model_->className(c)));
  }
  for (const QString& who : {tr("Student says: %1"), tr("Teacher says: %1")})
    for (int c = 0; c < classes; ++c) predicted_->addItem(who.arg(model_->className(c)));
  trueClass_->setCurrentIndex(std::max(0, std::min(keepTrue, trueClass_->count() - 1)));
  predicted_->setCurrentIndex(std::max(0, std::min(keepPredicted, predicted_->count() - 1)));
}

void InspectionPanel::applyControls() {
  GalleryFilter f;
  f.kind = GalleryFilter::Kind(std::max(0, kinds_->checkedId()));
  f.trueClass = trueClass_->currentIndex() - 1;
  const int classes = model_->predictions() ? model_->predictions()->classCount() : 0;
  const int predicted = predicted_->currentIndex() - 1;
  f.predictedClass = predicted < 0 || classes == 0 ? -1 : predicted % classes;
  f.predictedBy = predicted >= classes ? kd::Role::kTeacher : kd::Role::kStudent;
  f.images = chosenImages_;
  model_->setView(f, GallerySort(sort_->currentIndex()));
  selectImage();
}

void InspectionPanel::showImages(const std::vector<int64_t>& testIndices) {
  auto sorted = std::make_shared<std::vector<int64_t>>(testIndices);
  std::sort(sorted->begin(), sorted->end());
  chosenImages_ = sorted->empty() ? nullptr : std::move(sorted);
  chosen_->setVisible(chosenImages_ != nullptr);
  chosen_->setText(tr("Chosen on the map: %1 \u2715").arg(testIndices.size()));
  applyControls();
}

QAbstractButton* InspectionPanel::chosenImagesButton() const { return chosen_; }

void InspectionPanel::setFilterKind(GalleryFilter::Kind kind) {
  kinds_->button(kind)->setChecked(true);
  applyControls();
}

void InspectionPanel::showCell(kd::Role role, int trueClass, int predictedClass) {
  if (!model_->predictions()) return;
  kinds_->button(GalleryFilter::kAll)->setChecked(true);
  trueClass_->setCurrentIndex(trueClass + 1);
  const int classes = model_->predictions()->classCount();
  predicted_->setCurrentIndex(1 + predictedClass + (role == kd::Role::kTeacher ? classes : 0));
  applyControls();
}

// Keeps the image in the detail view when it is still listed; otherwise shows the first one.
void InspectionPanel::selectImage() {
  if (!model_->predictions()) return;
  const auto& indices = model_->predictions()->indices;
  const auto it = std::find(indices.begin(), indices.end(), currentImage_);
  int row = it == indices.end() ? -1 : model_->visibleRowOf(it - indices.begin());
  if (row < 0 && model_->rowCount() > 0) row = 0;
  if (row < 0) {
    detail_->showImage(-1);
    return;
  }
  const QModelIndex index = model_->index(row);
  gallery_->setCurrentIndex(index);
  gallery_->scrollTo(index);
  detail_->showImage(model_->verdict(row).row);
}

}  // namespace kd::ui
