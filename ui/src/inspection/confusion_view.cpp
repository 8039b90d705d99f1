#include "inspection/confusion_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QResizeEvent>
#include <QStyleOptionHeader>
#include <QTableView>
#include <QVBoxLayout>

#include "app/language.h"
#include "widgets/theme.h"

namespace kd::ui {
namespace {

// Column titles written bottom to top, so whole class names fit over narrow columns.
class VerticalTextHeader : public QHeaderView {
 public:
  VerticalTextHeader() : QHeaderView(Qt::Horizontal) {}

 protected:
  QSize sizeHint() const override {
    int longest = 0;
    for (int c = 0; model() && c < model()->columnCount(); ++c)
      longest = std::max(longest, fontMetrics().horizontalAdvance(
                                      model()->headerData(c, Qt::Horizontal).toString()));
    return {QHeaderView::sizeHint().width(), longest + 12};
  }
  void paintSection(QPainter* painter, const QRect& rect, int section) const override {
    painter->save();
    QStyleOptionHeader option;
    initStyleOption(&option);
    option.rect = rect;
    option.section = section;
    style()->drawControl(QStyle::CE_HeaderSection, &option, painter, this);
    painter->translate(rect.center().x() + fontMetrics().ascent() / 2 - 2, rect.bottom() - 6);
    painter->rotate(-90);
    painter->drawText(0, 0, model()->headerData(section, Qt::Horizontal).toString());
    painter->restore();
  }
};

}  // namespace

void ConfusionModel::setMatrix(std::vector<std::vector<int>> matrix, QStringList classes) {
  beginResetModel();
  matrix_ = std::move(matrix);
  classes_ = std::move(classes);
  rowTotals_.assign(matrix_.size(), 0);
  for (size_t t = 0; t < matrix_.size(); ++t)
    for (int n : matrix_[t]) rowTotals_[t] += n;
  endResetModel();
}

int ConfusionModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(matrix_.size());
}

int ConfusionModel::columnCount(const QModelIndex& parent) const { return rowCount(parent); }

QVariant ConfusionModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const int n = matrix_[size_t(index.row())][size_t(index.column())];
  const int total = rowTotals_[size_t(index.row())];
  const double share = total ? double(n) / total : 0.0;
  const bool diagonal = index.row() == index.column();
  switch (role) {
    case Qt::DisplayRole:
      return n;
    case Qt::TextAlignmentRole:
      return int(Qt::AlignCenter);
    case Qt::ToolTipRole:
      return tr("%1 images of %2 predicted as %3 (%4 of the class)")
          .arg(n)
          .arg(classes_.value(index.row()), classes_.value(index.column()), percent(share));
    case Qt::BackgroundRole: {
      // Right answers in blue, mistakes in red; a small share of mistakes still shows.
      const double strength = diagonal ? share : std::min(1.0, 4 * share);
      const QColor full = diagonal ? theme::kBlue : theme::kVermillion;
      return QColor(int(255 + (full.red() - 255) * strength),
                    int(255 + (full.green() - 255) * strength),
                    int(255 + (full.blue() - 255) * strength));
    }
    case Qt::ForegroundRole:
      return (diagonal ? share : 4 * share) > 0.6 ? QColor(Qt::white) : QColor(Qt::black);
    default:
      return {};
  }
}

QVariant ConfusionModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role == Qt::DisplayRole) return classes_.value(section);
  if (role == Qt::ToolTipRole)
    return orientation == Qt::Vertical ? tr("true class %1").arg(classes_.value(section))
                                       : tr("predicted %1").arg(classes_.value(section));
  return {};
}

ConfusionView::ConfusionView(QWidget* parent) : QWidget(parent) {
  layout_ = new QBoxLayout(QBoxLayout::LeftToRight, this);
  auto* layout = layout_;
  for (int m = 0; m < 2; ++m) {
    const auto role = m == 0 ? kd::Role::kTeacher : kd::Role::kStudent;
    models_[m] = new ConfusionModel(this);
    tables_[m] = new QTableView;
    tables_[m]->setHorizontalHeader(new VerticalTextHeader);
    tables_[m]->setModel(models_[m]);
    tables_[m]->setSelectionMode(QAbstractItemView::SingleSelection);
    tables_[m]->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tables_[m]->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    tables_[m]->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    // Rows as low as the text: ten classes above each other fit a 1024x768 window.
    tables_[m]->verticalHeader()->setMinimumSectionSize(fontMetrics().height() + 2);
    tables_[m]->setToolTip(
        tr("Rows: true class. Columns: predicted class. Click a cell (or press "
           "Enter) to show those images in the gallery."));
    auto choose = [this, role](const QModelIndex& i) {
      Q_EMIT cellChosen(role, i.row(), i.column());
    };
    connect(tables_[m], &QTableView::clicked, this, choose);
    connect(tables_[m], &QTableView::activated, this, choose);
    titles_[m] = new QLabel;
    titles_[m]->setWordWrap(true);
    auto* column = new QVBoxLayout;
    column->addWidget(titles_[m]);
    column->addWidget(tables_[m], 1);
    layout->addLayout(column, 1);
  }
}

// The smallest table that shows every cell with four digits: the view scrolls (the tab is a
// scroll area) rather than cut a row or a number.
QSize ConfusionView::smallestTable() const {
  const QTableView* t = tables_[0];
  const int classes = std::max(models_[0]->columnCount(), 1);
  const int cell = fontMetrics().horizontalAdvance("0000") + 10;
  const int frame = 2 * t->frameWidth() + 2;
  return {t->verticalHeader()->sizeHint().width() + classes * cell + frame,
          t->horizontalHeader()->sizeHint().height() +
              classes * t->verticalHeader()->minimumSectionSize() + frame};
}

// Side by side when both smallest tables fit across; else one above the other (a narrow
// projector window).
void ConfusionView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  const bool sideBySide = event->size().width() >= 2 * smallestTable().width() + 24;
  layout_->setDirection(sideBySide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
}

void ConfusionView::setPredictions(const PredictionModel& predictions) {
  QStringList classes;
  const PredictionsPtr& p = predictions.predictions();
  for (int c = 0; p && c < p->classCount(); ++c) classes << displayClassName(p->classes[size_t(c)]);
  for (int m = 0; m < 2; ++m) {
    const auto role = m == 0 ? kd::Role::kTeacher : kd::Role::kStudent;
    const auto matrix = predictions.confusion(role);
    int right = 0, total = 0;
    for (size_t t = 0; t < matrix.size(); ++t)
      for (size_t c = 0; c < matrix.size(); ++c) {
        total += matrix[t][c];
        if (t == c) right += matrix[t][c];
      }
    titles_[m]->setText(tr("<b>%1</b>: %2 of %3 right (%4). Rows: true class; columns: "
                           "predicted class.")
                            .arg(m == 0 ? tr("Teacher") : tr("Student"))
                            .arg(right)
                            .arg(total)
                            .arg(total ? percent(double(right) / total) : "-"));
    models_[m]->setMatrix(matrix, classes);
  }
  for (QTableView* t : tables_) t->setMinimumSize(smallestTable());
}

}  // namespace kd::ui
