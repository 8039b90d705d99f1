// Few labels (data.labelled): which images keep their label (seeded, every class kept), how the
// loss weighs a batch of labelled and unlabelled images, a run of no labels using none, and the
// baseline of labels alone taking as many steps as the distilled student.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>

#include "data/labelled_subset.h"
#include "distill/distill_loss.h"
#include "kd/dataset_preview.h"
#include "kd/error.h"
#include "kd/experiment_runner.h"
#include "kd/sweep.h"
#include "run/checkpoint.h"
#include "run/run_files.h"
#include "test_data.h"

using namespace kd;

namespace {

class Quiet : public TrainingObserver {};

// Stops the run once the student has finished `epoch`.
class StopAfter : public TrainingObserver {
 public:
  StopAfter(RunControl& control, int epoch) : control_(control), epoch_(epoch) {}
  void onEpoch(const EpochMetrics& m) override {
    if (m.phase == Phase::kStudent && m.epoch == epoch_) control_.cancel();
  }

 private:
  RunControl& control_;
  int epoch_;
};
class QuietSweep : public SweepObserver {};

std::vector<int64_t> countsOf(const torch::Tensor& labels, const torch::Tensor& mask, int classes) {
  const torch::Tensor kept = labels.masked_select(mask);
  const torch::Tensor counts = torch::bincount(kept, {}, classes);
  return std::vector<int64_t>(counts.data_ptr<int64_t>(), counts.data_ptr<int64_t>() + classes);
}

// Labels 0..classes-1 with class c holding sizes[c] images, shuffled.
torch::Tensor labelsWith(const std::vector<int64_t>& sizes) {
  std::vector<torch::Tensor> parts;
  for (size_t c = 0; c < sizes.size(); ++c) parts.push_back(torch::full({sizes[c]}, int64_t(c)));
  const torch::Tensor all = torch::cat(parts);
  return all.index_select(0, torch::randperm(all.size(0), torch::kLong));
}

// A small IDX dataset: 600 training images of 10 classes (labels cycle), 300 test images.
ExperimentConfig smallExperiment(const std::string& dataDir) {
  ExperimentConfig c;
  c.data.source = "mnist:" + dataDir;
  c.teacher.arch = preset("hinton-mlp-student");
  c.teacher.training.epochs = 1;
  c.student = preset("lenet5");
  c.training.epochs = 2;
  c.training.batchSize = 64;
  c.device = "cpu";
  c.threads = 2;
  c.seed = 5;
  return c;
}

std::vector<torch::Tensor> weightsOf(const std::string& checkpoint) {
  KdNet net = loadCheckpointModel(checkpoint);
  std::vector<torch::Tensor> out = net->parameters();
  for (const auto& b : net->buffers()) out.push_back(b);
  return out;
}

}  // namespace

class TestFewLabels : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void countsAreEqualSharesCappedByClass();
  void impossibleCountsAreRefused();
  void selectionIsSeededAndKeepsEveryClass();
  void mixedBatchLossByHand();
  void batchWithoutLabelsHasNoLabelLoss();
  void transferSetsOfFewLabels();
  void noLabelsUsesNoLabel();
  void baselineTakesTheDistilledSteps();
  void sweepOverLabels();

 private:
  QTemporaryDir tmp_;
  std::string path(const char* name) const { return tmp_.filePath(name).toStdString(); }
};

