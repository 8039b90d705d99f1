// The logit-based methods' terms (distill/logit_methods.h) against a Python implementation of
// each paper's formula (method_losses.py, Debian's python3-torch): seeded random logits of
// several shapes and temperatures, the value of every term and its gradient with respect to the
// student's logits, in float64, to 1e-5. Hinton's KD on standardised logits goes through the
// engine's own distillationLoss. Then each method's whole loss as a run computes it
// (distill/methods.h, from an experiment's settings) against the same script's. The feature and
// relation methods (distill/feature_methods.h) likewise against feature_losses.py: their terms
// and whole losses, with the gradient with respect to every student feature.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <functional>
#include <map>

#include "distill/contrastive.h"
#include "distill/distill_loss.h"
#include "distill/feature_methods.h"
#include "distill/logit_methods.h"
#include "distill/methods.h"
#include "kd/error.h"
#include "kd/methods.h"
#include "script_json.h"

using namespace kd;
using kd::test::runScript;
using kd::test::tensorOf;

namespace {

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

std::vector<int64_t> shapeOf(const QJsonValue& shape) {
  std::vector<int64_t> out;
  for (const QJsonValue& v : shape.toArray()) out.push_back(v.toInt());
  return out;
}

// One case of feature_losses.py: both models' features, the student's ready for a gradient.
struct FeatureCase {
  FeaturePair features;
  FeatureShapes studentShapes, teacherShapes;
  torch::Tensor studentLogits, teacherLogits, labels;
  std::vector<torch::Tensor> inputs;  // the student's stages, embedding and logits, in order

  explicit FeatureCase(const QJsonObject& c) {
    const int64_t n = c["n"].toInt(), classes = c["classes"].toInt();
    auto stages = [&](const char* values, const char* shapes, std::vector<torch::Tensor>& out,
                      FeatureShapes& shapesOut) {
      const QJsonArray all = c[values].toArray(), shapeList = c[shapes].toArray();
      for (int i = 0; i < all.size(); ++i) {
        std::vector<int64_t> shape = shapeOf(shapeList[i]);
        shapesOut.stages.push_back(std::vector<int>(shape.begin(), shape.end()));
        shape.insert(shape.begin(), n);
        out.push_back(tensorOf(all[i].toArray(), shape));
      }
    };
    stages("student_stages", "student_shapes", features.student.stages, studentShapes);
    stages("teacher_stages", "teacher_shapes", features.teacher.stages, teacherShapes);
    const QJsonArray se = c["student_embedding"].toArray(), te = c["teacher_embedding"].toArray();
    features.student.embedding = tensorOf(se, {n, se.size() / n});
    features.teacher.embedding = tensorOf(te, {n, te.size() / n});
    studentShapes.embedding = int(se.size() / n);
    teacherShapes.embedding = int(te.size() / n);
    studentLogits = tensorOf(c["student_logits"].toArray(), {n, classes});
    teacherLogits = tensorOf(c["teacher_logits"].toArray(), {n, classes});
    labels = tensorOf(c["labels"].toArray(), {n}, torch::kLong);
    for (torch::Tensor& t : features.student.stages) inputs.push_back(t.requires_grad_());
    inputs.push_back(features.student.embedding.requires_grad_());
    inputs.push_back(studentLogits.requires_grad_());
  }

  // The regressor's weights as the script drew them.
  void loadRegressor(torch::nn::Module& regressor, const QJsonObject& c) const {
    torch::NoGradGuard noGrad;
    const QJsonObject weights = c["regressor"].toObject();
    for (auto& p : regressor.named_parameters()) {
      const QJsonArray values = weights[QString::fromStdString(p.key())].toArray();
      QVERIFY2(!values.isEmpty(), p.key().c_str());
      p.value().copy_(tensorOf(values, p.value().sizes().vec()));
    }
  }

