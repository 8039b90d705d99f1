// The window drives real training on Fashion-MNIST subsets through the TrainingController:
// start to finished, pause, resume and stop from the GUI thread, curves that receive points,
// and closing the window during a run.
#include <qcustomplot.h>

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QListWidget>
#include <QSignalSpy>
#include <QSlider>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

#include "app/main_window.h"
#include "curves/curves_widget.h"
#include "experiment/experiment_panel.h"
#include "inspection/inspection_panel.h"
#include "inspection/model_card.h"
#include "training/training_controller.h"

using kd::ui::MainWindow;
using kd::ui::TrainingController;

namespace {

kd::ExperimentConfig quickExperiment(int limit) {
  kd::ExperimentConfig c = kd::defaultExperiment();
  c.data.limitTrain = limit;
  c.teacher.file.clear();  // trained here
  c.teacher.arch = kd::preset("cnn-small");
  c.teacher.training.epochs = 1;
  c.training.epochs = 2;
  c.threads = 2;
  c.device = "cpu";  // the tests read CPU latencies; a CUDA build would pick the GPU
  return c;
}

}  // namespace

class TestTrainingWindow : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
  void runsToFinishedWithCurves();
  void baselineRunsAfterDistillation();
  void omittedClassDemoSetsUpAndStarts();
  void pauseResumeStopFromGuiThread();
  void closingDuringRunStopsCleanly();
  void resumeStoppedRunThenCompareRuns();
  void trainingErrorLeavesTheWindowUsable();
  void smoothingRestartsWithTheStudent();
  void loadedTeacherDrawsItsReferenceLine();
};

// A teacher loaded from a file reports no epochs: its test accuracy still draws the dashed
// "teacher (test)" line the student is compared with, from the student's start. (Seen driving
// "A tiny student learns from a big teacher": the legend listed it, the plot had none.)
void TestTrainingWindow::loadedTeacherDrawsItsReferenceLine() {
  kd::ui::CurvesWidget curves;
  QCPGraph* teacher = nullptr;
  for (int g = 0; g < curves.accuracyPlot()->graphCount(); ++g)
    if (curves.accuracyPlot()->graph(g)->name() == "teacher (test)")
      teacher = curves.accuracyPlot()->graph(g);
  QVERIFY(teacher);
  curves.setTeacherAccuracy(0.9441);
  curves.addEpoch({kd::Phase::kStudent, 1, 2, {}, 0.7, 0.8, 0.05, 1.0});
  curves.addEpoch({kd::Phase::kStudent, 2, 2, {}, 0.8, 0.85, 0.05, 1.0});
  QCOMPARE(teacher->data()->size(), 3);
  QCOMPARE(teacher->data()->at(0)->key, 0.0);
  QCOMPARE(teacher->data()->at(2)->key, 2.0);
  for (int i = 0; i < 3; ++i) QCOMPARE(teacher->data()->at(i)->value, 0.9441);
  curves.clear();  // a teacher trained in the run: its epochs are the line, nothing added
  curves.addEpoch({kd::Phase::kTeacher, 1, 1, {}, 0.9, 0.91, 0.05, 1.0});
  curves.setTeacherAccuracy(0.91);
  QCOMPARE(teacher->data()->size(), 1);
}

void TestTrainingWindow::smoothingRestartsWithTheStudent() {
  kd::ui::CurvesWidget curves;
  auto batch = [&](kd::Phase phase, int b, double total) {
    kd::BatchProgress p;
    p.phase = phase;
    p.epoch = p.epochs = 1;
    p.batch = b;
    p.batches = 4;
    p.loss.total = total;
    curves.addBatch(p);
  };
  for (int b = 1; b <= 4; ++b) batch(kd::Phase::kTeacher, b, 0.3);
  curves.addEpoch({kd::Phase::kTeacher, 1, 1, {}, 0.9, 0.9, 0.05, 1.0});
  batch(kd::Phase::kStudent, 1, 5.0);
  batch(kd::Phase::kStudent, 2, 3.0);
  batch(kd::Phase::kStudent, 4, 1.0);  // a report covering two batches
  // Graph 1 is the smoothed total, bias-corrected, decaying by b = 0.9 per batch: a phase's first
  // point is its own value, not pulled towards the teacher's losses; then
  // e2 = b (1 - b) 5 + (1 - b) 3 over 1 - b^2, and e3 = b^2 e2 + (1 - b^2) 1 over 1 - b^4.
  const double b = 0.9, e2 = b * (1 - b) * 5 + (1 - b) * 3, e3 = b * b * e2 + (1 - b * b) * 1;
  const std::vector<double> expected{0.3, 5.0, e2 / (1 - b * b), e3 / (1 - std::pow(b, 4))};
  QCPGraph* total = curves.lossPlot()->graph(1);
  QCOMPARE(total->data()->size(), 7);
  for (int i = 0; i < 4; ++i)
    QVERIFY2(std::abs((total->data()->constBegin() + 3 + i)->value - expected[size_t(i)]) < 1e-12,
             qPrintable(QString::number(i)));
  curves.smoothingSlider()->setValue(50);  // the slider rebuilds the averages from the points
  curves.smoothingSlider()->setValue(90);
  for (int i = 0; i < 4; ++i)
    QVERIFY(std::abs((total->data()->constBegin() + 3 + i)->value - expected[size_t(i)]) < 1e-12);
}

