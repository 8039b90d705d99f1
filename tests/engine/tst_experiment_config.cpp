// Experiment JSON: round trip, defaults for missing keys, and one message per bad setting.
#include <QtTest>

#include "kd/error.h"
#include "kd/experiment.h"

using namespace kd;

class TestExperimentConfig : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void roundTrip();
  void missingKeysKeepDefaults();
  void presetNamesAccepted();
  void badSettings_data();
  void badSettings();
};

void TestExperimentConfig::roundTrip() {
  ExperimentConfig c = defaultExperiment();
  c.data.source = "cifar10:/data/cifar";
  c.data.hiddenClasses = {3, 5};
  c.data.augment = true;
  c.teacher.file = "/tmp/teacher.ckpt";
  c.student = preset("resnet8");
  c.training.optimizer = Optimizer::kAdamW;
  c.training.schedule = Schedule::kStep;
  c.alpha = 0.7;
  c.temperature = 2.5;
  c.seed = 123456789012ULL;
  ExperimentConfig back = experimentFromJson(toJson(c));
  QCOMPARE(toJson(back), toJson(c));
  QVERIFY(back.student == c.student);
  QCOMPARE(back.data.hiddenClasses, (std::vector<int>{3, 5}));
  QCOMPARE(back.seed, c.seed);
}

void TestExperimentConfig::missingKeysKeepDefaults() {
  ExperimentConfig c = experimentFromJson(R"({"distillation": {"temperature": 8}})");
  QCOMPARE(c.temperature, 8.0);
  QCOMPARE(c.alpha, defaultExperiment().alpha);
  QVERIFY(c.teacher.arch == defaultExperiment().teacher.arch);
  QCOMPARE(c.teacher.file, defaultExperiment().teacher.file);
}

void TestExperimentConfig::presetNamesAccepted() {
  ExperimentConfig c = experimentFromJson(R"({"student": {"arch": "lenet5"}})");
  QVERIFY(c.student == preset("lenet5"));
}

void TestExperimentConfig::badSettings_data() {
  QTest::addColumn<QString>("json");
  QTest::addColumn<QString>("message");
  QTest::newRow("not json") << "{"
                            << "not valid JSON";
  QTest::newRow("alpha > 1") << R"({"distillation": {"alpha": 1.5}})"
                             << "alpha must be in [0, 1]";
  QTest::newRow("alpha < 0") << R"({"distillation": {"alpha": -0.1}})"
                             << "alpha must be in [0, 1]";
  QTest::newRow("T = 0") << R"({"distillation": {"temperature": 0}})"
                         << "temperature must be > 0";
  QTest::newRow("epochs 0") << R"({"student": {"training": {"epochs": 0}}})"
                            << "student epochs must be at least 1";
  QTest::newRow("optimizer") << R"({"student": {"training": {"optimizer": "rmsprop"}}})"
                             << "optimizer must be sgd, adam or adamw";
  QTest::newRow("schedule") << R"({"teacher": {"training": {"schedule": "cyclic"}}})"
                            << "schedule must be none, step or cosine";
  QTest::newRow("wrong type") << R"({"seed": "abc"})"
                              << "experiment.seed has the wrong type";
  QTest::newRow("version") << R"({"version": 9})"
                           << "version 9 is not supported";
  QTest::newRow("preset") << R"({"student": {"arch": "vgg99"}})"
                          << "unknown architecture preset";
  QTest::newRow("fraction") << R"({"data": {"train_fraction": 0}})"
                            << "train_fraction must be";
  // A typo must not silently keep the default: every level names the key and the closest one.
  QTest::newRow("typo in training")
      << R"({"student": {"training": {"learning_rat": 0.1}}})"
      << "unknown key \"student.training.learning_rat\"; did you mean \"learning_rate\"?";
  QTest::newRow("typo at the top") << R"({"sed": 3})"
                                   << "unknown key \"experiment.sed\"; did you mean \"seed\"?";
  QTest::newRow("typo in data") << R"({"data": {"hiden_classes": [1]}})"
                                << "unknown key \"data.hiden_classes\"; did you mean "
                                   "\"hidden_classes\"?";
  QTest::newRow("typo in distillation")
      << R"({"distillation": {"temprature": 2}})"
      << "unknown key \"distillation.temprature\"; did you mean \"temperature\"?";
  QTest::newRow("typo in an architecture")
      << R"({"student": {"arch": {"convs": [{"chanels": 8}]}}})"
      << "unknown key \"arch.convs[].chanels\"; did you mean \"channels\"?";
  QTest::newRow("typo in teacher") << R"({"teacher": {"fille": "x.pt"}})"
                                   << "unknown key \"teacher.fille\"; did you mean \"file\"?";
}

void TestExperimentConfig::badSettings() {
  QFETCH(QString, json);
  QFETCH(QString, message);
  try {
    experimentFromJson(json.toStdString());
    QFAIL("a bad experiment was accepted");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains(message), e.what());
  }
}

QTEST_GUILESS_MAIN(TestExperimentConfig)
#include "tst_experiment_config.moc"
