// Every distillation method trains a student on real Fashion-MNIST from the bundled teacher:
// it learns, reports its own terms by name (epoch metrics, metrics.csv, summary.json), weighs
// them as its settings say (tst_training resumes a dkd run, whose warmup ramps with the epoch).
// The losses' values are checked against the papers in tests/interop/tst_method_losses.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "data/dataset.h"
#include "data/input_pipeline.h"
#include "distill/methods.h"
#include "eval/evaluator.h"
#include "kd/experiment_runner.h"
#include "kd/methods.h"
#include "run/run_files.h"
#include "train/trainer.h"

using namespace kd;

namespace {

ExperimentConfig methodExperiment(const std::string& method) {
  ExperimentConfig c = defaultExperiment();  // the bundled teacher
  c.data.limitTrain = 2000;
  // An MLP has no attention maps (at refuses it); every other method teaches it.
  const bool maps = methodNamed(method).features == MethodFeatures::kConvStages;
  c.student = preset(maps ? "seed-student" : "hinton-mlp-student");
  c.training.epochs = 2;
  c.threads = 2;
  c.device = "cpu";
  c.method = method;
  c.temperature = methodNamed(method).defaultTemperature;
  // RepDistiller's weights (100 for the hint, 1000 for attention) make these students, which
  // have no batch norm, diverge within an epoch (docs/results.md): weights they learn with.
  if (method == "fitnets") c.methodSettings["hint_weight"] = 1;
  if (method == "at") c.methodSettings["at_weight"] = 100;
  return c;
}

// What a trainer says, as patterns (the values left out).
class Messages : public TrainingObserver {
 public:
  std::vector<std::string> patterns;
  void onMessage(const Text& text) override {
    if (text.pattern()) patterns.push_back(text.pattern());
  }
  bool said(const std::string& words) const {
    for (const std::string& p : patterns)
      if (p.find(words) != std::string::npos) return true;
    return false;
  }
};

class Recorder : public TrainingObserver {
 public:
  std::vector<EpochMetrics> epochs;
  void onEpoch(const EpochMetrics& m) override {
    if (m.phase == Phase::kStudent) epochs.push_back(m);
  }
};

QString readFile(const std::string& path) {
  QFile f(QString::fromStdString(path));
  return f.open(QIODevice::ReadOnly) ? QString(f.readAll()) : QString();
}

}  // namespace

class TestMethods : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  std::string dir(const std::string& name) const {
    return tmp_.filePath(QString::fromStdString(name)).toStdString();
  }

 private Q_SLOTS:
  void everyMethodTrainsAndNamesItsTerms_data();
  void everyMethodTrainsAndNamesItsTerms();
  void dkdRampsOverItsWarmup();
  void teacherFeaturesOverTheCacheBoundComeEveryBatch();
};

void TestMethods::everyMethodTrainsAndNamesItsTerms_data() {
  QTest::addColumn<QString>("method");
  for (const MethodInfo& m : distillationMethods())
    QTest::newRow(m.name.c_str()) << QString::fromStdString(m.name);
}

void TestMethods::everyMethodTrainsAndNamesItsTerms() {
  QFETCH(QString, method);
  const MethodInfo& info = methodNamed(method.toStdString());
  const ExperimentConfig c = methodExperiment(info.name);
  refuseSettingsWithoutEffect(c);
  Recorder recorder;
  RunControl control;
  const std::string out = dir(info.name);
  const RunReport r = runExperiment(c, {out, "", {}}, recorder, control);
  QVERIFY2(r.student.testAccuracy > 0.6, std::to_string(r.student.testAccuracy).c_str());
  QCOMPARE(recorder.epochs.size(), size_t(2));
  const LossValues& loss = recorder.epochs.back().loss;
  QVERIFY(loss.kl > 0);  // every method reports how far its answers are from the teacher's
  QVERIFY(loss.kdScaled > 0);
  for (size_t i = 0; i < info.terms.size(); ++i) QVERIFY(loss.terms[i] > 0);
  // The total is the labels' term and the teacher's, as the method weighs them.
  const double ceWeight = info.usesAlpha ? c.alpha : methodSetting(c, "ce_weight");
  const double kdWeight = info.usesAlpha ? 1 - c.alpha : 1;
  QVERIFY2(
      std::abs(loss.total - (ceWeight * loss.ce + kdWeight * loss.kdScaled)) < 1e-5,
      qPrintable(QString("%1 against %2 ce + %3").arg(loss.total).arg(loss.ce).arg(loss.kdScaled)));
  // metrics.csv names the method's terms after the fixed columns.
  const QStringList lines = readFile(out + "/metrics.csv").split('\n', Qt::SkipEmptyParts);
  QStringList header = lines.front().split(',');
  QCOMPARE(header.mid(11).size(), int(info.terms.size()));
  for (size_t i = 0; i < info.terms.size(); ++i)
    QCOMPARE(header[11 + int(i)], QString::fromStdString(info.terms[i]));
  QCOMPARE(lines.back().split(',').size(), header.size());
  // summary.json records the method and its resolved settings.
  const QJsonObject summary =
      QJsonDocument::fromJson(readFile(out + "/summary.json").toUtf8()).object();
  QCOMPARE(summary["method"].toString(), method);
  const QJsonObject settings = summary["method_settings"].toObject();
  QCOMPARE(settings["temperature"].toDouble(), c.temperature);
  for (const MethodSetting& s : info.settings)  // resolved: the experiment's or the default
    QCOMPARE(settings[QString::fromStdString(s.key)].toDouble(), methodSetting(c, s.key));
  QCOMPARE(settings.contains("alpha"), info.usesAlpha);
  QCOMPARE(readSummary(out + "/summary.json").method, info.name);
}

