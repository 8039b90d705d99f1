// Experiment JSON: round trip, defaults for missing keys, and one message per bad setting; the
// messages keep their pattern and values (kd::Text) for the window to translate.
#include <QtTest>
#include <functional>

#include "kd/error.h"
#include "kd/experiment.h"
#include "kd/methods.h"
#include "kd/observer.h"

using namespace kd;

Q_DECLARE_METATYPE(std::function<void(kd::ExperimentConfig&)>)

class TestExperimentConfig : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void roundTrip();
  void missingKeysKeepDefaults();
  void presetNamesAccepted();
  void methodsRoundTrip();
  void methodDefaults();
  void formatOneIsKd();
  void baselineOfAnyMethodIsKdAtAlphaOne();
  void badSettings_data();
  void badSettings();
  void teacherTrainingKey_data();
  void teacherTrainingKey();
  void folderSeedShapesTheTeacher();
  void settingsWithoutEffect_data();
  void settingsWithoutEffect();
  void settingsThatActAreAccepted();
  void changeDatasetMovesTheTeacher();
  void changeDatasetLeavesWhatIsGiven();
  void textFillsItsPatternInOnePass();
  void errorsKeepTheirPatternAndValues();
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
  c.precision = Precision::kBf16;
  ExperimentConfig back = experimentFromJson(toJson(c));
  QCOMPARE(toJson(back), toJson(c));
  QVERIFY(back.student == c.student);
  QCOMPARE(back.data.hiddenClasses, (std::vector<int>{3, 5}));
  QCOMPARE(back.seed, c.seed);
  QCOMPARE(back.precision, Precision::kBf16);
}

void TestExperimentConfig::missingKeysKeepDefaults() {
  ExperimentConfig c = experimentFromJson(R"({"distillation": {"temperature": 8}})");
  QCOMPARE(c.temperature, 8.0);
  QCOMPARE(c.alpha, defaultExperiment().alpha);
  QVERIFY(c.teacher.arch == defaultExperiment().teacher.arch);
  QCOMPARE(c.teacher.file, defaultExperiment().teacher.file);
  QCOMPARE(c.precision, Precision::kFp32);  // an experiment written before precisions existed
}

// The one rule the window's run session and the sweep runner follow to reuse a trained teacher.
void TestExperimentConfig::teacherTrainingKey_data() {
  using Change = std::function<void(ExperimentConfig&)>;
  QTest::addColumn<Change>("change");
  QTest::addColumn<bool>("sameTeacher");
  QTest::newRow("alpha") << Change([](auto& c) { c.alpha = 0.9; }) << true;
  QTest::newRow("temperature") << Change([](auto& c) { c.temperature = 20; }) << true;
  QTest::newRow("student") << Change([](auto& c) { c.student = preset("lenet5"); }) << true;
  QTest::newRow("student epochs") << Change([](auto& c) { c.training.epochs = 3; }) << true;
  QTest::newRow("seed") << Change([](auto& c) { c.seed = 7; }) << true;
  QTest::newRow("hidden classes") << Change([](auto& c) { c.data.hiddenClasses = {3}; }) << true;
  QTest::newRow("teacher epochs") << Change([](auto& c) { c.teacher.training.epochs = 9; })
                                  << false;
  QTest::newRow("teacher arch") << Change([](auto& c) { c.teacher.arch = preset("lenet5"); })
                                << false;
  QTest::newRow("transfer set") << Change([](auto& c) { c.data.limitTrain = 100; }) << false;
  QTest::newRow("augmentation") << Change([](auto& c) { c.data.augment = true; }) << false;
  QTest::newRow("dataset") << Change([](auto& c) { c.data.source = "mnist:/d"; }) << false;
  QTest::newRow("device") << Change([](auto& c) { c.device = "cpu"; }) << false;
  QTest::newRow("precision") << Change([](auto& c) { c.precision = Precision::kBf16; }) << false;
}

void TestExperimentConfig::teacherTrainingKey() {
  QFETCH(std::function<void(ExperimentConfig&)>, change);
  QFETCH(bool, sameTeacher);
  ExperimentConfig base = defaultExperiment();
  base.teacher.file.clear();  // trained here
  ExperimentConfig other = base;
  change(other);
  QCOMPARE(kd::teacherTrainingKey(other) == kd::teacherTrainingKey(base), sameTeacher);
}

