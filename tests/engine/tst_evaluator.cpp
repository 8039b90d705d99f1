// Evaluation helpers on hand-made logits, and the input pipeline's normalisation and
// augmentation.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QtTest>
#include <cmath>

#include "data/input_pipeline.h"
#include "eval/evaluator.h"

using namespace kd;

namespace {

// Three classes, four images. Predictions: 0, 1, 1, 2; labels: 0, 1, 2, 2.
const torch::Tensor kLogits =
    torch::tensor({{3.0, 1.0, 0.0}, {0.0, 2.0, 1.0}, {0.0, 5.0, 4.0}, {1.0, 0.0, 2.0}});
const torch::Tensor kLabels = torch::tensor({0, 1, 2, 2}, torch::kLong);

}  // namespace

class TestEvaluator : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void accuracyAndConfusion();
  void agreementCountsSamePredictions();
  void probabilitiesAtTemperature();
  void computeLogitsKeepsOrder();
  void prepareNormalises();
  void augmentShiftsAndFlipsReproducibly();
  void augmentPadsBlack();
};

void TestEvaluator::accuracyAndConfusion() {
  QCOMPARE(accuracy(kLogits, kLabels), 0.75);
  auto m = confusionMatrix(kLogits, kLabels, 3);
  QCOMPARE(m, (std::vector<std::vector<int64_t>>{{1, 0, 0}, {0, 1, 0}, {0, 1, 1}}));
  QCOMPARE(perClassAccuracy(kLogits, kLabels, 3), (std::vector<double>{1.0, 1.0, 0.5}));
  // A fourth class without test images has no accuracy, not 0.
  const std::vector<double> four = perClassAccuracy(kLogits, kLabels, 4);
  QCOMPARE(four[2], 0.5);
  QVERIFY(std::isnan(four[3]));
}

void TestEvaluator::agreementCountsSamePredictions() {
  torch::Tensor other =
      torch::tensor({{0.0, 1.0, 0.0}, {0.0, 2.0, 1.0}, {0.0, 5.0, 4.0}, {1.0, 0.0, 2.0}});
  QCOMPARE(agreement(kLogits, other), 0.75);
}

void TestEvaluator::probabilitiesAtTemperature() {
  torch::Tensor p = probabilities(kLogits, 2.0);
  // Image 1 at T = 2: exp(0), exp(1), exp(0.5), normalised.
  const double z = 1 + std::exp(1.0) + std::exp(0.5);
  QVERIFY(std::abs(p[1][1].item<double>() - std::exp(1.0) / z) < 1e-6);
  QVERIFY((p.sum(1) - 1).abs().max().item<double>() < 1e-6);
  // A higher temperature flattens the distribution.
  QVERIFY(probabilities(kLogits, 8.0)[2][1].item<double>() < p[2][1].item<double>());
}

void TestEvaluator::computeLogitsKeepsOrder() {
  Dataset d;
  d.images = torch::arange(10, torch::kUInt8).view({10, 1, 1, 1});
  d.labels = torch::zeros({10}, torch::kLong);
  InputPipeline pipeline({torch::tensor({0.0f}), torch::tensor({1.0f})}, torch::kCPU);
  // A "model" that returns each image's pixel as its only logit.
  torch::Tensor out =
      computeLogits([](const torch::Tensor& x) { return x.flatten(1); }, d, pipeline, nullptr, 3);
  QCOMPARE(out.sizes().vec(), (std::vector<int64_t>{10, 1}));
  QVERIFY(out.squeeze(1).allclose(torch::arange(10, torch::kFloat) / 255.0));
  QVERIFY(!out.is_inference());
}

void TestEvaluator::prepareNormalises() {
  InputPipeline pipeline({torch::tensor({0.5f, 0.0f}), torch::tensor({0.25f, 1.0f})}, torch::kCPU);
  torch::Tensor images = torch::full({1, 2, 2, 2}, 255, torch::kUInt8);
  torch::Tensor x = pipeline.prepare(images);
  QVERIFY(x[0][0].eq(2.0f).all().item<bool>());  // (1 - 0.5) / 0.25
  QVERIFY(x[0][1].eq(1.0f).all().item<bool>());
  QVERIFY(x.is_contiguous(torch::MemoryFormat::ChannelsLast));
}

void TestEvaluator::augmentShiftsAndFlipsReproducibly() {
  InputPipeline pipeline({torch::tensor({0.0f}), torch::tensor({1.0f})}, torch::kCPU);
  torch::Tensor x = torch::rand({64, 1, 16, 16}) + 1;  // strictly positive: padding shows as 0
  at::Generator g1 = at::detail::createCPUGenerator(3), g2 = at::detail::createCPUGenerator(3);
  torch::Tensor a = pipeline.augment(x, g1), b = pipeline.augment(x, g2);
  QCOMPARE(a.sizes(), x.sizes());
  QVERIFY(a.equal(b));
  QVERIFY(!a.equal(x));
  int unchangedOrFlipped = 0;
  for (int64_t i = 0; i < 64; ++i) {
    // Each output is the image shifted by up to 2 pixels (16 / 8), maybe mirrored: find it.
    bool found = false;
    for (bool flip : {false, true}) {
      torch::Tensor src = flip ? x[i].flip({2}) : x[i];
      torch::Tensor padded = torch::constant_pad_nd(src, {2, 2, 2, 2}, 0.0);
      for (int dy = 0; dy <= 4 && !found; ++dy)
        for (int dx = 0; dx <= 4 && !found; ++dx)
          found = padded.narrow(1, dy, 16).narrow(2, dx, 16).equal(a[i]);
      if (found) unchangedOrFlipped += flip;
      if (found) break;
    }
    QVERIFY2(found, qPrintable(QString("image %1 is no shifted copy of its source").arg(i)));
  }
  QVERIFY(unchangedOrFlipped > 10 && unchangedOrFlipped < 54);  // about half are mirrored
}

void TestEvaluator::augmentPadsBlack() {
  // Black pixels normalised with mean 0.5, std 0.25 are -2; the padding must be too.
  InputPipeline pipeline({torch::tensor({0.5f}), torch::tensor({0.25f})}, torch::kCPU);
  torch::Tensor x = pipeline.prepare(torch::zeros({32, 1, 16, 16}, torch::kUInt8));
  at::Generator g = at::detail::createCPUGenerator(5);
  torch::Tensor a = pipeline.augment(x, g);
  QVERIFY2(a.eq(-2.0f).all().item<bool>(),
           qPrintable(QString("padding values: %1").arg(a.max().item<float>())));
}

QTEST_GUILESS_MAIN(TestEvaluator)
#include "tst_evaluator.moc"
