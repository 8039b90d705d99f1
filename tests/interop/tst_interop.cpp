// Teachers from PyTorch and students back to PyTorch. Debian's python3-torch writes the
// Python-side files during the test (interop_models.py) and reads the exported student back.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "interop/state_dict_reader.h"
#include "interop/student_export.h"
#include "kd/error.h"
#include "kd/experiment_runner.h"
#include "kd/methods.h"
#include "run/run_files.h"
#include "teachers/teacher_fit.h"
#include "teachers/teacher_loader.h"

using namespace kd;

class TestInterop : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  std::string file(const std::string& name) const {
    return tmp_.filePath(QString::fromStdString(name)).toStdString();
  }
  static bool python(const QStringList& args, QString* output = nullptr);
  LoadedTeacher load(const std::string& name, const std::string& arch, InputShape shape,
                     int classes = 10);
  void expectSameLogits(const std::string& name, LoadedTeacher& teacher);

 private Q_SLOTS:
  void initTestCase();
  void stateDictDtypesAndViews();
  void teachers_data();
  void teachers();
  void renamedLayersMapByOrderAndShape();
  void badFiles_data();
  void badFiles();
  void studentExportRoundTrip();
  void runDistillsFromPythonTeachers_data();
  void runDistillsFromPythonTeachers();
  void teacherAtChanceIsRefused();
  void featureMethodsNeedATeacherOfKnownLayout();
};

bool TestInterop::python(const QStringList& args, QString* output) {
  QProcess p;
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start("/usr/bin/python3", QStringList{QFINDTESTDATA("interop_models.py")} + args);
  bool ok =
      p.waitForFinished(180000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
  if (output) *output = QString::fromUtf8(p.readAll());
  return ok;
}

LoadedTeacher TestInterop::load(const std::string& name, const std::string& arch, InputShape shape,
                                int classes) {
  InputPipeline pipeline({torch::zeros({shape.channels}), torch::ones({shape.channels})},
                         torch::kCPU);
  torch::Tensor probe = torch::zeros({2, shape.channels, shape.height, shape.width}, torch::kUInt8);
  return loadTeacherFile(file(name), preset(arch), shape, classes, probe, pipeline);
}

void TestInterop::expectSameLogits(const std::string& name, LoadedTeacher& teacher) {
  NamedTensors expected = readStateDictFile(file(name + "_expected.pt"));
  QCOMPARE(expected[0].first, std::string("x"));
  torch::InferenceMode inference;
  torch::Tensor out = teacher.logits(expected[0].second);
  double diff = (out - expected[1].second).abs().max().item<double>();
  QVERIFY2(diff < 1e-5, qPrintable(QString("%1: max difference %2").arg(name.c_str()).arg(diff)));
}

void TestInterop::initTestCase() {
  QString output;
  QVERIFY2(python({"make", tmp_.path()}, &output), qPrintable(output));
  // A sparse 64 GiB file: more than this machine's memory, no disk used.
  QFile giant(tmp_.filePath("giant.pt"));
  QVERIFY(giant.open(QIODevice::WriteOnly) && giant.resize(qint64(64) << 30));
}

void TestInterop::stateDictDtypesAndViews() {
  NamedTensors t = readStateDictFile(file("views.pt"));
  QCOMPARE(t.size(), size_t(6));
  QVERIFY(t[0].second.equal(torch::arange(10.0, 20.0)));
  QVERIFY(t[1].second.equal(torch::arange(12.0).view({3, 4}).t()));
  QVERIFY(t[2].second.equal(torch::arange(0.0, 100.0, 5.0)));
  QCOMPARE(t[3].second.dtype(), torch::kDouble);
  QVERIFY(t[3].second.allclose(torch::linspace(0, 1, 5, torch::kDouble)));
  QCOMPARE(t[4].second.dtype(), torch::kBFloat16);
  QCOMPARE(t[4].second[1].item<float>(), -2.0f);
  QVERIFY(t[5].second.equal(torch::tensor({3, -4}, torch::kLong)));
  // A stride-0 view stays a view of its one-element storage: its shape is checked against the
  // architecture before anything is copied (wide_view.pt is refused in badFiles).
  NamedTensors wide = readStateDictFile(file("wide_view.pt"));
  QCOMPARE(wide[4].first, std::string("fc1.weight"));
  QCOMPARE(wide[4].second.sizes().vec(), (std::vector<int64_t>{20000, 20000}));
  QCOMPARE(wide[4].second.strides().vec(), (std::vector<int64_t>{0, 0}));
}

void TestInterop::teachers_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<QString>("arch");
  QTest::addColumn<int>("channels");
  QTest::addColumn<int>("side");
  QTest::addColumn<QString>("kind");
  QTest::newRow("seed TeacherNetwork state_dict, 3x32x32")
      << "seed_teacher"
      << "seed-teacher" << 3 << 32 << "state_dict";
  QTest::newRow("batchnorm state_dict") << "small_bn"
                                        << "cnn-small" << 1 << 28 << "state_dict";
  QTest::newRow("float16 state_dict") << "half"
                                      << "seed-teacher" << 1 << 28 << "state_dict";
  QTest::newRow("scripted TorchScript") << "any_scripted"
                                        << "seed-teacher" << 1 << 28 << "torchscript";
}