// mdistiller's warmup: epoch e of `warmup` weighs the decoupled terms by e / warmup.
void TestMethods::dkdRampsOverItsWarmup() {
  ExperimentConfig c = methodExperiment("dkd");
  c.methodSettings["warmup"] = 4;
  Recorder recorder;
  RunControl control;
  runExperiment(c, {"", "", {}}, recorder, control);
  QCOMPARE(recorder.epochs.size(), size_t(2));
  for (const EpochMetrics& m : recorder.epochs) {
    const LossValues& v = m.loss;
    const double unramped = 1.0 * v.terms[0] + 8.0 * v.terms[1];
    QVERIFY2(
        std::abs(v.kdScaled - m.epoch / 4.0 * unramped) < 1e-5,
        qPrintable(QString("epoch %1: %2 against %3").arg(m.epoch).arg(v.kdScaled).arg(unramped)));
  }
}

// Without augmentation a feature method's teacher features are computed once for every
// training image, unless they would take more than the trainer's bound: the teacher then runs
// on every batch. Either way the student gets the same features, so it trains alike; the run
// says which it did.
void TestMethods::teacherFeaturesOverTheCacheBoundComeEveryBatch() {
  const DataSplits data = loadDataset(DataConfig{}, 0);  // Fashion-MNIST from the Debian package
  const Dataset train = data.train.select(torch::arange(512, torch::kLong));
  const Dataset test = data.test.select(torch::arange(256, torch::kLong));
  const InputPipeline pipeline(channelStatistics(data.train), torch::kCPU);
  const ExperimentConfig c = methodExperiment("fitnets");
  const ArchSpec teacherArch = preset("cnn-small");
  torch::manual_seed(5);
  KdNet teacher(teacherArch, train.shape(), 10);
  teacher->eval();
  const FeatureShapes studentShapes = featureShapes(c.student, train.shape(), 10);
  const FeatureShapes teacherShapes = featureShapes(teacherArch, train.shape(), 10);
  const torch::Tensor teacherLogits = computeLogits(logitsOf(teacher), train, pipeline);
  const auto trainWithBound = [&](uint64_t bytes, Messages& said) {
    torch::manual_seed(3);
    KdNet student(c.student, train.shape(), 10);
    TrainerSetup setup;
    setup.phase = Phase::kStudent;
    setup.training = c.training;
    setup.training.epochs = 1;
    setup.seed = 1;
    setup.loss = MethodLoss(c, &studentShapes, &teacherShapes, 1);
    setup.featureCacheBytes = bytes;
    RunControl control;
    Trainer trainer(student, setup, pipeline, said, control);
    trainer.setTeacher(logitsOf(teacher), teacherLogits, teacher);
    double loss = 0;
    trainer.run(train, test, 1,
                [&](const EpochMetrics& m, const torch::Tensor&) { loss = m.loss.total; });
    return std::pair{loss, torch::cat({student->parameters()[0].flatten(),
                                       setup.loss.state().parameters()[0].flatten()})};
  };
  Messages cachedSaid, boundedSaid;
  const auto [cachedLoss, cachedWeights] = trainWithBound(uint64_t(1) << 30, cachedSaid);
  const auto [boundedLoss, boundedWeights] = trainWithBound(1024, boundedSaid);
  QVERIFY(cachedSaid.said("caching the teacher's features"));
  QVERIFY(!cachedSaid.said("runs on every batch"));
  QVERIFY(boundedSaid.said("the teacher runs on every batch"));
  QVERIFY(!boundedSaid.said("caching the teacher's features"));
  QVERIFY2(std::abs(cachedLoss - boundedLoss) < 1e-4,
           qPrintable(QString("%1 against %2").arg(cachedLoss).arg(boundedLoss)));
  QVERIFY(torch::allclose(cachedWeights, boundedWeights, 1e-4, 1e-5));
}

QTEST_GUILESS_MAIN(TestMethods)
#include "tst_methods.moc"