// In an image folder the seed also draws the test split, so it shapes the teacher there.
void TestExperimentConfig::folderSeedShapesTheTeacher() {
  ExperimentConfig a = defaultExperiment();
  a.teacher.file.clear();
  a.data.source = "folder:/images";
  ExperimentConfig b = a;
  b.seed = a.seed + 1;
  QVERIFY(kd::teacherTrainingKey(a) != kd::teacherTrainingKey(b));
}

// A setting that cannot act in the run is refused before a run starts, naming it and why; the
// file itself still reads (an experiment saved by an earlier build opens, and its run resumes).
void TestExperimentConfig::settingsWithoutEffect_data() {
  QTest::addColumn<QString>("json");
  QTest::addColumn<QString>("message");
  QTest::newRow("image size, not a folder") << R"({"data": {"image_size": 64}})"
                                            << "data.image_size and grayscale act on image folders";
  QTest::newRow("grayscale, not a folder")
      << R"({"data": {"source": "cifar10:/d", "grayscale": true}})"
      << "data.image_size and grayscale act on image folders only; cifar10:/d";
  QTest::newRow("test fraction, own test set") << R"({"data": {"test_fraction": 0.5}})"
                                               << "data.test_fraction acts on image folders only";
  QTest::newRow("step settings, cosine")
      << R"({"student": {"training": {"step_epochs": 3}}})"
      << "student.training.step_epochs and step_gamma act with the step schedule only, not with "
         "cosine";
  QTest::newRow("momentum, adam")
      << R"({"student": {"training": {"optimizer": "adam", "momentum": 0.5}}})"
      << "student.training.momentum and nesterov act with the sgd optimizer only, not with adam";
  QTest::newRow("nesterov, teacher trained here with adamw")
      << R"({"teacher": {"arch": "lenet5", "training": {"optimizer": "adamw", "nesterov": true}}})"
      << "teacher.training.momentum and nesterov act with the sgd optimizer only";
  QTest::newRow("alpha, dkd")
      << R"({"distillation": {"method": "dkd", "alpha": 0.9}})"
      << "distillation.alpha acts with the kd method only; dkd weighs its terms with its own "
         "settings (ce_weight)";
  QTest::newRow("dkd, few labels")
      << R"({"data": {"labelled": 100}, "distillation": {"method": "dkd"}})"
      << "the method dkd needs every image's label";
  QTest::newRow("temperature, fitnets without Hinton's term")
      << R"({"distillation": {"method": "fitnets", "temperature": 8}})"
      << "distillation.temperature acts on fitnets through its kd_weight, which is 0: set "
         "kd_weight above 0, or keep T at 4";
  QTest::newRow("temperature, ls with kd_weight 0")
      << R"({"distillation": {"method": "ls", "temperature": 4, "settings": {"kd_weight": 0}}})"
      << "distillation.temperature acts on ls through its kd_weight";
  QTest::newRow("at, an MLP student")
      << R"({"student": {"arch": "hinton-mlp-student"}, "distillation": {"method": "at"}})"
      << "at compares maps of image positions, and the student has no convolution layer";
  QTest::newRow("at, an MLP teacher trained here")
      << R"({"teacher": {"arch": "hinton-mlp-teacher"}, "distillation": {"method": "at"}})"
      << "at compares maps of image positions, and the teacher has no convolution layer";
  QTest::newRow("other data, teacher trained here")
      << R"({"teacher": {"arch": "lenet5", "allow_other_data": true}})"
      << "teacher.allow_other_data acts on a teacher file only";
}

void TestExperimentConfig::settingsWithoutEffect() {
  QFETCH(QString, json);
  QFETCH(QString, message);
  const ExperimentConfig c = experimentFromJson(json.toStdString());
  try {
    refuseSettingsWithoutEffect(c);
    QFAIL("a setting without effect was accepted");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains(message), e.what());
  }
}

// The same settings where they act.
void TestExperimentConfig::settingsThatActAreAccepted() {
  ExperimentConfig c = experimentFromJson(
      R"({"data": {"source": "folder:/images", "image_size": 64, "grayscale": true,
                   "test_fraction": 0.5},
          "student": {"training": {"schedule": "step", "step_epochs": 3, "nesterov": true}},
          "teacher": {"file": "t.pt", "allow_other_data": true}})");
  refuseSettingsWithoutEffect(c);
  QCOMPARE(c.data.imageSize, 64);
  QCOMPARE(c.training.stepEpochs, 3);
  QVERIFY(c.teacher.allowOtherData);
  // The temperature of a feature method acts through Hinton's term when it is weighed in.
  refuseSettingsWithoutEffect(experimentFromJson(
      R"({"distillation": {"method": "fitnets", "temperature": 8, "settings": {"kd_weight": 1}}})"));
}

