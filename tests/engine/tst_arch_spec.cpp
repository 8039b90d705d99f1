// ArchSpec: JSON round trip, and the plain-C++ summary against the real torch module for
// every preset at 1x28x28 and 3x32x32 (output shape and parameter count).
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QtTest>

#include "kd/arch_spec.h"
#include "kd/error.h"
#include "models/model.h"

using namespace kd;

class TestArchSpec : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void presetMatchesModule_data();
  void presetMatchesModule();
  void jsonRoundTrip();
  void seedPairNumbers();
  void invalidDesigns_data();
  void invalidDesigns();
  void badJson();
  void parameterNamesMatchLayers();
};

void TestArchSpec::presetMatchesModule_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<int>("channels");
  QTest::addColumn<int>("side");
  for (const auto& name : presetNames())
    for (auto [c, s] : {std::pair{1, 28}, std::pair{3, 32}})
      QTest::addRow("%s %dx%d", name.c_str(), c, s) << QString::fromStdString(name) << c << s;
}

void TestArchSpec::presetMatchesModule() {
  QFETCH(QString, name);
  QFETCH(int, channels);
  QFETCH(int, side);
  ArchSpec arch = preset(name.toStdString());
  ModelSummary summary = summarize(arch, {channels, side, side}, 10);
  KdNet model(arch, InputShape{channels, side, side}, 10);
  int64_t parameters = 0;
  for (const auto& p : model->parameters()) parameters += p.numel();
  QCOMPARE(summary.parameters, parameters);
  model->eval();
  torch::Tensor out = model->forward(torch::randn({2, channels, side, side}));
  QCOMPARE(out.sizes().vec(), (std::vector<int64_t>{2, 10}));
  QCOMPARE(summary.layers.back().outputShape, std::vector<int>{10});
  QVERIFY(summary.macs > 0);
}

void TestArchSpec::jsonRoundTrip() {
  for (const auto& name : presetNames()) {
    ArchSpec a = preset(name);
    QVERIFY2(archFromJson(toJson(a)) == a, name.c_str());
  }
}

void TestArchSpec::seedPairNumbers() {
  // By hand: conv1 1*64*9+64, conv2 64*128*9+128, fc1 128*7*7*512+512, fc2 512*10+10.
  ModelSummary t = summarize(preset("seed-teacher"), {1, 28, 28}, 10);
  QCOMPARE(t.parameters, int64_t(640 + 73856 + 3211776 + 5130));
  QCOMPARE(t.layers[1].outputShape, (std::vector<int>{128, 7, 7}));
  QCOMPARE(t.macs, int64_t(28 * 28 * 64 * 9 + 14 * 14 * 128 * 64 * 9 + 6272 * 512 + 5120));
  ModelSummary resnet = summarize(preset("resnet20"), {3, 32, 32}, 10);
  QCOMPARE(resnet.layers[9].outputShape, (std::vector<int>{64, 8, 8}));
}

void TestArchSpec::invalidDesigns_data() {
  QTest::addColumn<QString>("json");
  QTest::addColumn<QString>("message");
  QTest::newRow("pooled below 1x1")
      << R"({"convs":[{"pool":"max"},{"pool":"max"},{"pool":"max"},{"pool":"max"},{"pool":"max"}]})"
      << "conv5 shrinks the image below 1x1";
  QTest::newRow("even kernel") << R"({"convs":[{"kernel":4}]})"
                               << "the kernel odd";
  QTest::newRow("zero width") << R"({"hidden":[0]})"
                              << "fc1: width must be >= 1";
  QTest::newRow("dropout 1") << R"({"dropout":1.0})"
                             << "dropout must be in [0, 1)";
}

void TestArchSpec::invalidDesigns() {
  QFETCH(QString, json);
  QFETCH(QString, message);
  ArchSpec a = archFromJson(json.toStdString());
  try {
    summarize(a, {1, 28, 28}, 10);
    QFAIL("an impossible design was accepted");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains(message), e.what());
  }
  QVERIFY_THROWS_EXCEPTION(Error, KdNet(a, InputShape{1, 28, 28}, 10));
}

void TestArchSpec::badJson() {
  QVERIFY_THROWS_EXCEPTION(Error, archFromJson("{not json"));
  QVERIFY_THROWS_EXCEPTION(Error, archFromJson(R"({"convs":[{"pool":"median"}]})"));
  QVERIFY_THROWS_EXCEPTION(Error, archFromJson(R"({"hidden":"wide"})"));
  QVERIFY_THROWS_EXCEPTION(Error, preset("vgg99"));
}

void TestArchSpec::parameterNamesMatchLayers() {
  KdNet model(preset("resnet8"), InputShape{3, 32, 32}, 10);
  auto params = model->named_parameters();
  QVERIFY(params.contains("conv1.weight"));
  QVERIFY(params.contains("bn1.weight"));
  QVERIFY(params.contains("block3.shortcut_conv.weight"));
  QVERIFY(params.contains("fc1.bias"));
  KdNet seed(preset("seed-teacher"), InputShape{3, 32, 32}, 10);
  std::vector<std::string> names;
  for (const auto& p : seed->named_parameters()) names.push_back(p.key());
  QCOMPARE(names,
           (std::vector<std::string>{"conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias",
                                     "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}));
}

QTEST_GUILESS_MAIN(TestArchSpec)
#include "tst_arch_spec.moc"
