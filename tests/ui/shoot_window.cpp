// Renders the main window to PNG: set-up, mid-training with curves, finished, then the
// inspection tabs of the finished run (gallery filtered to student-wrong/teacher-right with the
// detail view, confusion matrices, model card).
// Usage (under Xvfb): shoot_window OUT_DIR [TRAINING_IMAGES [omitted|labels|bf16 [WIDTHxHEIGHT]]];
// TRAINING_IMAGES 0 keeps the experiment's own; "omitted" shoots Demo > A class the student
// never saw instead of the built-in experiment, into files named omitted-*.png, "labels" Demo >
// Only 100 labels (labels-*.png), "bf16" the built-in experiment in bfloat16 (bf16-*.png),
// a method's name ("dkd", "fitnets", ...) the built-in experiment distilled with that method at
// its defaults (dkd-*.png, and the Distillation box with its settings, dkd-1-method.png); the
// window is 1600x1000 unless a size is given.
// scripts/screenshots.sh runs them.
#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>

#include "app/main_window.h"
#include "experiment/experiment_panel.h"
#include "inspection/inspection_panel.h"
#include "inspection/model_card.h"
#include "kd/methods.h"
#include "training/training_controller.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("KD Workbench screenshots");
  const QString out = argc > 1 ? argv[1] : "screenshots";
  const QString variant = argc > 3 ? argv[3] : "";
  const bool omitted = variant == "omitted", labels = variant == "labels";
  bool method = false;
  for (const kd::MethodInfo& m : kd::distillationMethods())
    method = method || variant == QString::fromStdString(m.name);
  const QStringList size = QString(argc > 4 ? argv[4] : "1600x1000").split('x');
  QDir().mkpath(out);
  kd::ui::MainWindow window;
  window.setConfirmations(false);
  kd::ExperimentConfig config = omitted ? kd::omittedClassExperiment() : kd::defaultExperiment();
  if (labels) config.data.labelled = 100;
  if (variant == "bf16") config.precision = kd::Precision::kBf16;
  if (method) {
    config.method = variant.toStdString();
    config.temperature = kd::methodNamed(config.method).defaultTemperature;
  }
  if (argc > 2 && std::atoi(argv[2]) > 0) config.data.limitTrain = std::atoi(argv[2]);
  window.panel()->setConfig(config);
  window.panel()->setRunBaseline(true);  // for the model card
  window.resize(size.value(0).toInt(), size.value(1).toInt());
  window.show();
  auto shoot = [&](const char* name) {
    window.grab().save(out + "/" + (variant.isEmpty() ? "" : variant + "-") + name);
  };
  QTimer::singleShot(1500, [&] {
    shoot("1-setup.png");
    if (variant == "bf16") {  // the training settings, Precision among them, at the panel's end
      for (QScrollArea* area : window.findChildren<QScrollArea*>())
        if (area->isAncestorOf(window.panel()))
          area->verticalScrollBar()->setValue(area->verticalScrollBar()->maximum());
      QApplication::processEvents();
      shoot("1-training-settings.png");
    }
    if (method) {  // the Distillation box: the method and its settings
      for (QScrollArea* area : window.findChildren<QScrollArea*>())
        if (area->isAncestorOf(window.panel()))
          area->ensureWidgetVisible(window.panel()->findChild<QWidget*>("distillation"), 0, 0);
      QApplication::processEvents();
      shoot("1-method.png");
    }
    window.startAction()->trigger();
  });
  int epochs = 0;
  QObject::connect(window.controller(), &kd::ui::TrainingController::epochFinished,
                   [&](const kd::EpochMetrics& m) {
                     if (m.phase == kd::Phase::kStudent && ++epochs == 3)
                       QTimer::singleShot(600, [&] { shoot("2-training.png"); });
                   });
  auto shootInspection = [&] {
    window.tabs()->setCurrentWidget(window.inspection());
    if (!omitted)  // the omitted class's run keeps the hidden class chosen in the filter
      window.inspection()->filterButton(kd::ui::GalleryFilter::kStudentWrongTeacherRight)->click();
    QTimer::singleShot(400, [&] {
      shoot("4-predictions.png");
      window.tabs()->setCurrentIndex(2);
      QTimer::singleShot(400, [&] {
        shoot("5-confusion.png");
        window.tabs()->setCurrentIndex(3);
        QTimer::singleShot(400, [&] {
          shoot("6-model-card.png");
          app.quit();
        });
      });
    });
  };
  QTimer inspected;
  QObject::connect(&inspected, &QTimer::timeout, [&] {
    if (window.inspection()->model()->total() <= kd::kProbeImages ||
        window.modelCard()->table()->rowCount() < 3)
      return;
    inspected.stop();
    shootInspection();
  });
  int finished = 0;
  QObject::connect(window.controller(), &kd::ui::TrainingController::finished, [&] {
    if (++finished < 2) return;  // the distillation run, then its no-KD baseline
    QTimer::singleShot(600, [&] {
      shoot("3-finished.png");
      inspected.start(200);
    });
  });
  QObject::connect(window.controller(), &kd::ui::TrainingController::failed, [&](const QString& e) {
    qCritical("training failed: %s", qPrintable(e));
    app.exit(1);
  });
  return QApplication::exec();
}
