// Training end to end on real Fashion-MNIST subsets: a short run beats chance, a fixed seed
// repeats exactly, a resumed run equals the uninterrupted one, pause and cancel work from
// another thread, and a diverging run stops with a message and keeps its last checkpoint.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <limits>
#include <thread>

#include "kd/error.h"
#include "kd/experiment_runner.h"
#include "run/checkpoint.h"
#include "teachers/teacher_logits_cache.h"
#include "test_data.h"

using namespace kd;

namespace {

// A small, quick experiment on the first images of the real Fashion-MNIST.
ExperimentConfig smallExperiment() {
  ExperimentConfig c = defaultExperiment();
  c.data.limitTrain = 2000;
  c.teacher.file.clear();  // trained here
  c.teacher.arch = preset("cnn-small");
  c.teacher.training.epochs = 2;
  c.student = preset("hinton-mlp-student");
  c.student.dropout = 0.2;  // exercises the random number generator on resume
  c.training.epochs = 3;
  c.threads = 2;
  c.device = "cpu";  // exact repeats are promised per device
  return c;
}

class Recorder : public TrainingObserver {
 public:
  std::vector<EpochMetrics> epochs;
  std::atomic<int> batches{0};
  RunControl* cancelAfter = nullptr;
  Phase cancelPhase = Phase::kStudent;
  int cancelEpoch = 0;

  std::vector<double> teacherReady;
  void onBatch(const BatchProgress&) override { ++batches; }
  void onTeacherReady(double accuracy) override { teacherReady.push_back(accuracy); }
  void onEpoch(const EpochMetrics& m) override {
    epochs.push_back(m);
    if (cancelAfter && m.phase == cancelPhase && m.epoch == cancelEpoch) cancelAfter->cancel();
  }
};

RunReport run(const ExperimentConfig& c, const std::string& out, Recorder& recorder,
              const std::string& resume = "") {
  RunControl control;
  if (recorder.cancelAfter) recorder.cancelAfter = &control;
  return runExperiment(c, {out, resume, {}}, recorder, control);
}

bool sameWeights(const std::string& a, const std::string& b) {
  KdNet x = loadCheckpointModel(a), y = loadCheckpointModel(b);
  auto px = x->named_parameters(), py = y->named_parameters();
  for (const auto& p : px)
    if (!p.value().equal(py[p.key()])) return false;
  return true;
}

}  // namespace

class TestTraining : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  std::string dir(const std::string& name) const {
    return tmp_.filePath(QString::fromStdString(name)).toStdString();
  }
  // The short run's folder, made by whichever test needs it first: each test runs alone.
  std::string shortRun();

 private Q_SLOTS:
  void shortRunBeatsChance();
  void fixedSeedRepeatsExactly();
  void resumeEqualsUninterrupted_data();
  void resumeEqualsUninterrupted();
  void pauseAndCancelFromAnotherThread();
  void cancelWhileReadingTheDataset();
  void divergingRunStopsAndKeepsCheckpoint();
  void nonFiniteWeightsAreNeverCheckpointed_data();
  void nonFiniteWeightsAreNeverCheckpointed();
  void resumeRejectsOtherArchitecture();
  void teacherFromCheckpointIsNotRetrained();
  void builtinTeacherKeepsItsStatedAccuracy();
};

std::string TestTraining::shortRun() {
  if (!QFile::exists(QString::fromStdString(dir("short") + "/summary.json"))) {
    Recorder recorder;
    run(smallExperiment(), dir("short"), recorder);
  }
  return dir("short");
}

