// Hinton's omitted-class experiment: the bias shift is the smallest that makes the student
// predict a hidden class as often as the teacher; a run reports each hidden class (teacher,
// raw and corrected student, baseline) in summary.json and exports the corrected student; a
// sweep with baselines fills in the baseline's figure.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>

#include "distill/bias_correction.h"
#include "interop/state_dict_reader.h"
#include "json_io.h"
#include "kd/experiment_runner.h"
#include "kd/sweep.h"
#include "run/checkpoint.h"

using namespace kd;

namespace {

double shareOf(const torch::Tensor& logits, int cls) {
  return (logits.argmax(1) == cls).to(torch::kDouble).mean().item<double>();
}

// Teacher logits predicting `cls` on the first `count` of n rows.
torch::Tensor teacherPredicting(int n, int classes, int cls, int count) {
  torch::Tensor t = torch::zeros({n, classes});
  t.narrow(0, 0, count).select(1, cls).fill_(5);
  t.narrow(0, count, n - count).select(1, (cls + 1) % classes).fill_(5);
  return t;
}

ExperimentConfig hidingExperiment() {
  ExperimentConfig c = defaultExperiment();
  c.data.limitTrain = 2000;
  c.data.hiddenClasses = {1};  // Trouser: distinct enough to be learned from soft answers
  c.teacher.file.clear();      // trained here
  c.teacher.arch = preset("cnn-small");
  c.teacher.training.epochs = 2;
  c.student = preset("seed-student");
  c.training.epochs = 3;
  c.threads = 2;
  c.device = "cpu";
  return c;
}

class Quiet : public SweepObserver {};

nlohmann::json readJson(const QString& path) {
  return nlohmann::json::parse(readTextFile(path.toStdString(), kd::Text("a test file")));
}

}  // namespace

class TestHiddenClasses : public QObject {
  Q_OBJECT

 private slots:
  void shiftMatchesTheTeachersShare();
  void shiftIsZeroWhenNothingIsMissing();
  void severalHiddenClassesSettleTogether();
  void runReportsAndExportsTheCorrectedStudent();
  void sweepRecordsTheBaseline();
};

void TestHiddenClasses::shiftMatchesTheTeachersShare() {
  torch::manual_seed(3);
  const int n = 1000, classes = 5, hidden = 2;
  torch::Tensor student = torch::randn({n, classes});
  student.select(1, hidden).sub_(4);  // the student hardly ever answers class 2
  const torch::Tensor teacher = teacherPredicting(n, classes, hidden, 300);
  QVERIFY(shareOf(student, hidden) < 0.05);

  const std::vector<double> shifts = hiddenClassBiasShifts(teacher, student, {hidden});
  QCOMPARE(int(shifts.size()), classes);
  for (int k = 0; k < classes; ++k)
    if (k != hidden) QCOMPARE(shifts[size_t(k)], 0.0);
  QVERIFY(shifts[hidden] > 0);
  // The share reaches the teacher's 30%, and a slightly smaller shift falls short of it.
  QVERIFY(shareOf(shiftedLogits(student, shifts), hidden) >= 0.3);
  std::vector<double> less = shifts;
  less[hidden] -= 1e-3;
  QVERIFY(shareOf(shiftedLogits(student, less), hidden) < 0.3);
}

void TestHiddenClasses::shiftIsZeroWhenNothingIsMissing() {
  const torch::Tensor teacher = teacherPredicting(100, 4, 1, 20);
  QCOMPARE(hiddenClassBiasShifts(teacher, teacher, {1}), (std::vector<double>{0, 0, 0, 0}));
  // A class the teacher never predicts gets no shift either.
  QCOMPARE(hiddenClassBiasShifts(teacher, -teacher, {3}), (std::vector<double>{0, 0, 0, 0}));
}

void TestHiddenClasses::severalHiddenClassesSettleTogether() {
  torch::manual_seed(4);
  const int n = 2000, classes = 6;
  torch::Tensor student = torch::randn({n, classes});
  student.select(1, 1).sub_(3);
  student.select(1, 4).sub_(5);
  torch::Tensor teacher = torch::zeros({n, classes});
  teacher.narrow(0, 0, 400).select(1, 1).fill_(5);     // 20% class 1
  teacher.narrow(0, 400, 300).select(1, 4).fill_(5);   // 15% class 4
  teacher.narrow(0, 700, 1300).select(1, 0).fill_(5);  // the rest class 0
  const std::vector<double> shifts = hiddenClassBiasShifts(teacher, student, {1, 4});
  const torch::Tensor shifted = shiftedLogits(student, shifts);
  QVERIFY2(std::abs(shareOf(shifted, 1) - 0.20) < 0.02,
           qPrintable(QString::number(shareOf(shifted, 1))));
  QVERIFY2(std::abs(shareOf(shifted, 4) - 0.15) < 0.02,
           qPrintable(QString::number(shareOf(shifted, 4))));
}

