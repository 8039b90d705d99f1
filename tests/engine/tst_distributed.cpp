// Data-parallel kdtrain on c10d (Gloo over the loopback interface), on real Fashion-MNIST
// images: two processes with global batch B train to the weights of one process with batch B
// (models without batchnorm or dropout) and write the same run folder but for timing; torchrun
// (scripts/torchrun) launches the same run; a rank killed mid-epoch makes the survivor stop
// with a message within the timeout, and resuming both ranks finishes the run with the weights
// of an uninterrupted run of two; bad launches (incomplete variables, a batch that does not split,
// a sweep, another world size on resume, a missing peer) each give their message and write nothing.
#include <netinet/in.h>
#include <sys/socket.h>
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)
#include <unistd.h>

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "run/checkpoint.h"

namespace {

constexpr double kWeightTolerance = 1e-4;  // the issue's bound after 50+ steps
constexpr int kTimeoutSeconds = 20;        // --dist-timeout of the runs that lose a rank

// A port nobody listens on now (the kernel's choice for a socket bound to port 0).
int freePort() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof a;
  const bool ok = bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
                  getsockname(s, reinterpret_cast<sockaddr*>(&a), &length) == 0;
  close(s);
  return ok ? ntohs(a.sin_port) : 29500;
}

QByteArray readFile(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("missing " + path.toUtf8());
}

double maxWeightDifference(const QString& a, const QString& b) {
  kd::KdNet x = kd::loadCheckpointModel(a.toStdString());
  kd::KdNet y = kd::loadCheckpointModel(b.toStdString());
  auto px = x->named_parameters(), py = y->named_parameters();
  double worst = 0;
  for (const auto& p : px)
    worst = std::max(worst, (p.value() - py[p.key()]).abs().max().item<double>());
  return worst;
}

// Numbers equal within `tolerance`, everything else exactly.
bool sameJson(const QJsonValue& a, const QJsonValue& b, double tolerance, QString* where) {
  if (a.isDouble() && b.isDouble()) {
    if (std::abs(a.toDouble() - b.toDouble()) <= tolerance) return true;
    *where = QString("%1 vs %2").arg(a.toDouble()).arg(b.toDouble());
    return false;
  }
  if (a.type() != b.type()) return (*where = "types differ"), false;
  if (a.isArray()) {
    const QJsonArray x = a.toArray(), y = b.toArray();
    if (x.size() != y.size()) return (*where = "array sizes differ"), false;
    for (int i = 0; i < x.size(); ++i)
      if (!sameJson(x[i], y[i], tolerance, where))
        return (*where = QString("[%1] ").arg(i) + *where), false;
    return true;
  }
  if (a.isObject()) {
    const QJsonObject x = a.toObject(), y = b.toObject();
    if (x.keys() != y.keys()) return (*where = "keys differ"), false;
    for (const QString& k : x.keys())
      if (!sameJson(x[k], y[k], tolerance, where)) return (*where = k + ": " + *where), false;
    return true;
  }
  return a == b || ((*where = "values differ"), false);
}

}  // namespace

class TestDistributed : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  QString dir(const QString& name) const { return tmp_.filePath(name); }
  // An MLP teacher and student (no batchnorm, no dropout) on the first images of Fashion-MNIST.
  QStringList experiment(int images, int teacherEpochs) const {
    return {"--teacher",        "hinton-mlp-student",
            "--teacher-epochs", QString::number(teacherEpochs),
            "--student",        dir("mlp-64.json"),
            "--epochs",         "2",
            "--batch-size",     "64",
            "--limit-train",    QString::number(images),
            "--threads",        "1",
            "--device",         "cpu",
            "--seed",           "3"};
  }
  struct Ranks {
    std::vector<std::unique_ptr<QProcess>> processes;
  };
  static Ranks startRanks(const QStringList& args, int world, int port);
  static int runAlone(const QStringList& args, QByteArray* errors,
                      const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());
  static void finishRanks(Ranks& ranks);
  static void checkSameFolder(const QString& run, const QString& reference);

 private Q_SLOTS:
  void initTestCase();
  void twoProcessesTrainLikeOne();
  void torchrunLaunchesTheSameRun();
  void aKilledRankStopsTheOtherAndResumeFinishes();
  void badLaunchesAreRefused_data();
  void badLaunchesAreRefused();
  void aMissingPeerTimesOut();
};

TestDistributed::Ranks TestDistributed::startRanks(const QStringList& args, int world, int port) {
  Ranks ranks;
  for (int r = 0; r < world; ++r) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("RANK", QString::number(r));
    env.insert("WORLD_SIZE", QString::number(world));
    env.insert("LOCAL_RANK", QString::number(r));
    env.insert("LOCAL_WORLD_SIZE", QString::number(world));
    env.insert("MASTER_ADDR", "127.0.0.1");
    env.insert("MASTER_PORT", QString::number(port));
    auto p = std::make_unique<QProcess>();
    p->setProcessEnvironment(env);
    p->start(KDTRAIN_PATH, args);
    ranks.processes.push_back(std::move(p));
  }
  return ranks;
}

