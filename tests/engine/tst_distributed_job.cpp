// The facade's side of data-parallel runs: what the launcher's variables mean, and the job the
// window exports (config.json that reads back as the same experiment, a launch.sh with the
// torchrun line for M nodes x N processes); impossible jobs are refused and write nothing.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include "kd/distributed.h"
#include "kd/error.h"
#include "kd/experiment.h"

class TestDistributedJob : public QObject {
  Q_OBJECT

 private:
  static void setLauncherVariables(const QList<QPair<QByteArray, QByteArray>>& variables);

 private Q_SLOTS:
  void cleanup();
  void noVariablesIsAnOrdinaryRun();
  void torchrunVariablesAreRead();
  void jobFolderHoldsConfigAndLaunchScript();
  void launchScriptRunsTheLauncherItNames();
  void impossibleJobsAreRefused_data();
  void impossibleJobsAreRefused();
};

namespace {
const char* kVariables[] = {"RANK",
                            "WORLD_SIZE",
                            "LOCAL_RANK",
                            "LOCAL_WORLD_SIZE",
                            "MASTER_ADDR",
                            "MASTER_PORT",
                            "TORCHELASTIC_USE_AGENT_STORE",
                            "TORCHELASTIC_RESTART_COUNT"};
}  // namespace

void TestDistributedJob::setLauncherVariables(
    const QList<QPair<QByteArray, QByteArray>>& variables) {
  for (const auto& [name, value] : variables) qputenv(name.constData(), value);
}

void TestDistributedJob::cleanup() {
  for (const char* name : kVariables) qunsetenv(name);
}

void TestDistributedJob::noVariablesIsAnOrdinaryRun() {
  QVERIFY(!kd::distributedLaunchFromEnvironment().has_value());
}

void TestDistributedJob::torchrunVariablesAreRead() {
  setLauncherVariables({{"RANK", "3"},
                        {"WORLD_SIZE", "4"},
                        {"LOCAL_RANK", "1"},
                        {"LOCAL_WORLD_SIZE", "2"},
                        {"MASTER_ADDR", "10.0.0.7"},
                        {"MASTER_PORT", "29400"},
                        {"TORCHELASTIC_USE_AGENT_STORE", "True"},
                        {"TORCHELASTIC_RESTART_COUNT", "2"}});
  const auto launch = kd::distributedLaunchFromEnvironment();
  QVERIFY(launch.has_value());
  QCOMPARE(launch->rank, 3);
  QCOMPARE(launch->worldSize, 4);
  QCOMPARE(launch->localRank, 1);
  QCOMPARE(launch->localWorldSize, 2);
  QCOMPARE(QString::fromStdString(launch->masterAddr), QString("10.0.0.7"));
  QCOMPARE(launch->masterPort, 29400);
  QVERIFY(launch->agentStore);
  QCOMPARE(launch->restartCount, 2);
  QCOMPARE(launch->timeoutSeconds, kd::kDefaultDistributedTimeoutSeconds);
}

void TestDistributedJob::jobFolderHoldsConfigAndLaunchScript() {
  QTemporaryDir tmp;
  kd::ExperimentConfig config = kd::defaultExperiment();
  config.alpha = 0.7;
  config.training.batchSize = config.teacher.training.batchSize = 256;
  const QString folder = tmp.filePath("job");
  kd::writeDistributedJob(config, {2, 4, 29511}, folder.toStdString());
  QCOMPARE(kd::toJson(kd::loadExperiment((folder + "/config.json").toStdString())),
           kd::toJson(config));
  QFile script(folder + "/launch.sh");
  QVERIFY(script.open(QIODevice::ReadOnly));
  const QByteArray text = script.readAll();
  QVERIFY2(text.contains("--nnodes 2 --nproc_per_node 4 --node_rank ${NODE_RANK:-0}"), text);
  QVERIFY2(text.contains("--master_port 29511"), text);
  QVERIFY2(text.contains("--config \"$job/config.json\""), text);
  QVERIFY2(text.contains("8 ranks, global batch 256 (32 a rank)"), text);
  QVERIFY(QFileInfo(folder + "/launch.sh").isExecutable());
  QVERIFY(QDir(folder).entryList({"*.tmp"}, QDir::Files).isEmpty());
}

// The script runs the launcher it is given ($TORCHRUN) with the job's arguments: a stand-in
// launcher prints them.
void TestDistributedJob::launchScriptRunsTheLauncherItNames() {
  QTemporaryDir tmp;
  const QString folder = tmp.filePath("job");
  kd::writeDistributedJob(kd::defaultExperiment(), {1, 2, 29500}, folder.toStdString());
  QFile fake(tmp.filePath("fake-torchrun"));
  QVERIFY(fake.open(QIODevice::WriteOnly));
  fake.write("#!/bin/sh\necho \"$@\"\n");
  fake.close();
  fake.setPermissions(fake.permissions() | QFileDevice::ExeOwner);
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("TORCHRUN", fake.fileName());
  env.insert("KDTRAIN", "/opt/kd/kdtrain");
  env.insert("OUT", "/data/run-7");
  p.setProcessEnvironment(env);
  p.start(folder + "/launch.sh", {"--epochs", "3"});
  QVERIFY(p.waitForFinished(30000));
  QCOMPARE(p.exitCode(), 0);
  const QString line = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
  QCOMPARE(line,
           "--nnodes 1 --nproc_per_node 2 --node_rank 0 --master_addr 127.0.0.1 "
           "--master_port 29500 --no_python /opt/kd/kdtrain --config " +
               QDir(folder).canonicalPath() + "/config.json --out /data/run-7 --epochs 3");
}

void TestDistributedJob::impossibleJobsAreRefused_data() {
  QTest::addColumn<int>("nodes");
  QTest::addColumn<int>("processes");
  QTest::addColumn<int>("batch");
  QTest::addColumn<QString>("message");
  QTest::newRow("no node") << 0 << 2 << 128 << "at least one node and one process";
  QTest::newRow("no process") << 1 << 0 << 128 << "at least one node and one process";
  QTest::newRow("batch over 3") << 1 << 3 << 128 << "does not split evenly over 3 processes";
}

void TestDistributedJob::impossibleJobsAreRefused() {
  QFETCH(int, nodes);
  QFETCH(int, processes);
  QFETCH(int, batch);
  QFETCH(QString, message);
  QTemporaryDir tmp;
  kd::ExperimentConfig config = kd::defaultExperiment();
  config.training.batchSize = batch;
  const QString folder = tmp.filePath("job");
  try {
    kd::writeDistributedJob(config, {nodes, processes, 29500}, folder.toStdString());
    QFAIL("the job was written");
  } catch (const kd::Error& e) {
    QVERIFY2(QString(e.what()).contains(message), e.what());
  }
  QVERIFY(!QFileInfo::exists(folder));
}

QTEST_GUILESS_MAIN(TestDistributedJob)
#include "tst_distributed_job.moc"