  // The gradient of `value` with respect to every input, flattened in order (0 where unused).
  torch::Tensor gradient(const torch::Tensor& value) const {
    const auto grads = torch::autograd::grad({value}, inputs, {}, true, false, true);
    std::vector<torch::Tensor> flat;
    for (size_t i = 0; i < inputs.size(); ++i)
      flat.push_back((grads[i].defined() ? grads[i] : torch::zeros_like(inputs[i])).flatten());
    return torch::cat(flat);
  }
};

void compareWithScript(const torch::Tensor& value, const FeatureCase& fc, const QJsonObject& c,
                       const QString& name) {
  const double expected = c["values"].toObject()[name].toDouble();
  QVERIFY2(
      std::abs(value.item<double>() - expected) <= 1e-5 * std::max(1.0, std::abs(expected)),
      qPrintable(QString("%1: %2 against %3").arg(name).arg(value.item<double>()).arg(expected)));
  const torch::Tensor grad = fc.gradient(value);
  const QJsonArray expectedValues = c["grads"].toObject()[name].toArray();
  QCOMPARE(grad.numel(), int64_t(expectedValues.size()));
  const double worst = (grad - tensorOf(expectedValues, {grad.numel()})).abs().max().item<double>();
  QVERIFY2(worst <= 1e-5, qPrintable(QString("%1: gradient off by %2").arg(name).arg(worst)));
  QVERIFY(grad.abs().max().item<double>() > 0);  // a term that moves the student
}

}  // namespace

class TestMethodLosses : public QObject {
  Q_OBJECT

 private:
  QJsonArray cases_;
  QJsonArray methods_;
  QJsonArray featureCases_;
  QJsonObject featureSettings_;

 private Q_SLOTS:
  void initTestCase();
  void termsMatchThePapers_data();
  void termsMatchThePapers();
  void methodLossesMatchThePapers_data();
  void methodLossesMatchThePapers();
  void standardisedLogitsHaveZeroMeanAndUnitStd();
  void confidentLogitsStayFiniteInFloat32();
  void featureTermsMatchThePapers_data();
  void featureTermsMatchThePapers();
  void featureMethodLossesMatchThePapers_data();
  void featureMethodLossesMatchThePapers();
  void featureMethodsRefuseModelsWithoutTheirFeatures();
  void contrastMatchesItsPaper();
  void contrastingImagesAreOfOtherClasses();
};

void TestMethodLosses::initTestCase() {
  const QJsonObject out = runScript(QFINDTESTDATA("method_losses.py"));
  cases_ = out["cases"].toArray();
  methods_ = out["methods"].toArray();
  QCOMPARE(cases_.size(), 5);
  QCOMPARE(methods_.size(), 5);
  const QJsonObject features = runScript(QFINDTESTDATA("feature_losses.py"));
  featureCases_ = features["cases"].toArray();
  featureSettings_ = features["settings"].toObject();
  QCOMPARE(featureCases_.size(), 5);
  QCOMPARE(featureSettings_.size(), 3);
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
    if (needsFeatures(method)) continue;  // the answers alone here: features have their cases
    ExperimentConfig config;
    config.method = method.name;
    const LossTerms terms = MethodLoss(config)(s, t, y, {}, 1);
    const torch::Tensor grad = torch::autograd::grad({terms.total}, {s})[0];
    QVERIFY2(terms.total.isfinite().item<bool>(), method.name.c_str());
    QVERIFY2(grad.isfinite().all().item<bool>(), method.name.c_str());
  }
}

void TestMethodLosses::featureTermsMatchThePapers_data() {
  QTest::addColumn<int>("index");
  QTest::addColumn<QString>("term");
  for (int i = 0; i < featureCases_.size(); ++i)
    for (const QString term : {"hint", "attention", "distance", "angle"})
      if (featureCases_[i].toObject()["values"].toObject().contains(term))
        QTest::addRow("%s, case %d", qPrintable(term), i) << i << term;
}

void TestMethodLosses::featureTermsMatchThePapers() {
  QFETCH(int, index);
  QFETCH(QString, term);
  const QJsonObject c = featureCases_[index].toObject();
  const FeatureCase fc(c);
  const ModelFeatures &s = fc.features.student, &t = fc.features.teacher;
  torch::Tensor value;
  if (term == "hint") {
    const int stage = c["stage"].toInt();
    const int teacherStage = pairedTeacherStage(stage, int(s.stages.size()), int(t.stages.size()));
    HintRegressor regressor(fc.studentShapes.stages[size_t(stage - 1)],
                            fc.teacherShapes.stages[size_t(teacherStage - 1)]);
    regressor->to(torch::kDouble);
    fc.loadRegressor(*regressor, c);
    value = hintLoss(regressor, s.stages[size_t(stage - 1)], t.stages[size_t(teacherStage - 1)]);
  } else if (term == "attention") {
    value = attentionTransfer(s.stages, t.stages, 2.0);
  } else {
    const RelationalTerms r = relationalKd(s.embedding, t.embedding);
    value = term == "distance" ? r.distance : r.angle;
  }
  compareWithScript(value, fc, c, term);
}

