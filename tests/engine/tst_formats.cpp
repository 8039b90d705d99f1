// Formats that last: the files the first release wrote (tests/formats/v1, before files carried
// a format version) open in this one, in the engine and in kdtrain; files of a newer, unknown
// version are refused with a message that names the version; what this build writes carries
// its version.
#include <torch/torch.h>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kd/error.h"
#include "kd/experiment_runner.h"
#include "kd/inspection.h"
#include "kd/sweep.h"
#include "run/checkpoint.h"
#include "run/run_files.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kV1 = KD_FORMATS_DIR "/v1";
const std::string kV2 = KD_FORMATS_DIR "/v2";

json readJson(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

void writeJson(const std::string& path, const json& j) { std::ofstream(path) << j.dump(2); }

// A copy of the first release's `name` (a file or a folder) in `dir`.
std::string copyOfV1(const QTemporaryDir& dir, const std::string& name) {
  const std::string copy = dir.filePath(QString::fromStdString(name)).toStdString();
  fs::copy(kV1 + "/" + name, copy, fs::copy_options::recursive);
  return copy;
}

// The message of the kd::Error that `f` throws, or "" when it throws none.
template <typename F>
QString errorOf(F f) {
  try {
    f();
  } catch (const kd::Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

struct Exit {
  int code;
  QString out;
};

// A checkpoint's JSON header; null when it has none.
json checkpointHeader(const std::string& path) {
  torch::serialize::InputArchive in;
  in.load_from(path);
  c10::IValue header;
  return in.try_read("header", header) ? json::parse(header.toStringRef()) : json();
}

// The checkpoint `from` written again to `to` with another header and the same weights.
void rewriteCheckpoint(const std::string& from, const json& header, const std::string& to) {
  kd::KdNet model = kd::loadCheckpointModel(from);
  torch::serialize::OutputArchive out;
  out.write("header", c10::IValue(header.dump()));
  for (const auto& p : model->named_parameters()) out.write("param/" + p.key(), p.value());
  for (const auto& b : model->named_buffers()) out.write("buffer/" + b.key(), b.value(), true);
  out.save_to(to);
}

Exit kdtrain(const QStringList& args) {
  QProcess p;
  p.start(KDTRAIN_PATH, args);
  p.waitForFinished(300000);
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError())};
}

}  // namespace

class TestFormats : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void firstReleaseFilesOpen();
  void secondExperimentFormatOpens();
  void firstReleaseRunInspects();
  void firstReleaseSweepResumes();
  void kdtrainOpensFirstReleaseFiles();
  void newerVersionsAreRefused_data();
  void newerVersionsAreRefused();
  void newerCheckpointIsRefused();
  void earlierSettingsStillResume();
  void writtenFilesCarryTheirVersion();
};

void TestFormats::firstReleaseFilesOpen() {
  const kd::ExperimentConfig experiment = kd::loadExperiment(kV1 + "/experiment.json");
  QCOMPARE(experiment.student.name, std::string("tiny-mlp"));
  QCOMPARE(experiment.data.limitTrain, int64_t(300));
  const kd::RunReport summary = kd::readSummary(kV1 + "/run/summary.json");
  QCOMPARE(summary.student.name, std::string("tiny-mlp"));
  QCOMPARE(summary.student.testAccuracy,
           readJson(kV1 + "/run/summary.json")["student"]["test_accuracy"].get<double>());
  const kd::CheckpointInfo info = kd::readCheckpointInfo(kV1 + "/run/student.ckpt");
  QCOMPARE(info.epoch, 2);
  QCOMPARE(info.classes.size(), size_t(10));
  QCOMPARE(kd::experimentOfCheckpoint(kV1 + "/run/student.ckpt").student.name,
           std::string("tiny-mlp"));
  const kd::SweepResults sweep = kd::readSweep(kV1 + "/sweep");
  QCOMPARE(sweep.runsDone, 4);
  QCOMPARE(sweep.points.size(), size_t(2));
}

void TestFormats::firstReleaseRunInspects() {
  kd::RunInspector inspector(kV1 + "/run");
  QCOMPARE(inspector.data().count, int64_t(10000));
  QCOMPARE(inspector.probes().size(), size_t(3));  // before training and after both epochs
}

// Resuming compares the folder's sweep.json with the sweep: a first-release file, which has no
// version, is the same sweep.
void TestFormats::firstReleaseSweepResumes() {
  QTemporaryDir dir;
  const std::string folder = copyOfV1(dir, "sweep");
  kd::SweepObserver quiet;
  kd::RunControl control;
  const kd::SweepResults results =
      kd::runSweep(kd::loadSweep(folder + "/sweep.json"), folder, true, quiet, control);
  QCOMPARE(results.runsDone, 4);
  QVERIFY(!results.cancelled);
}

void TestFormats::kdtrainOpensFirstReleaseFiles() {
  const QString v1 = QString::fromStdString(kV1);
  Exit card = kdtrain({"--inspect", v1 + "/run"});
  QCOMPARE(card.code, 0);
  QVERIFY2(card.out.contains("tiny-mlp"), qPrintable(card.out));
  for (const QStringList& args : {QStringList{"--config", v1 + "/experiment.json"},
                                  QStringList{"--resume", v1 + "/run/student.ckpt"},
                                  QStringList{"--sweep", v1 + "/sweep/sweep.json"}}) {
    const Exit dry = kdtrain(args + QStringList{"--dry-run"});
    QVERIFY2(dry.code == 0 && dry.out.contains("nothing was written"), qPrintable(dry.out));
  }
}

