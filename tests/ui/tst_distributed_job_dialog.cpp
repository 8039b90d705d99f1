// File > Export as a distributed job...: the dialog shows what each machine runs as the numbers
// change, refuses a job whose global batch does not split over its processes (Save disabled,
// the reason shown), and writes config.json and launch.sh into the chosen folder.
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "kd/experiment.h"
#include "training/distributed_job_dialog.h"

class TestDistributedJobDialog : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void showsTheCommandForOneMachine();
  void namesEachMachineOfSeveral();
  void refusesABatchThatDoesNotSplit();
  void writesTheJobFolder();
};

void TestDistributedJobDialog::showsTheCommandForOneMachine() {
  kd::ui::DistributedJobDialog dialog(kd::defaultExperiment());
  dialog.processes()->setValue(4);
  const QString text = dialog.command()->toPlainText();
  QVERIFY2(text.contains("4 processes in all, 32 images a step each"), qPrintable(text));
  QVERIFY2(text.contains("--nnodes 1 --nproc_per_node 4"), qPrintable(text));
  QVERIFY(!text.contains("NODE_RANK=k"));
  QVERIFY(dialog.buttons()->button(QDialogButtonBox::Save)->isEnabled());
}

void TestDistributedJobDialog::namesEachMachineOfSeveral() {
  kd::ui::DistributedJobDialog dialog(kd::defaultExperiment());
  dialog.nodes()->setValue(3);
  dialog.processes()->setValue(2);
  const QString text = dialog.command()->toPlainText();
  QVERIFY2(text.contains("On each other machine k = 1..2:\n  NODE_RANK=k MASTER_ADDR=ADDRESS"),
           qPrintable(text));
  QVERIFY2(text.contains("--nnodes 3 --nproc_per_node 2"), qPrintable(text));
}

void TestDistributedJobDialog::refusesABatchThatDoesNotSplit() {
  kd::ui::DistributedJobDialog dialog(kd::defaultExperiment());  // batch 128
  dialog.processes()->setValue(3);
  QVERIFY(!dialog.buttons()->button(QDialogButtonBox::Save)->isEnabled());
  QVERIFY2(dialog.problem()->text().contains("does not split evenly over 3 processes"),
           qPrintable(dialog.problem()->text()));
  dialog.processes()->setValue(8);
  QVERIFY(dialog.buttons()->button(QDialogButtonBox::Save)->isEnabled());
  QVERIFY(dialog.problem()->text().isEmpty());
  dialog.folderEdit()->setText("  ");
  QVERIFY(!dialog.buttons()->button(QDialogButtonBox::Save)->isEnabled());
}

void TestDistributedJobDialog::writesTheJobFolder() {
  QTemporaryDir tmp;
  kd::ui::DistributedJobDialog dialog(kd::defaultExperiment());
  dialog.folderEdit()->setText(tmp.filePath("job"));
  QString error;
  QVERIFY2(dialog.write(&error), qPrintable(error));
  QVERIFY(QFileInfo(tmp.filePath("job/config.json")).isFile());
  QVERIFY(QFileInfo(tmp.filePath("job/launch.sh")).isExecutable());
}

QTEST_MAIN(TestDistributedJobDialog)
#include "tst_distributed_job_dialog.moc"