void TestTraining::shortRunBeatsChance() {
  Recorder recorder;
  RunReport r = run(smallExperiment(), dir("short"), recorder);
  QVERIFY(!r.cancelled);
  QVERIFY2(r.teacher.testAccuracy > 0.6, std::to_string(r.teacher.testAccuracy).c_str());
  QVERIFY2(r.student.testAccuracy > 0.6, std::to_string(r.student.testAccuracy).c_str());
  QVERIFY(r.agreement > 0.6);
  QCOMPARE(recorder.epochs.size(), size_t(5));
  QVERIFY(recorder.batches > 0);
  QCOMPARE(r.teacher.confusion.size(), size_t(10));
  int64_t total = 0;
  for (const auto& row : r.student.confusion)
    for (int64_t v : row) total += v;
  QCOMPARE(total, int64_t(10000));
  for (const char* f :
       {"config.json", "metrics.csv", "summary.json", "teacher.ckpt", "student.ckpt"})
    QVERIFY2(QFile::exists(QString::fromStdString(dir("short") + "/" + f)), f);
  const EpochMetrics& last = recorder.epochs.back();
  QVERIFY(last.loss.kl > 0);
  const double alpha = smallExperiment().alpha;
  QVERIFY(std::abs(last.loss.total - (alpha * last.loss.ce + (1 - alpha) * last.loss.kdScaled)) <
          1e-6);
  QVERIFY(std::abs(last.loss.kdScaled - 16 * last.loss.kl) < 1e-6);
}

void TestTraining::fixedSeedRepeatsExactly() {
  Recorder a, b;
  RunReport ra = run(smallExperiment(), dir("seed-a"), a);
  RunReport rb = run(smallExperiment(), dir("seed-b"), b);
  QCOMPARE(ra.student.testAccuracy, rb.student.testAccuracy);
  QCOMPARE(a.epochs.back().loss.total, b.epochs.back().loss.total);
  QVERIFY(sameWeights(dir("seed-a") + "/student.ckpt", dir("seed-b") + "/student.ckpt"));
}

void TestTraining::resumeEqualsUninterrupted_data() {
  QTest::addColumn<int>("phase");
  QTest::addColumn<QString>("checkpoint");
  QTest::addColumn<QString>("method");
  QTest::newRow("in the teacher phase") << int(Phase::kTeacher) << "teacher.ckpt"
                                        << "kd";
  QTest::newRow("in the student phase") << int(Phase::kStudent) << "student.ckpt"
                                        << "kd";
  // DKD's warmup weighs each epoch by its number: the resumed epochs must know theirs.
  QTest::newRow("dkd, in the student phase") << int(Phase::kStudent) << "student.ckpt"
                                             << "dkd";
  // FitNets trains a regressor beside the student (and its optimiser state): the resumed run
  // must continue both, not start the regressor afresh.
  QTest::newRow("fitnets, in the student phase") << int(Phase::kStudent) << "student.ckpt"
                                                 << "fitnets";
}

void TestTraining::resumeEqualsUninterrupted() {
  QFETCH(int, phase);
  QFETCH(QString, checkpoint);
  QFETCH(QString, method);
  ExperimentConfig c = smallExperiment();
  c.method = method.toStdString();
  if (method == "dkd") c.methodSettings["warmup"] = 3;
  if (method == "fitnets") c.methodSettings["hint_weight"] = 1;  // 100 diverges on an MLP
  const std::string whole = dir(method == "kd" ? "whole" : "whole-" + c.method),
                    parts = dir(phase == 0 ? "parts-t" : "parts-s-" + method.toStdString());
  if (!QFile::exists(QString::fromStdString(whole + "/summary.json"))) {
    Recorder recorder;
    run(c, whole, recorder);
  }
  Recorder first;
  RunControl unused;
  first.cancelAfter = &unused;
  first.cancelPhase = Phase(phase);
  first.cancelEpoch = 1;
  QVERIFY(run(c, parts, first).cancelled);
  QVERIFY(!QFile::exists(QString::fromStdString(parts + "/summary.json")));
  const std::string ckpt = parts + "/" + checkpoint.toStdString();
  Recorder second;
  RunReport resumed = run(experimentOfCheckpoint(ckpt), parts, second, ckpt);
  QVERIFY(!resumed.cancelled);
  QCOMPARE(second.epochs.front().epoch, 2);
  QVERIFY(sameWeights(whole + "/student.ckpt", parts + "/student.ckpt"));
  QVERIFY(sameWeights(whole + "/teacher.ckpt", parts + "/teacher.ckpt"));
  QFile a(QString::fromStdString(whole + "/metrics.csv")),
      b(QString::fromStdString(parts + "/metrics.csv"));
  QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
  // Same rows but for the seconds column (the 11th; a method's terms follow it).
  auto rows = [](QFile& f) {
    QStringList out;
    for (const QString& line : QString(f.readAll()).split('\n', Qt::SkipEmptyParts)) {
      QStringList fields = line.split(',');
      fields.removeAt(10);
      out << fields.join(',');
    }
    return out;
  };
  QCOMPARE(rows(b), rows(a));
}

