// The experiment panel: JSON round trip through the widgets, and every impossible setting
// disables Start with its reason.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "app/main_window.h"
#include "experiment/arch_editor.h"
#include "experiment/dataset_strip.h"
#include "experiment/experiment_panel.h"
#include "experiment/method_field.h"
#include "kd/arch_spec.h"
#include "kd/devices.h"
#include "kd/error.h"
#include "kd/methods.h"
#include "test_data.h"

using kd::ui::ExperimentPanel;

class TestExperimentPanel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
  void defaultsAreValid();
  void roundTrip();
  void invalidDisablesStart_data();
  void invalidDisablesStart();
  void datasetPreview();
  void editingTheStudent();
  void impossibleStudentIsFlaggedInPlace();
  void imageFolderClassesComeFromTheDataset();
  void customTeacherIsKept();
  void builtinTeacherIsOffered();
  void teacherFollowsTheDatasetBox();
  void settingsThatCannotActAreDisabled();
  void labelledImagesAreCountedPerClass();
  void precisionSaysWhatTheCpuHas();
  void methodBoxShowsTheMethodsSettings();
};

namespace {
// Shapes and classes come from the engine's preview of the dataset, which loads off the GUI
// thread.
bool waitForPreview(ExperimentPanel& panel) {
  return QTest::qWaitFor([&] { return panel.datasetStrip()->preview() != nullptr; }, 30000);
}
}  // namespace

void TestExperimentPanel::editingTheStudent() {
  ExperimentPanel panel;
  QVERIFY(waitForPreview(panel));
  kd::ui::ArchEditor* editor = panel.studentEditor();
  QCOMPARE(editor->table()->rowCount(), 2);  // seed-student: conv 16, conv 32
  QCOMPARE(editor->table()->item(1, 6)->text(), QString("32 x 7 x 7"));
  editor->table()->selectRow(1);
  editor->addLayer();
  const kd::ExperimentConfig c = panel.config();
  QCOMPARE(c.student.convs.size(), size_t(3));
  QCOMPARE(c.student.convs[2].channels, 32);
  QCOMPARE(c.student.name, std::string("custom"));
  editor->moveLayer(-1);
  editor->removeLayer();
  QCOMPARE(panel.config().student.convs.size(), size_t(2));
  // A custom design keeps its name through a round trip.
  kd::ExperimentConfig custom = kd::defaultExperiment();
  custom.student.name = "mine";
  custom.student.hidden = {64};
  panel.setConfig(custom);
  QCOMPARE(QString::fromStdString(kd::toJson(panel.config())),
           QString::fromStdString(kd::toJson(custom)));
}

void TestExperimentPanel::impossibleStudentIsFlaggedInPlace() {
  kd::ui::MainWindow window;
  window.setConfirmations(false);
  QVERIFY(waitForPreview(*window.panel()));
  kd::ui::ArchEditor* editor = window.panel()->studentEditor();
  // Three more pooling layers shrink 28x28 (7x7 after two) below 1x1.
  for (int i = 0; i < 3; ++i) {
    editor->table()->selectRow(editor->table()->rowCount() - 1);
    editor->addLayer();
    static_cast<QComboBox*>(editor->table()->cellWidget(editor->table()->rowCount() - 1, 4))
        ->setCurrentText("max");
  }
  QCOMPARE(editor->table()->item(2, 6)->text(), QString("32 x 3 x 3"));
  QCOMPARE(editor->table()->item(3, 6)->text(), QString("32 x 1 x 1"));
  QCOMPARE(editor->table()->item(4, 6)->text(), QString("too small"));
  QVERIFY(!window.startAction()->isEnabled());
  QVERIFY2(window.panel()->problem().contains("conv5 shrinks the image below 1x1"),
           qPrintable(window.panel()->problem()));
  editor->removeLayer();
  QVERIFY(window.startAction()->isEnabled());
}

void TestExperimentPanel::datasetPreview() {
  ExperimentPanel panel;
  QSignalSpy loaded(panel.datasetStrip(), &kd::ui::DatasetStrip::loaded);
  QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
  QCOMPARE(loaded.first().first().toBool(), true);
  QCOMPARE(panel.datasetStrip()->shownSamples(), 10);  // one image per Fashion-MNIST class
  kd::ExperimentConfig c = kd::defaultExperiment();
  c.data.source = "mnist:/nonexistent/mnist";
  panel.setConfig(c);
  QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 20000);
  QCOMPARE(loaded.last().first().toBool(), false);
  QCOMPARE(panel.datasetStrip()->shownSamples(), 0);
}

