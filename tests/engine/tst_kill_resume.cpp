// A kill at any moment loses nothing: kdtrain child processes are killed with SIGKILL at 20
// seeded random moments (teacher training, logit caching, student epochs, checkpoint writes,
// evaluation). After every kill each file in the run folder parses; resuming from the newest
// checkpoint continues, and a run finished through kills equals an uninterrupted one. A bf16
// run killed between epochs resumes from its checkpoint alone as the bf16 run it was.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include "kd/error.h"
#include "run/checkpoint.h"
#include "test_data.h"

class TestKillResume : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  QString dir(const QString& name) const { return tmp_.filePath(name); }
  // Small generated data (2,000 training and 1,000 test images) keeps each run to seconds.
  QStringList experiment(const QString& precision = "fp32") const {
    return {"--precision",      precision,
            "--method",         "kd",
            "--dataset",        "mnist:" + dir("data"),
            "--teacher",        "seed-student",
            "--teacher-epochs", "2",
            "--student",        "lenet5",
            "--epochs",         "3",
            "--threads",        "2",
            "--seed",           "5",
            "--device",         "cpu"};
  }
  static QString resumePoint(const QString& run);
  void resumeToTheEnd(const QString& run);
  static void checkEveryFileParses(const QString& run);
  static void checkSameResult(const QString& run, const QString& reference);
  void killAt(const QStringList& args, const QString& run, const QString& marker);
  void killAtThenResume(const QStringList& args, const QString& run, const QString& marker,
                        QByteArray* output = nullptr);
  qint64 referenceMs_ = 0;

 private Q_SLOTS:
  void initTestCase();
  void killsAtRandomMomentsLoseNothing();
  void killsInEachPhaseLoseNothing_data();
  void killsInEachPhaseLoseNothing();
  void killedBf16RunResumesInBf16_data();
  void killedBf16RunResumesInBf16();
  void killedMethodRunResumesItsState_data();
  void killedMethodRunResumesItsState();
};

// The newest checkpoint a killed run left: the student's, else the teacher's, else none.
QString TestKillResume::resumePoint(const QString& run) {
  for (const char* name : {"student.ckpt", "teacher.ckpt"})
    if (QFileInfo::exists(run + "/" + name)) return run + "/" + name;
  return {};
}

void TestKillResume::checkEveryFileParses(const QString& run) {
  QDir folder(run);
  for (const QFileInfo& f : folder.entryInfoList(QDir::Files)) {
    const QString path = f.absoluteFilePath();
    if (f.suffix() == "tmp") continue;  // what the killed process was writing; removed on resume
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    if (f.suffix() == "json") {
      QJsonParseError error;
      QJsonDocument::fromJson(bytes, &error);
      QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(path));
    } else if (f.suffix() == "csv") {
      const QList<QByteArray> lines = bytes.trimmed().split('\n');
      for (const QByteArray& line : lines)
        QVERIFY2(line.count(',') == 10, qPrintable(path + ": " + line));
    } else if (f.suffix() == "ckpt") {
      try {
        kd::readCheckpointInfo(path.toStdString());
      } catch (const kd::Error& e) {
        QFAIL(e.what());
      }
    }
  }
  // Each epoch's logits whole; its embedding (the replay's) of whole rows, alike every epoch.
  qint64 embeddingBytes = -1;
  for (const QFileInfo& f : QDir(run + "/probe").entryInfoList({"*.f32"}, QDir::Files)) {
    if (!f.fileName().endsWith(".embedding.f32")) {
      QVERIFY2(f.size() == 1000 * 10 * 4, qPrintable(f.absoluteFilePath()));
      continue;
    }
    QVERIFY2(f.size() > 0 && f.size() % (1000 * 4) == 0, qPrintable(f.absoluteFilePath()));
    if (embeddingBytes < 0) embeddingBytes = f.size();
    QVERIFY2(f.size() == embeddingBytes, qPrintable(f.absoluteFilePath()));
  }
}