void TestTrainingWindow::trainingErrorLeavesTheWindowUsable() {
  MainWindow window;
  window.setConfirmations(false);
  kd::ExperimentConfig c = quickExperiment(1000);
  c.teacher.training.learningRate = 1e9;  // diverges: the engine stops with a NaN message
  c.teacher.training.schedule = kd::Schedule::kNone;
  window.panel()->setConfig(c);
  QSignalSpy failed(window.controller(), &TrainingController::failed);
  window.startAction()->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 120000);
  QVERIFY2(failed.first().first().toString().contains("teacher's loss became"),
           qPrintable(failed.first().first().toString()));
  QTRY_VERIFY(window.startAction()->isEnabled());
  QVERIFY(window.panel()->isEnabled());
}

void TestTrainingWindow::resumeStoppedRunThenCompareRuns() {
  MainWindow window;
  window.setConfirmations(false);
  kd::ExperimentConfig c = quickExperiment(3000);
  c.teacher.training.epochs = 2;
  window.panel()->setConfig(c);
  QSignalSpy epochs(window.controller(), &TrainingController::epochFinished);
  QSignalSpy finished(window.controller(), &TrainingController::finished);
  QVERIFY(!window.resumeRunAction()->isEnabled());
  window.startAction()->trigger();
  QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 1, 120000);
  window.stopAction()->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
  QVERIFY(finished.at(0).first().value<kd::RunReport>().cancelled);
  QTRY_VERIFY(window.resumeRunAction()->isEnabled());
  const int before = epochs.count();
  window.resumeRunAction()->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 180000);
  QVERIFY(!finished.at(1).first().value<kd::RunReport>().cancelled);
  // The resumed run continues where the stopped one ended, with no epoch done twice.
  const auto first = epochs.at(before).first().value<kd::EpochMetrics>();
  const auto last = epochs.at(before - 1).first().value<kd::EpochMetrics>();
  QVERIFY(first.phase != last.phase || first.epoch == last.epoch + 1);
  QCOMPARE(epochs.count(), 4);  // 2 teacher + 2 student epochs in all
  QTRY_VERIFY(!window.resumeRunAction()->isEnabled());

  // A new run keeps the finished one in the runs list, with its curves.
  QTRY_VERIFY(window.startAction()->isEnabled());
  const int lossGraphs = window.curves()->lossPlot()->graphCount();
  window.startAction()->trigger();
  QCOMPARE(window.curves()->runsList()->count(), 1);
  QCOMPARE(window.curves()->lossPlot()->graphCount(), lossGraphs + 1);
  QCPGraph* archived =
      window.curves()->accuracyPlot()->graph(window.curves()->accuracyPlot()->graphCount() - 1);
  QCOMPARE(archived->data()->size(), 2);  // the two student test accuracies
  window.curves()->runsList()->item(0)->setCheckState(Qt::Unchecked);
  QVERIFY(!archived->visible());
  window.stopAction()->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 60000);
}

