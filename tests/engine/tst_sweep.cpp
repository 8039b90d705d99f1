// Repeats and sweeps: the interval arithmetic against values worked out by hand, the sweep
// file's expansion and its errors, a small real sweep (teachers and baselines shared, a paired
// difference per seed), and a sweep killed by SIGKILL that resumes to the same table.
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <csignal>

#include "kd/error.h"
#include "kd/sweep.h"
#include "test_data.h"

using namespace kd;

namespace {

class Quiet : public SweepObserver {
 public:
  std::vector<SweepProgress> started;
  RunControl* cancelAtRun = nullptr;
  int cancelRun = -1;
  void onRunStarting(const SweepProgress& p) override {
    started.push_back(p);
    if (cancelAtRun && p.run == cancelRun) cancelAtRun->cancel();
  }
};

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("missing " + path.toUtf8());
}

// results.csv without its last column (wall seconds).
QList<QByteArray> withoutTiming(const QString& csv) {
  QList<QByteArray> rows = readAll(csv).trimmed().split('\n');
  for (QByteArray& row : rows) row = row.left(row.lastIndexOf(','));
  return rows;
}

}  // namespace

class TestSweep : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  QString dir(const QString& name) const { return tmp_.filePath(name); }
  // 2 alphas x 2 seeds with baselines, on small generated data: 4 distilled runs, and 2
  // baselines (alpha does not change a baseline, so both points share them).
  std::string sweepFile();
  // The same sweep run uninterrupted by kdtrain, made by whichever test needs it first.
  QString referenceSweep();

 private Q_SLOTS:
  void initTestCase();
  void intervalMatchesHandWorkedValues();
  void tQuantiles_data();
  void tQuantiles();
  void expandsListTimesGrid();
  void methodPointsStartFromTheirDefaults();
  void teacherSettingsMeanATeacherTrainedHere();
  void badSweeps_data();
  void badSweeps();
  void sharesTeachersAndPairsBaselines();
  void cancelledSweepResumesToTheSameTable();
  void killedSweepResumesToTheSameTable();
  void repeatsWriteTheirSummary();
};

void TestSweep::initTestCase() {
  QVERIFY(tmp_.isValid());
  test::writeIdxDataset(dir("data").toStdString(), 600, true);
}

std::string TestSweep::sweepFile() {
  const std::string path = dir("sweep.json").toStdString();
  test::writeSmallSweep(path, dir("data").toStdString(), R"({"alpha": [0.5, 0.9]})");
  return path;
}

QString TestSweep::referenceSweep() {
  const QString out = dir("reference");
  if (QFile::exists(out + "/results.csv")) return out;
  QProcess p;
  p.start(KDTRAIN_PATH, {"--sweep", QString::fromStdString(sweepFile()), "--out", out});
  [&] { QVERIFY(p.waitForFinished(600000)); }();
  [&] { QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData()); }();
  return out;
}

// Values 0.80, 0.82, 0.84: mean 0.82, sd 0.02, half-width t(0.975, 2) * 0.02 / sqrt(3).
void TestSweep::intervalMatchesHandWorkedValues() {
  Estimate e = estimateMean({0.80, 0.82, 0.84});
  QCOMPARE(e.n, 3);
  QVERIFY(std::abs(e.mean - 0.82) < 1e-12);
  QVERIFY(std::abs(e.sd - 0.02) < 1e-12);
  const double half = 4.303 * 0.02 / std::sqrt(3.0);
  QVERIFY(std::abs(e.low - (0.82 - half)) < 1e-12);
  QVERIFY(std::abs(e.high - (0.82 + half)) < 1e-12);
  Estimate one = estimateMean({0.5, std::nan("")});
  QCOMPARE(one.n, 1);
  QCOMPARE(one.mean, 0.5);
  QVERIFY(std::isnan(one.sd) && std::isnan(one.low));
  QVERIFY(std::isnan(estimateMean({}).mean));
}

// A sweep over the teacher's settings from a base that loads a file trains each teacher here;
// points that do not touch the teacher keep the file.
void TestSweep::teacherSettingsMeanATeacherTrainedHere() {
  const SweepSpec spec = sweepFromJson(R"({"experiment": {"teacher": {"file": "t.ckpt"}},
      "list": [{"teacher": "lenet5"}, {"teacher_epochs": 2}, {"alpha": 0.9}]})");
  const std::vector<SweepPoint> points = expandSweep(spec);
  QCOMPARE(points[0].config.teacher.file, std::string());
  QVERIFY(points[0].config.teacher.arch == preset("lenet5"));
  QCOMPARE(points[1].config.teacher.file, std::string());
  QCOMPARE(points[2].config.teacher.file, std::string("t.ckpt"));
  // In an experiment file, a teacher object without a file is trained here, too.
  QCOMPARE(experimentFromJson(R"({"teacher": {"arch": "lenet5"}})").teacher.file, std::string());
}

