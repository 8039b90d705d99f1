#include "app/file_actions.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QSettings>

#include "app/engine_text.h"
#include "curves/curves_widget.h"
#include "experiment/experiment_panel.h"
#include "kd/error.h"
#include "training/distributed_job_dialog.h"
#include "training/run_session.h"

namespace kd::ui {
namespace {

constexpr int kMaxRecent = 6;

}  // namespace

FileActions::FileActions(QMainWindow* window, ExperimentPanel* panel, CurvesWidget* curves,
                         RunSession* runs)
    : QObject(window), window_(window), panel_(panel), curves_(curves), runs_(runs) {}

void FileActions::buildMenu() {
  QMenu* file = window_->menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open experiment\u2026"), QKeySequence::Open, this, [this] {
    QString path = QFileDialog::getOpenFileName(window_, tr("Open experiment"), {},
                                                tr("Experiments (*.json)"));
    if (!path.isEmpty()) openExperiment(path);
  });
  file->addAction(tr("&Save experiment as\u2026"), QKeySequence::Save, this, [this] {
    QString path = QFileDialog::getSaveFileName(window_, tr("Save experiment"), "experiment.json",
                                                tr("Experiments (*.json)"));
    if (!path.isEmpty()) saveExperiment(path);
  });
  recentMenu_ = file->addMenu(tr("&Recent experiments"));
  rebuildRecentMenu();
  file->addSeparator();
  file->addAction(tr("&Export plots\u2026"), QKeySequence("Ctrl+E"), this,
                  &FileActions::exportPlots);
  file->addAction(tr("Export &metrics as CSV\u2026"), this, &FileActions::exportMetrics);
  file->addAction(tr("Export the student for &PyTorch\u2026"), this, &FileActions::exportStudent);
  file->addAction(tr("Export as a &distributed job\u2026"), this,
                  &FileActions::exportDistributedJob);
  // Not while training: the running student's epochs would mix into the inspected run's.
  inspect_ =
      file->addAction(tr("&Inspect a finished run\u2026"), QKeySequence("Ctrl+I"), this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(window_, tr("Inspect the run folder"));
        if (!dir.isEmpty()) Q_EMIT inspectRequested(dir);
      });
  openSweep_ = file->addAction(tr("Open a s&weep\u2026"), this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(window_, tr("Open the sweep folder"));
    if (!dir.isEmpty()) Q_EMIT openSweepRequested(dir);
  });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, window_, &QWidget::close);
}

void FileActions::reopenLast() {
  const QStringList recent = QSettings().value("recentExperiments").toStringList();
  if (!recent.isEmpty() && QFile::exists(recent.first())) openExperiment(recent.first());
}

void FileActions::exportPlots() {
  QString path = QFileDialog::getSaveFileName(window_, tr("Export plots"), "curves.png",
                                              tr("PNG image (*.png);;PDF document (*.pdf)"));
  if (path.isEmpty()) return;
  if (curves_->exportImage(path))
    Q_EMIT log(tr("Plots exported to %1").arg(path));
  else
    QMessageBox::warning(window_, tr("Export failed"), tr("Cannot write %1").arg(path));
}

void FileActions::exportMetrics() {
  QString path =
      QFileDialog::getSaveFileName(window_, tr("Export metrics"), "metrics.csv", tr("CSV (*.csv)"));
  if (path.isEmpty()) return;
  QString error;
  if (exportMetricsTo(path, &error))
    Q_EMIT log(tr("Metrics exported to %1").arg(path));
  else
    QMessageBox::warning(window_, tr("Export failed"), error);
}

