// Renders the Sweep tab of a sweep folder, the sweep dialog and File > Export as a distributed
// job's dialog (at its own size and its smallest), at the projector sizes, for
// docs/screenshots. Not a test. With --run SWEEP.json the window first runs that sweep into
// SWEEP_DIR (through its SweepSession, as Run > Sweep... does).
// Usage: shoot_sweep OUT_DIR SWEEP_DIR [--run SWEEP.json]
#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QLineEdit>
#include <QSpinBox>
#include <QTabWidget>
#include <cstdio>

#include "app/main_window.h"
#include "sweep/sweep_dialog.h"
#include "sweep/sweep_session.h"
#include "sweep/sweep_view.h"
#include "training/distributed_job_dialog.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  if (argc < 3) return 2;
  const QString out = argv[1], sweep = argv[2];
  QDir().mkpath(out);
  kd::ui::MainWindow window;
  window.setConfirmations(false);
  window.show();
  if (argc > 4 && QString(argv[3]) == "--run") {
    QEventLoop loop;
    QObject::connect(window.sweeps(), &kd::ui::SweepSession::finished, &loop,
                     [&](const QString& summary) {
                       std::printf("%s\n", qPrintable(summary));
                       loop.quit();
                     });
    window.sweeps()->start(kd::loadSweep(argv[4]), sweep);
    loop.exec();
  }
  if (!window.openSweep(sweep)) return 1;
  const QList<QSize> sizes = {{1600, 1000}, {1280, 720}, {1024, 768}};
  for (const QSize& size : sizes) {
    window.resize(size);
    for (int i = 0; i < 20; ++i) app.processEvents();
    window.grab().save(QString("%1/sweep-%2x%3.png").arg(out).arg(size.width()).arg(size.height()));
  }
  kd::ui::SweepDialog dialog(kd::defaultExperiment(), 20.0, &window);
  dialog.show();
  for (int i = 0; i < 20; ++i) app.processEvents();
  dialog.grab().save(out + "/sweep-dialog.png");
  kd::ui::DistributedJobDialog job(kd::defaultExperiment(), &window);
  job.folderEdit()->setText("/home/teacher/kd-job");
  job.nodes()->setValue(2);
  job.processes()->setValue(4);
  job.show();
  for (int i = 0; i < 20; ++i) app.processEvents();
  job.grab().save(out + "/distributed-job-dialog.png");
  job.processes()->setValue(3);  // 128 does not split over 6 processes
  job.resize(job.minimumSizeHint());
  for (int i = 0; i < 20; ++i) app.processEvents();
  job.grab().save(out + "/distributed-job-dialog-refused.png");
  return 0;
}