// A point of another method has that method's temperature and settings, whatever order the
// point gives its settings in; a swept setting of the method applies over them.
void TestSweep::methodPointsStartFromTheirDefaults() {
  const SweepSpec spec = sweepFromJson(R"({"experiment": {"distillation": {"temperature": 6}},
      "list": [{"method": "kd"}, {"method": "ls"},
               {"distillation.settings.nckd_weight": 2, "method": "dkd"},
               {"T": 3, "method": "dist"}]})");
  const std::vector<SweepPoint> points = expandSweep(spec);
  QCOMPARE(points[0].config.temperature, 6.0);  // the base's method keeps the base's T
  QCOMPARE(points[1].config.method, std::string("ls"));
  QCOMPARE(points[1].config.temperature, 2.0);
  QCOMPARE(methodSetting(points[1].config, "kd_weight"), 9.0);
  QCOMPARE(points[2].config.method, std::string("dkd"));
  QCOMPARE(methodSetting(points[2].config, "nckd_weight"), 2.0);
  QCOMPARE(methodSetting(points[2].config, "warmup"), 20.0);
  QCOMPARE(points[3].config.temperature, 3.0);
  QCOMPARE(QString::fromStdString(points[1].name), QString("02_method=ls"));
  for (const SweepPoint& p : points) refuseSettingsWithoutEffect(p.config);
}

void TestSweep::tQuantiles_data() {
  QTest::addColumn<int>("degrees");
  QTest::addColumn<double>("expected");  // scipy.stats.t.ppf(0.975, df), to 3 decimals
  QTest::newRow("1") << 1 << 12.706;
  QTest::newRow("4") << 4 << 2.776;
  QTest::newRow("30") << 30 << 2.042;
  QTest::newRow("40") << 40 << 2.021;
  QTest::newRow("60") << 60 << 2.000;
  QTest::newRow("120") << 120 << 1.980;
  QTest::newRow("1000") << 1000 << 1.962;
}

void TestSweep::tQuantiles() {
  QFETCH(int, degrees);
  QFETCH(double, expected);
  QVERIFY2(std::abs(tQuantile95(degrees) - expected) < 0.0015,
           qPrintable(QString::number(tQuantile95(degrees), 'f', 4)));
}

void TestSweep::expandsListTimesGrid() {
  SweepSpec spec = sweepFromJson(R"({
    "list": [{"student": "lenet5"}, {"student": "hinton-mlp-student", "lr": 0.01}],
    "grid": {"T": [2, 8], "alpha": [0.1, 0.5]},
    "seeds": [3, 4]})");
  std::vector<SweepPoint> points = expandSweep(spec);
  QCOMPARE(points.size(), size_t(8));
  QCOMPARE(QString::fromStdString(points[0].name),
           QString("01_student=lenet5_temperature=2_alpha=0.1"));
  QCOMPARE(QString::fromStdString(points[1].name),
           QString("02_student=lenet5_temperature=2_alpha=0.5"));
  QCOMPARE(QString::fromStdString(points[7].name),
           QString("08_student=hinton-mlp-student_lr=0.01_temperature=8_alpha=0.5"));
  QCOMPARE(points[7].config.student.name, std::string("hinton-mlp-student"));
  QCOMPARE(points[7].config.training.learningRate, 0.01);
  QCOMPARE(points[7].config.temperature, 8.0);
  QCOMPARE(points[7].config.alpha, 0.5);
  QCOMPARE(points[0].config.training.learningRate, defaultExperiment().training.learningRate);
  QCOMPARE(points[2].settings[1].first, std::string("distillation.temperature"));
  QCOMPARE(spec.seeds, (std::vector<uint64_t>{3, 4}));
  // The canonical form reads back to the same sweep.
  QCOMPARE(toJson(sweepFromJson(toJson(spec))), toJson(spec));
}

void TestSweep::badSweeps_data() {
  QTest::addColumn<QString>("json");
  QTest::addColumn<QString>("message");
  QTest::newRow("unknown setting") << R"({"grid": {"distillation.alpah": [0.1]}})"
                                   << "unknown setting \"distillation.alpah\": distillation has "
                                      "alpha, method, settings, temperature";
  QTest::newRow("unknown key") << R"({"grids": {}})"
                               << "unknown key \"grids\" in the sweep";
  QTest::newRow("impossible value") << R"({"grid": {"alpha": [0.5, 2]}})"
                                    << "sweep point 02_alpha=2: alpha must be in [0, 1]";
  QTest::newRow("seed as a setting") << R"({"grid": {"seed": [1, 2]}})"
                                     << "give seeds as the sweep's \"seeds\" list";
  QTest::newRow("both list and grid")
      << R"({"list": [{"alpha": 0.2}], "grid": {"alpha": [0.1]}})"
      << "\"distillation.alpha\" is both in the list and in the grid";
  QTest::newRow("empty values") << R"({"grid": {"T": []}})"
                                << "needs a non-empty array";
  QTest::newRow("bad seeds") << R"({"seeds": [-1]})"
                             << "\"seeds\" must be a list of whole numbers";
  QTest::newRow("not json") << "{"
                            << "the sweep is not valid JSON";
}