void TestInterop::teachers() {
  QFETCH(QString, name);
  QFETCH(QString, arch);
  QFETCH(int, channels);
  QFETCH(int, side);
  QFETCH(QString, kind);
  LoadedTeacher t = load(name.toStdString() + ".pt", arch.toStdString(), {channels, side, side});
  QCOMPARE(QString::fromStdString(t.kind), kind);
  QVERIFY(t.mapping.empty());
  QVERIFY(t.parameters > 0);
  expectSameLogits(name.toStdString(), t);
}

void TestInterop::renamedLayersMapByOrderAndShape() {
  LoadedTeacher t = load("renamed.pt", "seed-teacher", {1, 28, 28});
  QCOMPARE(t.mapping, (std::vector<std::string>{"conv1.weight <- 0.weight", "conv1.bias <- 0.bias",
                                                "conv2.weight <- 3.weight", "conv2.bias <- 3.bias",
                                                "fc1.weight <- 7.weight", "fc1.bias <- 7.bias",
                                                "fc2.weight <- 9.weight", "fc2.bias <- 9.bias"}));
  expectSameLogits("renamed", t);
  LoadedTeacher traced = load("any_traced.pt", "seed-teacher", {1, 28, 28});
  QCOMPARE(traced.kind, std::string("torchscript"));
}

void TestInterop::badFiles_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<QString>("message");
  QTest::newRow("empty file") << "empty.pt"
                              << "is empty";
  QTest::newRow("not a zip")
      << "not_zip.pt"
      << "neither a KD Workbench checkpoint, a TorchScript module nor a PyTorch state_dict";
  QTest::newRow("truncated archive") << "truncated.pt"
                                     << "is not a readable PyTorch zip archive";
  QTest::newRow("unsupported opcode") << "bad_opcode.pt"
                                      << "unsupported pickle opcode 0x8f";
  QTest::newRow("short storage record") << "short_storage.pt"
                                        << "storage 0 needs 1000 elements of 4 bytes";
  QTest::newRow("shape mismatch") << "wrong_shape.pt"
                                  << "does not fit the architecture \"seed-teacher\"";
  QTest::newRow("wrong output width") << "seven_classes.pt"
                                      << "expected logits of shape [2, 10]";
  QTest::newRow("missing") << "nothing.pt"
                           << "does not exist";
  // Hostile files (interop_models.py hostile; also the fuzzer's seed corpus).
  for (const char* deep : {"deep_tuples.pt", "deep_lists.pt", "deep_dicts.pt"})
    QTest::newRow(deep) << deep << "nests values deeper than 100 levels";
  QTest::newRow("many values") << "many_values.pt"
                               << "builds more than 262144 values";
  QTest::newRow("stride-0 view of 10^10 elements")
      << "huge_view.pt"
      << "its tensors declare more than 1073741824 elements, the limit (a tensor of shape "
         "[100000, 100000])";
  QTest::newRow("stride-0 view of the wrong shape")
      << "wide_view.pt"
      << "Found conv1.weight [64, 1, 3, 3], conv1.bias [64], conv2.weight [128, 64, 3, 3], "
         "conv2.bias [128], fc1.weight [20000, 20000]";
  QTest::newRow("short record followed by another")
      << "short_then_more.pt"
      << "storage 0 needs 1000 elements of 4 bytes, but its record data/0 holds 400 bytes";
  QTest::newRow("compressed record") << "compressed.pt"
                                     << "record data/0 is compressed";
  QTest::newRow("larger than the memory") << "giant.pt"
                                          << "needs about 131072 MiB of memory, but only";
  QTest::newRow("data.pkl over the cap") << "huge_pickle.pt"
                                         << "more than the limit of 16777216";
}

void TestInterop::badFiles() {
  QFETCH(QString, name);
  QFETCH(QString, message);
  try {
    load(name.toStdString(), "seed-teacher", {1, 28, 28});
    QFAIL("a bad teacher file was accepted");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains(message), e.what());
  }
}

