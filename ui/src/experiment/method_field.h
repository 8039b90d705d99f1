#pragma once
// The Distillation box's method (distillation.method, kd/methods.h): a choice of the methods
// the engine has, each with its one-sentence "what it copies" as tooltip, and a spin box per
// setting of the chosen one (its range, default and tooltip from the engine's registry).
#include <QWidget>
#include <map>
#include <string>

#include "kd/experiment.h"

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;

namespace kd::ui {

class MethodField : public QWidget {
  Q_OBJECT

 public:
  explicit MethodField(QWidget* parent = nullptr);
  QComboBox* comboBox() const { return method_; }
  std::string method() const;
  // The method and its settings, as the experiment has them.
  void setFrom(const kd::ExperimentConfig& config);
  // The method chosen and its settings into `config` (those at their default are left out).
  void applyTo(kd::ExperimentConfig& config) const;
  // What the chosen method copies, in the window's language.
  QString copies() const;

 Q_SIGNALS:
  // The user chose another method (not setFrom): the panel moves to its temperature.
  void methodChosen();
  void changed();

 private:
  void showSettingsOf(const std::string& method, const std::map<std::string, double>& values);

  QComboBox* method_;
  QFormLayout* settingsForm_;
  std::map<std::string, QDoubleSpinBox*> settings_;  // of the method shown
  bool setting_ = false;
};

}  // namespace kd::ui