void TestTrainingWindow::runsToFinishedWithCurves() {
  MainWindow window;
  window.setConfirmations(false);
  window.panel()->setConfig(quickExperiment(1500));
  QSignalSpy finished(window.controller(), &TrainingController::finished);
  QSignalSpy epochs(window.controller(), &TrainingController::epochFinished);
  // What the status line says as each of the run's messages arrives (after the window's slot).
  QStringList statusAtMessage;
  connect(window.controller(), &TrainingController::message, &window,
          [&] { statusAtMessage << window.statusLine()->text(); });
  window.startAction()->trigger();
  QCOMPARE(window.statusLine()->text(), QString("Starting\u2026"));
  QVERIFY(!window.startAction()->isEnabled());
  QVERIFY(!window.panel()->isEnabled());
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 180000);
  // Before the first batch it names what the run is doing (the teacher trained here);
  // afterwards the batches' progress and the result own the line.
  QVERIFY2(statusAtMessage.value(0).startsWith("Starting: training the teacher"),
           qPrintable(statusAtMessage.value(0)));
  QVERIFY(!window.statusLine()->text().startsWith("Starting"));
  QVERIFY(!statusAtMessage.last().startsWith("Starting"));
  const auto report = finished.first().first().value<kd::RunReport>();
  QVERIFY(!report.cancelled);
  QVERIFY2(report.student.testAccuracy > 0.5, std::to_string(report.student.testAccuracy).c_str());
  QCOMPARE(epochs.count(), 3);
  QVERIFY(window.curves()->batchPoints() > 0);
  QTRY_VERIFY(window.startAction()->isEnabled());
  QVERIFY(window.panel()->isEnabled());

  // The probe set came before training and after each of the 2 student epochs; then the whole
  // test set of the finished run replaces it, as the slider's last position.
  kd::ui::InspectionPanel* inspection = window.inspection();
  QTRY_COMPARE_WITH_TIMEOUT(inspection->model()->total(), int64_t(10000), 60000);
  QCOMPARE(inspection->snapshots(), 4);
  QCOMPARE(inspection->epochSlider()->value(), 3);
  int right = 0;
  for (int i = 0; i < inspection->model()->rowCount(); ++i)
    right += inspection->model()->verdict(i).studentClass == inspection->model()->verdict(i).label;
  QCOMPARE(right / 10000.0, report.student.testAccuracy);
  QTableWidget* card = window.modelCard()->table();
  QCOMPARE(card->rowCount(), 2);
  QVERIFY2(card->item(1, 6)->text().endsWith("ms\nCPU"), qPrintable(card->item(1, 6)->text()));

  // Two clicks from the finished run: the Predictions tab, then the filter.
  QTabBar* tabBar = window.tabs()->tabBar();
  QTest::mouseClick(tabBar, Qt::LeftButton, {}, tabBar->tabRect(1).center());
  QCOMPARE(window.tabs()->currentWidget(), inspection);
  inspection->filterButton(kd::ui::GalleryFilter::kStudentWrongTeacherRight)->click();
  QVERIFY(inspection->model()->rowCount() > 0);
  for (int i = 0; i < inspection->model()->rowCount(); ++i)
    QCOMPARE(inspection->model()->verdict(i).outcome(), kd::ui::Outcome::kTeacherOnly);
  // The first of them is in the detail view with both distributions and both Grad-CAM maps.
  QCOMPARE(inspection->detail()->image(), inspection->model()->verdict(0).row);
  QCOMPARE(inspection->detail()->bars(kd::Role::kTeacher, false).size(), size_t(10));
  QCOMPARE(inspection->detail()->bars(kd::Role::kStudent, true).size(), size_t(10));
  QTRY_VERIFY_WITH_TIMEOUT(!inspection->detail()->gradCamImage(kd::Role::kTeacher).isNull(),
                           20000);  // computed off the GUI thread
  QVERIFY(!inspection->detail()->gradCamImage(kd::Role::kStudent).isNull());

  // Opened again from its folder, the run replays the same epochs.
  inspection->clear();
  window.inspectRun(window.runFolder());
  QTRY_COMPARE_WITH_TIMEOUT(inspection->snapshots(), 4, 60000);
  QCOMPARE(inspection->model()->total(), int64_t(10000));
  inspection->epochSlider()->setValue(1);
  QCOMPARE(inspection->model()->predictions()->epoch, 1);
  QCOMPARE(inspection->model()->total(), kd::kProbeImages);
}