void TestSweep::badSweeps() {
  QFETCH(QString, json);
  QFETCH(QString, message);
  try {
    sweepFromJson(json.toStdString());
    QFAIL("no error for a bad sweep");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains(message), e.what());
  }
}

void TestSweep::sharesTeachersAndPairsBaselines() {
  const QString out = dir("in-process");
  Quiet observer;
  RunControl control;
  SweepResults r = runSweep(loadSweep(sweepFile()), out.toStdString(), false, observer, control);
  QCOMPARE(r.runsTotal, 6);
  QCOMPARE(r.runsDone, 6);
  QVERIFY(!r.cancelled);
  QCOMPARE(observer.started.size(), size_t(6));
  QCOMPARE(r.points.size(), size_t(2));
  // The teacher is trained once, by the first run; the baselines are trained for point 1 only.
  QStringList teachers;
  QDirIterator it(out + "/runs", {"teacher.ckpt"}, QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) teachers << it.next();
  QCOMPARE(teachers, QStringList{out + "/runs/01_alpha=0.5/seed-1/teacher.ckpt"});
  QVERIFY(QFile::exists(out + "/runs/01_alpha=0.5/seed-2/baseline/summary.json"));
  QVERIFY(!QFile::exists(out + "/runs/02_alpha=0.9/seed-1/baseline"));
  for (const PointResult& p : r.points) {
    QCOMPARE(p.runs.size(), size_t(2));
    QCOMPARE(p.runs[0].seed, uint64_t(1));
    QCOMPARE(p.difference.n, 2);
    int wins = 0;
    for (const SeedRun& s : p.runs) {
      QVERIFY(s.hasBaseline);
      QCOMPARE(s.kd.teacher.testAccuracy, r.points[0].runs[0].kd.teacher.testAccuracy);
      wins += s.kd.student.testAccuracy > s.baseline.student.testAccuracy;
    }
    QCOMPARE(p.kdWins, wins);
    const double d0 = p.runs[0].kd.student.testAccuracy - p.runs[0].baseline.student.testAccuracy;
    const double d1 = p.runs[1].kd.student.testAccuracy - p.runs[1].baseline.student.testAccuracy;
    QVERIFY(std::abs(p.difference.mean - (d0 + d1) / 2) < 1e-12);
  }
  // Both points share one baseline per seed.
  QCOMPARE(r.points[0].runs[1].baseline.student.testAccuracy,
           r.points[1].runs[1].baseline.student.testAccuracy);
  // The same sweep started by kdtrain gives the same table.
  QCOMPARE(withoutTiming(out + "/results.csv"), withoutTiming(referenceSweep() + "/results.csv"));
  QCOMPARE(withoutTiming(out + "/results.csv").size(), 3);
  // Read back from the folder alone.
  SweepResults again = readSweep(out.toStdString());
  QCOMPARE(QString::fromStdString(resultsCsv(again)), QString(readAll(out + "/results.csv")));
  // A finished folder is not silently reused.
  try {
    runSweep(loadSweep(sweepFile()), out.toStdString(), false, observer, control);
    QFAIL("an existing sweep folder was overwritten");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("already holds a sweep"), e.what());
  }
}

void TestSweep::cancelledSweepResumesToTheSameTable() {
  const QString out = dir("cancelled");
  Quiet first;
  RunControl control;
  first.cancelAtRun = &control;
  first.cancelRun = 3;
  SweepResults partial = runSweep(loadSweep(sweepFile()), out.toStdString(), false, first, control);
  QVERIFY(partial.cancelled);
  QCOMPARE(partial.runsDone, 3);
  QCOMPARE(partial.points.size(), size_t(1));  // point 1, seed 1 only (seed 2 lacks its baseline)
  SweepSpec other = loadSweep(sweepFile());
  other.seeds = {1, 2, 3};
  Quiet second;
  RunControl fresh;
  try {
    runSweep(other, out.toStdString(), true, second, fresh);
    QFAIL("a different sweep resumed this folder");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("holds a different sweep"), e.what());
  }
  SweepResults done = runSweep(loadSweep(sweepFile()), out.toStdString(), true, second, fresh);
  QCOMPARE(done.runsDone, 6);
  QCOMPARE(second.started.size(), size_t(6));
  QVERIFY(second.started[0].resumed && second.started[2].resumed);
  QCOMPARE(withoutTiming(out + "/results.csv"), withoutTiming(referenceSweep() + "/results.csv"));
}