void TestExperimentPanel::defaultsAreValid() {
  ExperimentPanel panel;
  QVERIFY2(panel.isValid(), qPrintable(panel.problem()));
  QCOMPARE(QString::fromStdString(kd::toJson(panel.config())),
           QString::fromStdString(kd::toJson(kd::defaultExperiment())));
}

void TestExperimentPanel::roundTrip() {
  kd::ExperimentConfig c = kd::defaultExperiment();
  c.data.source = "folder:/data/images";  // where image size and grayscale act
  c.data.limitTrain = 5000;
  c.data.hiddenClasses = {3, 5};
  c.data.augment = true;
  c.data.trainFraction = 0.5;
  c.data.imageSize = 40;
  c.data.grayscale = true;
  c.teacher.file.clear();  // trained here
  c.teacher.arch = kd::preset("resnet20");
  c.teacher.training.epochs = 7;
  c.student = kd::preset("resnet8");
  c.alpha = 0.3;
  c.temperature = 6.5;
  c.training.optimizer = kd::Optimizer::kAdamW;
  c.training.learningRate = 0.002;
  c.training.schedule = kd::Schedule::kStep;
  c.training.weightDecay = 0.0001;
  c.training.batchSize = 64;
  c.teacher.training.batchSize = 64;
  c.training.epochs = 12;
  c.seed = 7;
  c.device = "cpu";
  c.threads = 1;
  c.precision = kd::Precision::kBf16;
  ExperimentPanel panel;
  panel.setConfig(c);
  QCOMPARE(QString::fromStdString(kd::toJson(panel.config())),
           QString::fromStdString(kd::toJson(c)));
}

void TestExperimentPanel::invalidDisablesStart_data() {
  QTest::addColumn<QString>("json");
  QTest::addColumn<QString>("reason");
  QTest::newRow("dataset folder missing") << R"({"data": {"source": "mnist:"}})"
                                          << "choose the dataset's folder";
  QTest::newRow("hidden class out of range") << R"({"data": {"hidden_classes": [12]}})"
                                             << "hidden classes are numbers from 0 to 9";
  QTest::newRow("device not on this machine") << R"({"device": "cuda:7"})"
                                              << "this machine has no device \"cuda:7\"";
  QTest::newRow("fewer labels than classes") << R"({"data": {"labelled": 5}})"
                                             << "cannot give each of the 10 classes a label";
  QTest::newRow("no label and alpha 1")
      << R"({"data": {"labelled": 0}, "distillation": {"alpha": 1}})"
      << "alpha 1 learns from the labels alone";
  QTest::newRow("teacher file missing") << R"({"teacher": {"file": "/nonexistent/teacher.pt"}})"
                                        << "choose the teacher's file";
}

void TestExperimentPanel::invalidDisablesStart() {
  QFETCH(QString, json);
  QFETCH(QString, reason);
  kd::ui::MainWindow window;
  window.setConfirmations(false);
  QVERIFY(window.startAction()->isEnabled());
  kd::ExperimentConfig c = kd::defaultExperiment();
  try {
    c = kd::experimentFromJson(json.toStdString());
  } catch (const kd::Error&) {
    QFAIL("the row's experiment should parse");
  }
  QSignalSpy validity(window.panel(), &ExperimentPanel::validityChanged);
  window.panel()->setConfig(c);
  QTRY_VERIFY_WITH_TIMEOUT(!window.panel()->isValid(), 30000);  // some wait for the preview
  QVERIFY2(window.panel()->problem().contains(reason), qPrintable(window.panel()->problem()));
  QVERIFY(!window.startAction()->isEnabled());
  QVERIFY(window.startAction()->toolTip().contains(reason));
  QCOMPARE(validity.count(), 1);
  window.panel()->setConfig(kd::defaultExperiment());
  QVERIFY(window.startAction()->isEnabled());
}