void TestFewLabels::countsAreEqualSharesCappedByClass() {
  QCOMPARE(stratifiedLabelCounts({500, 480, 520}, 30), (std::vector<int64_t>{10, 10, 10}));
  // 31: the one left over goes to a larger class.
  const std::vector<int64_t> odd = stratifiedLabelCounts({500, 480, 520}, 31);
  QCOMPARE(odd[0] + odd[1] + odd[2], int64_t(31));
  QCOMPARE(odd[1], int64_t(10));
  // A class too small for its share keeps all it has; the others share the rest.
  QCOMPARE(stratifiedLabelCounts({3, 100, 100}, 33), (std::vector<int64_t>{3, 15, 15}));
  // A fraction of the images, and at least one a class; a class absent (hidden) gets none.
  QCOMPARE(stratifiedLabelCounts({50, 50, 0}, 0.1), (std::vector<int64_t>{5, 5, 0}));
  QCOMPARE(stratifiedLabelCounts({50, 50}, 0.001), (std::vector<int64_t>{1, 1}));
  QCOMPARE(stratifiedLabelCounts({50, 50}, 0), (std::vector<int64_t>{0, 0}));
  QCOMPARE(stratifiedLabelCounts({50, 7}, kAllLabelled), (std::vector<int64_t>{50, 7}));
}

void TestFewLabels::impossibleCountsAreRefused() {
  try {
    stratifiedLabelCounts({10, 10, 10}, 2);
    QFAIL("fewer labels than classes was accepted");
  } catch (const Error& e) {
    QVERIFY2(QString::fromStdString(e.what()).contains("each of the 3 classes a label"), e.what());
  }
  try {
    stratifiedLabelCounts({10, 10}, 21);
    QFAIL("more labels than images was accepted");
  } catch (const Error& e) {
    QVERIFY2(QString::fromStdString(e.what()).contains("asks for 21 labelled images"), e.what());
  }
  ExperimentConfig c;
  for (double bad : {-0.5, 2.5, std::nan("")}) {
    c.data.labelled = bad;
    QVERIFY_THROWS_EXCEPTION(Error, validate(c));
  }
}

void TestFewLabels::selectionIsSeededAndKeepsEveryClass() {
  torch::manual_seed(1);
  const torch::Tensor labels = labelsWith({300, 40, 2, 250});
  const torch::Tensor a = labelledMask(labels, 4, 20, 7);
  QVERIFY(torch::equal(a, labelledMask(labels, 4, 20, 7)));  // seeded
  QVERIFY(!torch::equal(a, labelledMask(labels, 4, 20, 8)));
  QCOMPARE(a.sum().item<int64_t>(), int64_t(20));
  QCOMPARE(countsOf(labels, a, 4), (std::vector<int64_t>{6, 6, 2, 6}));  // the small class kept
  const torch::Tensor all = labelledMask(labels, 4, kAllLabelled, 7);
  QCOMPARE(all.sum().item<int64_t>(), labels.size(0));
  QCOMPARE(labelledMask(labels, 4, 0, 7).sum().item<int64_t>(), int64_t(0));
}

// Three images, two classes, the second without a label: the label loss is the first and third
// images' cross-entropy over all three images, the distillation loss the mean over all three.
void TestFewLabels::mixedBatchLossByHand() {
  const torch::Tensor s = torch::tensor({{1.0, 0.0}, {0.0, 2.0}, {0.5, 0.5}});
  const torch::Tensor t = torch::tensor({{2.0, 0.0}, {0.0, 1.0}, {1.0, 0.0}});
  const torch::Tensor labels = torch::tensor({int64_t(0), kUnlabelled, int64_t(1)}, torch::kLong);
  const double alpha = 0.3, T = 2.0;
  const LossTerms terms = distillationLoss(s, t, labels, alpha, T, labels.ge(0));
  auto logSoftmax = [](double a, double b, int k) {
    const double m = std::max(a, b);
    return (k == 0 ? a : b) - m - std::log(std::exp(a - m) + std::exp(b - m));
  };
  const double ce = -(logSoftmax(1.0, 0.0, 0) + logSoftmax(0.5, 0.5, 1)) / 3;
  double kl = 0;
  const double sv[3][2] = {{1, 0}, {0, 2}, {0.5, 0.5}}, tv[3][2] = {{2, 0}, {0, 1}, {1, 0}};
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 2; ++k) {
      const double lt = logSoftmax(tv[i][0] / T, tv[i][1] / T, k);
      kl += std::exp(lt) * (lt - logSoftmax(sv[i][0] / T, sv[i][1] / T, k)) / 3;
    }
  QVERIFY(std::abs(terms.ce.item<double>() - ce) < 1e-6);
  QVERIFY(std::abs(terms.kl.item<double>() - kl) < 1e-6);
  QVERIFY(std::abs(terms.total.item<double>() - (alpha * ce + (1 - alpha) * T * T * kl)) < 1e-6);
}

