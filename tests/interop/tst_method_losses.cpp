// The logit-based methods' terms (distill/logit_methods.h) against a Python implementation of
// each paper's formula (method_losses.py, Debian's python3-torch): seeded random logits of
// several shapes and temperatures, the value of every term and its gradient with respect to the
// student's logits, in float64, to 1e-5. Hinton's KD on standardised logits goes through the
// engine's own distillationLoss. Then each method's whole loss as a run computes it
// (distill/methods.h, from an experiment's settings) against the same script's.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <functional>
#include <map>

#include "distill/distill_loss.h"
#include "distill/logit_methods.h"
#include "distill/methods.h"
#include "kd/methods.h"

using namespace kd;

namespace {

torch::Tensor tensorOf(const QJsonArray& values, std::vector<int64_t> shape,
                       torch::ScalarType type = torch::kDouble) {
  std::vector<double> v;
  for (const QJsonValue& x : values) v.push_back(x.toDouble());
  return torch::tensor(v, torch::kDouble).view(shape).to(type);
}

// Each term the Python side computes, from (student, teacher, labels, T).
using Term = std::function<torch::Tensor(const torch::Tensor&, const torch::Tensor&,
                                         const torch::Tensor&, double)>;
const std::map<QString, Term>& terms() {
  static const std::map<QString, Term> all{
      {"tckd", [](auto& s, auto& t, auto& y, double T) { return decoupledKd(s, t, y, T).tckd; }},
      {"nckd", [](auto& s, auto& t, auto& y, double T) { return decoupledKd(s, t, y, T).nckd; }},
      {"inter", [](auto& s, auto& t, auto&, double T) { return distRelations(s, t, T).inter; }},
      {"intra", [](auto& s, auto& t, auto&, double T) { return distRelations(s, t, T).intra; }},
      {"ls_kd", [](auto& s, auto& t, auto& y, double T) {
         return distillationLoss(standardisedLogits(s), standardisedLogits(t), y, 0.0, T).kdScaled;
       }}};
  return all;
}

}  // namespace

class TestMethodLosses : public QObject {
  Q_OBJECT

 private:
  QJsonArray cases_;
  QJsonArray methods_;

 private Q_SLOTS:
  void initTestCase();
  void termsMatchThePapers_data();
  void termsMatchThePapers();
  void methodLossesMatchThePapers_data();
  void methodLossesMatchThePapers();
  void standardisedLogitsHaveZeroMeanAndUnitStd();
  void confidentLogitsStayFiniteInFloat32();
};

void TestMethodLosses::initTestCase() {
  const QString script = QFINDTESTDATA("method_losses.py");
  QVERIFY(!script.isEmpty());
  QProcess p;
  p.start("/usr/bin/python3", {script});
  QVERIFY(p.waitForFinished(120000));
  QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
  const QJsonObject out = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
  cases_ = out["cases"].toArray();
  methods_ = out["methods"].toArray();
  QCOMPARE(cases_.size(), 5);
  QCOMPARE(methods_.size(), 5);
}

void TestMethodLosses::termsMatchThePapers_data() {
  QTest::addColumn<int>("index");
  QTest::addColumn<QString>("term");
  for (int i = 0; i < cases_.size(); ++i) {
    const QJsonObject c = cases_[i].toObject();
    for (const auto& [name, term] : terms())
      QTest::addRow("%s, %d images x %d classes, T %g", qPrintable(name), c["n"].toInt(),
                    c["c"].toInt(), c["T"].toDouble())
          << i << name;
  }
}

void TestMethodLosses::termsMatchThePapers() {
  QFETCH(int, index);
  QFETCH(QString, term);
  const QJsonObject c = cases_[index].toObject();
  const int64_t n = c["n"].toInt(), classes = c["c"].toInt();
  const torch::Tensor s = tensorOf(c["s"].toArray(), {n, classes}).requires_grad_();
  const torch::Tensor t = tensorOf(c["t"].toArray(), {n, classes});
  const torch::Tensor y = tensorOf(c["labels"].toArray(), {n}, torch::kLong);
  const torch::Tensor value = terms().at(term)(s, t, y, c["T"].toDouble());
  const double expected = c["values"].toObject()[term].toDouble();
  QVERIFY2(std::abs(value.item<double>() - expected) <= 1e-5 * std::max(1.0, std::abs(expected)),
           qPrintable(QString("%1 against %2").arg(value.item<double>()).arg(expected)));
  const torch::Tensor grad = torch::autograd::grad({value}, {s})[0];
  const torch::Tensor expectedGrad = tensorOf(c["grads"].toObject()[term].toArray(), {n, classes});
  const double worst = (grad - expectedGrad).abs().max().item<double>();
  QVERIFY2(worst <= 1e-5, qPrintable(QString("gradient off by %1").arg(worst)));
  QVERIFY(grad.abs().max().item<double>() > 0);  // a term that moves the student
}