void TestExperimentPanel::imageFolderClassesComeFromTheDataset() {
  QTemporaryDir tmp;
  const QString folder = tmp.filePath("three");
  kd::test::writeImageFolder(folder.toStdString(), 3, 4, 20);
  kd::ExperimentConfig c = kd::defaultExperiment();
  c.data.source = "folder:" + folder.toStdString();
  c.teacher.file.clear();  // trained here: the built-in teacher knows Fashion-MNIST only
  c.data.imageSize = 20;
  c.data.hiddenClasses = {2};  // a third class: a copy of the catalogue assumed two
  ExperimentPanel panel;
  panel.setConfig(c);
  QVERIFY(waitForPreview(panel));
  QVERIFY2(panel.isValid(), qPrintable(panel.problem()));
  QCOMPARE(panel.studentEditor()->table()->item(1, 6)->text(), QString("32 x 5 x 5"));
  c.data.hiddenClasses = {3};
  panel.setConfig(c);
  QVERIFY2(panel.problem().contains("hidden classes are numbers from 0 to 2"),
           qPrintable(panel.problem()));
}

void TestExperimentPanel::customTeacherIsKept() {
  kd::ExperimentConfig c = kd::defaultExperiment();
  c.teacher.file.clear();  // trained here
  c.teacher.arch = kd::preset("cnn-small");
  c.teacher.arch.name = "wide";
  c.teacher.arch.hidden = {300};
  ExperimentPanel panel;
  panel.setConfig(c);
  QCOMPARE(QString::fromStdString(kd::toJson(panel.config())),
           QString::fromStdString(kd::toJson(c)));
  c.teacher.file = "/some/teacher.pt";  // the architecture a state_dict is loaded into
  panel.setConfig(c);
  QVERIFY(panel.config().teacher.arch == c.teacher.arch);
}

// The bundled teacher is a third teacher source; it exists for Fashion-MNIST only.
void TestExperimentPanel::builtinTeacherIsOffered() {
  kd::ui::MainWindow window;
  window.setConfirmations(false);
  kd::ExperimentConfig c = kd::defaultExperiment();
  c.teacher.file = "builtin:fashion-mnist-resnet20";
  c.teacher.arch = kd::preset("resnet20");
  window.panel()->setConfig(c);
  QVERIFY(waitForPreview(*window.panel()));
  QCOMPARE(window.panel()->findChild<QComboBox*>("teacherSource")->currentText(),
           QString("Built-in, pretrained"));
  QCOMPARE(QString::fromStdString(kd::toJson(window.panel()->config())),
           QString::fromStdString(kd::toJson(c)));
  QTRY_VERIFY(window.startAction()->isEnabled());
  QTemporaryDir tmp;
  kd::test::writeIdxDataset(tmp.filePath("mnist").toStdString(), 60, false);
  c.data.source = "mnist:" + tmp.filePath("mnist").toStdString();
  window.panel()->setConfig(c);
  QTRY_VERIFY_WITH_TIMEOUT(!window.panel()->isValid(), 30000);
  QVERIFY2(window.panel()->problem().contains("the built-in teacher knows Fashion-MNIST only"),
           qPrintable(window.panel()->problem()));
}

// Choosing MNIST in the Dataset box moves the teacher as kdtrain --dataset does
// (kd::changeDataset): the built-in Fashion-MNIST teacher gives way to the experiment's
// architecture trained here, and the window says so, with the training-image limit that stays.
void TestExperimentPanel::teacherFollowsTheDatasetBox() {
  kd::ui::MainWindow window;
  window.setConfirmations(false);
  ExperimentPanel* panel = window.panel();
  QVERIFY(waitForPreview(*panel));
  QSignalSpy noted(panel, &ExperimentPanel::noted);
  auto* source = panel->findChild<QComboBox*>("teacherSource");
  QCOMPARE(source->currentText(), QString("Built-in, pretrained"));
  panel->findChild<QComboBox*>("datasetKind")->setCurrentIndex(1);  // MNIST (IDX folder)
  QCOMPARE(source->currentText(), QString("Train a preset here"));
  QVERIFY(panel->config().teacher.file.empty());
  QCOMPARE(panel->config().teacher.arch.name, std::string("resnet20"));
  QCOMPARE(panel->findChild<QComboBox*>("teacherArchitecture")->currentText(), QString("resnet20"));
  QCOMPARE(noted.count(), 1);
  const QString note = noted.first().first().toString();
  QVERIFY2(note.contains("the teacher resnet20 is trained here instead, for 3 epochs") &&
               note.contains("only the first 5000 training images"),
           qPrintable(note));
  QVERIFY(window.findChild<QPlainTextEdit*>()->toPlainText().contains(note));  // the log
  QTemporaryDir tmp;
  kd::test::writeIdxDataset(tmp.filePath("mnist").toStdString(), 60, false);
  panel->findChild<QLineEdit*>("datasetFolder")->setText(tmp.filePath("mnist"));
  QTRY_VERIFY_WITH_TIMEOUT(panel->isValid(), 30000);
  QCOMPARE(noted.count(), 1);  // typing the folder moves nothing
}