void TestFewLabels::batchWithoutLabelsHasNoLabelLoss() {
  const torch::Tensor s = torch::tensor({{1.0, 0.0}, {0.0, 2.0}}).requires_grad_();
  const torch::Tensor t = torch::tensor({{2.0, 0.0}, {0.0, 1.0}});
  const torch::Tensor labels = torch::full({2}, kUnlabelled, torch::kLong);
  const LossTerms terms = distillationLoss(s, t, labels, 0.5, 4.0, labels.ge(0));
  QCOMPARE(terms.ce.item<double>(), 0.0);
  QVERIFY(std::abs(terms.total.item<double>() - 0.5 * terms.kdScaled.item<double>()) < 1e-9);
  terms.total.backward();
  QVERIFY(torch::isfinite(s.grad()).all().item<bool>());
}

void TestFewLabels::transferSetsOfFewLabels() {
  const std::string dir = path("idx-sets");
  test::writeIdxDataset(dir, 600, false);
  DataConfig config;
  config.source = "mnist:" + dir;
  config.labelled = 30;
  const DataSplits data = loadDataset(config, 1);
  const TransferSets sets = transferSets(data, config, 1);
  QCOMPARE(sets.student.size(), int64_t(600));
  QCOMPARE(sets.student.labels.ge(0).sum().item<int64_t>(), int64_t(30));
  QCOMPARE(sets.teacher.size(), int64_t(30));
  QCOMPARE(sets.studentLabelled.size(), int64_t(30));
  QVERIFY(torch::equal(sets.teacher.images, sets.studentLabelled.images));
  // The labels kept are the true ones.
  const torch::Tensor kept = sets.student.labels.ge(0);
  QVERIFY(
      torch::equal(sets.student.labels.masked_select(kept), data.train.labels.masked_select(kept)));
  config.hiddenClasses = {3};
  const TransferSets hiding = transferSets(data, config, 1);
  QVERIFY(!hiding.student.labels.eq(3).any().item<bool>());
  QCOMPARE(hiding.studentLabelled.size(), int64_t(30));  // drawn among the visible classes
}

// A run of no labels learns from the teacher alone: scrambling every transfer label changes
// nothing, bit for bit.
void TestFewLabels::noLabelsUsesNoLabel() {
  const std::string dir = path("idx-none"), scrambled = path("idx-scrambled");
  test::writeIdxDataset(dir, 600, false);
  std::filesystem::copy(dir, scrambled);
  std::vector<uint8_t> labels = test::readFile(dir + "/train-labels-idx1-ubyte");
  for (size_t i = 8; i < labels.size(); ++i) labels[i] = uint8_t((labels[i] * 7 + i) % 10);
  test::writeFile(scrambled + "/train-labels-idx1-ubyte", labels);

  ExperimentConfig teacherRun = smallExperiment(dir);
  Quiet quiet;
  RunControl control;
  runExperiment(teacherRun, {path("teacher-run"), "", {}}, quiet, control);
  RunReport reports[2];
  for (int i = 0; i < 2; ++i) {
    ExperimentConfig c = smallExperiment(i == 0 ? dir : scrambled);
    c.teacher.file = path("teacher-run") + "/teacher.ckpt";
    c.data.labelled = 0;
    c.alpha = 0;
    reports[i] = runExperiment(c, {path(i == 0 ? "none-a" : "none-b"), "", {}}, quiet, control);
  }
  QCOMPARE(reports[0].labelsUsed, int64_t(0));
  QCOMPARE(reports[0].transferImages, int64_t(600));
  const auto a = weightsOf(path("none-a") + "/student.ckpt");
  const auto b = weightsOf(path("none-b") + "/student.ckpt");
  QCOMPARE(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) QVERIFY(torch::equal(a[i], b[i]));
  QCOMPARE(reports[0].student.testAccuracy, reports[1].student.testAccuracy);
  // No label, no baseline; and alpha 1 with no label is refused.
  ExperimentConfig none = smallExperiment(dir);
  none.data.labelled = 0;
  QVERIFY(!baselineExperiment(none));
  none.alpha = 1;
  none.teacher.file = path("teacher-run") + "/teacher.ckpt";
  QVERIFY_THROWS_EXCEPTION(Error, refuseSettingsWithoutEffect(none));
}