// Everything but the timing fields is the same as in the uninterrupted run.
void TestKillResume::checkSameResult(const QString& run, const QString& reference) {
  auto read = [](const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("missing " + path.toUtf8());
  };
  QJsonObject a = QJsonDocument::fromJson(read(run + "/summary.json")).object();
  QJsonObject b = QJsonDocument::fromJson(read(reference + "/summary.json")).object();
  a.remove("wall_seconds");
  b.remove("wall_seconds");
  QCOMPARE(a, b);
  auto withoutSeconds = [&](const QString& path) {  // the 11th column; a method's terms follow
    QList<QByteArray> rows = read(path).trimmed().split('\n');
    for (QByteArray& row : rows) {
      QList<QByteArray> fields = row.split(',');
      fields.removeAt(10);
      row = fields.join(',');
    }
    return rows;
  };
  QCOMPARE(withoutSeconds(run + "/metrics.csv"), withoutSeconds(reference + "/metrics.csv"));
  for (const QString& name : QDir(reference + "/probe").entryList({"*.f32"}, QDir::Files))
    QVERIFY2(read(run + "/probe/" + name) == read(reference + "/probe/" + name), qPrintable(name));
  QVERIFY(read(run + "/student.pt") == read(reference + "/student.pt"));
  QVERIFY(QDir(run).entryList({"*.tmp"}, QDir::Files).isEmpty());
}

void TestKillResume::initTestCase() {
  QVERIFY(tmp_.isValid());
  kd::test::writeIdxDataset(dir("data").toStdString(), 2000, true);
  QProcess p;
  QElapsedTimer timer;
  timer.start();
  p.start(KDTRAIN_PATH, experiment() << "--out" << dir("reference"));
  QVERIFY(p.waitForFinished(600000));
  referenceMs_ = timer.elapsed();
  QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
  p.start(KDTRAIN_PATH, experiment("bf16") << "--out" << dir("reference-bf16"));
  QVERIFY(p.waitForFinished(600000));
  QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
}

void TestKillResume::killsAtRandomMomentsLoseNothing() {
  QRandomGenerator random(2026);  // seeded moments, as fractions of a whole run
  qint64 runMs = referenceMs_;    // the shortest whole run seen: the machine may be busy
  int kills = 0, finished = 0;
  QString run = dir("chain-0");
  QStringList phases;
  while (kills < 20) {
    QStringList args = experiment() << "--out" << run;
    if (const QString from = resumePoint(run); !from.isEmpty()) args << "--resume" << from;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer timer;
    timer.start();
    p.start(KDTRAIN_PATH, args);
    QVERIFY(p.waitForStarted());
    const int delay = 50 + int(random.bounded(qMax<qint64>(1, runMs * 9 / 10)));
    if (!p.waitForFinished(delay)) {
      p.kill();  // SIGKILL
      QVERIFY(p.waitForFinished(30000));
      ++kills;
      const QList<QByteArray> lines = p.readAll().trimmed().split('\n');
      phases << QString("%1 ms: %2").arg(delay).arg(QString::fromUtf8(lines.last()).left(70));
      checkEveryFileParses(run);
      continue;
    }
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, p.readAll().constData());
    if (!args.contains("--resume")) runMs = qMin(runMs, timer.elapsed());
    checkSameResult(run, dir("reference"));
    run = dir(QString("chain-%1").arg(++finished));
  }
  qInfo("%d kills, %d runs finished through kills; last lines before each kill:", kills, finished);
  for (const QString& phase : phases) qInfo("  %s", qPrintable(phase));
  resumeToTheEnd(run);  // the unfinished chain gives the same result too
}

void TestKillResume::resumeToTheEnd(const QString& run) {
  QProcess p;
  QStringList args = experiment() << "--out" << run;
  if (const QString from = resumePoint(run); !from.isEmpty()) args << "--resume" << from;
  p.start(KDTRAIN_PATH, args);
  QVERIFY(p.waitForFinished(600000));
  QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
  checkSameResult(run, dir("reference"));
}

