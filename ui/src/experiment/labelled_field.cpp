#include "experiment/labelled_field.h"

#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>

#include "app/engine_text.h"
#include "app/language.h"
#include "kd/error.h"

namespace kd::ui {
namespace {

constexpr int kAll = -1;  // the spin box's "all"

QString number(int64_t n) { return QLocale().toString(qlonglong(n)); }

QString perClass(const std::vector<int64_t>& labelled) {
  std::vector<int64_t> present;
  for (int64_t n : labelled)
    if (n > 0) present.push_back(n);
  if (present.empty()) return {};
  const auto [low, high] = std::minmax_element(present.begin(), present.end());
  return *low == *high ? LabelledField::tr("%1 a class").arg(number(*low))
                       : LabelledField::tr("%1 to %2 a class").arg(number(*low), number(*high));
}

}  // namespace

LabelledField::LabelledField(QWidget* parent) : QWidget(parent) {
  spin_ = new QSpinBox;
  spin_->setObjectName("labelled");
  spin_->setRange(kAll, 10000000);
  spin_->setSpecialValueText(tr("all"));
  spin_->setSingleStep(10);
  spin_->setToolTip(
      tr("How many training images keep their label, drawn evenly from every class (all: every "
         "image; 0: none, the student learns from the teacher alone). The others are learnt from "
         "the teacher's answers."));
  reading_ = new QLabel;
  reading_->setObjectName("labelledReading");
  reading_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(spin_);
  layout->addWidget(reading_);
  connect(spin_, &QSpinBox::valueChanged, this, [this] {
    if (setting_) return;
    fraction_.reset();
    Q_EMIT changed();
  });
}

double LabelledField::labelled() const {
  if (fraction_) return *fraction_;
  return spin_->value() == kAll ? kd::kAllLabelled : double(spin_->value());
}

void LabelledField::setLabelled(double labelled) {
  setting_ = true;
  fraction_.reset();
  if (labelled > 0 && labelled < 1)
    fraction_ = labelled;
  else
    spin_->setValue(labelled == kd::kAllLabelled ? kAll : int(labelled));
  setting_ = false;
}

void LabelledField::showCounts(const kd::DatasetPreview* preview, const kd::DataConfig& data,
                               uint64_t seed) {
  reading_->setToolTip({});
  problem_.clear();
  if (!preview) {
    reading_->setText(tr("Reading the dataset\u2026"));
    return;
  }
  kd::LabelledCounts counts;
  try {
    counts = kd::labelledCounts(*preview, data, seed);
  } catch (const kd::Error& e) {
    problem_ = engineText(e);
    reading_->setText(tr("<span style='color:#b00020'>%1</span>").arg(problem_.toHtmlEscaped()));
    return;
  }
  const int64_t images = std::accumulate(counts.images.begin(), counts.images.end(), int64_t(0));
  const int64_t kept = std::accumulate(counts.labelled.begin(), counts.labelled.end(), int64_t(0));
  if (fraction_) {  // show what the fraction comes to, without making it a count
    setting_ = true;
    spin_->setValue(int(kept));
    setting_ = false;
  }
  if (data.labelled == kd::kAllLabelled)
    reading_->setText(tr("Every one of the %1 images keeps its label.").arg(number(images)));
  else if (kept == 0)
    reading_->setText(tr("No label: the student learns from the teacher's answers alone."));
  else
    reading_->setText(tr("%1 of %2 images keep their label (%3); the teacher labels the rest.")
                          .arg(number(kept), number(images), perClass(counts.labelled)));
  QStringList lines;
  for (size_t c = 0; c < counts.labelled.size() && c < preview->classes.size(); ++c)
    lines << tr("%1: %2 of %3")
                 .arg(displayClassName(preview->classes[c]), number(counts.labelled[c]),
                      number(counts.images[c]));
  reading_->setToolTip(lines.join('\n'));
}

}  // namespace kd::ui