// kdtrain --dataset and the window's dataset box: the built-in Fashion-MNIST teacher does not
// follow to MNIST; the experiment's teacher architecture is trained there instead, and the
// user is told, as of the training-image limit that stays.
void TestExperimentConfig::changeDatasetMovesTheTeacher() {
  ExperimentConfig c = defaultExperiment();
  const std::vector<Text> notes = changeDataset(c, "mnist:/digits");
  QCOMPARE(c.data.source, std::string("mnist:/digits"));
  QVERIFY(c.teacher.file.empty());
  QCOMPARE(c.teacher.arch.name, std::string("resnet20"));
  QCOMPARE(notes.size(), size_t(2));
  QVERIFY2(notes[0].english().find("the teacher resnet20 is trained here instead, for 3 epochs") !=
               std::string::npos,
           notes[0].english().c_str());
  QVERIFY(notes[1].english().find("only the first 5000 training images of mnist:/digits") !=
          std::string::npos);
  ExperimentConfig back = c;
  QCOMPARE(changeDataset(back, "mnist:/digits").size(), size_t(0));  // the same dataset
  ExperimentConfig file = defaultExperiment();
  file.teacher.file = "/teachers/mine.ckpt";  // a file stays: its classes are checked at load
  changeDataset(file, "mnist:/digits");
  QCOMPARE(file.teacher.file, std::string("/teachers/mine.ckpt"));
}

void TestExperimentConfig::changeDatasetLeavesWhatIsGiven() {
  ExperimentConfig c = defaultExperiment();
  const std::vector<Text> notes = changeDataset(c, "mnist:/digits", {true, true});
  QCOMPARE(c.teacher.file, defaultExperiment().teacher.file);  // --teacher replaces it anyway
  QVERIFY(notes.empty());
}

// Every method with every setting away from its default, written and read back.
void TestExperimentConfig::methodsRoundTrip() {
  for (const MethodInfo& method : distillationMethods()) {
    QVERIFY(method.terms.size() <= size_t(kMaxMethodTerms));
    ExperimentConfig c = defaultExperiment();
    c.method = method.name;
    c.temperature = 3;
    for (const MethodSetting& s : method.settings)
      c.methodSettings[s.key] = s.whole ? s.maximum : (s.defaultValue + s.maximum) / 2;
    const ExperimentConfig back = experimentFromJson(toJson(c));
    QCOMPARE(back.method, method.name);
    QCOMPARE(back.temperature, 3.0);
    QCOMPARE(back.methodSettings, c.methodSettings);
    QCOMPARE(toJson(back), toJson(c));
  }
}

// A method given without its settings or temperature has its reference implementation's.
void TestExperimentConfig::methodDefaults() {
  const ExperimentConfig dkd = experimentFromJson(R"({"distillation": {"method": "dkd"}})");
  QCOMPARE(methodSetting(dkd, "nckd_weight"), 8.0);
  QCOMPARE(methodSetting(dkd, "warmup"), 20.0);
  QCOMPARE(dkd.temperature, 4.0);
  const ExperimentConfig ls = experimentFromJson(R"({"distillation": {"method": "ls"}})");
  QCOMPARE(ls.temperature, 2.0);
  QCOMPARE(methodSetting(ls, "ce_weight"), 0.1);
  QCOMPARE(methodSetting(ls, "kd_weight"), 9.0);
  const ExperimentConfig dist =
      experimentFromJson(R"({"distillation": {"method": "dist", "temperature": 4}})");
  QCOMPARE(dist.temperature, 4.0);  // given: the user's
  QCOMPARE(methodSummary(dist),
           std::string("dist: ce_weight 1, inter_weight 1, intra_weight 1, T 4"));
  QCOMPARE(methodSummary(defaultExperiment()), std::string("alpha 0.5, T 4"));
}

