// The single-run workflow without a window: a distillation followed by its baseline, the
// teacher reused while its settings are unchanged, and a stopped run resumed; small real runs
// on generated data through the TrainingController.
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "test_data.h"
#include "training/run_session.h"
#include "training/training_controller.h"

using namespace kd::ui;

namespace {

QJsonObject configOf(const QString& runFolder) {
  QFile f(runFolder + "/config.json");
  return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                     : QJsonObject();
}

}  // namespace

class TestRunSession : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  QString dir(const QString& name) const { return tmp_.filePath(name); }
  kd::ExperimentConfig small() const {
    kd::ExperimentConfig c = kd::defaultExperiment();
    c.data.source = "mnist:" + dir("data").toStdString();
    c.teacher.file.clear();  // trained here
    c.teacher.arch = kd::preset("hinton-mlp-student");
    c.teacher.training.epochs = 1;
    c.student = kd::preset("lenet5");
    c.training.epochs = 2;
    c.device = "cpu";
    c.threads = 2;
    return c;
  }

 private Q_SLOTS:
  void initTestCase();
  void baselineFollowsTheDistillation();
  void teacherReusedWhileItsSettingsAreUnchanged();
  void stoppedRunResumes();
};

void TestRunSession::initTestCase() {
  QVERIFY(tmp_.isValid());
  kd::test::writeIdxDataset(dir("data").toStdString(), 600, true);
}

void TestRunSession::baselineFollowsTheDistillation() {
  TrainingController controller;
  RunSession session(&controller);
  QSignalSpy distilled(&session, &RunSession::distilled);
  QSignalSpy baseline(&session, &RunSession::baselineFinished);
  session.start(small(), dir("with-baseline"), true);
  QTRY_COMPARE_WITH_TIMEOUT(distilled.count(), 1, 120000);
  QVERIFY(session.baselinePending());
  QCOMPARE(baseline.count(), 0);  // it waits to be asked: the window inspects the run first
  QTRY_VERIFY(!controller.busy());
  session.startPendingBaseline();
  QTRY_COMPARE_WITH_TIMEOUT(baseline.count(), 1, 120000);
  const auto run = distilled.first().first().value<kd::RunReport>();
  QCOMPARE(baseline.first().at(1).toDouble(), run.student.testAccuracy);
  const QJsonObject config = configOf(dir("with-baseline") + "/baseline");
  QCOMPARE(config["distillation"].toObject()["alpha"].toDouble(), 1.0);
  QCOMPARE(config["teacher"].toObject()["file"].toString(), dir("with-baseline") + "/teacher.ckpt");
  QVERIFY(QFile::exists(dir("with-baseline") + "/baseline/summary.json"));
  QVERIFY(!session.baselinePending() && !session.baselineRunning());
}

void TestRunSession::teacherReusedWhileItsSettingsAreUnchanged() {
  TrainingController controller;
  RunSession session(&controller);
  QSignalSpy distilled(&session, &RunSession::distilled);
  QSignalSpy log(&session, &RunSession::log);
  session.start(small(), dir("first"), false);
  QTRY_COMPARE_WITH_TIMEOUT(distilled.count(), 1, 120000);
  QTRY_VERIFY(!controller.busy());
  kd::ExperimentConfig other = small();
  other.alpha = 0.9;  // not a teacher setting
  session.start(other, dir("second"), false);
  QTRY_COMPARE_WITH_TIMEOUT(distilled.count(), 2, 120000);
  QCOMPARE(configOf(dir("second"))["teacher"].toObject()["file"].toString(),
           dir("first") + "/teacher.ckpt");
  QVERIFY(!QFile::exists(dir("second") + "/teacher.ckpt"));
  QVERIFY(!session.baselinePending());
  QTRY_VERIFY(!controller.busy());
  other.teacher.training.epochs = 2;  // a teacher setting: trained anew
  session.start(other, dir("third"), false);
  QTRY_COMPARE_WITH_TIMEOUT(distilled.count(), 3, 120000);
  QVERIFY(QFile::exists(dir("third") + "/teacher.ckpt"));
  QVERIFY(!configOf(dir("third"))["teacher"].toObject().contains("file"));
}

void TestRunSession::stoppedRunResumes() {
  TrainingController controller;
  RunSession session(&controller);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QSignalSpy stopped(&session, &RunSession::stopped);
  QSignalSpy distilled(&session, &RunSession::distilled);
  kd::ExperimentConfig config = small();
  config.training.epochs = 20;
  session.start(config, dir("stopped"), false);
  QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 2, 120000);  // the teacher's and a student epoch
  controller.stop();
  QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 60000);
  QVERIFY(stopped.first().first().toBool());
  QVERIFY(session.resumable());
  QTRY_VERIFY(!controller.busy());
  session.resumeStopped();
  QVERIFY(!session.resumable());
  QTRY_COMPARE_WITH_TIMEOUT(distilled.count(), 1, 300000);
  QCOMPARE(session.runFolder(), dir("stopped"));
  QVERIFY(QFile::exists(dir("stopped") + "/summary.json"));
}

QTEST_GUILESS_MAIN(TestRunSession)
#include "tst_run_session.moc"
