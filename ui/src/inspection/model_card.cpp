#include "inspection/model_card.h"

#include <qcustomplot.h>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "app/language.h"
#include "inspection/representation_view.h"
#include "widgets/theme.h"

namespace kd::ui {
namespace {

QString count(int64_t n) {
  if (n < 0) return ModelCard::tr("unknown");
  if (n >= 1000000) return QString("%1 M").arg(double(n) / 1e6, 0, 'f', 2);
  if (n >= 1000) return QString("%1 k").arg(double(n) / 1e3, 0, 'f', 1);
  return QString::number(n);
}

QString bytes(int64_t n) {
  if (n < 0) return ModelCard::tr("unknown");
  return n >= (1 << 20) ? ModelCard::tr("%1 MiB").arg(double(n) / (1 << 20), 0, 'f', 2)
                        : ModelCard::tr("%1 KiB").arg(double(n) / 1024, 0, 'f', 1);
}

double accuracyOf(const kd::Predictions& p, kd::Role role) {
  int64_t right = 0;
  for (int64_t i = 0; i < p.count; ++i) right += p.topClass(role, i) == p.labels[size_t(i)];
  return p.count ? double(right) / double(p.count) : 0.0;
}

// Headers of two short lines: the table fits 1024x768 without scroll bars.
const QStringList kColumns{QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Model"),
                           QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Test\naccuracy"),
                           QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Parameters"),
                           QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Multiply-adds\n/ image"),
                           QT_TRANSLATE_NOOP("kd::ui::ModelCard", "File"),
                           QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Weights\n(float32)"),
                           QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Latency\n/ image")};

const QStringList kHiddenColumns{QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Hidden class"),
                                 QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Teacher"),
                                 QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Student"),
                                 QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Student, corrected"),
                                 QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Bias shift"),
                                 QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Baseline (no KD)")};

QStringList translated(const QStringList& sources) {
  QStringList out;
  for (const QString& s : sources) out << ModelCard::tr(s.toUtf8().constData());
  return out;
}

QString percent(double fraction) {
  return std::isnan(fraction) ? ModelCard::tr("n/a")
                              : QString("%1%").arg(100 * fraction, 0, 'f', 1);
}

}  // namespace

ModelCard::ModelCard(QWidget* parent) : QWidget(parent) {
  table_ = new QTableWidget(0, kColumns.size());
  table_->setHorizontalHeaderLabels(translated(kColumns));
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);  // it wraps
  table_->setWordWrap(true);
  table_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  table_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  plot_ = new QCustomPlot;
  plot_->xAxis->setLabel(tr("parameters (log scale)"));
  plot_->yAxis->setLabel(tr("test accuracy"));
  plot_->xAxis->setScaleType(QCPAxis::stLogarithmic);
  plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  plot_->xAxis->setNumberFormat("eb");
  plot_->xAxis->setNumberPrecision(0);
  hiddenTitle_ = new QLabel(
      tr("<b>Classes the student never saw</b> (test accuracy on their images): the student "
         "learned them from the teacher's soft answers alone. Corrected: its output bias for the "
         "class raised until it predicts the class as often as the teacher on 10,000 training "
         "images (no labels used); the exported student.pt is the corrected one."));
  hiddenTitle_->setWordWrap(true);
  hiddenTable_ = new QTableWidget(0, kHiddenColumns.size());
  hiddenTable_->setHorizontalHeaderLabels(translated(kHiddenColumns));
  hiddenTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  hiddenTable_->horizontalHeader()->setStretchLastSection(true);
  hiddenTable_->verticalHeader()->hide();
  hiddenTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  hiddenTable_->setAccessibleName(tr("Hidden classes"));
  note_ = new QLabel(tr("Finish a run to compare the models."));
  note_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(note_);
  layout->addWidget(table_);
  layout->addWidget(hiddenTitle_);
  layout->addWidget(hiddenTable_);
  representation_ = new RepresentationView;
  // The plot takes what the figures leave, with room for a point's label; the figures scroll
  // when taller than the card (1024x768), so neither widens nor heightens the window.
  plot_->setMinimumWidth(fontMetrics().horizontalAdvance("Student (KD) (88.88%)") + 120);
  auto* figures = new QScrollArea;
  figures->setWidget(representation_);
  figures->setWidgetResizable(true);
  figures->setFrameShape(QFrame::NoFrame);
  figures->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  connect(representation_, &RepresentationView::contentChanged, figures, [this, figures] {
    QTimer::singleShot(0, figures, [this, figures] {  // once the tables have sized themselves
      figures->setMinimumWidth(representation_->sizeHint().width() +
                               figures->verticalScrollBar()->sizeHint().width());
    });
  });
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(plot_, 1);
  bottom->addWidget(figures);
  layout->addLayout(bottom, 1);
}

void ModelCard::clear() {
  rows_.clear();
  baseline_.reset();
  baselineReport_.reset();
  hidden_.clear();
  repeats_.clear();
  teacherTrainedOn_.clear();
  labelsUsed_ = transferImages_ = 0;
  precision_.clear();
  cpuFeatures_.clear();
  representation_->clear();
  refresh();
}

void ModelCard::setLabelsUsed(int64_t labelsUsed, int64_t transferImages) {
  labelsUsed_ = labelsUsed;
  transferImages_ = transferImages;
  refresh();
}

void ModelCard::setPrecision(const QString& precision, const QString& cpuFeatures) {
  precision_ = precision;
  cpuFeatures_ = cpuFeatures;
  refresh();
}

QString ModelCard::precisionText() const {
  if (cpuFeatures_.isEmpty()) return {};
  const QString arithmetic =
      precision_ == "bf16" ? tr("bfloat16 (mixed precision)") : tr("float32");
  const QString cpu = cpuFeatures_.contains("bf16") ? cpuFeatures_ : tr("no bfloat16 instructions");
  return tr("Arithmetic: %1; the CPU offered %2.").arg(arithmetic, cpu);
}

QString ModelCard::labelsText() const {
  if (labelsUsed_ >= transferImages_) return {};
  const QLocale locale;
  if (labelsUsed_ == 0)
    return tr("No label used: the student learned from the teacher's answers alone.");
  QString text = tr("Labels used: %1 of the %2 training images; the teacher's answers taught "
                    "the rest.")
                     .arg(locale.toString(qlonglong(labelsUsed_)),
                          locale.toString(qlonglong(transferImages_)));
  if (baselineReport_)
    text += " " + tr("The baseline learned from the same %1 labelled images alone, for as many "
                     "steps (%2).")
                      .arg(locale.toString(qlonglong(labelsUsed_)),
                           locale.toString(qlonglong(baselineReport_->steps)));
  return text;
}

void ModelCard::setRun(const kd::Predictions& run) {
  rows_ = {{tr("Teacher"), run.teacher, accuracyOf(run, kd::Role::kTeacher)},
           {tr("Student (KD)"), run.student, accuracyOf(run, kd::Role::kStudent)}};
  refresh();
}

void ModelCard::setBaseline(const kd::RunReport& baseline, int64_t fileBytes) {
  baseline_ = {baseline.student.testAccuracy, fileBytes};
  baselineReport_ = baseline;
  refresh();
}

void ModelCard::setHiddenClasses(const std::vector<kd::HiddenClassReport>& hidden) {
  hidden_ = hidden;
  refresh();
}

void ModelCard::refreshHiddenClasses() {
  std::vector<kd::HiddenClassReport> hidden = hidden_;
  if (baselineReport_) kd::attachBaseline(hidden, *baselineReport_);
  hiddenTitle_->setVisible(!hidden.empty());
  hiddenTable_->setVisible(!hidden.empty());
  hiddenTable_->setRowCount(int(hidden.size()));
  for (size_t r = 0; r < hidden.size(); ++r) {
    const kd::HiddenClassReport& h = hidden[r];
    const QStringList cells{QString("%1 %2").arg(h.classIndex).arg(displayClassName(h.name)),
                            percent(h.teacher),
                            percent(h.student),
                            percent(h.studentCorrected),
                            QString("%1").arg(h.biasShift, 0, 'f', 2),
                            percent(h.baseline)};
    for (int c = 0; c < cells.size(); ++c)
      hiddenTable_->setItem(int(r), c, new QTableWidgetItem(cells[c]));
  }
  int height = hiddenTable_->horizontalHeader()->height() + 2 * hiddenTable_->frameWidth();
  height += int(hidden.size()) * hiddenTable_->verticalHeader()->defaultSectionSize();
  hiddenTable_->setFixedHeight(height);
}

void ModelCard::setRepeats(const QString& summary) {
  repeats_ = summary;
  refresh();
}

void ModelCard::setTeacherTrainedOn(const QString& trainedOn) {
  teacherTrainedOn_ = trainedOn;
  refresh();
}

void ModelCard::refresh() {
  refreshHiddenClasses();
  std::vector<Row> rows = rows_;
  if (rows.size() == 2 && baseline_) {
    Row baseline{tr("Baseline (no KD)"), rows[1].facts, baseline_->first};
    baseline.facts.fileBytes = baseline_->second;
    rows.push_back(baseline);
  }
  refreshTable(rows);
  refreshPlot(rows);
  note_->setText(rows_.empty() ? tr("Finish a run to compare the models.")
                               : tr("Latency: one image at a time (batch of 1), median of 25 runs "
                                    "after a warm-up, on the run's device (the CPU when this "
                                    "computer does not have it); the baseline's is the "
                                    "student's network. File: the teacher's checkpoint (with "
                                    "optimiser state when trained here) and the student's "
                                    "exported student.pt."));
  if (const QString precision = precisionText(); !precision.isEmpty() && !rows_.empty())
    note_->setText(note_->text() + " " + precision);
  if (const QString labels = labelsText(); !labels.isEmpty() && !rows_.empty())
    note_->setText("<b>" + labels.toHtmlEscaped() + "</b><br>" + note_->text());
  if (!repeats_.isEmpty())
    note_->setText("<b>" + repeats_.toHtmlEscaped() + "</b><br>" + note_->text());
  if (!teacherTrainedOn_.isEmpty()) {
    const QString warning =
        teacherTrainedOn_ == "chance"
            ? tr("The teacher was no better than chance on this test set; the run allowed it "
                 "(teacher.allow_other_data).")
            : tr("The teacher was trained on other data (%1); the run allowed it "
                 "(teacher.allow_other_data).")
                  .arg(teacherTrainedOn_.toHtmlEscaped());
    note_->setText(QString("<b style='color:%1'>%2</b><br>%3")
                       .arg(theme::kVermillion.name(), warning, note_->text()));
  }
}

// Cells wrap rather than widen the table: at 1280x720 it fits without scroll bars.
void ModelCard::refreshTable(const std::vector<Row>& rows) {
  table_->setRowCount(int(rows.size()));
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    const kd::ModelFacts& f = row.facts;
    const QString latency = f.latencyMs < 0 ? tr("unknown")
                                            : tr("%1 ms\n%2")
                                                  .arg(f.latencyMs, 0, 'f', 3)
                                                  .arg(QString::fromStdString(f.latencyDevice));
    const QStringList cells{row.role + "\n" + QString::fromStdString(f.name),
                            QString("%1%").arg(100 * row.accuracy, 0, 'f', 2),
                            count(f.parameters),
                            count(f.macs),
                            bytes(f.fileBytes),
                            bytes(f.weightBytes),
                            latency};
    for (int c = 0; c < cells.size(); ++c)
      table_->setItem(int(r), c, new QTableWidgetItem(cells[c]));
  }
  table_->resizeRowsToContents();
  int height = table_->horizontalHeader()->height() + 2 * table_->frameWidth();
  for (int r = 0; r < table_->rowCount(); ++r) height += table_->rowHeight(r);
  // Room for the baseline's row before it comes.
  for (int r = table_->rowCount(); r < 3; ++r)
    height += table_->verticalHeader()->defaultSectionSize();
  table_->setFixedHeight(height);
}

// Each point is labelled beside it, away from the plot's edge; of points of one size (the
// student and its baseline) the more accurate one's label goes above, the other's below.
void ModelCard::refreshPlot(const std::vector<Row>& rows) {
  plot_->clearItems();
  plot_->clearGraphs();
  const QColor colors[] = {theme::kTeacher, theme::kStudent, theme::kBaseline};
  double lowest = 1.0, fewest = 1e12, most = 1;
  for (const Row& row : rows)
    if (row.facts.parameters > 0) {
      fewest = std::min(fewest, double(row.facts.parameters));
      most = std::max(most, double(row.facts.parameters));
    }
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    const kd::ModelFacts& f = row.facts;
    if (f.parameters <= 0) continue;
    QCPGraph* g = plot_->addGraph();
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colors[r], 11));
    g->addData(double(f.parameters), row.accuracy);
    int sameSize = 0, below = 0;
    for (const Row& other : rows)
      if (other.facts.parameters == f.parameters) {
        ++sameSize;
        below += other.accuracy > row.accuracy;
      }
    const bool rightmost = double(f.parameters) >= most && fewest < most;
    Qt::Alignment align = rightmost ? Qt::AlignRight : Qt::AlignLeft;
    QMargins padding = rightmost ? QMargins(0, 0, 12, 0) : QMargins(12, 0, 0, 0);
    if (sameSize > 1) {
      align |= below > 0 ? Qt::AlignTop : Qt::AlignBottom;
      padding += below > 0 ? QMargins(0, 4, 0, 0) : QMargins(0, 0, 0, 4);
    } else {
      align |= Qt::AlignVCenter;
    }
    auto* label = new QCPItemText(plot_);
    label->setObjectName(row.role);
    label->position->setCoords(double(f.parameters), row.accuracy);
    label->setPositionAlignment(align);
    label->setPadding(padding);
    label->setColor(colors[r]);
    label->setText(QString("%1 (%2%)").arg(row.role).arg(100 * row.accuracy, 0, 'f', 2));
    lowest = std::min(lowest, row.accuracy);
  }
  plot_->xAxis->setRange(fewest / 10, most * 10);  // room for the labels beside the points
  // Room below the lowest point for a label set under it.
  plot_->yAxis->setRange(std::max(0.0, lowest - std::max(0.05, 0.3 * (1.0 - lowest))), 1.0);
  theme::stylePlot(plot_);
}

}  // namespace kd::ui