void TestFewLabels::baselineTakesTheDistilledSteps() {
  const std::string dir = path("idx-steps");
  test::writeIdxDataset(dir, 600, false);
  ExperimentConfig c = smallExperiment(dir);
  c.data.labelled = 20;
  Quiet quiet;
  RunControl control;
  const RunReport kd = runExperiment(c, {path("steps-kd"), "", {}}, quiet, control);
  ExperimentConfig b = *baselineExperiment(c);
  b.teacher.file = path("steps-kd") + "/teacher.ckpt";
  const RunReport baseline = runExperiment(b, {path("steps-baseline"), "", {}}, quiet, control);
  // 600 images in batches of 64: 10 steps an epoch, 2 epochs.
  QCOMPARE(kd.steps, int64_t(20));
  QCOMPARE(baseline.steps, kd.steps);
  QCOMPARE(kd.labelsUsed, int64_t(20));
  QCOMPARE(baseline.labelsUsed, int64_t(20));
  QCOMPARE(baseline.transferImages, int64_t(600));
  // metrics.csv: the baseline's epochs are the distilled student's, each of 10 steps.
  const RunReport read = readSummary(path("steps-baseline") + "/summary.json");
  QCOMPARE(read.steps, int64_t(20));
  QCOMPARE(read.labelsUsed, int64_t(20));
  // Stopped after its first epoch and resumed, the baseline ends bit for bit where it would.
  RunControl stopping;
  StopAfter stop(stopping, 1);
  QVERIFY(runExperiment(b, {path("steps-stopped"), "", {}}, stop, stopping).cancelled);
  RunControl again;
  runExperiment(b, {path("steps-stopped"), path("steps-stopped") + "/student.ckpt", {}}, quiet,
                again);
  const auto whole = weightsOf(path("steps-baseline") + "/student.ckpt");
  const auto resumed = weightsOf(path("steps-stopped") + "/student.ckpt");
  for (size_t i = 0; i < whole.size(); ++i) QVERIFY(torch::equal(whole[i], resumed[i]));
}

void TestFewLabels::sweepOverLabels() {
  const std::string dir = path("idx-sweep"), file = path("labels-sweep.json");
  test::writeIdxDataset(dir, 600, false);
  test::writeSmallSweep(file, dir, R"({"labelled": [20, "all"]})", "[1]");
  SweepSpec spec = loadSweep(file);
  QuietSweep quiet;
  RunControl control;
  const SweepResults results = runSweep(spec, path("labels-sweep"), false, quiet, control);
  QCOMPARE(int(results.points.size()), 2);
  QCOMPARE(results.runsTotal, 4);  // a baseline each
  const auto& few = results.points[0].runs[0];
  QVERIFY(few.hasBaseline);
  QCOMPARE(few.kd.labelsUsed, int64_t(20));
  QCOMPARE(few.baseline.labelsUsed, int64_t(20));
  QCOMPARE(few.baseline.steps, few.kd.steps);
  QCOMPARE(results.points[1].runs[0].kd.labelsUsed, int64_t(600));
  const std::string json = resultsJson(results);
  QVERIFY(json.find("\"baseline_steps\": " + std::to_string(few.kd.steps)) != std::string::npos);
}

QTEST_GUILESS_MAIN(TestFewLabels)
#include "tst_few_labels.moc"