void TestMethodLosses::methodLossesMatchThePapers_data() {
  QTest::addColumn<int>("index");
  QTest::addColumn<int>("method");
  for (int i = 0; i < cases_.size(); ++i)
    for (int m = 0; m < methods_.size(); ++m)
      QTest::addRow("%s, case %d", qPrintable(methods_[m].toObject()["name"].toString()), i)
          << i << m;
}

// The loss a run of the method computes: its settings read as an experiment carries them.
void TestMethodLosses::methodLossesMatchThePapers() {
  QFETCH(int, index);
  QFETCH(int, method);
  const QJsonObject c = cases_[index].toObject(), m = methods_[method].toObject();
  const int64_t n = c["n"].toInt(), classes = c["c"].toInt();
  ExperimentConfig config;
  config.method = m["method"].toString().toStdString();
  config.alpha = m["alpha"].toDouble();
  config.temperature = c["T"].toDouble();
  const QJsonObject settings = m["settings"].toObject();
  for (auto it = settings.begin(); it != settings.end(); ++it)
    config.methodSettings[it.key().toStdString()] = it.value().toDouble();
  validate(config);
  const torch::Tensor s = tensorOf(c["s"].toArray(), {n, classes}).requires_grad_();
  const torch::Tensor t = tensorOf(c["t"].toArray(), {n, classes});
  const torch::Tensor y = tensorOf(c["labels"].toArray(), {n}, torch::kLong);
  const LossTerms terms = MethodLoss(config)(s, t, y, {}, m["epoch"].toInt());
  const QString name = m["name"].toString();
  const double expected = c["values"].toObject()[name].toDouble();
  const double value = terms.total.item<double>();
  QVERIFY2(std::abs(value - expected) <= 1e-5 * std::max(1.0, std::abs(expected)),
           qPrintable(QString("%1 against %2").arg(value).arg(expected)));
  const torch::Tensor grad = torch::autograd::grad({terms.total}, {s})[0];
  const torch::Tensor expectedGrad = tensorOf(c["grads"].toObject()[name].toArray(), {n, classes});
  const double worst = (grad - expectedGrad).abs().max().item<double>();
  QVERIFY2(worst <= 1e-5, qPrintable(QString("gradient off by %1").arg(worst)));
  // The named terms a run reports are the paper's terms, unweighted.
  const std::vector<std::string>& names = methodNamed(config.method).terms;
  QCOMPARE(terms.terms.size(), names.size());
  if (name == "dkd_loss" || name == "dist_loss")
    for (size_t i = 0; i < names.size(); ++i)
      QVERIFY(std::abs(terms.terms[i].item<double>() -
                       c["values"].toObject()[QString::fromStdString(names[i])].toDouble()) < 1e-5);
}

void TestMethodLosses::standardisedLogitsHaveZeroMeanAndUnitStd() {
  const torch::Tensor z = torch::randn({6, 10}, torch::kDouble) * 7 + 3;
  const torch::Tensor standard = standardisedLogits(z);
  QVERIFY(standard.mean(1).abs().max().item<double>() < 1e-12);
  QVERIFY((standard.std(1) - 1).abs().max().item<double>() < 1e-6);
  // Shifting or scaling an image's logits does not change what it teaches.
  QVERIFY(torch::allclose(standardisedLogits(z * 4 - 2), standard, 1e-6, 1e-6));
}

// A teacher sure of its answer (1 - p_y below float32's range) and a student sure of another:
// every term and its gradient stay finite in the float32 a run computes in.
void TestMethodLosses::confidentLogitsStayFiniteInFloat32() {
  const torch::Tensor t = torch::tensor({{150.f, 0.f, -20.f}, {0.f, 0.f, 0.f}});
  const torch::Tensor s = torch::tensor({{-80.f, 90.f, 0.f}, {1.f, 2.f, 3.f}}).requires_grad_();
  const torch::Tensor y = torch::tensor({0, 2}, torch::kLong);
  for (const auto& [name, term] : terms()) {
    const torch::Tensor value = term(s, t, y, 1.0);
    const torch::Tensor grad = torch::autograd::grad({value}, {s})[0];
    QVERIFY2(value.isfinite().item<bool>(), qPrintable(name));
    QVERIFY2(grad.isfinite().all().item<bool>(), qPrintable(name));
  }
  for (const MethodInfo& method : distillationMethods()) {
    ExperimentConfig config;
    config.method = method.name;
    const LossTerms terms = MethodLoss(config)(s, t, y, {}, 1);
    const torch::Tensor grad = torch::autograd::grad({terms.total}, {s})[0];
    QVERIFY2(terms.total.isfinite().item<bool>(), method.name.c_str());
    QVERIFY2(grad.isfinite().all().item<bool>(), method.name.c_str());
  }
}

QTEST_GUILESS_MAIN(TestMethodLosses)
#include "tst_method_losses.moc"
