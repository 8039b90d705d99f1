#include "training/distributed_job_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "app/engine_text.h"
#include "kd/error.h"

namespace kd::ui {

DistributedJobDialog::DistributedJobDialog(const kd::ExperimentConfig& config, QWidget* parent)
    : QDialog(parent),
      config_(config),
      nodes_(new QSpinBox),
      processes_(new QSpinBox),
      port_(new QSpinBox),
      folder_(new QLineEdit(QDir::home().filePath("kd-job"))),
      command_(new QPlainTextEdit),
      problem_(new QLabel),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel)) {
  setWindowTitle(tr("Export as a distributed job"));
  auto* intro = new QLabel(
      tr("Writes the experiment in the panel and a launch script for PyTorch's torchrun: every "
         "process trains on its share of each batch and the gradients are averaged (CPU: Gloo; "
         "CUDA: one process per GPU, NCCL). The batch size is the global batch of all processes."));
  intro->setWordWrap(true);
  nodes_->setRange(1, 1024);
  nodes_->setToolTip(tr("Machines that run the job; each starts launch.sh"));
  processes_->setRange(1, 64);
  processes_->setValue(2);
  processes_->setToolTip(tr("Processes on each machine: one per GPU, or a share of the cores"));
  port_->setRange(1024, 65535);
  port_->setValue(29500);
  port_->setToolTip(tr("The port on the first machine where the processes meet"));
  folder_->setToolTip(tr("The job folder: config.json and launch.sh are written into it"));
  auto* browse = new QPushButton(tr("Browse\u2026"));
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Job folder"), folder_->text());
    if (!dir.isEmpty()) folder_->setText(dir);
  });
  auto* folderRow = new QHBoxLayout;
  folderRow->addWidget(folder_, 1);
  folderRow->addWidget(browse);
  auto* form = new QFormLayout;
  form->addRow(tr("&Machines (nodes):"), nodes_);
  form->addRow(tr("&Processes per machine:"), processes_);
  form->addRow(tr("Master &port:"), port_);
  auto* folderLabel = new QLabel(tr("&Folder:"));
  folderLabel->setBuddy(folder_);
  form->addRow(folderLabel, folderRow);
  command_->setReadOnly(true);
  command_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  command_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
  command_->setAccessibleName(tr("Launch commands"));
  problem_->setWordWrap(true);
  problem_->setStyleSheet("color: #b00020");
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addLayout(form);
  layout->addWidget(new QLabel(tr("What each machine runs:")));
  layout->addWidget(command_, 1);
  layout->addWidget(problem_);
  layout->addWidget(buttons_);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  for (QSpinBox* box : {nodes_, processes_, port_})
    connect(box, &QSpinBox::valueChanged, this, &DistributedJobDialog::update);
  connect(folder_, &QLineEdit::textChanged, this, &DistributedJobDialog::update);
  setMinimumSize(560, 420);  // the form and two lines of commands; fits a 1024x768 screen
  resize(680, 460);
  update();
}

QString DistributedJobDialog::folder() const { return folder_->text().trimmed(); }

kd::DistributedJob DistributedJobDialog::job() const {
  return {nodes_->value(), processes_->value(), port_->value()};
}

void DistributedJobDialog::update() {
  const kd::DistributedJob j = job();
  QString problem;
  try {
    kd::validateJob(config_, j);
  } catch (const kd::Error& e) {
    problem = engineText(e);
  }
  if (problem.isEmpty() && folder().isEmpty()) problem = tr("Choose the job folder.");
  const QString script = QDir(folder()).filePath("launch.sh");
  const int world = j.nodes * j.processesPerNode;
  QString text = tr("%1 processes in all").arg(world);
  if (config_.training.batchSize % world == 0)
    text += tr(", %1 images a step each").arg(config_.training.batchSize / world);
  text += ".\n\n";
  if (j.nodes == 1) {
    text += script + "\n";
  } else {
    text += tr("On the first machine (its address: ADDRESS):\n  NODE_RANK=0 MASTER_ADDR=ADDRESS ") +
            script + "\n";
    text += j.nodes == 2
                ? tr("On the second machine:\n  NODE_RANK=1 MASTER_ADDR=ADDRESS %1\n").arg(script)
                : tr("On each other machine k = 1..%1:\n"
                     "  NODE_RANK=k MASTER_ADDR=ADDRESS %2\n")
                      .arg(j.nodes - 1)
                      .arg(script);
  }
  text += tr("\nwhich runs:\n  ") + QString::fromStdString(kd::launchCommand(
                                        j, QDir(folder()).filePath("config.json").toStdString()));
  text +=
      tr("\n\nOn Debian 12 set TORCHRUN=scripts/torchrun (Debian's torchrun fails on Python "
         "3.11); KDTRAIN names the kdtrain binary.");
  command_->setPlainText(text);
  problem_->setText(problem);
  problem_->setVisible(!problem.isEmpty());
  buttons_->button(QDialogButtonBox::Save)->setEnabled(problem.isEmpty());
}

bool DistributedJobDialog::write(QString* error) const {
  try {
    kd::writeDistributedJob(config_, job(), folder().toStdString());
    return true;
  } catch (const kd::Error& e) {
    *error = engineText(e);
    return false;
  }
}

}  // namespace kd::ui