// An experiment written before methods existed (format 1) is Hinton's KD, as it was.
void TestExperimentConfig::formatOneIsKd() {
  const ExperimentConfig c =
      experimentFromJson(R"({"version": 1, "distillation": {"alpha": 0.3, "temperature": 6}})");
  QCOMPARE(c.method, std::string("kd"));
  QCOMPARE(c.alpha, 0.3);
  QCOMPARE(c.temperature, 6.0);
  QVERIFY(c.methodSettings.empty());
}

void TestExperimentConfig::baselineOfAnyMethodIsKdAtAlphaOne() {
  ExperimentConfig c = defaultExperiment();
  c.method = "dkd";
  c.methodSettings["nckd_weight"] = 2;
  const ExperimentConfig b = *baselineExperiment(c);
  QCOMPARE(b.method, std::string("kd"));
  QVERIFY(b.methodSettings.empty());
  QVERIFY(learnsFromLabelsAlone(b));
  QVERIFY(!learnsFromLabelsAlone(c));
  c.method = "kd";
  c.methodSettings.clear();
  c.alpha = 1;
  QVERIFY(learnsFromLabelsAlone(c));
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
  QTest::newRow("precision") << R"({"precision": "fp16"})"
                             << "precision must be fp32, bf16 or auto, not \"fp16\"";
  QTest::newRow("wrong type") << R"({"seed": "abc"})"
                              << "experiment.seed has the wrong type";
  QTest::newRow("version") << R"({"version": 9})"
                           << "written by a newer KD Workbench (format version 9";
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
  QTest::newRow("method") << R"({"distillation": {"method": "fitnet"}})"
                          << "no distillation method \"fitnet\"; there are kd, dkd, dist, ls";
  QTest::newRow("another method's setting")
      << R"({"distillation": {"method": "dist", "settings": {"nckd_weight": 2}}})"
      << "the method dist has no setting \"nckd_weight\"; it has ce_weight, inter_weight, "
         "intra_weight";
  QTest::newRow("kd has no settings") << R"({"distillation": {"settings": {"beta": 2}}})"
                                      << "the method kd has no setting (beta given)";
  QTest::newRow("setting out of range")
      << R"({"distillation": {"method": "dkd", "settings": {"nckd_weight": -1}}})"
      << "dkd's setting nckd_weight must be a number from 0 to 100, not -1";
  QTest::newRow("whole setting")
      << R"({"distillation": {"method": "dkd", "settings": {"warmup": 2.5}}})"
      << "dkd's setting warmup must be a whole number from 0 to 1000, not 2.5";
  QTest::newRow("setting not a number")
      << R"({"distillation": {"method": "dkd", "settings": {"warmup": "5"}}})"
      << "distillation.settings.warmup must be a number";
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

void TestExperimentConfig::textFillsItsPatternInOnePass() {
  // A value's own "%1" is never read as a place marker; a marker without a value stays.
  QCOMPARE(fillPattern("%2 of %1, then %3", {"100%2", "a%1b"}),
           std::string("a%1b of 100%2, then %3"));
  QCOMPARE(fillPattern("100% sure, %", {}), std::string("100% sure, %"));
  const Text nested("cannot open %1 %2",
                    {Text("the file %1", {std::string("x.json")}), std::string("now")});
  QCOMPARE(nested.english(), std::string("cannot open the file x.json now"));
  QVERIFY(nested.values()[1].isValue());
  QCOMPARE(std::string(nested.values()[0].pattern()), std::string("the file %1"));
}

void TestExperimentConfig::errorsKeepTheirPatternAndValues() {
  try {
    experimentFromJson(R"({"student": {"training": {"epochs": 0}}})");
    QFAIL("zero epochs were accepted");
  } catch (const Error& e) {
    QCOMPARE(std::string(e.what()), std::string("student epochs must be at least 1"));
    QCOMPARE(std::string(e.text().pattern()), std::string("%1 epochs must be at least 1"));
    QCOMPARE(std::string(e.text().values().at(0).pattern()), std::string("student"));
  }
  try {
    loadExperiment("/nonexistent/experiment.json");
    QFAIL("a missing file was read");
  } catch (const Error& e) {
    QCOMPARE(std::string(e.what()),
             std::string("cannot open the experiment file /nonexistent/experiment.json"));
    QCOMPARE(std::string(e.text().values().at(0).pattern()), std::string("the experiment file"));
    QCOMPARE(e.text().values().at(1).value(), std::string("/nonexistent/experiment.json"));
  }
}

QTEST_GUILESS_MAIN(TestExperimentConfig)
#include "tst_experiment_config.moc"