void TestInterop::studentExportRoundTrip() {
  for (const char* arch : {"seed-student", "cnn-medium", "resnet8", "lenet5"}) {
    const std::string dir = file(std::string("export-") + arch);
    std::filesystem::create_directories(dir);
    torch::manual_seed(1);
    KdNet student(preset(arch), InputShape{1, 28, 28}, 10);
    // Train mode for a few batches so that batchnorm's running statistics are not trivial.
    for (int i = 0; i < 3; ++i) student->forward(torch::randn({8, 1, 28, 28}));
    student->eval();
    useChannelsLast(*student);
    exportStudent(student, std::vector<std::string>(10, "c"), {torch::zeros({1}), torch::ones({1})},
                  dir);
    torch::Tensor x = torch::randn({5, 1, 28, 28});
    c10::Dict<std::string, torch::Tensor> probe;
    probe.insert("x", x);
    probe.insert("logits", student->forward(x).detach());
    std::vector<char> bytes = torch::pickle_save(probe);
    std::ofstream(dir + "/probe.pt", std::ios::binary)
        .write(bytes.data(), std::streamsize(bytes.size()));
    QString output;
    QVERIFY2(python({"check-export", QString::fromStdString(dir)}, &output),
             qPrintable(QString(arch) + ": " + output));
  }
}

void TestInterop::runDistillsFromPythonTeachers_data() {
  QTest::addColumn<QString>("teacher");
  QTest::addColumn<qint64>("parameters");
  QTest::newRow("state_dict") << "renamed.pt" << qint64(3291402);
  QTest::newRow("TorchScript") << "any_scripted.pt"
                               << qint64(8 * 25 + 8 + 8 * 8 * 9 + 8 + 8 * 10 + 10);
}

void TestInterop::runDistillsFromPythonTeachers() {
  QFETCH(QString, teacher);
  QFETCH(qint64, parameters);
  ExperimentConfig c = defaultExperiment();
  c.teacher.file = file(teacher.toStdString());
  c.teacher.arch = preset("seed-teacher");  // what the state_dict holds
  c.teacher.allowOtherData = true;          // untrained weights: no better than chance, on purpose
  c.data.limitTrain = 500;
  c.training.epochs = 1;
  const std::string out = file("run-" + teacher.toStdString());
  TrainingObserver quiet;
  RunControl control;
  RunReport r = runExperiment(c, {out, "", {}}, quiet, control);
  QCOMPARE(r.teacher.parameters, int64_t(parameters));
  QVERIFY(r.student.testAccuracy > 0);
  for (const char* f : {"student.pt", "student_arch.json", "kd_arch.py", "summary.json"})
    QVERIFY2(std::filesystem::exists(out + "/" + f), f);
}

// A method that reads features takes them from a state_dict teacher (loaded into a workbench
// architecture); a TorchScript teacher shows its answers alone, so the run is refused by name
// before its folder is made.
void TestInterop::featureMethodsNeedATeacherOfKnownLayout() {
  ExperimentConfig c = defaultExperiment();
  c.teacher.arch = preset("seed-teacher");
  c.teacher.allowOtherData = true;
  c.data.limitTrain = 500;
  c.training.epochs = 1;
  c.method = "rkd";
  c.temperature = methodNamed("rkd").defaultTemperature;
  c.methodSettings = {{"distance_weight", 1}, {"angle_weight", 2}};
  TrainingObserver quiet;
  RunControl control;
  c.teacher.file = file("renamed.pt");
  const std::string read = file("run-rkd-state-dict");
  const RunReport r = runExperiment(c, {read, "", {}}, quiet, control);
  QCOMPARE(readSummary(read + "/summary.json").method, std::string("rkd"));
  QVERIFY(r.student.testAccuracy > 0);
  c.teacher.file = file("any_scripted.pt");
  const std::string refused = file("run-rkd-torchscript");
  try {
    runExperiment(c, {refused, "", {}}, quiet, control);
    QFAIL("a TorchScript teacher was accepted for rkd");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("which a TorchScript teacher does not show"), e.what());
  }
  QVERIFY(!std::filesystem::exists(refused));
}

// A TorchScript teacher records no classes: one no better than chance on the test set (this one
// answers class 0 for every image: 10.00% of the balanced Fashion-MNIST test set, against a bar
// of 11.50%) stops the run after its first evaluation, before the student trains, unless the
// experiment allows it; then the summary says so.
void TestInterop::teacherAtChanceIsRefused() {
  ExperimentConfig c = defaultExperiment();
  c.teacher.file = file("constant.pt");
  c.data.limitTrain = 200;
  c.training.epochs = 1;
  const std::string out = file("run-constant");
  TrainingObserver quiet;
  RunControl control;
  try {
    runExperiment(c, {out, "", {}}, quiet, control);
    QFAIL("a teacher at chance was accepted");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("gets 10.00% of this dataset's test images right, no "
                                        "better than chance (10.00% for 10 classes; up to 11.50% "
                                        "by luck on 10000 images)"),
             e.what());
  }
  QVERIFY(!std::filesystem::exists(out + "/student.ckpt"));
  QCOMPARE(chanceBar(10, 10000), 0.115);
  c.teacher.allowOtherData = true;
  const RunReport r = runExperiment(c, {out, "", {}}, quiet, control);
  QCOMPARE(r.teacherTrainedOn, std::string("chance"));
  QCOMPARE(readSummary(out + "/summary.json").teacherTrainedOn, std::string("chance"));
}

QTEST_GUILESS_MAIN(TestInterop)
#include "tst_interop.moc"