void TestDistributed::finishRanks(Ranks& ranks) {
  for (auto& p : ranks.processes) {
    QVERIFY(p->waitForFinished(600000));
    QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0,
             p->readAllStandardError().constData());
  }
}

int TestDistributed::runAlone(const QStringList& args, QByteArray* errors,
                              const QProcessEnvironment& env) {
  QProcess p;
  p.setProcessEnvironment(env);
  p.start(KDTRAIN_PATH, args);
  if (!p.waitForFinished(600000)) return -1;
  *errors = p.readAllStandardError();
  return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// The same files; the same numbers within the tolerance, apart from the timing fields and the
// record of the data-parallel run itself.
void TestDistributed::checkSameFolder(const QString& run, const QString& reference) {
  QCOMPARE(QDir(run).entryList(QDir::Files), QDir(reference).entryList(QDir::Files));
  QCOMPARE(QDir(run + "/probe").entryList(QDir::Files),
           QDir(reference + "/probe").entryList(QDir::Files));
  QCOMPARE(readFile(run + "/config.json"), readFile(reference + "/config.json"));
  QJsonObject a = QJsonDocument::fromJson(readFile(run + "/summary.json")).object();
  QJsonObject b = QJsonDocument::fromJson(readFile(reference + "/summary.json")).object();
  QCOMPARE(a["data_parallel"].toObject()["processes"].toInt(), 2);
  QCOMPARE(a["data_parallel"].toObject()["backend"].toString(), QString("gloo"));
  QVERIFY(!b.contains("data_parallel"));
  for (QJsonObject* o : {&a, &b}) {
    o->remove("wall_seconds");
    o->remove("data_parallel");
  }
  QString where;
  QVERIFY2(sameJson(a, b, 1e-4, &where), qPrintable("summary.json " + where));
  const QList<QByteArray> x = readFile(run + "/metrics.csv").trimmed().split('\n');
  const QList<QByteArray> y = readFile(reference + "/metrics.csv").trimmed().split('\n');
  QCOMPARE(x.size(), y.size());
  QCOMPARE(x.front(), y.front());  // the header
  for (int row = 1; row < x.size(); ++row) {
    const QList<QByteArray> u = x[row].split(','), v = y[row].split(',');
    QCOMPARE(u.size(), v.size());
    for (int col = 0; col + 1 < u.size(); ++col) {  // seconds come last
      bool numeric = false;
      const double du = u[col].toDouble(&numeric), dv = v[col].toDouble();
      if (!numeric) QCOMPARE(u[col], v[col]);
      QVERIFY2(!numeric || std::abs(du - dv) <= 1e-4, x[row] + " vs " + y[row]);
    }
  }
  for (const char* model : {"teacher.ckpt", "student.ckpt"}) {
    const double d = maxWeightDifference(run + "/" + model, reference + "/" + model);
    qInfo("%s: largest weight difference %.3g", model, d);
    QVERIFY2(d <= kWeightTolerance, model);
  }
}

void TestDistributed::initTestCase() {
  QVERIFY(tmp_.isValid());
  QFile arch(dir("mlp-64.json"));
  QVERIFY(arch.open(QIODevice::WriteOnly));
  arch.write(R"({"name": "mlp-64", "hidden": [64]})");
  arch.close();
  QByteArray errors;
  // 1,280 images, batch 64: 20 teacher steps and 40 student steps.
  QCOMPARE(runAlone(experiment(1280, 1) << "--out" << dir("one"), &errors), 0);
  Ranks ranks = startRanks(experiment(1280, 1) << "--out" << dir("two"), 2, freePort());
  finishRanks(ranks);
  // Longer runs are chaotic (after ~40 steps one process with 1 thread and with 2 threads
  // differ by 1e-3), so the killed run is compared with an uninterrupted run of 2 processes,
  // which repeats bit for bit.
  Ranks longer = startRanks(experiment(3200, 3) << "--out" << dir("long-two"), 2, freePort());
  finishRanks(longer);
}

void TestDistributed::twoProcessesTrainLikeOne() { checkSameFolder(dir("two"), dir("one")); }

void TestDistributed::torchrunLaunchesTheSameRun() {
  QProcess p;
  p.start(TORCHRUN_PATH, QStringList{"--no_python", "--nproc_per_node", "2", "--master_port",
                                     QString::number(freePort()), KDTRAIN_PATH} +
                             experiment(1280, 1) + QStringList{"--out", dir("torchrun")});
  QVERIFY(p.waitForFinished(600000));
  QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
  checkSameFolder(dir("torchrun"), dir("one"));
}

void TestDistributed::aKilledRankStopsTheOtherAndResumeFinishes() {
  const QString run = dir("killed");
  QStringList args = experiment(3200, 3)
                     << "--out" << run << "--dist-timeout" << QString::number(kTimeoutSeconds);
  Ranks ranks = startRanks(args, 2, freePort());
  QProcess& survivor = *ranks.processes[0];
  QProcess& victim = *ranks.processes[1];
  QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(run + "/teacher.ckpt"), 300000);
  QTest::qWait(200);  // into the teacher's second epoch (of 50 steps)
  victim.kill();      // SIGKILL
  QVERIFY(victim.waitForFinished(30000));
  QElapsedTimer stopping;
  stopping.start();
  // No hang: the survivor stops by itself, well before the test gives up on it.
  QVERIFY(survivor.waitForFinished((kTimeoutSeconds + 60) * 1000));
  qInfo("the survivor stopped %lld ms after the kill", stopping.elapsed());
  QCOMPARE(survivor.exitCode(), 2);
  const QByteArray message = survivor.readAllStandardError();
  QVERIFY2(message.contains("kdtrain (rank 0 of 2): error: lost the other processes"),
           message.constData());
  QVERIFY(!QFileInfo::exists(run + "/summary.json"));
  const QString from =
      QFileInfo::exists(run + "/student.ckpt") ? run + "/student.ckpt" : run + "/teacher.ckpt";
  Ranks resumed =
      startRanks(experiment(3200, 3) << "--out" << run << "--resume" << from, 2, freePort());
  finishRanks(resumed);
  QVERIFY(QFileInfo::exists(run + "/summary.json"));
  for (const char* model : {"teacher.ckpt", "student.ckpt"})
    QVERIFY2(maxWeightDifference(run + "/" + model, dir("long-two") + "/" + model) == 0, model);
}

