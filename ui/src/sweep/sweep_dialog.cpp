#include "sweep/sweep_dialog.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include "app/engine_text.h"
#include "kd/error.h"
#include "widgets/duration.h"

namespace kd::ui {
namespace {

constexpr int kRows = 3;

struct Choice {
  const char* label;
  const char* path;
  const char* example;
};
const Choice kChoices[] = {
    {QT_TRANSLATE_NOOP("kd::ui::SweepDialog", "(none)"), "", ""},
    {QT_TRANSLATE_NOOP("kd::ui::SweepDialog", "Alpha (weight of the labels)"), "distillation.alpha",
     "0.1, 0.5, 0.9"},
    {QT_TRANSLATE_NOOP("kd::ui::SweepDialog", "Temperature T"), "distillation.temperature",
     "1, 4, 8"},
    {QT_TRANSLATE_NOOP("kd::ui::SweepDialog", "Student preset"), "student.arch",
     "seed-student, lenet5"},
    {QT_TRANSLATE_NOOP("kd::ui::SweepDialog", "Student learning rate"),
     "student.training.learning_rate", "0.01, 0.05"},
    {QT_TRANSLATE_NOOP("kd::ui::SweepDialog", "Student epochs"), "student.training.epochs",
     "5, 10"},
    {QT_TRANSLATE_NOOP("kd::ui::SweepDialog", "Training images (first N)"), "data.limit_train",
     "1000, 5000"},
    {QT_TRANSLATE_NOOP("kd::ui::SweepDialog", "Labelled images (or all)"), "data.labelled",
     "10, 100, all"},
    {QT_TRANSLATE_NOOP("kd::ui::SweepDialog", "Teacher epochs"), "teacher.training.epochs", "1, 3"},
    {QT_TRANSLATE_NOOP("kd::ui::SweepDialog", "Precision"), "precision", "fp32, bf16"},
    {QT_TRANSLATE_NOOP("kd::ui::SweepDialog", "Distillation method"), "distillation.method",
     "kd, dkd, dist, ls"},
};

// "0.1, lenet5" -> ["0.1", "\"lenet5\""]: numbers stay numbers, words become strings.
std::vector<std::string> jsonValues(const QString& text) {
  std::vector<std::string> out;
  for (QString item : text.split(',', Qt::SkipEmptyParts)) {
    item = item.trimmed();
    if (item.isEmpty()) continue;
    bool number = false;
    item.toDouble(&number);
    out.push_back(number ? item.toStdString() : "\"" + item.toStdString() + "\"");
  }
  return out;
}

}  // namespace

SweepDialog::SweepDialog(const kd::ExperimentConfig& base, double secondsPerRun, QWidget* parent)
    : QDialog(parent), base_(base), secondsPerRun_(secondsPerRun) {
  setWindowTitle(tr("Sweep"));
  auto* intro = new QLabel(
      tr("Runs the experiment in the panel once for every combination of the values below and "
         "every seed, one run after another. Teachers and baselines that would be identical are "
         "trained once."));
  intro->setWordWrap(true);
  auto* grid = new QGridLayout;
  grid->addWidget(new QLabel(tr("Setting")), 0, 0);
  grid->addWidget(new QLabel(tr("Values (comma-separated)")), 0, 1);
  for (int r = 0; r < kRows; ++r) {
    Row row{new QComboBox, new QLineEdit};
    for (const Choice& c : kChoices) row.setting->addItem(tr(c.label), QString(c.path));
    row.setting->setAccessibleName(tr("Setting %1").arg(r + 1));
    row.values->setAccessibleName(tr("Values of setting %1").arg(r + 1));
    grid->addWidget(row.setting, r + 1, 0);
    grid->addWidget(row.values, r + 1, 1);
    connect(row.setting, &QComboBox::currentIndexChanged, this, [this, r](int i) {
      rows_[size_t(r)].values->setPlaceholderText(kChoices[i].example);
      update();
    });
    connect(row.values, &QLineEdit::textChanged, this, &SweepDialog::update);
    rows_.push_back(row);
  }
  grid->setColumnStretch(1, 1);
  repeats_ = new QSpinBox;
  repeats_->setRange(1, 20);
  repeats_->setValue(3);
  repeats_->setToolTip(tr("Seeds 1..N: each point is trained N times; intervals need 2 or more"));
  baseline_ = new QCheckBox(tr("Also train the no-KD &baseline for each seed (paired)"));
  baseline_->setChecked(true);
  auto* form = new QFormLayout;
  form->addRow(tr("&Repeats (seeds):"), repeats_);
  form->addRow(baseline_);
  estimate_ = new QLabel;
  estimate_->setWordWrap(true);
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel);
  buttons_->addButton(tr("&Start the sweep"), QDialogButtonBox::AcceptRole);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(repeats_, &QSpinBox::valueChanged, this, &SweepDialog::update);
  connect(baseline_, &QCheckBox::toggled, this, &SweepDialog::update);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addLayout(grid);
  layout->addLayout(form);
  layout->addWidget(estimate_);
  layout->addWidget(buttons_);
  rows_[0].setting->setCurrentIndex(1);
  rows_[0].values->setText("0.1, 0.5, 0.9");
  rows_[1].setting->setCurrentIndex(2);
  rows_[1].values->setText("1, 4, 8");
  resize(560, sizeHint().height());
  update();
}

void SweepDialog::update() {
  spec_ = kd::SweepSpec{base_, {}, {}, {}, baseline_->isChecked()};
  for (int s = 1; s <= repeats_->value(); ++s) spec_.seeds.push_back(uint64_t(s));
  QString problem;
  for (const Row& row : rows_) {
    const std::string path = row.setting->currentData().toString().toStdString();
    if (path.empty()) continue;
    const auto values = jsonValues(row.values->text());
    if (values.empty())
      problem = tr("Give values for \u201c%1\u201d.").arg(row.setting->currentText());
    for (const auto& [known, unused] : spec_.grid)
      if (known == path)
        problem = tr("\u201c%1\u201d is chosen twice.").arg(row.setting->currentText());
    spec_.grid.emplace_back(path, values);
  }
  int runs = 0;
  if (problem.isEmpty()) {
    try {
      runs = kd::plannedRuns(spec_);
    } catch (const kd::Error& e) {
      problem = engineText(e);
    }
  }
  for (QAbstractButton* b : buttons_->buttons())
    if (buttons_->buttonRole(b) == QDialogButtonBox::AcceptRole) b->setEnabled(problem.isEmpty());
  if (!problem.isEmpty()) {
    estimate_->setText("<span style='color:#b00020'>" + problem.toHtmlEscaped() + "</span>");
    return;
  }
  const size_t points = kd::expandSweep(spec_).size();
  const size_t seeds = spec_.seeds.size();
  QString text = tr("%1 \u00d7 %2: <b>%3 training runs</b>")
                     .arg(points == 1 ? tr("1 point") : tr("%1 points").arg(points),
                          seeds == 1 ? tr("1 seed") : tr("%1 seeds").arg(seeds))
                     .arg(runs);
  text += secondsPerRun_ > 0
              ? tr(", %1 at the last run's %2 s each.")
                    .arg(formatDuration(runs * secondsPerRun_, DurationStyle::kEstimate))
                    .arg(secondsPerRun_, 0, 'f', 0)
              : tr(". The time per run is shown once the first run has finished.");
  estimate_->setText(text);
}

}  // namespace kd::ui
