// Mixed precision: the CPU's bfloat16 instructions are read from its flags; auto chooses by
// them; a bf16 training step really runs its convolutions in bfloat16 (the dtype autograd
// recorded for them), keeps float32 weights, and lands close to the float32 step on the same
// batch of Fashion-MNIST.
#include <ATen/autocast_mode.h>
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QtTest>
#include <functional>
#include <set>

#include "data/dataset.h"
#include "data/input_pipeline.h"
#include "kd/devices.h"
#include "models/model.h"
#include "train/precision.h"
#include "train/trainer.h"

using namespace kd;

namespace {

// The dtypes autograd recorded for the outputs of the step's convolutions, found by walking the
// graph back from the logits.
std::set<c10::ScalarType> convolutionOutputTypes(const torch::Tensor& logits) {
  std::set<c10::ScalarType> types;
  std::set<const torch::autograd::Node*> seen;
  std::function<void(const std::shared_ptr<torch::autograd::Node>&)> visit =
      [&](const std::shared_ptr<torch::autograd::Node>& node) {
        if (!node || !seen.insert(node.get()).second) return;
        if (node->name().find("Convolution") != std::string::npos)
          types.insert(c10::typeMetaToScalarType(node->input_metadata(0).options().dtype()));
        for (const auto& edge : node->next_edges()) visit(edge.function);
      };
  visit(logits.grad_fn());
  return types;
}

}  // namespace

class TestPrecision : public QObject {
  Q_OBJECT

 private:
  Dataset batch_;
  std::optional<InputPipeline> pipeline_;

  struct Step {
    KdNet model{nullptr};
    Trainer::BatchOutcome out;
    std::vector<torch::Tensor> before;
  };
  // One distillation step of the seed student on the batch, from the same initial weights,
  // against fixed teacher logits.
  Step step(Precision precision);

 private Q_SLOTS:
  void initTestCase();
  void cpuFlagsAreRead();
  void autoChoosesByTheCpu();
  void bf16StepRunsConvolutionsInBfloat16();
  void bf16StepStaysCloseToTheFloat32Step();
  void inPrecisionGivesFloatLogits();
};

void TestPrecision::initTestCase() {
  DataConfig real;  // Fashion-MNIST from the Debian package
  const Dataset train = loadDataset(real, 0).train;
  batch_ = train.select(torch::arange(128, torch::kLong));
  pipeline_.emplace(channelStatistics(train), torch::kCPU);
  torch::set_num_threads(2);
}

void TestPrecision::cpuFlagsAreRead() {
  const std::string amd = "processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_bf16 xsave\n";
  const std::string intel = "flags\t\t: fpu avx512_bf16 amx_bf16 amx_tile\n";
  const std::string older = "flags\t\t: fpu avx2 avx512f avx512_vnni\nbugs\t\t: amx_bf16\n";
  QVERIFY(cpuFeaturesFrom(amd).avx512Bf16 && !cpuFeaturesFrom(amd).amxBf16);
  QCOMPARE(cpuFeaturesFrom(intel).text(), std::string("avx512_bf16, amx_bf16"));
  QVERIFY(!cpuFeaturesFrom(older).bf16());  // a word on another line is not a flag
  QCOMPARE(cpuFeaturesFrom(older).text(), std::string("no bfloat16 instructions"));
  QVERIFY(!cpuFeaturesFrom("").bf16());
}

void TestPrecision::autoChoosesByTheCpu() {
  const CpuFeatures with = cpuFeaturesFrom("flags : avx512_bf16\n"), without;
  QCOMPARE(resolvePrecision(Precision::kAuto, false, with), Precision::kBf16);
  QCOMPARE(resolvePrecision(Precision::kAuto, false, without), Precision::kFp32);
  QCOMPARE(resolvePrecision(Precision::kAuto, true, with), Precision::kFp32);  // a GPU: by name
  QCOMPARE(resolvePrecision(Precision::kBf16, false, without), Precision::kBf16);
  QCOMPARE(resolvePrecision(Precision::kFp32, false, with), Precision::kFp32);
}