void TestMethodLosses::featureMethodLossesMatchThePapers_data() {
  QTest::addColumn<int>("index");
  QTest::addColumn<QString>("method");
  for (int i = 0; i < featureCases_.size(); ++i)
    for (const QString method : {"fitnets", "at", "rkd"})
      if (featureCases_[i].toObject()["values"].toObject().contains(method + "_loss"))
        QTest::addRow("%s, case %d", qPrintable(method), i) << i << method;
}

// The loss a run of the method computes, from its settings as an experiment carries them (the
// labels' term, Hinton's term and the method's own, each weighed), with the regressor fitnets
// trains sized from the two models' stages.
void TestMethodLosses::featureMethodLossesMatchThePapers() {
  QFETCH(int, index);
  QFETCH(QString, method);
  const QJsonObject c = featureCases_[index].toObject();
  const FeatureCase fc(c);
  ExperimentConfig config;
  config.method = method.toStdString();
  config.temperature = c["T"].toDouble();
  const QJsonObject settings = featureSettings_[method].toObject();
  for (auto it = settings.begin(); it != settings.end(); ++it)
    config.methodSettings[it.key().toStdString()] = it.value().toDouble();
  if (method == "fitnets") config.methodSettings["stage"] = c["stage"].toInt();
  validate(config);
  MethodLoss loss(config, &fc.studentShapes, &fc.teacherShapes, 0);
  loss.state().to(torch::kDouble);
  QCOMPARE(loss.state().parameters().empty(), method != "fitnets");
  if (method == "fitnets") fc.loadRegressor(*loss.state().children().front(), c);
  QVERIFY(loss.readsFeatures());
  const LossTerms terms = loss(fc.studentLogits, fc.teacherLogits, fc.labels, {}, 1, &fc.features);
  compareWithScript(terms.total, fc, c, method + "_loss");
  // The named terms a run reports are the papers' terms, unweighted.
  const std::vector<std::string>& names = methodNamed(config.method).terms;
  QCOMPARE(terms.terms.size(), names.size());
  for (size_t i = 0; i < names.size(); ++i)
    QVERIFY(std::abs(terms.terms[i].item<double>() -
                     c["values"].toObject()[QString::fromStdString(names[i])].toDouble()) < 1e-5);
}

// Said by name before a run starts: a teacher of unknown layout, an MLP for attention maps, a
// stage the student lacks.
void TestMethodLosses::featureMethodsRefuseModelsWithoutTheirFeatures() {
  FeatureShapes conv, mlp;
  conv.stages = {{4, 8, 8}, {6, 4, 4}};
  conv.embedding = 6;
  mlp.stages = {{10}, {12}};
  mlp.embedding = 12;
  auto refusal = [](const std::string& method, const FeatureShapes* s, const FeatureShapes* t,
                    std::map<std::string, double> settings = {}) -> QString {
    ExperimentConfig config;
    config.method = method;
    config.methodSettings = settings;
    try {
      MethodLoss loss(config, s, t, 0);
    } catch (const kd::Error& e) {
      return QString::fromStdString(e.what());
    }
    return {};
  };
  for (const char* m : {"fitnets", "at", "rkd", "crd"})
    QVERIFY(refusal(m, &conv, nullptr).contains("TorchScript teacher"));
  QVERIFY(refusal("crd", &conv, &conv).contains("crd needs a transfer set"));  // no labels given
  QVERIFY(refusal("at", &mlp, &conv).contains("the student has no convolution layer"));
  QVERIFY(refusal("at", &conv, &mlp).contains("the teacher has no convolution layer"));
  QVERIFY(refusal("fitnets", &conv, &conv, {{"stage", 3}}).contains("the student has 2 stage(s)"));
  // What each can do, it does: an MLP learns a hint from a convolution stage, and relations.
  QVERIFY(refusal("fitnets", &mlp, &conv).isEmpty());
  QVERIFY(refusal("rkd", &mlp, &mlp).isEmpty());
  QVERIFY(refusal("kd", &conv, nullptr).isEmpty());  // the answers alone need no layout
}

