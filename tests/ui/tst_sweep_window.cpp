// Sweeps from the window: the dialog counts runs and names a refused value, a sweep started in
// the window writes the same results table as kdtrain's, the Sweep tab draws a heat map for
// two settings and opens a point's median run, and a stopped sweep opened again continues.
#include <qcustomplot.h>

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "app/main_window.h"
#include "experiment/experiment_panel.h"
#include "inspection/confusion_view.h"
#include "inspection/embedding_view.h"
#include "inspection/inspection_panel.h"
#include "inspection/model_card.h"
#include "inspection/prediction_model.h"
#include "inspection/run_inspection.h"
#include "sweep/sweep_dialog.h"
#include "sweep/sweep_session.h"
#include "sweep/sweep_table_model.h"
#include "sweep/sweep_view.h"
#include "test_data.h"
#include "training/training_controller.h"
#include "widgets/duration.h"

using namespace kd::ui;

namespace {

QList<QByteArray> withoutTiming(const QString& csv) {
  QFile f(csv);
  if (!f.open(QIODevice::ReadOnly)) return {"missing " + csv.toUtf8()};
  QList<QByteArray> rows = f.readAll().trimmed().split('\n');
  for (QByteArray& row : rows) row = row.left(row.lastIndexOf(','));
  return rows;
}

bool startEnabled(SweepDialog& dialog) {
  for (QAbstractButton* b : dialog.findChild<QDialogButtonBox*>()->buttons())
    if (dialog.findChild<QDialogButtonBox*>()->buttonRole(b) == QDialogButtonBox::AcceptRole)
      return b->isEnabled();
  return false;
}

}  // namespace

class TestSweepWindow : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  QString dir(const QString& name) const { return tmp_.filePath(name); }
  // alpha x T (2 x 2), 2 seeds, baselines, on small generated data: 8 + 2 short runs.
  std::string sweepFile();

 private Q_SLOTS:
  void initTestCase();
  void durationsAreWrittenOneWay();
  void firstReleaseFilesOpenInTheWindow();
  void runInspectionFillsTheTabsWithoutAWindow();
  void dialogCountsRunsAndRefusesBadValues();
  void windowSweepMatchesKdtrain();
  void stoppedSweepContinuesWhenOpened();
};

void TestSweepWindow::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QVERIFY(tmp_.isValid());
  kd::test::writeIdxDataset(dir("data").toStdString(), 600, true);
}

std::string TestSweepWindow::sweepFile() {
  const std::string path = dir("sweep.json").toStdString();
  kd::test::writeSmallSweep(path, dir("data").toStdString(),
                            R"({"alpha": [0.5, 0.9], "T": [2, 4]})");
  return path;
}

// The window's one duration rule: the sweep dialog's estimate, the ETAs and a run's time.
void TestSweepWindow::durationsAreWrittenOneWay() {
  QCOMPARE(formatDuration(0), QString("0:00"));
  QCOMPARE(formatDuration(59.6), QString("1:00"));
  QCOMPARE(formatDuration(245), QString("4:05"));
  QCOMPARE(formatDuration(3725), QString("1:02:05"));
  QCOMPARE(formatDuration(-1), QString("0:00"));  // an ETA not known yet
  QCOMPARE(formatDuration(20, DurationStyle::kEstimate), QString("under a minute"));
  QCOMPARE(formatDuration(720, DurationStyle::kEstimate), QString("about 12 min"));
  QCOMPARE(formatDuration(7500, DurationStyle::kEstimate), QString("about 2 h 5 min"));
}

// The first release's experiment, run and sweep folders (tests/formats/v1, written before files
// carried a format version) open as they did.
void TestSweepWindow::firstReleaseFilesOpenInTheWindow() {
  const QString v1 = KD_FORMATS_DIR "/v1";
  QTemporaryDir dir;
  QVERIFY(QProcess::execute("cp", {"-r", v1 + "/sweep", dir.path()}) == 0);
  MainWindow window;
  window.setConfirmations(false);
  QVERIFY(window.openExperiment(v1 + "/experiment.json"));
  QCOMPARE(window.panel()->config().student.name, std::string("tiny-mlp"));
  QVERIFY(window.openSweep(dir.filePath("sweep")));
  QCOMPARE(window.sweepView()->model()->results().runsDone, 4);
  QVERIFY(!window.sweeps()->resumable());
  window.inspectFinishedRun(v1 + "/run");
  QTRY_COMPARE_WITH_TIMEOUT(window.inspection()->model()->total(), 10000, 120000);
  QSettings().remove("recentExperiments");  // later windows open with the built-in experiment
}