TestPrecision::Step TestPrecision::step(Precision precision) {
  Step s;
  torch::manual_seed(3);
  s.model = KdNet(preset("seed-student"), batch_.shape(), 10);
  useChannelsLast(*s.model);
  s.model->train();
  for (const auto& p : s.model->parameters()) s.before.push_back(p.detach().clone());
  TrainerSetup setup;
  setup.phase = Phase::kStudent;
  setup.training.learningRate = 0.05;
  ExperimentConfig kd;  // Hinton's KD at alpha 0.5, T 4
  setup.loss = MethodLoss(kd);
  setup.precision = precision;
  TrainingObserver quiet;
  RunControl control;
  Trainer trainer(s.model, setup, *pipeline_, quiet, control);
  torch::manual_seed(11);
  trainer.setTeacher({}, torch::randn({batch_.size(), 10}) * 3);
  at::Generator generator = at::detail::createCPUGenerator(0);
  s.out = trainer.trainBatch(batch_, torch::arange(batch_.size(), torch::kLong), generator);
  return s;
}

void TestPrecision::bf16StepRunsConvolutionsInBfloat16() {
  const Step bf16 = step(Precision::kBf16);
  QCOMPARE(convolutionOutputTypes(bf16.out.logits), std::set<c10::ScalarType>{torch::kBFloat16});
  QCOMPARE(bf16.out.logits.scalar_type(), torch::kFloat);  // the loss in float32
  for (const auto& p : bf16.model->parameters()) QCOMPARE(p.scalar_type(), torch::kFloat);
  for (const auto& b : bf16.model->buffers())  // batch-norm statistics
    if (b.is_floating_point()) QCOMPARE(b.scalar_type(), torch::kFloat);
  QVERIFY(!at::autocast::is_cpu_enabled());  // the scope ended with the forward pass
  const Step fp32 = step(Precision::kFp32);
  QCOMPARE(convolutionOutputTypes(fp32.out.logits), std::set<c10::ScalarType>{torch::kFloat});
}

// bfloat16 keeps 8 bits of mantissa (a relative rounding of 2^-9 per value); products are
// summed in float32. Measured on this step (AMD EPYC, avx512_bf16): the loss within 1e-5 of the
// float32 step's, the update at cosine 0.9996 and 3% relative error. The bounds (the loss within
// 1%, cosine above 0.995, relative error under 10%) leave room for other CPUs' kernels (AMX).
void TestPrecision::bf16StepStaysCloseToTheFloat32Step() {
  const Step fp32 = step(Precision::kFp32), bf16 = step(Precision::kBf16);
  const double loss32 = fp32.out.terms.total.item<double>();
  const double loss16 = bf16.out.terms.total.item<double>();
  QVERIFY2(std::abs(loss16 - loss32) <= 0.01 * std::abs(loss32),
           qPrintable(QString("loss %1 (bf16) against %2 (fp32)").arg(loss16).arg(loss32)));
  std::vector<torch::Tensor> update32, update16;
  const auto p32 = fp32.model->parameters(), p16 = bf16.model->parameters();
  for (size_t i = 0; i < p32.size(); ++i) {
    update32.push_back((p32[i].detach() - fp32.before[i]).flatten());
    update16.push_back((p16[i].detach() - bf16.before[i]).flatten());
  }
  const torch::Tensor u32 = torch::cat(update32), u16 = torch::cat(update16);
  const double cosine = torch::cosine_similarity(u32, u16, 0).item<double>();
  const double relative = ((u16 - u32).norm() / u32.norm()).item<double>();
  qInfo("bf16 step against fp32: loss %.5f vs %.5f, update cosine %.6f, relative error %.4f",
        loss16, loss32, cosine, relative);
  QVERIFY2(cosine > 0.995, qPrintable(QString::number(cosine)));
  QVERIFY2(relative < 0.10, qPrintable(QString::number(relative)));
}

void TestPrecision::inPrecisionGivesFloatLogits() {
  torch::manual_seed(5);
  KdNet model(preset("seed-student"), batch_.shape(), 10);
  model->eval();
  const torch::Tensor x = pipeline_->prepare(batch_.images.narrow(0, 0, 8));
  torch::InferenceMode inference;
  const torch::Tensor fp32 = inPrecision(logitsOf(model), Precision::kFp32, torch::kCPU)(x);
  const torch::Tensor bf16 = inPrecision(logitsOf(model), Precision::kBf16, torch::kCPU)(x);
  QCOMPARE(bf16.scalar_type(), torch::kFloat);
  QVERIFY(!bf16.equal(fp32));                        // computed in bfloat16 ...
  QVERIFY(torch::allclose(bf16, fp32, 0.05, 0.05));  // ... close to float32
}

QTEST_GUILESS_MAIN(TestPrecision)
#include "tst_precision.moc"