// Controls whose setting cannot act are disabled, with the reason in their tooltip, and the
// experiment keeps their defaults.
void TestExperimentPanel::settingsThatCannotActAreDisabled() {
  ExperimentPanel panel;
  auto* otherData = panel.findChild<QCheckBox*>("teacherOtherData");
  auto* source = panel.findChild<QComboBox*>("teacherSource");
  QVERIFY(otherData->isEnabled());  // the built-in teacher is a file
  otherData->setChecked(true);
  QVERIFY(panel.config().teacher.allowOtherData);
  source->setCurrentIndex(0);  // trained here
  QVERIFY(!otherData->isEnabled());
  QVERIFY(otherData->toolTip().contains("A teacher trained here learns this dataset"));
  QVERIFY(!panel.config().teacher.allowOtherData);
  kd::ExperimentConfig c = kd::defaultExperiment();
  c.data.source = "folder:/images";
  c.data.imageSize = 48;
  c.teacher.file.clear();
  panel.setConfig(c);
  auto* kind = panel.findChild<QComboBox*>("datasetKind");
  kind->setCurrentIndex(0);  // Fashion-MNIST: its own image size
  QCOMPARE(panel.config().data.imageSize, kd::DataConfig{}.imageSize);
  QVERIFY(panel.config().teacher.file.empty());  // folder -> Fashion-MNIST: trained here stays
  QWidget* size = nullptr;
  for (QSpinBox* box : panel.findChildren<QSpinBox*>())
    if (box->value() == 48) size = box;
  QVERIFY(size && !size->isEnabled());
  QVERIFY(size->toolTip().contains("Only image folders are resized"));
  kd::refuseSettingsWithoutEffect(panel.config());  // nothing that cannot act is left
}

// "Labelled images": a count becomes data.labelled and is read back per class, live; a fraction
// from a file stays a fraction (shown as the count it comes to) until the count is edited.
void TestExperimentPanel::labelledImagesAreCountedPerClass() {
  ExperimentPanel panel;
  QVERIFY(waitForPreview(panel));
  auto* spin = panel.findChild<QSpinBox*>("labelled");
  auto* reading = panel.findChild<QLabel*>("labelledReading");
  QVERIFY(spin && reading);
  QCOMPARE(panel.config().data.labelled, kd::kAllLabelled);
  QVERIFY2(reading->text().contains("5,000 images keeps its label"), qPrintable(reading->text()));
  spin->setValue(100);
  QCOMPARE(panel.config().data.labelled, 100.0);
  QVERIFY2(reading->text().contains("100 of 5,000 images keep their label (10 a class)"),
           qPrintable(reading->text()));
  QVERIFY(reading->toolTip().contains("Ankle boot: 10 of "));
  panel.setRunBaseline(true);
  QVERIFY(panel.runBaseline());
  spin->setValue(0);
  QVERIFY(reading->text().contains("No label"));
  QVERIFY(!panel.runBaseline());  // nothing to train a baseline on: disabled, and says why
  QCheckBox* baseline = nullptr;
  for (QCheckBox* box : panel.findChildren<QCheckBox*>())
    if (box->text().contains("baseline")) baseline = box;
  QVERIFY(baseline && !baseline->isEnabled());
  QVERIFY(baseline->toolTip().contains("keeps none"));
  spin->setValue(100);
  QVERIFY(panel.runBaseline());
  spin->setValue(5);  // fewer than the 10 classes: refused with the engine's reason
  QVERIFY(reading->text().contains("cannot give each of the 10 classes a label"));
  QVERIFY(!panel.isValid());
  QVERIFY(panel.problem().contains("cannot give each of the 10 classes a label"));
  kd::ExperimentConfig c = kd::defaultExperiment();
  c.data.labelled = 0.02;
  panel.setConfig(c);
  QCOMPARE(panel.config().data.labelled, 0.02);
  QCOMPARE(spin->value(), 100);  // 2% of 5,000
  spin->setValue(50);
  QCOMPARE(panel.config().data.labelled, 50.0);
  QVERIFY(panel.isValid());
}

