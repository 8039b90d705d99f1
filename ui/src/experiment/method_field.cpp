#include "experiment/method_field.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "app/engine_text.h"
#include "kd/methods.h"

namespace kd::ui {

MethodField::MethodField(QWidget* parent) : QWidget(parent) {
  method_ = new QComboBox;
  for (const kd::MethodInfo& m : kd::distillationMethods()) {
    method_->addItem(QString::fromStdString(m.name) + " \u2013 " + engineText(m.title),
                     QString::fromStdString(m.name));
    method_->setItemData(method_->count() - 1, engineText(m.copies), Qt::ToolTipRole);
  }
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(method_);
  settingsForm_ = new QFormLayout;
  settingsForm_->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(settingsForm_);
  connect(method_, &QComboBox::currentIndexChanged, this, [this] {
    if (setting_) return;
    showSettingsOf(method(), {});
    method_->setToolTip(copies());
    emit methodChosen();
    emit changed();
  });
  showSettingsOf("kd", {});
  method_->setToolTip(copies());
}

std::string MethodField::method() const { return method_->currentData().toString().toStdString(); }

QString MethodField::copies() const { return engineText(kd::methodNamed(method()).copies); }

void MethodField::setFrom(const kd::ExperimentConfig& c) {
  setting_ = true;
  const int index = method_->findData(QString::fromStdString(c.method));
  method_->setCurrentIndex(std::max(index, 0));
  showSettingsOf(method(), c.methodSettings);
  method_->setToolTip(copies());
  setting_ = false;
}

void MethodField::applyTo(kd::ExperimentConfig& c) const {
  c.method = method();
  c.methodSettings.clear();
  for (const kd::MethodSetting& s : kd::methodNamed(c.method).settings) {
    const double v = settings_.at(s.key)->value();
    if (v != s.defaultValue) c.methodSettings[s.key] = v;
  }
}

void MethodField::showSettingsOf(const std::string& name,
                                 const std::map<std::string, double>& values) {
  while (settingsForm_->rowCount() > 0) settingsForm_->removeRow(0);
  settings_.clear();
  for (const kd::MethodSetting& s : kd::methodNamed(name).settings) {
    auto* box = new QDoubleSpinBox;
    box->setRange(s.minimum, s.maximum);
    box->setDecimals(s.whole ? 0 : 2);
    box->setSingleStep(s.whole ? 1 : 0.1);
    const auto given = values.find(s.key);
    box->setValue(given != values.end() ? given->second : s.defaultValue);
    box->setToolTip(
        engineText(s.tooltip) + "\n" +
        tr("Range %1 to %2, default %3.").arg(s.minimum).arg(s.maximum).arg(s.defaultValue));
    box->setAccessibleName(QString::fromStdString(s.key));
    connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
      if (!setting_) emit changed();
    });
    auto* label = new QLabel(QString::fromStdString(s.key));
    label->setBuddy(box);
    settingsForm_->addRow(label, box);
    settings_[s.key] = box;
  }
}

}  // namespace kd::ui