// Format 2 added the distillation method and its settings.
void TestFormats::secondExperimentFormatOpens() {
  const kd::ExperimentConfig c = kd::loadExperiment(kV2 + "/experiment.json");
  QCOMPARE(c.method, std::string("dkd"));
  QCOMPARE(kd::methodSetting(c, "nckd_weight"), 6.0);
  QCOMPARE(kd::methodSetting(c, "warmup"), 1.0);
  QCOMPARE(c.student.name, std::string("tiny-mlp"));
  kd::refuseSettingsWithoutEffect(c);
}

void TestFormats::newerVersionsAreRefused_data() {
  QTest::addColumn<QString>("file");  // in v1/
  QTest::addColumn<QString>("version");
  QTest::addColumn<QString>("message");
  QTest::newRow("experiment") << "experiment.json"
                              << "99"
                              << "the experiment was written by a newer KD Workbench (format "
                                 "version 99; this build reads up to version 2)";
  QTest::newRow("experiment, not a number") << "experiment.json"
                                            << "\"two\""
                                            << "the experiment has an unknown format version";
  QTest::newRow("run summary") << "run/summary.json"
                               << "7"
                               << "format version 7";
  QTest::newRow("sweep") << "sweep/sweep.json"
                         << "2"
                         << "format version 2";
  QTest::newRow("sweep, zero") << "sweep/sweep.json"
                               << "0"
                               << "unknown format version 0";
}

void TestFormats::newerVersionsAreRefused() {
  QFETCH(QString, file);
  QFETCH(QString, version);
  QFETCH(QString, message);
  QTemporaryDir dir;
  const std::string top = file.section('/', 0, 0).toStdString();
  copyOfV1(dir, top);
  const std::string path = dir.filePath(file).toStdString();
  json j = readJson(path);
  j["version"] = json::parse(version.toStdString());
  writeJson(path, j);
  const QString error = errorOf([&] {
    if (top == "experiment.json") kd::loadExperiment(path);
    if (top == "run") kd::readSummary(path);
    if (top == "sweep") kd::readSweep(dir.filePath("sweep").toStdString());
  });
  QVERIFY2(error.contains(message), qPrintable(error));
  if (top == "experiment.json") {  // kdtrain says the same, and writes nothing
    const Exit run =
        kdtrain({"--config", QString::fromStdString(path), "--out", dir.filePath("out")});
    QCOMPARE(run.code, 2);
    QVERIFY2(run.out.contains(message), qPrintable(run.out));
    QVERIFY(!fs::exists(dir.filePath("out").toStdString()));
  }
}

// The first release's checkpoint with a header that claims a newer version.
void TestFormats::newerCheckpointIsRefused() {
  const std::string v1 = kV1 + "/run/student.ckpt";
  json j = checkpointHeader(v1);
  QVERIFY(j.is_object());
  j["version"] = 3;
  QTemporaryDir dir;
  const std::string path = dir.filePath("newer.ckpt").toStdString();
  rewriteCheckpoint(v1, j, path);
  const QString error = errorOf([&] { kd::readCheckpointInfo(path); });
  QVERIFY2(error.contains("was written by a newer KD Workbench (format version 3"),
           qPrintable(error));
}

// An earlier build's window could record a setting that cannot act (an image size off image
// folders): such a checkpoint still resumes, and its experiment still opens, while a new run
// with the same setting is refused.
void TestFormats::earlierSettingsStillResume() {
  const std::string v1 = kV1 + "/run/student.ckpt";
  json j = checkpointHeader(v1);
  QVERIFY(j.is_object());
  json experiment = json::parse(j["experiment"].get<std::string>());
  experiment["data"]["image_size"] = 64;
  j["experiment"] = experiment.dump();
  QTemporaryDir dir;
  const std::string path = dir.filePath("student.ckpt").toStdString();
  rewriteCheckpoint(v1, j, path);
  QCOMPARE(kd::experimentOfCheckpoint(path).data.imageSize, 64);
  const Exit resume = kdtrain({"--resume", QString::fromStdString(path), "--dry-run"});
  QVERIFY2(resume.code == 0, qPrintable(resume.out));
  const std::string file = dir.filePath("experiment.json").toStdString();
  writeJson(file, experiment);
  const Exit fresh = kdtrain({"--config", QString::fromStdString(file), "--dry-run"});
  QCOMPARE(fresh.code, 2);
  QVERIFY2(fresh.out.contains("data.image_size and grayscale act on image folders only"),
           qPrintable(fresh.out));
}

void TestFormats::writtenFilesCarryTheirVersion() {
  QCOMPARE(json::parse(kd::toJson(kd::defaultExperiment()))["version"].get<int>(),
           kd::ExperimentConfig::kVersion);
  QCOMPARE(json::parse(kd::summaryJson(kd::RunReport{}))["version"].get<int>(),
           kd::RunReport::kVersion);
  QCOMPARE(
      json::parse(kd::toJson(kd::SweepSpec{kd::defaultExperiment(), {}, {}, {}, false}))["version"]
          .get<int>(),
      kd::SweepSpec::kVersion);
  QTemporaryDir dir;
  const std::string path = dir.filePath("student.ckpt").toStdString();
  kd::CheckpointInfo info = kd::readCheckpointInfo(kV1 + "/run/student.ckpt");
  kd::KdNet model = kd::loadCheckpointModel(kV1 + "/run/student.ckpt");
  kd::saveCheckpoint(path, model, nullptr, info);
  torch::serialize::InputArchive in;
  in.load_from(path);
  c10::IValue header;
  QVERIFY(in.try_read("header", header));
  QCOMPARE(json::parse(header.toStringRef())["version"].get<int>(), 1);
}

QTEST_MAIN(TestFormats)
#include "tst_formats.moc"