// The inspection workflow on its own: a finished run into the three inspection views.
void TestSweepWindow::runInspectionFillsTheTabsWithoutAWindow() {
  InspectionPanel predictions;
  ConfusionView confusion;
  ModelCard card;
  EmbeddingView embeddings;
  RunInspection inspection(&predictions, &confusion, &card, &embeddings);
  QSignalSpy changed(&inspection, &RunInspection::inspectedChanged);
  inspection.inspect(KD_FORMATS_DIR "/v1/run");
  QTRY_VERIFY_WITH_TIMEOUT(inspection.inspected(), 120000);
  QCOMPARE(predictions.model()->total(), 10000);
  QCOMPARE(predictions.snapshots(), 4);  // three recorded epochs and the final test set
  QCOMPARE(changed.count(), 1);
  inspection.clear();
  QVERIFY(!inspection.inspected());
  QCOMPARE(predictions.snapshots(), 0);
  // A run that let a teacher of other data teach: the Model card says what it knew.
  QTemporaryDir dir;
  QVERIFY(QProcess::execute("cp", {"-r", KD_FORMATS_DIR "/v1/run", dir.path()}) == 0);
  const QString summaryPath = dir.filePath("run/summary.json");
  QFile summary(summaryPath);
  QVERIFY(summary.open(QIODevice::ReadOnly));
  QJsonObject s = QJsonDocument::fromJson(summary.readAll()).object();
  summary.close();
  s["teacher_trained_on"] = "fashion-mnist: T-shirt/top, Trouser (2 in all)";
  QVERIFY(summary.open(QIODevice::WriteOnly | QIODevice::Truncate));
  summary.write(QJsonDocument(s).toJson());
  summary.close();
  inspection.inspect(dir.filePath("run"));
  QTRY_VERIFY_WITH_TIMEOUT(inspection.inspected(), 120000);
  bool said = false;
  for (const QLabel* label : card.findChildren<QLabel*>())
    said |= label->text().contains(
        "The teacher was trained on other data (fashion-mnist: T-shirt/top, Trouser (2 in all))");
  QVERIFY(said);
}

void TestSweepWindow::dialogCountsRunsAndRefusesBadValues() {
  SweepDialog dialog(kd::defaultExperiment(), 20.0);
  // alpha {0.1, 0.5, 0.9} x T {1, 4, 8}, 3 seeds: 27 distilled runs and 3 shared baselines.
  QVERIFY2(dialog.estimate()->text().contains("9 points \u00d7 3 seeds: <b>30 training runs</b>"),
           qPrintable(dialog.estimate()->text()));
  QVERIFY2(dialog.estimate()->text().contains("about 10 min"),
           qPrintable(dialog.estimate()->text()));
  QVERIFY(startEnabled(dialog));
  dialog.values(0)->setText("0.5, 2");
  QVERIFY2(dialog.estimate()->text().contains("alpha must be in [0, 1]"),
           qPrintable(dialog.estimate()->text()));
  QVERIFY(!startEnabled(dialog));
  dialog.values(0)->setText("0.5");
  dialog.setting(1)->setCurrentIndex(1);  // alpha again
  QVERIFY(dialog.estimate()->text().contains("is chosen twice"));
  dialog.setting(1)->setCurrentIndex(3);  // student presets
  dialog.values(1)->setText("lenet5, no-such-net");
  QVERIFY2(dialog.estimate()->text().contains("no-such-net"),
           qPrintable(dialog.estimate()->text()));
  dialog.values(1)->setText("lenet5, seed-student");
  dialog.baseline()->setChecked(false);
  dialog.repeats()->setValue(2);
  QVERIFY(startEnabled(dialog));
  QCOMPARE(dialog.spec().seeds, (std::vector<uint64_t>{1, 2}));
  QCOMPARE(kd::expandSweep(dialog.spec()).size(), size_t(2));  // alpha 0.5 x two students
  // Labelled images: counts and "all"; a point of no labels trains no baseline.
  const int labelled = dialog.setting(1)->findData("data.labelled");
  QVERIFY(labelled > 0);
  dialog.setting(1)->setCurrentIndex(labelled);
  dialog.values(1)->setText("0, 100, all");
  dialog.baseline()->setChecked(true);
  dialog.repeats()->setValue(1);
  QVERIFY2(startEnabled(dialog), qPrintable(dialog.estimate()->text()));
  QCOMPARE(kd::expandSweep(dialog.spec()).size(), size_t(3));
  QCOMPARE(kd::plannedRuns(dialog.spec()), 5);  // 3 distilled, baselines for 100 and all
}