void TestDistributed::badLaunchesAreRefused_data() {
  QTest::addColumn<QStringList>("variables");  // NAME=VALUE
  QTest::addColumn<QStringList>("extra");      // kdtrain options
  QTest::addColumn<QString>("message");
  const QStringList full{"RANK=0", "WORLD_SIZE=2", "LOCAL_RANK=0", "MASTER_ADDR=127.0.0.1",
                         "MASTER_PORT=1"};
  QTest::newRow("incomplete variables")
      << QStringList{"RANK=0", "WORLD_SIZE=2"} << QStringList{}
      << "the environment sets RANK WORLD_SIZE but not LOCAL_RANK MASTER_ADDR MASTER_PORT";
  QTest::newRow("rank outside the world")
      << QStringList{"RANK=2", "WORLD_SIZE=2", "LOCAL_RANK=0", "MASTER_ADDR=127.0.0.1",
                     "MASTER_PORT=29500"}
      << QStringList{} << "RANK=2, which is not a whole number from 0 to 1";
  QTest::newRow("port out of range") << QStringList{"RANK=0", "WORLD_SIZE=2", "LOCAL_RANK=0",
                                                    "MASTER_ADDR=127.0.0.1", "MASTER_PORT=70000"}
                                     << QStringList{} << "MASTER_PORT=70000";
  QTest::newRow("a batch that does not split")
      << full << QStringList{"--batch-size", "65"}
      << "the batch size 65 is the global batch of all 2 processes";
  QTest::newRow("a sweep") << full << QStringList{"--seeds", "1,2"}
                           << "runs in one process; start it without torchrun";
  QTest::newRow("another world size on resume")
      << QStringList{} << QStringList{"--resume", "TWO_RANK_CHECKPOINT"}
      << "was written by a run of 2 process(es); resume it with 2, not 1";
}

void TestDistributed::badLaunchesAreRefused() {
  QFETCH(QStringList, variables);
  QFETCH(QStringList, extra);
  QFETCH(QString, message);
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  for (const QString& v : variables) env.insert(v.section('=', 0, 0), v.section('=', 1));
  extra.replaceInStrings("TWO_RANK_CHECKPOINT", dir("two/student.ckpt"));
  const QString out = dir(QString("refused-") + QTest::currentDataTag()).replace(' ', '-');
  QStringList args = experiment(1280, 1);
  for (int i = 0; i + 1 < extra.size(); i += 2)  // an option given again replaces the value
    if (const int at = args.indexOf(extra[i]); at >= 0)
      args[at + 1] = extra[i + 1];
    else
      args << extra[i] << extra[i + 1];
  QByteArray errors;
  QCOMPARE(runAlone(args + QStringList{"--out", out}, &errors, env), 2);
  QVERIFY2(errors.contains(message.toUtf8()), errors.constData());
  QVERIFY(!QFileInfo::exists(out));
}

void TestDistributed::aMissingPeerTimesOut() {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  for (const auto& [name, value] :
       std::vector<std::pair<QString, QString>>{{"RANK", "0"},
                                                {"WORLD_SIZE", "2"},
                                                {"LOCAL_RANK", "0"},
                                                {"MASTER_ADDR", "127.0.0.1"},
                                                {"MASTER_PORT", QString::number(freePort())}})
    env.insert(name, value);
  QByteArray errors;
  const QString out = dir("alone");
  QCOMPARE(runAlone(experiment(1280, 1) << "--out" << out << "--dist-timeout"
                                        << "3",
                    &errors, env),
           2);
  QVERIFY2(errors.contains("could not join the data-parallel group of 2 processes"),
           errors.constData());
  QVERIFY(!QFileInfo::exists(out));
}

QTEST_GUILESS_MAIN(TestDistributed)
#include "tst_distributed.moc"
