// The distillation loss against numbers computed by hand.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QtTest>
#include <cmath>

#include "distill/distill_loss.h"

using namespace kd;

namespace {

// Two classes, one image: student logits (0, 0), teacher logits (2, 0), label 0.
const torch::Tensor kStudent = torch::tensor({{0.0, 0.0}});
const torch::Tensor kTeacher = torch::tensor({{2.0, 0.0}});
const torch::Tensor kLabel = torch::tensor({0}, torch::kLong);

double handKl(double temperature) {
  double a = std::exp(2.0 / temperature), p = a / (a + 1), q = 1 - p;
  return p * std::log(p / 0.5) + q * std::log(q / 0.5);
}

bool near(const torch::Tensor& t, double v) { return std::abs(t.item<double>() - v) < 1e-6; }

}  // namespace

class TestDistillLoss : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void components_data();
  void components();
  void teacherPhaseIsCrossEntropy();
  void gradientFlowsToStudentOnly();
};

void TestDistillLoss::components_data() {
  QTest::addColumn<double>("alpha");
  QTest::addColumn<double>("temperature");
  QTest::newRow("alpha 0, T 1") << 0.0 << 1.0;
  QTest::newRow("alpha 1, T 4") << 1.0 << 4.0;
  QTest::newRow("alpha 0.5, T 2") << 0.5 << 2.0;
  QTest::newRow("alpha 0.1, T 4") << 0.1 << 4.0;
}

void TestDistillLoss::components() {
  QFETCH(double, alpha);
  QFETCH(double, temperature);
  LossTerms t = distillationLoss(kStudent, kTeacher, kLabel, alpha, temperature);
  const double ce = std::log(2.0), kl = handKl(temperature);
  QVERIFY(near(t.ce, ce));
  QVERIFY(near(t.kl, kl));
  QVERIFY(near(t.kdScaled, temperature * temperature * kl));  // the T^2 scaling
  QVERIFY(near(t.total, alpha * ce + (1 - alpha) * temperature * temperature * kl));
}

void TestDistillLoss::teacherPhaseIsCrossEntropy() {
  LossTerms t = distillationLoss(kStudent, torch::Tensor(), kLabel, 0.1, 4.0);
  QVERIFY(near(t.total, std::log(2.0)));
  QVERIFY(near(t.kl, 0.0));
}

void TestDistillLoss::gradientFlowsToStudentOnly() {
  torch::Tensor s = kStudent.clone().requires_grad_();
  LossTerms t = distillationLoss(s, kTeacher, kLabel, 0.0, 1.0);
  t.total.backward();
  // d KL / d s = softmax(s) - softmax(t): (0.5 - p, 0.5 - q).
  double p = std::exp(2.0) / (std::exp(2.0) + 1);
  QVERIFY(std::abs(s.grad()[0][0].item<double>() - (0.5 - p)) < 1e-6);
}

QTEST_GUILESS_MAIN(TestDistillLoss)
#include "tst_distill_loss.moc"
