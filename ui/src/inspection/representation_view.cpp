#include "inspection/representation_view.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "inspection/model_names.h"
#include "widgets/theme.h"

namespace kd::ui {
namespace {

QString percent(double fraction) { return QString("%1%").arg(100 * fraction, 0, 'f', 1); }

// A table that shows all its cells without scrolling.
QTableWidget* compactTable() {
  auto* t = new QTableWidget;
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  t->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  t->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  t->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  t->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
  t->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Maximum);
  return t;
}

}  // namespace

RepresentationView::RepresentationView(QWidget* parent) : QWidget(parent) {
  auto* title = new QLabel(
      tr("<b>Inside the models.</b> Retrieval: each test image's nearest images by the "
         "model's embedding, right when of its class. Below: linear CKA of the stages on 1,000 "
         "test images (1: alike up to rotation and scale)."));
  title->setWordWrap(true);
  status_ = new QLabel;
  status_->setWordWrap(true);
  retrieval_ = compactTable();
  retrieval_->setColumnCount(3);
  retrieval_->setHorizontalHeaderLabels({tr("R@1"), tr("R@5"), tr("mAP")});
  retrieval_->horizontalHeaderItem(0)->setToolTip(
      tr("Recall@1: how often the nearest image is of the same class"));
  retrieval_->horizontalHeaderItem(1)->setToolTip(
      tr("Recall@5: how often one of the 5 nearest images is of the same class"));
  retrieval_->horizontalHeaderItem(2)->setToolTip(
      tr("Mean average precision: how high the same class's images rank, all of them"));
  retrieval_->setAccessibleName(tr("Same-class retrieval"));
  auto* maps = new QGridLayout;  // the student's heat map, the baseline's below it
  for (int which = 0; which < 2; ++which) {
    similarityTitles_[which] =
        new QLabel(which == 0 ? tr("Teacher stage \u2193 \u00d7\nstudent stage \u2192")
                              : tr("Teacher stage \u2193 \u00d7\nbaseline stage \u2192"));
    similarity_[which] = compactTable();
    similarity_[which]->setAccessibleName(similarityTitles_[which]->text());
    maps->addWidget(similarityTitles_[which], which, 0);
    maps->addWidget(similarity_[which], which, 1, Qt::AlignTop | Qt::AlignLeft);
  }
  maps->setColumnStretch(2, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(title);
  layout->addWidget(status_);
  layout->addWidget(retrieval_);
  layout->addLayout(maps);
  layout->addStretch(1);
  clear();
}

void RepresentationView::clear() {
  status_->setText(tr("Shown once a run is finished or opened."));
  status_->show();
  retrieval_->hide();
  for (int which = 0; which < 2; ++which) {
    similarityTitles_[which]->hide();
    similarity_[which]->hide();
  }
  Q_EMIT contentChanged();
}

void RepresentationView::setComputing() {
  clear();
  status_->setText(tr("Computing every model's features on the test set\u2026"));
}

void RepresentationView::setFailed(const QString& error) {
  clear();
  status_->setText(tr("Not available: %1").arg(error));
}

void RepresentationView::setReport(const kd::RepresentationReport& r) {
  struct Row {
    QString name;
    const kd::RetrievalScores* scores;
  };
  std::vector<Row> rows;
  using kd::InspectedModel;
  if (r.teacherKnown) rows.push_back({modelTitle(InspectedModel::kTeacher, true), &r.teacher});
  rows.push_back({modelTitle(InspectedModel::kStudent, true), &r.student});
  if (r.baselineKnown) rows.push_back({modelTitle(InspectedModel::kBaseline, true), &r.baseline});
  retrieval_->setRowCount(int(rows.size()));
  QStringList names;
  for (size_t i = 0; i < rows.size(); ++i) {
    names << rows[i].name;
    const kd::RetrievalScores& s = *rows[i].scores;
    const double values[] = {s.recallAt1, s.recallAt5, s.meanAveragePrecision};
    for (int c = 0; c < 3; ++c) {
      auto* item = new QTableWidgetItem(percent(values[c]));
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      retrieval_->setItem(int(i), c, item);
    }
  }
  retrieval_->setVerticalHeaderLabels(names);
  retrieval_->show();
  fillSimilarity(0, r.layerSimilarity);
  fillSimilarity(1, r.baselineSimilarity);
  status_->setVisible(!r.teacherKnown);
  status_->setText(
      tr("No layer similarity: the teacher is a TorchScript file, whose layers are "
         "unknown."));
}

// Rows: teacher stages, first (nearest the image) at the top; columns: the other model's.
void RepresentationView::fillSimilarity(int which, const std::vector<std::vector<double>>& cka) {
  QTableWidget* t = similarity_[which];
  const bool shown = !cka.empty();
  similarityTitles_[which]->setVisible(shown);
  t->setVisible(shown);
  if (!shown) return;
  t->setRowCount(int(cka.size()));
  t->setColumnCount(int(cka.front().size()));
  QStringList rows, columns;  // stage numbers: the title says whose
  for (size_t i = 0; i < cka.size(); ++i) rows << QString::number(i + 1);
  for (size_t j = 0; j < cka.front().size(); ++j) columns << QString::number(j + 1);
  t->setVerticalHeaderLabels(rows);
  t->setHorizontalHeaderLabels(columns);
  for (size_t i = 0; i < cka.size(); ++i)
    for (size_t j = 0; j < cka[i].size(); ++j) {
      const double v = std::clamp(cka[i][j], 0.0, 1.0);
      auto* item = new QTableWidgetItem(QString::number(cka[i][j], 'f', 2));
      const QColor full = theme::kBlue;
      item->setBackground(QColor(int(255 + (full.red() - 255) * v),
                                 int(255 + (full.green() - 255) * v),
                                 int(255 + (full.blue() - 255) * v)));
      item->setForeground(v > 0.55 ? QColor(Qt::white) : QColor(Qt::black));
      item->setTextAlignment(Qt::AlignCenter);
      t->setItem(int(i), int(j), item);
    }
}

}  // namespace kd::ui
