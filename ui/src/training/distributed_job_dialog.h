#pragma once
// File > Export as a distributed job...: the experiment in the panel as a folder that runs on
// M machines with N processes each (config.json and launch.sh for torchrun). Shows the command
// each machine runs as the numbers change; a job whose batch does not split over its processes
// is named here and cannot be written.
#include <QDialog>

#include "kd/distributed.h"
#include "kd/experiment.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace kd::ui {

class DistributedJobDialog : public QDialog {
  Q_OBJECT

 public:
  DistributedJobDialog(const kd::ExperimentConfig& config, QWidget* parent = nullptr);
  // Writes the job into folder(); false (with the reason in error) when it cannot.
  bool write(QString* error) const;
  QString folder() const;
  kd::DistributedJob job() const;
  // For tests.
  QSpinBox* nodes() const { return nodes_; }
  QSpinBox* processes() const { return processes_; }
  QLineEdit* folderEdit() const { return folder_; }
  QPlainTextEdit* command() const { return command_; }
  QLabel* problem() const { return problem_; }
  QDialogButtonBox* buttons() const { return buttons_; }

 private:
  void update();

  kd::ExperimentConfig config_;
  QSpinBox* nodes_;
  QSpinBox* processes_;
  QSpinBox* port_;
  QLineEdit* folder_;
  QPlainTextEdit* command_;
  QLabel* problem_;
  QDialogButtonBox* buttons_;
};

}  // namespace kd::ui