void TestSweepWindow::windowSweepMatchesKdtrain() {
  MainWindow window;
  window.setConfirmations(false);
  QSignalSpy finished(window.sweeps(), &SweepSession::finished);
  QSignalSpy starting(window.sweeps(), &SweepSession::runStarting);
  const QString out = dir("window");
  window.sweeps()->start(kd::loadSweep(sweepFile()), out);
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 300000);
  QCOMPARE(starting.count(), 10);
  QTRY_VERIFY(window.sweepAction()->isEnabled());
  QCOMPARE(window.tabs()->currentWidget(), window.sweepView());

  QProcess kdtrain;
  kdtrain.start(KDTRAIN_PATH,
                {"--sweep", QString::fromStdString(sweepFile()), "--out", dir("kdtrain")});
  QVERIFY(kdtrain.waitForFinished(300000));
  QVERIFY2(kdtrain.exitCode() == 0, kdtrain.readAllStandardError().constData());
  QCOMPARE(withoutTiming(out + "/results.csv"), withoutTiming(dir("kdtrain") + "/results.csv"));

  SweepView* view = window.sweepView();
  QCOMPARE(view->model()->rowCount(), 4);
  const int best = view->model()->results().best;
  QVERIFY(best >= 0);
  QVERIFY(view->model()->data(view->model()->index(best, 0), Qt::FontRole).value<QFont>().bold());
  // Two swept settings: a heat map with the value of each of its 4 cells written in it.
  QCOMPARE(view->plot()->plottableCount(), 1);
  QVERIFY(qobject_cast<QCPColorMap*>(view->plot()->plottable(0)));
  QCOMPARE(view->plot()->itemCount(), 4);
  // The best row starts selected: its mean curve over seeds (with a band) ends at the mean of
  // its seeds' final accuracies, as the table says.
  QCOMPARE(view->curves()->graphCount(), 3);
  const auto mean = view->curves()->graph(2)->data();
  QCOMPARE(mean->size(), 2);  // two student epochs
  const double last = (mean->constEnd() - 1)->value;
  QVERIFY2(std::abs(last - 100 * view->model()->results().points[size_t(best)].student.mean) < 1e-6,
           qPrintable(QString::number(last)));
  view->table()->selectAll();
  QCOMPARE(view->curves()->graphCount(), 12);
  // Sorting by the student's accuracy puts the best row first when descending.
  const int studentColumn = 1 + 2 + 1;  // point, alpha, T, seeds
  view->table()->sortByColumn(studentColumn, Qt::DescendingOrder);
  auto* proxy = qobject_cast<QSortFilterProxyModel*>(view->table()->model());
  QCOMPARE(proxy->mapToSource(proxy->index(0, 0)).row(), best);
  // Double-clicking a row opens the point's median run in the inspection tabs.
  window.resize(1280, 720);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QSignalSpy chosen(view, &SweepView::runChosen);
  const QModelIndex first = proxy->index(0, 0);
  view->table()->scrollTo(first);
  const QPoint at = view->table()->visualRect(first).center();
  QTest::mouseClick(view->table()->viewport(), Qt::LeftButton, {}, at);  // as a user does first
  QTest::mouseDClick(view->table()->viewport(), Qt::LeftButton, {}, at);
  QCOMPARE(chosen.count(), 1);
  const QString run = chosen.first().first().toString();
  QVERIFY2(QFile::exists(run + "/summary.json"), qPrintable(run));
  QVERIFY(run.startsWith(out + "/runs/"));
  const kd::PointResult& top = view->model()->results().points[size_t(best)];
  QCOMPARE(run, QString::fromStdString(
                    kd::seedRunFolder(out.toStdString(), top, size_t(top.medianRun))));
  QVERIFY2(chosen.first().at(1).toString().contains("KD won"),
           qPrintable(chosen.first().at(1).toString()));
  // The model card says which seed it shows and the figures over all seeds.
  QTRY_VERIFY_WITH_TIMEOUT(window.modelCard()->table()->rowCount() >= 2, 60000);
  // Another seed of the same row, from the seed list (the median is listed first).
  window.tabs()->setCurrentWidget(view);
  QCOMPARE(view->seedChoice()->count(), 2);
  QVERIFY(view->seedChoice()->itemText(0).endsWith("(median)"));
  view->seedChoice()->setCurrentIndex(1);
  for (QPushButton* b : view->findChildren<QPushButton*>())
    if (b->text() == "&Open seed") b->click();
  QCOMPARE(chosen.count(), 2);
  QVERIFY(chosen.at(1).first().toString() != run);
  QVERIFY(chosen.at(1).first().toString().startsWith(run.section('/', 0, -2)));
}

void TestSweepWindow::stoppedSweepContinuesWhenOpened() {
  MainWindow window;
  window.setConfirmations(false);
  QSignalSpy finished(window.sweeps(), &SweepSession::finished);
  QSignalSpy starting(window.sweeps(), &SweepSession::runStarting);
  const QString out = dir("stopped");
  window.sweeps()->start(kd::loadSweep(sweepFile()), out);
  QTRY_VERIFY_WITH_TIMEOUT(starting.count() >= 3, 120000);
  window.stopAction()->trigger();
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
  QVERIFY2(finished.first().first().toString().contains("stopped"),
           qPrintable(finished.first().first().toString()));
  QTRY_VERIFY(window.sweepAction()->isEnabled());
  const int done = window.sweepView()->model()->results().runsDone;
  QVERIFY(done < 10);

  MainWindow again;  // a new session: File > Open a sweep continues it
  again.setConfirmations(false);
  QSignalSpy continued(again.sweeps(), &SweepSession::finished);
  QVERIFY(again.openSweep(out));
  QTRY_COMPARE_WITH_TIMEOUT(continued.count(), 1, 300000);
  QCOMPARE(again.sweepView()->model()->results().runsDone, 10);
  QVERIFY(!again.sweeps()->resumable());
}

QTEST_MAIN(TestSweepWindow)
#include "tst_sweep_window.moc"