// The Precision box's tooltip names the bfloat16 instructions of the CPU the window runs on.
void TestExperimentPanel::precisionSaysWhatTheCpuHas() {
  ExperimentPanel panel;
  QComboBox* precision = nullptr;
  for (QComboBox* box : panel.findChildren<QComboBox*>())
    if (box->toolTip().contains("This CPU:")) precision = box;
  QVERIFY(precision);
  QCOMPARE(precision->count(), int(kd::precisions().size()));
  const kd::CpuFeatures cpu = kd::cpuFeatures();
  QVERIFY2(precision->toolTip().contains(QString::fromStdString(cpu.text())),
           qPrintable(precision->toolTip()));
  precision->setCurrentIndex(precision->findText("Auto"));
  QCOMPARE(panel.config().precision, kd::Precision::kAuto);
}

// Choosing a method shows a spin box per setting (range and default from the engine), moves the
// temperature to the method's, disables alpha where the method does not use it (and gives kd's
// back on returning to kd), and the experiment carries what was set; a file's method and
// settings come back into the box.
void TestExperimentPanel::methodBoxShowsTheMethodsSettings() {
  ExperimentPanel panel;
  kd::ExperimentConfig start = panel.config();
  start.alpha = 0.3;
  panel.setConfig(start);
  auto* method = panel.findChild<kd::ui::MethodField*>();
  QVERIFY(method);
  QCOMPARE(method->comboBox()->count(), int(kd::distillationMethods().size()));
  const auto spinBox = [&](const char* key) {
    for (auto* box : method->findChildren<QDoubleSpinBox*>())
      if (box->accessibleName() == key) return box;
    return static_cast<QDoubleSpinBox*>(nullptr);
  };
  QVERIFY(!spinBox("nckd_weight"));
  method->comboBox()->setCurrentIndex(method->comboBox()->findData("ls"));
  QCOMPARE(panel.config().method, std::string("ls"));
  QCOMPARE(panel.config().temperature, 2.0);  // Sun et al.'s
  QVERIFY(spinBox("kd_weight"));
  QCOMPARE(spinBox("kd_weight")->value(), 9.0);
  QSlider* alpha = nullptr;
  for (auto* slider : panel.findChildren<QSlider*>())
    if (slider->toolTip().contains("hard labels")) alpha = slider;
  QVERIFY(alpha && !alpha->isEnabled());
  QCOMPARE(panel.config().alpha, kd::ExperimentConfig().alpha);  // ls would refuse another
  method->comboBox()->setCurrentIndex(method->comboBox()->findData("dkd"));
  QCOMPARE(panel.config().temperature, 4.0);
  QVERIFY(!spinBox("kd_weight"));
  QDoubleSpinBox* nckd = spinBox("nckd_weight");
  QVERIFY(nckd);
  QCOMPARE(nckd->maximum(), 100.0);
  QVERIFY(nckd->toolTip().contains("default 8"));
  nckd->setValue(3);
  kd::ExperimentConfig c = panel.config();
  QCOMPARE(kd::methodSetting(c, "nckd_weight"), 3.0);
  QCOMPARE(kd::methodSetting(c, "warmup"), 20.0);
  QVERIFY2(panel.isValid(), qPrintable(panel.problem()));
  ExperimentPanel other;
  other.setConfig(c);
  QCOMPARE(QString::fromStdString(kd::toJson(other.config())),
           QString::fromStdString(kd::toJson(c)));
  method->comboBox()->setCurrentIndex(method->comboBox()->findData("kd"));
  QVERIFY(alpha->isEnabled());
  QCOMPARE(panel.config().alpha, 0.3);  // kd's alpha, kept while ls and dkd were chosen
  QCOMPARE(panel.config().methodSettings.size(), size_t(0));
}

QTEST_MAIN(TestExperimentPanel)
#include "tst_experiment_panel.moc"