void TestTraining::pauseAndCancelFromAnotherThread() {
  ExperimentConfig c = smallExperiment();
  c.data.limitTrain = 0;  // long enough to steer
  c.teacher.training.epochs = 5;
  Recorder recorder;
  RunControl control;
  RunReport report;
  std::thread worker([&] { report = runExperiment(c, {"", "", {}}, recorder, control); });
  QTRY_VERIFY_WITH_TIMEOUT(recorder.batches >= 2, 20000);
  control.pause();
  // The batch in flight finishes and reports, however long it takes on a loaded machine.
  QTRY_VERIFY_WITH_TIMEOUT(control.holding(), 60000);
  const int atPause = recorder.batches;
  QTest::qWait(800);  // three report intervals with nothing new
  QCOMPARE(int(recorder.batches), atPause);
  control.resume();
  QTRY_VERIFY_WITH_TIMEOUT(recorder.batches > atPause, 10000);
  control.cancel();
  worker.join();
  QVERIFY(report.cancelled);
  QVERIFY(recorder.epochs.empty());
}

// Stop reaches the run before training, while an image folder is read: nothing is written.
void TestTraining::cancelWhileReadingTheDataset() {
  ExperimentConfig c = smallExperiment();
  const std::string images = dir("folder-images");
  test::writeImageFolder(images, 2, 4, 8);
  c.data.source = "folder:" + images;
  c.data.imageSize = 8;
  c.data.limitTrain = 0;
  Recorder recorder;
  RunControl control;
  control.cancel();
  const std::string out = dir("cancelled-while-reading");
  RunReport report = runExperiment(c, {out, "", {}}, recorder, control);
  QVERIFY(report.cancelled);
  QCOMPARE(int(recorder.batches), 0);
  QVERIFY(!QFile::exists(QString::fromStdString(out + "/summary.json")));
  QVERIFY(!QFile::exists(QString::fromStdString(out + "/config.json")));
}

void TestTraining::divergingRunStopsAndKeepsCheckpoint() {
  ExperimentConfig c = smallExperiment();
  c.training.learningRate = 1e9;
  c.training.schedule = Schedule::kNone;
  Recorder recorder;
  try {
    run(c, dir("nan"), recorder);
    QFAIL("a diverging run finished");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("student's loss became"), e.what());
  }
  QVERIFY(!QFile::exists(QString::fromStdString(dir("nan") + "/student.ckpt")));
  QCOMPARE(readCheckpointInfo(dir("nan") + "/teacher.ckpt").epoch, 2);
}

void TestTraining::nonFiniteWeightsAreNeverCheckpointed_data() {
  QTest::addColumn<float>("value");
  QTest::newRow("NaN") << std::numeric_limits<float>::quiet_NaN();
  QTest::newRow("Inf") << std::numeric_limits<float>::infinity();
}