void TestHiddenClasses::runReportsAndExportsTheCorrectedStudent() {
  QTemporaryDir dir;
  const std::string out = dir.filePath("run").toStdString();
  Quiet quiet;
  RunControl control;
  const RunReport r = runExperiment(hidingExperiment(), {out, "", {}}, quiet, control);
  QCOMPARE(int(r.hiddenClasses.size()), 1);
  const HiddenClassReport& h = r.hiddenClasses[0];
  QCOMPARE(h.classIndex, 1);
  QCOMPARE(h.name, std::string("Trouser"));
  QCOMPARE(h.teacher, r.teacher.perClassAccuracy[1]);
  QCOMPARE(h.student, r.student.perClassAccuracy[1]);
  QVERIFY(h.biasShift > 0);
  QVERIFY(h.studentCorrected >= h.student);  // a raised bias only adds answers of the class
  QVERIFY(std::isnan(h.baseline));

  const nlohmann::json s = readJson(dir.filePath("run/summary.json"));
  const nlohmann::json& entry = s.at("hidden_classes").at(0);
  QCOMPARE(entry.at("class").get<int>(), 1);
  QCOMPARE(entry.at("name").get<std::string>(), std::string("Trouser"));
  QCOMPARE(entry.at("student_corrected").get<double>(), h.studentCorrected);
  QCOMPARE(entry.at("bias_shift").get<double>(), h.biasShift);
  QVERIFY(entry.at("baseline").is_null());
  QCOMPARE(s.at("corrected_student_test_accuracy").get<double>(), r.correctedStudentAccuracy);

  // student.ckpt keeps the raw student; student.pt is the corrected one: only the hidden
  // class's output bias differs, by the shift.
  KdNet raw = loadCheckpointModel(out + "/student.ckpt");
  const torch::Tensor rawBias = raw->named_parameters()["fc2.bias"];
  const std::vector<char> bytes = readWholeFile(out + "/student.pt");
  const torch::Tensor exportedBias =
      torch::pickle_load(bytes).toGenericDict().at("fc2.bias").toTensor();
  const torch::Tensor difference = (exportedBias - rawBias).to(torch::kDouble);
  for (int k = 0; k < 10; ++k)
    QVERIFY2(std::abs(difference[k].item<double>() - (k == 1 ? h.biasShift : 0.0)) < 1e-5,
             qPrintable(QString("class %1").arg(k)));
}

void TestHiddenClasses::sweepRecordsTheBaseline() {
  QTemporaryDir dir;
  SweepSpec spec;
  spec.base = hidingExperiment();
  spec.base.training.epochs = 2;
  spec.baseline = true;
  Quiet quiet;
  RunControl control;
  const SweepResults results = runSweep(spec, dir.path().toStdString(), false, quiet, control);
  QCOMPARE(int(results.points.size()), 1);
  const PointResult& p = results.points[0];
  const QString run = QString::fromStdString(seedRunFolder(dir.path().toStdString(), p, 0));
  const nlohmann::json kd = readJson(run + "/summary.json");
  const nlohmann::json baseline = readJson(run + "/baseline/summary.json");
  const double baselineOnTrousers =
      baseline.at("student").at("per_class_accuracy").at(1).get<double>();
  QCOMPARE(kd.at("hidden_classes").at(0).at("baseline").get<double>(), baselineOnTrousers);
  // The point's summary gives each hidden class over the seeds, baseline included.
  const nlohmann::json point = readJson(dir.filePath("summary.json"));
  const nlohmann::json& hidden = point.at("hidden_classes").at(0);
  QCOMPARE(hidden.at("baseline").at("mean").get<double>(), baselineOnTrousers);
  QCOMPARE(hidden.at("student").at("mean").get<double>(),
           kd.at("hidden_classes").at(0).at("student").get<double>());
  QCOMPARE(p.hiddenClasses.at(0).baseline.mean, baselineOnTrousers);
}

QTEST_GUILESS_MAIN(TestHiddenClasses)
#include "tst_hidden_classes.moc"