// Killed the moment kdtrain announces a phase: the work that follows is interrupted.
// Runs kdtrain with `args` into `run` and kills it (SIGKILL) once it prints `marker`.
void TestKillResume::killAt(const QStringList& args, const QString& run, const QString& marker) {
  QProcess p;
  p.start(KDTRAIN_PATH, QStringList(args) << "--out" << run);
  QByteArray seen;
  while (!seen.contains(marker.toUtf8()) && p.state() != QProcess::NotRunning) {
    p.waitForReadyRead(50);
    seen += p.readAllStandardError();
  }
  QVERIFY2(seen.contains(marker.toUtf8()), seen.constData());
  p.kill();
  QVERIFY(p.waitForFinished(30000));
}

// killAt, then a resume from the checkpoint alone (the experiment the checkpoint records);
// `output`: what the resumed run printed.
void TestKillResume::killAtThenResume(const QStringList& args, const QString& run,
                                      const QString& marker, QByteArray* output) {
  killAt(args, run, marker);
  if (QTest::currentTestFailed()) return;
  QProcess resume;
  resume.start(KDTRAIN_PATH, {"--resume", resumePoint(run), "--out", run});
  QVERIFY(resume.waitForFinished(600000));
  QVERIFY2(resume.exitCode() == 0, resume.readAllStandardError().constData());
  if (output) *output = resume.readAllStandardOutput();
}

void TestKillResume::killsInEachPhaseLoseNothing_data() {
  QTest::addColumn<QString>("marker");
  QTest::newRow("teacher training") << "training the teacher";
  QTest::newRow("between teacher epochs") << "[teacher] epoch 1/2 done";
  QTest::newRow("teacher's test evaluation") << "teacher: seed-student";
  QTest::newRow("logit caching") << "caching the teacher's logits";
  QTest::newRow("student's first evaluation and epoch") << "distilling into the student";
  QTest::newRow("between student epochs") << "[student] epoch 2/3 done";
}

void TestKillResume::killsInEachPhaseLoseNothing() {
  QFETCH(QString, marker);
  const QString run = dir("phase-" + QString(QTest::currentDataTag()).replace(' ', '-'));
  killAt(experiment(), run, marker);
  if (QTest::currentTestFailed()) return;
  checkEveryFileParses(run);
  resumeToTheEnd(run);
}

void TestKillResume::killedBf16RunResumesInBf16_data() {
  QTest::addColumn<QString>("marker");
  QTest::newRow("between teacher epochs") << "[teacher] epoch 1/2 done";
  QTest::newRow("between student epochs") << "[student] epoch 2/3 done";
}

void TestKillResume::killedBf16RunResumesInBf16() {
  QFETCH(QString, marker);
  const QString run = dir("bf16-" + QString(QTest::currentDataTag()).replace(' ', '-'));
  // No --precision on resuming: the checkpoint's experiment says bf16.
  QByteArray output;
  killAtThenResume(experiment("bf16"), run, marker, &output);
  if (QTest::currentTestFailed()) return;
  QVERIFY(output.contains("in bf16; results in"));
  checkSameResult(run, dir("reference-bf16"));
}

// FitNets trains a regressor beside the student, CRD two heads and a memory bank of every
// transfer image (with its normalising constants): killed between student epochs, the run
// resumes from its checkpoint alone (that state and the optimiser's with it) to the
// uninterrupted result.
void TestKillResume::killedMethodRunResumesItsState_data() {
  QTest::addColumn<QString>("method");
  QTest::addColumn<QString>("setting");
  QTest::newRow("fitnets") << "fitnets"
                           << "hint_weight=1";
  QTest::newRow("crd") << "crd"
                       << "crd_weight=0.8";
}

void TestKillResume::killedMethodRunResumesItsState() {
  QFETCH(QString, method);
  QFETCH(QString, setting);
  QStringList args = experiment();
  args[args.indexOf("--method") + 1] = method;
  args << "--method-setting" << setting;
  QProcess p;
  p.start(KDTRAIN_PATH, QStringList(args) << "--out" << dir("reference-" + method));
  QVERIFY(p.waitForFinished(600000));
  QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
  const QString run = dir(method + "-killed");
  killAtThenResume(args, run, "[student] epoch 2/3 done");
  if (QTest::currentTestFailed()) return;
  checkSameResult(run, dir("reference-" + method));
}

QTEST_GUILESS_MAIN(TestKillResume)
#include "tst_kill_resume.moc"