// The engine's metrics.csv of the run and of its baseline, with a first column naming which.
bool FileActions::exportMetricsTo(const QString& path, QString* error) const {
  const QString run = runs_->runFolder();
  QByteArray out;
  int columns = 0;  // of the distilled run's header
  for (const auto& [name, file] : {std::pair<QString, QString>{"distilled", run + "/metrics.csv"},
                                   {"baseline", run + "/baseline/metrics.csv"}}) {
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) continue;
    const QList<QByteArray> lines = in.readAll().trimmed().split('\n');
    if (out.isEmpty()) {
      out = "run," + lines.first() + "\n";
      columns = int(lines.first().count(',')) + 1;
    }
    // The baseline (kd) has none of a method's own term columns: those fields stay empty.
    for (int i = 1; i < lines.size(); ++i)
      out += name.toUtf8() + "," + lines[i] +
             QByteArray(std::max(0, columns - 1 - int(lines[i].count(','))), ',') + "\n";
  }
  QSaveFile target(path);
  if (out.isEmpty()) {
    *error = tr("No run has finished an epoch yet: there are no metrics to export.");
    return false;
  }
  if (!target.open(QIODevice::WriteOnly) || target.write(out) != out.size() || !target.commit()) {
    *error = tr("Cannot write %1: %2").arg(path, target.errorString());
    return false;
  }
  return true;
}

void FileActions::exportStudent() {
  // Every finished run writes student.pt, student_arch.json and kd_arch.py into its folder.
  const QStringList files{"student.pt", "student_arch.json", "kd_arch.py"};
  const QString runFolder = runs_->runFolder();
  if (runFolder.isEmpty() || !QFile::exists(runFolder + "/student.pt")) {
    QMessageBox::information(window_, tr("Export the student"),
                             tr("Finish a run first: its student is exported from there."));
    return;
  }
  const QString dir = QFileDialog::getExistingDirectory(window_, tr("Export the student to"));
  if (dir.isEmpty()) return;
  for (const QString& f : files) {
    QFile::remove(dir + "/" + f);
    if (!QFile::copy(runFolder + "/" + f, dir + "/" + f)) {
      QMessageBox::warning(window_, tr("Export failed"), tr("Cannot write %1").arg(dir + "/" + f));
      return;
    }
  }
  Q_EMIT log(tr("Student exported to %1 (torch.load('student.pt'); see kd_arch.py)").arg(dir));
}

void FileActions::exportDistributedJob() {
  DistributedJobDialog dialog(panel_->config(), window_);
  if (dialog.exec() != QDialog::Accepted) return;
  QString error;
  if (!dialog.write(&error)) {
    QMessageBox::warning(window_, tr("Export failed"), error);
    return;
  }
  Q_EMIT log(
      tr("Distributed job written to %1 (config.json and launch.sh; see docs/distributed.md)")
          .arg(dialog.folder()));
}

bool FileActions::openExperiment(const QString& path) {
  try {
    panel_->setConfig(kd::loadExperiment(path.toStdString()));
  } catch (const kd::Error& e) {
    const QString why = engineText(e);
    Q_EMIT log(tr("Cannot open %1: %2").arg(path, why));
    if (confirm_) QMessageBox::warning(window_, tr("Cannot open experiment"), why);
    return false;
  }
  addRecent(path);
  Q_EMIT log(tr("Opened %1").arg(path));
  return true;
}

bool FileActions::saveExperiment(const QString& path) {
  QSaveFile file(path);
  const QByteArray json = QByteArray::fromStdString(kd::toJson(panel_->config()) + "\n");
  if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
    Q_EMIT log(tr("Cannot save %1: %2").arg(path, file.errorString()));
    if (confirm_) QMessageBox::warning(window_, tr("Cannot save experiment"), file.errorString());
    return false;
  }
  addRecent(path);
  Q_EMIT log(tr("Saved %1").arg(path));
  return true;
}

void FileActions::addRecent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value("recentExperiments").toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  settings.setValue("recentExperiments", recent.mid(0, kMaxRecent));
  rebuildRecentMenu();
}

void FileActions::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = QSettings().value("recentExperiments").toStringList();
  for (const QString& path : recent)
    recentMenu_->addAction(path, this, [this, path] { openExperiment(path); });
  recentMenu_->setEnabled(!recent.isEmpty());
}

}  // namespace kd::ui
