#include "inspection/model_card.h"

#include <qcustomplot.h>

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "app/language.h"
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

const QStringList kColumns{QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Model"),
                           QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Test accuracy"),
                           QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Parameters"),
                           QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Multiply-adds / image"),
                           QT_TRANSLATE_NOOP("kd::ui::ModelCard", "File"),
                           QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Weights (float32)"),
                           QT_TRANSLATE_NOOP("kd::ui::ModelCard", "Latency / image")};

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
  table_->horizontalHeader()->setStretchLastSection(true);
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
  layout->addWidget(plot_, 1);
}

void ModelCard::clear() {
  rows_.clear();
  baseline_.reset();
  baselineReport_.reset();
  hidden_.clear();
  repeats_.clear();
  teacherTrainedOn_.clear();
  refresh();
}

void ModelCard::setRun(const kd::Predictions& run) {
  rows_ = {{tr("Teacher"), run.teacher, accuracyOf(run, kd::Role::kTeacher)},
           {tr("Student (distilled)"), run.student, accuracyOf(run, kd::Role::kStudent)}};
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
    Row baseline{tr("Student without KD (baseline)"), rows[1].facts, baseline_->first};
    baseline.facts.fileBytes = baseline_->second;
    rows.push_back(baseline);
  }
  table_->setRowCount(int(rows.size()));
  plot_->clearItems();
  plot_->clearGraphs();
  const QColor colors[] = {theme::kTeacher, theme::kStudent, theme::kBaseline};
  double lowest = 1.0, fewest = 1e12, most = 1;
  for (size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    const kd::ModelFacts& f = row.facts;
    const QString latency = f.latencyMs < 0 ? tr("unknown")
                                            : tr("%1 ms (%2%3)")
                                                  .arg(f.latencyMs, 0, 'f', 3)
                                                  .arg(QString::fromStdString(f.latencyDevice))
                                                  .arg(r == 2 ? tr(", the student's network") : "");
    const QStringList cells{row.role + ": " + QString::fromStdString(f.name),
                            QString("%1%").arg(100 * row.accuracy, 0, 'f', 2),
                            count(f.parameters),
                            count(f.macs),
                            bytes(f.fileBytes),
                            bytes(f.weightBytes),
                            latency};
    for (int c = 0; c < cells.size(); ++c)
      table_->setItem(int(r), c, new QTableWidgetItem(cells[c]));
    if (f.parameters <= 0) continue;
    QCPGraph* g = plot_->addGraph();
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colors[r], 11));
    g->addData(double(f.parameters), row.accuracy);
    auto* label = new QCPItemText(plot_);
    label->position->setCoords(double(f.parameters), row.accuracy);
    label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    label->setPadding(QMargins(0, 0, 0, 10));
    label->setText(QString("%1 (%2%)").arg(row.role).arg(100 * row.accuracy, 0, 'f', 2));
    lowest = std::min(lowest, row.accuracy);
    fewest = std::min(fewest, double(f.parameters));
    most = std::max(most, double(f.parameters));
  }
  int height = table_->horizontalHeader()->height() + 2 * table_->frameWidth();
  for (int r = 0; r < 3; ++r) height += table_->verticalHeader()->defaultSectionSize();
  table_->setFixedHeight(height);  // room for the baseline's row
  note_->setText(rows_.empty() ? tr("Finish a run to compare the models.")
                               : tr("Latency: one image at a time (batch of 1), median of 25 runs "
                                    "after a warm-up, on the run's device (the CPU when this "
                                    "computer does not have it). File: the teacher's "
                                    "checkpoint (with optimiser state when trained here) and the "
                                    "student's exported student.pt."));
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
  plot_->xAxis->setRange(fewest / 4, most * 4);
  plot_->yAxis->setRange(std::max(0.0, lowest - 0.05), 1.0);
  theme::stylePlot(plot_);
}

}  // namespace kd::ui