// Killed in its fourth of 15 runs: the kill lands with 11 runs still to go, however fast or
// loaded the machine (no assumption on how long a run takes).
void TestSweep::killedSweepResumesToTheSameTable() {
  const std::string file = dir("sweep-long.json").toStdString();
  test::writeSmallSweep(file, dir("data").toStdString(), R"({"alpha": [0.5, 0.9]})",
                        "[1, 2, 3, 4, 5]");
  const QString out = dir("killed");
  const QStringList args = {"--sweep", QString::fromStdString(file), "--out", out};
  QProcess p;
  p.setProcessChannelMode(QProcess::SeparateChannels);
  p.start(KDTRAIN_PATH, args);
  QVERIFY(p.waitForStarted());
  QByteArray err;
  // Mid-training in the fourth run (seed 2's baseline): its first epoch has just finished.
  auto inFourthRun = [&] {
    const int start = err.indexOf("sweep run 4/15");
    return start >= 0 && err.indexOf("epoch 1/2 done", start) >= 0;
  };
  while (!inFourthRun() && p.state() == QProcess::Running) {
    p.waitForReadyRead(1000);
    err += p.readAllStandardError();
  }
  QVERIFY2(inFourthRun(), err.constData());
  ::kill(pid_t(p.processId()), SIGKILL);
  QVERIFY(p.waitForFinished(60000));
  QCOMPARE(p.exitStatus(), QProcess::CrashExit);  // killed before it printed the table

  p.start(KDTRAIN_PATH, args);  // without --resume: refused, nothing touched
  QVERIFY(p.waitForFinished(60000));
  QCOMPARE(p.exitCode(), 2);
  QVERIFY(p.readAllStandardError().contains("already holds a sweep"));

  p.start(KDTRAIN_PATH, args + QStringList{"--resume"});
  QVERIFY(p.waitForFinished(600000));
  const QByteArray resumed = p.readAllStandardError();
  QVERIFY2(p.exitCode() == 0, resumed.constData());
  QVERIFY2(resumed.contains("sweep run 1/15: 01_alpha=0.5, seed 1 (kept or resumed)"),
           resumed.constData());
  QVERIFY(QDir(out).entryList({"*.tmp"}, QDir::Files).isEmpty());
  // The same sweep, uninterrupted, in this process.
  Quiet observer;
  RunControl control;
  runSweep(loadSweep(file), dir("killed-reference").toStdString(), false, observer, control);
  QCOMPARE(withoutTiming(out + "/results.csv"),
           withoutTiming(dir("killed-reference") + "/results.csv"));
}

// kdtrain --seeds --baseline: a repeat of one experiment, summarised in summary.json.
void TestSweep::repeatsWriteTheirSummary() {
  const QString out = dir("repeats");
  QProcess p;
  p.start(KDTRAIN_PATH,
          {"--dataset", "mnist:" + dir("data"), "--teacher", "hinton-mlp-student",
           "--teacher-epochs", "1", "--student", "lenet5", "--epochs", "1", "--device", "cpu",
           "--threads", "2", "--seeds", "4,5,6", "--baseline", "--out", out});
  QVERIFY(p.waitForFinished(600000));
  const QByteArray printed = p.readAllStandardOutput();
  QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
  QVERIFY2(printed.contains("over 3 seeds; baseline") && printed.contains("KD won") &&
               printed.contains("6 of 6 runs done"),
           printed.constData());
  QFile file(out + "/summary.json");
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QJsonObject s = QJsonDocument::fromJson(file.readAll()).object();
  const QJsonObject student = s["student_accuracy"].toObject();
  QCOMPARE(student["n"].toInt(), 3);
  QCOMPARE(student["ci95"].toArray().size(), 2);
  QVERIFY(student["ci95"].toArray()[0].toDouble() <= student["mean"].toDouble());
  const QJsonArray runs = s["runs"].toArray();
  QCOMPARE(runs.size(), 3);
  double sum = 0;
  int wins = 0;
  for (const QJsonValue& value : runs) {
    const QJsonObject r = value.toObject();
    const double d = r["student_accuracy"].toDouble() - r["baseline_accuracy"].toDouble();
    sum += d;
    wins += d > 0;
  }
  QVERIFY(std::abs(s["kd_minus_baseline"].toObject()["mean"].toDouble() - sum / 3) < 1e-9);
  QCOMPARE(s["kd_wins"].toInt(), wins);
  QVERIFY(s["median_seed"].toInt() >= 4 && s["median_seed"].toInt() <= 6);
}

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