// CRD (distill/contrastive.h) against crd_loss.py: two steps of each case from the same heads
// and banks, the second with the Z and the bank rows the first left: the loss, its gradient
// with respect to the student's embedding and both heads' weights, the banks and Z.
void TestMethodLosses::contrastMatchesItsPaper() {
  const QJsonObject script = runScript(QFINDTESTDATA("crd_loss.py"));
  QCOMPARE(script["cases"].toArray().size(), 3);
  const auto close = [](const torch::Tensor& mine, const QJsonValue& theirs,
                        const std::vector<int64_t>& shape) {
    const torch::Tensor expected = tensorOf(theirs.toArray(), shape);
    return torch::allclose(mine, expected, 1e-5, 1e-9);
  };
  for (const QJsonValue& v : script["cases"].toArray()) {
    const QJsonObject c = v.toObject();
    const int64_t n = c["n"].toInt(), batch = c["batch"].toInt(), k = c["k"].toInt();
    const int64_t sw = c["student_width"].toInt(), tw = c["teacher_width"].toInt();
    const int64_t dim = c["dimension"].toInt();
    ContrastMemory memory(sw, tw, n, dim);
    memory->to(torch::kDouble);
    const QJsonObject start = c["start"].toObject();
    {
      torch::NoGradGuard noGrad;
      memory->studentHead->weight.copy_(tensorOf(start["ws"].toArray(), {dim, sw}));
      memory->studentHead->bias.copy_(tensorOf(start["bs"].toArray(), {dim}));
      memory->teacherHead->weight.copy_(tensorOf(start["wt"].toArray(), {dim, tw}));
      memory->teacherHead->bias.copy_(tensorOf(start["bt"].toArray(), {dim}));
      memory->studentMemory.copy_(tensorOf(start["student_memory"].toArray(), {n, dim}));
      memory->teacherMemory.copy_(tensorOf(start["teacher_memory"].toArray(), {n, dim}));
    }
    QCOMPARE(memory->normalisers[0].item<double>(), -1.0);  // set by the first batch
    const ContrastSettings settings{c["T"].toDouble(), c["momentum"].toDouble()};
    for (const QJsonValue& stepValue : c["steps"].toArray()) {
      const QJsonObject s = stepValue.toObject();
      const torch::Tensor embedding =
          tensorOf(s["student_embedding"].toArray(), {batch, sw}).requires_grad_();
      const torch::Tensor contrast =
          tensorOf(s["contrast"].toArray(), {batch, 1 + k}, torch::kLong);
      for (torch::Tensor& p : memory->parameters()) p.mutable_grad() = torch::Tensor();
      const torch::Tensor loss = contrastiveLoss(
          memory, embedding, tensorOf(s["teacher_embedding"].toArray(), {batch, tw}), contrast,
          settings);
      loss.backward();
      QVERIFY2(
          std::abs(loss.item<double>() - s["loss"].toDouble()) <=
              1e-5 * std::abs(s["loss"].toDouble()),
          qPrintable(QString("%1 against %2").arg(loss.item<double>()).arg(s["loss"].toDouble())));
      QVERIFY(close(embedding.grad(), s["grad_embedding"], {batch, sw}));
      QVERIFY(close(memory->studentHead->weight.grad(), s["grad_student_head"], {dim, sw}));
      QVERIFY(close(memory->teacherHead->weight.grad(), s["grad_teacher_head"], {dim, tw}));
      QVERIFY(close(memory->studentMemory, s["student_memory"], {n, dim}));
      QVERIFY(close(memory->teacherMemory, s["teacher_memory"], {n, dim}));
      QVERIFY(close(memory->normalisers, s["z"], {2}));
    }
  }
}

// "exact" sampling: each image contrasts with itself first, then with images of other classes
// (any image, for one without a label), drawn with replacement however many are asked for.
void TestMethodLosses::contrastingImagesAreOfOtherClasses() {
  const torch::Tensor labels = torch::tensor({0, 1, 1, 2, 0, -1, 2, 1}, torch::kLong);
  const NegativePools pools(labels);
  auto generator = at::detail::createCPUGenerator(4);
  const torch::Tensor batch = torch::tensor({4, 5, 2}, torch::kLong);
  const torch::Tensor contrast =
      pools.contrastIndices(batch, labels.index_select(0, batch), 50, generator);
  QCOMPARE(contrast.sizes().vec(), (std::vector<int64_t>{3, 51}));
  QVERIFY(contrast.select(1, 0).equal(batch));
  const torch::Tensor others =
      labels.index_select(0, contrast.narrow(1, 1, 50).flatten()).view({3, 50});
  QVERIFY(others[0].ne(0).all().item<bool>());  // image 4 is of class 0
  QVERIFY(others[2].ne(1).all().item<bool>());  // image 2 of class 1
  QVERIFY(others[1].eq(0).any().item<bool>() && others[1].eq(1).any().item<bool>());  // unlabelled
  QVERIFY(contrast.ge(0).all().item<bool>() && contrast.lt(8).all().item<bool>());
}

QTEST_GUILESS_MAIN(TestMethodLosses)
#include "tst_method_losses.moc"