// A loss can still be finite when the step after it overflows the weights.
void TestTraining::nonFiniteWeightsAreNeverCheckpointed() {
  QFETCH(float, value);
  torch::manual_seed(0);
  KdNet model(preset("seed-student"), InputShape{1, 28, 28}, 10);
  CheckpointInfo info{Phase::kStudent,
                      3,
                      model->arch(),
                      InputShape{1, 28, 28},
                      std::vector<std::string>(10, "c"),
                      {torch::zeros({1}), torch::ones({1})},
                      toJson(defaultExperiment()),
                      ""};
  const std::string path = dir("finite.ckpt");
  saveCheckpoint(path, model, nullptr, info);  // the last good one
  QFile file(QString::fromStdString(path));
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QByteArray good = file.readAll();
  file.close();
  const std::string name = model->named_parameters().keys().back();
  {
    torch::NoGradGuard noGrad;
    model->named_parameters()[name].view(-1)[0] = value;
  }
  try {
    saveCheckpoint(path, model, nullptr, info);
    QFAIL("non-finite weights were written");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains(QString::fromStdString(
                 "student's weights hold NaN or infinite values after epoch 3 (in " + name + ")")),
             e.what());
  }
  QVERIFY(file.open(QIODevice::ReadOnly));
  QCOMPARE(file.readAll(), good);
  QVERIFY(!QFile::exists(QString::fromStdString(path + ".tmp")));
}

void TestTraining::resumeRejectsOtherArchitecture() {
  const std::string ckpt = shortRun() + "/student.ckpt";
  ExperimentConfig c = experimentOfCheckpoint(ckpt);
  c.student = preset("lenet5");
  Recorder recorder;
  try {
    run(c, dir("other-arch"), recorder, ckpt);
    QFAIL("a checkpoint of another architecture was accepted");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("but the experiment asks for \"lenet5\""), e.what());
  }
  QVERIFY(!QFile::exists(QString::fromStdString(dir("other-arch"))));
}

void TestTraining::teacherFromCheckpointIsNotRetrained() {
  ExperimentConfig c = smallExperiment();
  c.teacher.file = shortRun() + "/teacher.ckpt";
  c.training.epochs = 1;
  Recorder recorder;
  RunReport r = run(c, dir("from-file"), recorder);
  QCOMPARE(recorder.epochs.size(), size_t(1));
  QCOMPARE(recorder.epochs.front().phase, Phase::kStudent);
  QVERIFY(r.teacher.testAccuracy > 0.6);
  // Run again in this process: the teacher's logits are kept (TeacherLogitsCache), and the run
  // is the same to the last bit as with logits computed afresh.
  Recorder again;
  const RunReport second = run(c, dir("from-file-again"), again);
  TeacherLogitsCache::instance().clear();
  Recorder afresh;
  const RunReport third = run(c, dir("from-file-afresh"), afresh);
  for (const RunReport* other : {&second, &third}) {
    QCOMPARE(other->teacher.testAccuracy, r.teacher.testAccuracy);
    QCOMPARE(other->student.testAccuracy, r.student.testAccuracy);
    QCOMPARE(other->agreement, r.agreement);
  }
  QCOMPARE(again.epochs.back().loss.total, recorder.epochs.back().loss.total);
  QCOMPARE(afresh.epochs.back().loss.total, recorder.epochs.back().loss.total);
}

// The bundled teacher gets exactly the test accuracy the catalogue (and README) states, also in
// a run on 500 images, whose normalisation statistics differ from its training set's.
void TestTraining::builtinTeacherKeepsItsStatedAccuracy() {
  const BuiltinTeacher& builtin = builtinTeachers().front();
  ExperimentConfig c = smallExperiment();
  c.teacher.file = kBuiltinPrefix + std::string(builtin.name);
  c.data.limitTrain = 500;
  c.training.epochs = 1;
  Recorder recorder;
  const RunReport r = run(c, "", recorder);
  QCOMPARE(r.teacher.name, std::string(builtin.arch));
  QCOMPARE(std::lround(r.teacher.testAccuracy * double(builtin.testImages)), builtin.testCorrect);
  // The window's teacher line: a loaded teacher reports its accuracy once, with no epochs.
  QCOMPARE(recorder.teacherReady, std::vector<double>{r.teacher.testAccuracy});
  QVERIFY(recorder.epochs.front().phase == Phase::kStudent);
}

QTEST_GUILESS_MAIN(TestTraining)
#include "tst_training.moc"