void TestTrainingWindow::baselineRunsAfterDistillation() {
  MainWindow window;
  window.setConfirmations(false);
  kd::ExperimentConfig config = quickExperiment(1000);
  config.data.hiddenClasses = {1};
  window.panel()->setConfig(config);
  window.panel()->setRunBaseline(true);
  QSignalSpy finished(window.controller(), &TrainingController::finished);
  window.startAction()->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 240000);
  const auto distilled = finished.at(0).first().value<kd::RunReport>();
  const auto baseline = finished.at(1).first().value<kd::RunReport>();
  QVERIFY(!baseline.cancelled);
  QVERIFY(baseline.student.testAccuracy > 0.3);
  QVERIFY(distilled.student.testAccuracy != baseline.student.testAccuracy);
  QTRY_VERIFY(window.startAction()->isEnabled());
  QTRY_COMPARE_WITH_TIMEOUT(window.modelCard()->table()->rowCount(), 3, 60000);
  QVERIFY(window.modelCard()->table()->item(2, 1)->text().startsWith(
      QString::number(100 * baseline.student.testAccuracy, 'f', 2)));
  // The hidden class: the card's table has its baseline figure, and so has summary.json.
  QCOMPARE(distilled.hiddenClasses.size(), size_t(1));
  const QTableWidget* hidden = window.modelCard()->hiddenTable();
  QCOMPARE(hidden->rowCount(), 1);
  QCOMPARE(hidden->item(0, 0)->text(), QString("1 Trouser"));
  const double baselineOnTrousers = baseline.student.perClassAccuracy.at(1);
  QCOMPARE(hidden->item(0, 5)->text(), QString("%1%").arg(100 * baselineOnTrousers, 0, 'f', 1));
  QFile summary(window.runFolder() + "/summary.json");
  QVERIFY(summary.open(QIODevice::ReadOnly));
  const QJsonObject entry = QJsonDocument::fromJson(summary.readAll())
                                .object()["hidden_classes"]
                                .toArray()
                                .at(0)
                                .toObject();
  QCOMPARE(entry["baseline"].toDouble(), baselineOnTrousers);
  QVERIFY(window.inspection()->trueClassFilter()->currentText().contains("never seen"));
  QCOMPARE(window.inspection()->model()->rowCount(), 1000);  // the class's test images only
  const QString csv = QDir::temp().filePath("kd-baseline-metrics.csv");
  QString error;
  QVERIFY2(window.exportMetricsTo(csv, &error), qPrintable(error));
  QFile file(csv);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QString text = file.readAll();
  QVERIFY(text.startsWith("run,phase,epoch,loss,"));
  QCOMPARE(text.count("\ndistilled,teacher,"), 1);
  QCOMPARE(text.count("\ndistilled,student,"), 2);
  QCOMPARE(text.count("\nbaseline,student,"), 2);
  // The engine's own rows, as written in the run folder.
  QFile engine(window.runFolder() + "/baseline/metrics.csv");
  QVERIFY(engine.open(QIODevice::ReadOnly));
  QVERIFY(text.contains("baseline," + QString(engine.readAll()).split('\n').at(1)));
  const QString png = QDir::temp().filePath("kd-baseline-curves.png");
  QVERIFY(window.curves()->exportImage(png));
  QVERIFY(QImage(png).width() > 100);
}

void TestTrainingWindow::omittedClassDemoSetsUpAndStarts() {
  MainWindow window;
  window.setConfirmations(false);
  QVERIFY(QTest::qWaitFor([&] { return window.startAction()->isEnabled(); }, 30000));
  QSignalSpy finished(window.controller(), &TrainingController::finished);
  window.omittedClassDemoAction()->trigger();
  QVERIFY(window.controller()->busy());
  const kd::ExperimentConfig c = window.panel()->config();
  QCOMPARE(c.data.hiddenClasses, std::vector<int>{kd::kDemoHiddenClass});
  QCOMPARE(c.teacher.file, std::string("builtin:fashion-mnist-resnet20"));
  QVERIFY(window.panel()->runBaseline());
  QVERIFY(!window.omittedClassDemoAction()->isEnabled());  // not twice at once
  window.stopAction()->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
  QTRY_VERIFY(window.omittedClassDemoAction()->isEnabled());
}

void TestTrainingWindow::pauseResumeStopFromGuiThread() {
  MainWindow window;
  window.setConfirmations(false);
  window.panel()->setConfig(quickExperiment(0));
  QSignalSpy progress(window.controller(), &TrainingController::progress);
  QSignalSpy finished(window.controller(), &TrainingController::finished);
  window.startAction()->trigger();
  QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 2, 60000);
  window.pauseAction()->trigger();
  QCOMPARE(window.controller()->state(), TrainingController::State::kPaused);
  QCOMPARE(window.pauseAction()->text(), QString("&Resume"));
  // The batch in flight finishes and reports, however long it takes on a loaded machine.
  QTRY_VERIFY_WITH_TIMEOUT(window.controller()->holding(), 60000);
  QCoreApplication::processEvents();  // its report, queued before the worker stopped
  const int atPause = progress.count();
  QTest::qWait(800);
  QCOMPARE(progress.count(), atPause);
  window.pauseAction()->trigger();
  QCOMPARE(window.controller()->state(), TrainingController::State::kRunning);
  QTRY_VERIFY_WITH_TIMEOUT(progress.count() > atPause, 20000);
  window.stopAction()->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
  QVERIFY(finished.first().first().value<kd::RunReport>().cancelled);
  QTRY_COMPARE(window.controller()->state(), TrainingController::State::kIdle);
}

void TestTrainingWindow::closingDuringRunStopsCleanly() {
  auto* window = new MainWindow;
  window->setConfirmations(false);
  window->panel()->setConfig(quickExperiment(0));
  window->show();
  QSignalSpy progress(window->controller(), &TrainingController::progress);
  window->startAction()->trigger();
  QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 1, 60000);
  QElapsedTimer timer;
  timer.start();
  QVERIFY(window->close());
  delete window;  // cancels the run and joins the worker thread
  QVERIFY2(timer.elapsed() < 10000, "closing waited too long for the worker");
}

QTEST_MAIN(TestTrainingWindow)
#include "tst_training_window.moc"
