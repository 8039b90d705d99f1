// kdtrain as a user runs it: a tiny complete run writes every output file; each bad input
// gives exit code 2, one line on stderr naming the problem, and no output folder.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "test_data.h"

namespace {
QJsonObject readJson(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                        : QJsonObject();
}
}  // namespace

class TestKdtrainCli : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  QString dir(const char* name) const { return tmp_.filePath(name); }
  struct Result {
    int exitCode;
    QString err;
  };
  Result kdtrain(const QStringList& args,
                 const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) const;
  static QStringList quick() {
    return {"--limit-train",    "600", "--teacher", "seed-student",
            "--teacher-epochs", "1",   "--student", "hinton-mlp-student",
            "--epochs",         "1",   "--threads", "2",
            "--device",         "cpu"};
  }

 private Q_SLOTS:
  void initTestCase();
  void completeRunWritesEveryFile();
  void badInput_data();
  void badInput();
  void unwritableRunFolder();
  void help();
  void inspectPrintsTheModelCard();
  void embeddingsWritesTheMaps();
  void datasetMovesTheTeacherWithIt();
  void teacherOfOtherDataWhenAllowed();
  void sweepSettingsActOrAreRefused();
  void autoPrecisionFollowsTheCpu_data();
  void autoPrecisionFollowsTheCpu();
  void methodFlagsChooseTheMethod();
};

TestKdtrainCli::Result TestKdtrainCli::kdtrain(const QStringList& args,
                                               const QProcessEnvironment& env) const {
  QProcess p;
  p.setProcessEnvironment(env);
  p.start(KDTRAIN_PATH, args);
  if (!p.waitForFinished(300000)) return {-1, "timed out"};
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromUtf8(p.readAllStandardError())};
}

void TestKdtrainCli::initTestCase() {
  QVERIFY(tmp_.isValid());
  // A teacher for 3 classes of 3x32x32 images, to be refused for Fashion-MNIST.
  kd::test::writeImageFolder(dir("folder").toStdString(), 3, 6, 32);
  Result r = kdtrain({"--dataset", "folder:" + dir("folder"), "--teacher", "seed-student",
                      "--teacher-epochs", "1", "--epochs", "1", "--batch-size", "4", "--out",
                      dir("folder-run")});
  QVERIFY2(r.exitCode == 0, qPrintable(r.err));
  kd::test::writeFile(dir("not-a-checkpoint.ckpt").toStdString(), {1, 2, 3});
  kd::test::writeIdxDataset(dir("corrupt").toStdString(), 10, false);
  kd::test::writeIdxDataset(dir("digits").toStdString(), 60, false);
  kd::test::writeFile(dir("corrupt/t10k-images-idx3-ubyte").toStdString(), {0, 0, 8, 3, 0});
}

void TestKdtrainCli::completeRunWritesEveryFile() {
  Result r = kdtrain(quick() << "--out" << dir("run"));
  QVERIFY2(r.exitCode == 0, qPrintable(r.err));
  QVERIFY(r.err.contains("[student] epoch 1/1 done"));
  QFile summaryFile(dir("run/summary.json"));
  QVERIFY(summaryFile.open(QIODevice::ReadOnly));
  QJsonObject s = QJsonDocument::fromJson(summaryFile.readAll()).object();
  for (const char* model : {"teacher", "student"}) {
    QJsonObject m = s[model].toObject();
    QVERIFY(m["test_accuracy"].toDouble() > 0.3 && m["test_accuracy"].toDouble() <= 1.0);
    QVERIFY(m["parameters"].toInteger() > 0);
    QVERIFY(m["macs"].toInteger() > 0);
  }
  QCOMPARE(s["student"].toObject()["parameters"].toInteger(),
           784 * 800 + 800 + 800 * 800 + 800 + 8010);
  QVERIFY(s["agreement"].toDouble() > 0);
  QCOMPARE(s["device"].toString(), QString("cpu"));
  QCOMPARE(s["threads"].toInt(), 2);
  QVERIFY(s["wall_seconds"].toDouble() > 0);
  QFile metrics(dir("run/metrics.csv"));
  QVERIFY(metrics.open(QIODevice::ReadOnly));
  QCOMPARE(QString(metrics.readAll()).count('\n'), 3);  // header, teacher epoch, student epoch
  // config.json re-runs the same experiment.
  Result again = kdtrain({"--config", dir("run/config.json"), "--out", dir("rerun")});
  QVERIFY2(again.exitCode == 0, qPrintable(again.err));
  QFile summary2(dir("rerun/summary.json"));
  QVERIFY(summary2.open(QIODevice::ReadOnly));
  QCOMPARE(
      QJsonDocument::fromJson(summary2.readAll()).object()["student"].toObject()["test_accuracy"],
      s["student"].toObject()["test_accuracy"]);
}

void TestKdtrainCli::badInput_data() {
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<QString>("message");
  QTest::newRow("missing dataset")
      << QStringList{"--dataset", "mnist:" + dir("none")} << "missing dataset file";
  QTest::newRow("corrupt dataset")
      << QStringList{"--dataset", "mnist:" + dir("corrupt")} << "is not an IDX image file";
  QTest::newRow("unknown preset") << QStringList{"--student", "vgg99"}
                                  << "unknown architecture preset";
  QTest::newRow("alpha") << QStringList{"--alpha", "1.5"} << "alpha must be in [0, 1]";
  QTest::newRow("temperature") << QStringList{"--temperature", "0"} << "temperature must be > 0";
  QTest::newRow("not a number") << QStringList{"--epochs", "ten"}
                                << "Could not convert: --epochs = ten";
  QTest::newRow("unknown flag") << QStringList{"--turbo", "1"}
                                << "The following arguments were not expected: 1 --turbo";
  QTest::newRow("teacher classes") << QStringList{"--teacher", dir("folder-run/teacher.ckpt")}
                                   << "was trained for 3 classes of 3x32x32 images";
  QTest::newRow("not a checkpoint")
      << QStringList{"--teacher", dir("not-a-checkpoint.ckpt")}
      << "is neither a KD Workbench checkpoint, a TorchScript module nor a PyTorch state_dict";
  QTest::newRow("resume other arch")
      << QStringList{"--resume", dir("folder-run/student.ckpt"), "--student", "lenet5"}
      << "but the experiment asks for \"lenet5\"";
  QTest::newRow("hidden class") << QStringList{"--hide-classes", "3,12"}
                                << "hidden class 12 does not exist";
  QTest::newRow("device") << QStringList{"--device", "tpu"} << "unknown device";
  QTest::newRow("optimizer") << QStringList{"--optimizer", "rmsprop"}
                             << "--optimizer must be sgd, adam or adamw, not \"rmsprop\"";
  QTest::newRow("inspect no run") << QStringList{"--inspect", dir("folder")}
                                  << "holds no finished run (student.ckpt is missing)";
  QTest::newRow("resume nothing") << QStringList{"--resume"}
                                  << "--resume needs a checkpoint (teacher.ckpt or student.ckpt), "
                                     "or a sweep to continue";
  QTest::newRow("sweep from a checkpoint")
      << QStringList{"--seeds", "1,2", "--resume", dir("folder-run/teacher.ckpt")}
      << "a sweep resumes from its folder: give --resume without a checkpoint";
  QTest::newRow("sweep point refused")
      << QStringList{"--seeds", "1,2", "--alpha", "3"} << "alpha must be in [0, 1]";
  QTest::newRow("negative seed") << QStringList{"--seeds", "1,-2"}
                                 << "a seed is a whole number >= 0, not \"-2\"";
  QTest::newRow("unknown built-in teacher")
      << QStringList{"--teacher", "builtin:cifar10-vgg"}
      << "there is no built-in teacher \"cifar10-vgg\" (known: builtin:fashion-mnist-resnet20)";
  QTest::newRow("no built-in teacher for the dataset")
      << QStringList{"--dataset", "mnist:" + dir("folder"), "--teacher", "builtin"}
      << "there is no built-in teacher for the dataset mnist:";
  QTest::newRow("built-in teacher on other data")
      << QStringList{"--dataset", "folder:" + dir("folder"), "--teacher",
                     "builtin:fashion-mnist-resnet20"}
      << "was trained for 10 classes of 1x28x28 images, but the dataset has 3 classes";
  // A teacher of other classes, although every shape fits: Fashion-MNIST's on MNIST digits.
  QTest::newRow("teacher of other classes")
      << QStringList{"--dataset", "mnist:" + dir("digits"), "--teacher",
                     "builtin:fashion-mnist-resnet20"}
      << "the teacher builtin:fashion-mnist-resnet20 was trained on fashion-mnist: T-shirt/top, "
         "Trouser, Pullover, Dress, Coat (10 in all); this dataset, mnist:";
  // Options that cannot act in the run: each refused, naming the option and why.
  QTest::newRow("teacher epochs, built-in teacher")
      << QStringList{"--teacher-epochs", "2"}
      << "--teacher-epochs sets the training of a teacher trained here, but the teacher is the "
         "file builtin:fashion-mnist-resnet20";
  QTest::newRow("teacher epochs, teacher file")
      << QStringList{"--teacher", dir("folder-run/teacher.ckpt"), "--teacher-epochs", "2"}
      << "--teacher-epochs sets the training of a teacher trained here";
  QTest::newRow("teacher arch, built-in teacher")
      << QStringList{"--teacher-arch", "resnet8"} << "--teacher-arch has no effect on the built-in";
  QTest::newRow("other data, teacher trained here")
      << QStringList{"--teacher", "lenet5", "--teacher-other-data"}
      << "teacher.allow_other_data acts on a teacher file only";
  QTest::newRow("labels, fewer than classes")
      << QStringList{"--dataset", "mnist:" + dir("digits"), "--labelled", "5"}
      << "data.labelled 5 cannot give each of the 10 classes a label";
  QTest::newRow("labels, not a number")
      << QStringList{"--labelled", "many"}
      << "--labelled takes a count, a fraction in (0, 1), 0 or all";
  QTest::newRow("no label and alpha 1")
      << QStringList{"--labelled", "0", "--alpha", "1"} << "alpha 1 learns from the labels alone";
  QTest::newRow("baseline of no labels")
      << QStringList{"--seeds", "1,2", "--baseline", "--labelled", "0"}
      << "baseline: the no-KD baseline learns from labels alone, and no point keeps a label";
  QTest::newRow("unlabelled folder missing")
      << QStringList{"--unlabelled", dir("no-such-folder")} << "the folder of unlabelled images";
  QTest::newRow("unlabelled folder missing, dry run")
      << QStringList{"--unlabelled", dir("no-such-folder"), "--dry-run"}
      << "the folder of unlabelled images";
  QTest::newRow("inspect and a setting")
      << QStringList{"--inspect", dir("folder-run"), "--epochs", "3"}
      << "--inspect prints a finished run's card and takes no other option";
  QTest::newRow("embeddings and a setting")
      << QStringList{"--embeddings", dir("folder-run"), "--epochs", "3"}
      << "--embeddings writes a finished run's maps and takes no other option (--epochs)";
  QTest::newRow("embeddings without out")
      << QStringList{"--embeddings", dir("folder-run")} << "--embeddings needs --out FILE.csv";
  QTest::newRow("t-SNE of 3 images")
      << QStringList{"--embeddings", dir("folder-run"), "--out", dir("bad-out")}
      << "a t-SNE map needs at least 4 images; this one has 3";
  QTest::newRow("projection alone")
      << QStringList{"--projection", "pca"} << "--projection shapes the maps of --embeddings only";
  QTest::newRow("embeddings no run")
      << QStringList{"--embeddings", dir("folder"), "--out", dir("bad-out")}
      << "holds no finished run (student.ckpt is missing)";
  QTest::newRow("config and resume") << QStringList{"--config", dir("folder-run/config.json"),
                                                    "--resume", dir("folder-run/student.ckpt")}
                                     << "--config has no effect with --resume";
  QTest::newRow("unknown precision") << QStringList{"--precision", "fp16"}
                                     << "--precision must be fp32, bf16 or auto, not \"fp16\"";
  QTest::newRow("unknown method") << QStringList{"--method", "fitnet"}
                                  << "no distillation method \"fitnet\"; there are kd, dkd, dist, ls";
  QTest::newRow("method setting without a value")
      << QStringList{"--method", "dkd", "--method-setting", "warmup"}
      << "--method-setting takes KEY=NUMBER, e.g. nckd_weight=4, not \"warmup\"";
  QTest::newRow("another method's setting")
      << QStringList{"--method", "ls", "--method-setting", "nckd_weight=2"}
      << "the method ls has no setting \"nckd_weight\"; it has ce_weight, kd_weight";
  QTest::newRow("alpha with dkd") << QStringList{"--method", "dkd", "--alpha", "0.8"}
                                  << "distillation.alpha acts with the kd method only";
  QTest::newRow("dkd with few labels") << QStringList{"--method", "dkd", "--labelled", "500"}
                                       << "the method dkd needs every image's label";
  QTest::newRow("dist timeout alone")
      << QStringList{"--dist-timeout", "5"} << "--dist-timeout applies to a data-parallel run";
}

void TestKdtrainCli::badInput() {
  QFETCH(QStringList, args);
  QFETCH(QString, message);
  const QString out = dir("bad-out");
  // --out does nothing for --inspect; the rows of --embeddings say theirs.
  if (!args.contains("--inspect") && !args.contains("--embeddings")) args << "--out" << out;
  Result r = kdtrain(args);
  QCOMPARE(r.exitCode, 2);
  // One error line, last; before it only the notes of what --dataset moved.
  const QStringList lines = r.err.trimmed().split('\n');
  QVERIFY2(lines.last().startsWith("kdtrain: error: "), qPrintable(r.err));
  QVERIFY2(lines.last().contains(message), qPrintable(r.err));
  for (const QString& line : lines.mid(0, lines.size() - 1))
    QVERIFY2(line.startsWith("kdtrain: note: "), qPrintable(r.err));
  QVERIFY(!QFileInfo::exists(out));
}

// The issue's case, on MNIST digits: the built-in experiment's teacher knows Fashion-MNIST, so
// --dataset trains its architecture here instead, for the epochs asked, and says so.
void TestKdtrainCli::datasetMovesTheTeacherWithIt() {
  const QString out = dir("digits-run");
  Result r = kdtrain({"--dataset", "mnist:" + dir("digits"), "--teacher-epochs", "1", "--epochs",
                      "1", "--batch-size", "16", "--out", out});
  QVERIFY2(r.exitCode == 0, qPrintable(r.err));
  QVERIFY2(r.err.contains("kdtrain: note: the built-in teacher builtin:fashion-mnist-resnet20 "
                          "knows another dataset: the teacher resnet20 is trained here instead, "
                          "for 1 epochs"),
           qPrintable(r.err));
  QVERIFY2(r.err.contains("kdtrain: note: only the first 5000 training images of mnist:"),
           qPrintable(r.err));
  const QJsonObject teacher = readJson(out + "/config.json")["teacher"].toObject();
  QVERIFY(!teacher.contains("file"));
  QCOMPARE(teacher["training"].toObject()["epochs"].toInt(), 1);
  QVERIFY(QFileInfo::exists(out + "/teacher.ckpt"));
}

// In a sweep every point is checked before anything runs; a swept teacher setting trains the
// teacher the base loads, so --teacher-epochs acts there.
void TestKdtrainCli::sweepSettingsActOrAreRefused() {
  const QString sweep = dir("optimizers.json");
  QFile file(sweep);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(R"({"experiment": {"student": {"training": {"momentum": 0.5}}},
                 "grid": {"optimizer": ["sgd", "adam"]}, "seeds": [1]})");
  file.close();
  Result r = kdtrain({"--sweep", sweep, "--out", dir("optimizers-out"), "--dry-run"});
  QCOMPARE(r.exitCode, 2);
  QVERIFY2(r.err.contains("sweep point 02_optimizer=adam: student.training.momentum and nesterov "
                          "act with the sgd optimizer only, not with adam"),
           qPrintable(r.err));
  QVERIFY(!QFileInfo::exists(dir("optimizers-out")));
  QFile teachers(dir("teachers.json"));
  QVERIFY(teachers.open(QIODevice::WriteOnly));
  teachers.write(R"({"grid": {"teacher": ["lenet5", "cnn-small"]}, "seeds": [1]})");
  teachers.close();
  r = kdtrain({"--sweep", dir("teachers.json"), "--teacher-epochs", "2", "--dry-run"});
  QVERIFY2(r.exitCode == 0, qPrintable(r.err));
}

// Allowed on purpose, a teacher of other classes teaches, and the summary says what it knew.
void TestKdtrainCli::teacherOfOtherDataWhenAllowed() {
  const QString out = dir("other-data-run");
  Result r =
      kdtrain({"--dataset", "mnist:" + dir("digits"), "--teacher", "builtin:fashion-mnist-resnet20",
               "--teacher-other-data", "--epochs", "1", "--batch-size", "16", "--out", out});
  QVERIFY2(r.exitCode == 0, qPrintable(r.err));
  QCOMPARE(readJson(out + "/summary.json")["teacher_trained_on"].toString(),
           QString("fashion-mnist: T-shirt/top, Trouser, Pullover, Dress, Coat (10 in all)"));
}

namespace {
// A small tmpfs at dir, mounted for the scope (root only; the test is skipped otherwise).
struct SmallFileSystem {
  QString dir;
  bool mounted = false;
  SmallFileSystem(const QString& d, const QString& options) : dir(d) {
    QDir().mkpath(dir);
    mounted = QProcess::execute("mount", {"-t", "tmpfs", "-o", options, "tmpfs", dir}) == 0;
  }
  ~SmallFileSystem() {
    if (mounted) QProcess::execute("umount", {dir});
  }
};
}  // namespace

// A run folder that cannot be created or written: one clear error, nothing half-written.
void TestKdtrainCli::unwritableRunFolder() {
  Result r = kdtrain(quick() << "--out" << dir("not-a-checkpoint.ckpt") + "/run");
  QCOMPARE(r.exitCode, 2);
  QVERIFY2(r.err.contains("cannot create the run folder"), qPrintable(r.err));
  QCOMPARE(r.err.count('\n'), 1);

  SmallFileSystem readOnly(dir("read-only"), "ro,size=1m");
  if (!readOnly.mounted) QSKIP("mounting a tmpfs needs root");
  r = kdtrain(quick() << "--out" << dir("read-only") + "/run");
  QCOMPARE(r.exitCode, 2);
  QVERIFY2(
      r.err.contains("cannot create the run folder") && r.err.contains("Read-only file system"),
      qPrintable(r.err));

  // 256 KiB holds config.json and metrics.csv, not the teacher's 830 KB checkpoint.
  SmallFileSystem full(dir("full"), "size=256k");
  QVERIFY(full.mounted);
  r = kdtrain(quick() << "--out" << dir("full"));
  QCOMPARE(r.exitCode, 2);
  QVERIFY2(r.err.contains("cannot write " + dir("full") + "/teacher.ckpt"), qPrintable(r.err));
  QVERIFY2(r.err.contains("No space left on device"), qPrintable(r.err));
  QCOMPARE(QDir(dir("full")).entryList(QDir::Files), (QStringList{"config.json", "metrics.csv"}));
}

void TestKdtrainCli::help() {
  QProcess p;
  p.start(KDTRAIN_PATH, {"--help"});
  QVERIFY(p.waitForFinished(30000));
  QCOMPARE(p.exitCode(), 0);
  const QString help = p.readAllStandardOutput();
  QVERIFY2(help.contains("Usage: kdtrain [OPTIONS]"), qPrintable(help));
  // The choices come from the engine's catalogue.
  QVERIFY(help.contains("sgd, adam or adamw"));
  QVERIFY(help.contains("fashion-mnist, mnist:DIR, cifar10:DIR, cifar100:DIR or folder:DIR"));
}

void TestKdtrainCli::inspectPrintsTheModelCard() {
  QProcess p;
  p.start(KDTRAIN_PATH, {"--inspect", dir("folder-run")});
  QVERIFY(p.waitForFinished(120000));
  QCOMPARE(p.exitCode(), 0);
  const QString out = p.readAllStandardOutput();
  QVERIFY2(out.contains(" test images, T = 4\n"), qPrintable(out));
  // The outcome counts add up to the folder's test set, and both latencies were measured.
  const QRegularExpression counts(
      "both right (\\d+), teacher right and student wrong (\\d+), "
      "student right and teacher wrong (\\d+), both wrong (\\d+)");
  const QRegularExpressionMatch m = counts.match(out);
  QVERIFY2(m.hasMatch(), qPrintable(out));
  const QRegularExpressionMatch images = QRegularExpression("(\\d+) test images").match(out);
  int total = 0;
  for (int g = 1; g <= 4; ++g) total += m.captured(g).toInt();
  QCOMPARE(total, images.captured(1).toInt());
  QCOMPARE(out.count(" ms (CPU)"), 2);
  // Retrieval by each model's embedding and the CKA of their stages, as numbers.
  QVERIFY2(out.contains("same-class retrieval by the embedding's cosine"), qPrintable(out));
  const QRegularExpression retrieval(
      "  (teacher|student) +recall@1 +[0-9.]+%, recall@5 +[0-9.]+%, mAP +[0-9.]+%");
  int models = 0;
  for (auto it = retrieval.globalMatch(out); it.hasNext(); it.next()) ++models;
  QCOMPARE(models, 2);
  QVERIFY2(out.contains("layer similarity (linear CKA, first 3 test images)"), qPrintable(out));
  QCOMPARE(out.count(QRegularExpression("  teacher \\d: +[0-9.]+ +[0-9.]+\n")), 2);  // 2 x 2 stages
}

// Every test image of the folder run (fewer than the 2,000 asked), once per model, in the same
// order for both, with its true class; nothing but the CSV is written. (Its 3 test images are
// too few for t-SNE: a bad-input row; tst_inspection maps a real run by t-SNE.)
void TestKdtrainCli::embeddingsWritesTheMaps() {
  const QString csv = dir("maps.csv");
  Result dry = kdtrain({"--embeddings", dir("folder-run"), "--out", csv, "--dry-run"});
  QCOMPARE(dry.exitCode, 0);
  QVERIFY2(dry.err.contains("dry run: would write 2 maps of 3 test images to " + csv),
           qPrintable(dry.err));
  QVERIFY(!QFileInfo::exists(csv));
  Result r = kdtrain({"--embeddings", dir("folder-run"), "--out", csv, "--projection", "pca"});
  QVERIFY2(r.exitCode == 0, qPrintable(r.err));
  QVERIFY2(r.err.contains("maps: 100%") && r.err.contains("2 maps of "), qPrintable(r.err));
  QFile file(csv);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QStringList rows = QString(file.readAll()).trimmed().split('\n');
  QCOMPARE(rows[0], QString("model,index,x,y,label,prediction"));
  QVERIFY(rows.size() > 3 && (rows.size() - 1) % 2 == 0);
  const int images = (rows.size() - 1) / 2;
  for (int i = 0; i < images; ++i) {
    const QStringList teacher = rows[1 + i].split(','), student = rows[1 + images + i].split(',');
    QCOMPARE(teacher.size(), 6);
    QCOMPARE(teacher[0], QString("teacher"));
    QCOMPARE(student[0], QString("student"));
    QCOMPARE(teacher[1].toInt(), i);  // all of them, in order
    QCOMPARE(student[1], teacher[1]);
    QCOMPARE(student[4], teacher[4]);  // the true class
    bool ok = false;
    QVERIFY(std::isfinite(student[2].toDouble(&ok)) && ok);
    QVERIFY(teacher[5].toInt() >= 0 && teacher[5].toInt() < 3);
  }
  QVERIFY(!QFileInfo::exists(csv + ".tmp"));
}

// auto trains in bf16 on a CPU with bfloat16 instructions and falls back to fp32 on one without,
// saying so; $KD_CPUINFO plays each CPU.
void TestKdtrainCli::autoPrecisionFollowsTheCpu_data() {
  QTest::addColumn<QString>("flags");
  QTest::addColumn<QString>("precision");
  QTest::addColumn<QString>("message");
  QTest::newRow("without bf16") << "fpu sse2 avx2 avx512f"
                                << "fp32"
                                << "precision auto: fp32, this CPU has no bfloat16 instructions";
  QTest::newRow("with avx512_bf16") << "fpu avx2 avx512_bf16"
                                    << "bf16"
                                    << "precision auto: bf16 (the CPU has avx512_bf16)";
}

void TestKdtrainCli::autoPrecisionFollowsTheCpu() {
  QFETCH(QString, flags);
  QFETCH(QString, precision);
  QFETCH(QString, message);
  const QString cpuinfo = dir("cpuinfo-") + precision;
  const QByteArray text = ("flags\t\t: " + flags + "\n").toUtf8();
  kd::test::writeFile(cpuinfo.toStdString(), std::vector<uint8_t>(text.begin(), text.end()));
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("KD_CPUINFO", cpuinfo);
  Result dry = kdtrain(quick() << "--precision"
                               << "auto"
                               << "--dry-run",
                       env);
  QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
  const QString out = dir("auto-") + precision;
  Result r = kdtrain(quick() << "--precision"
                             << "auto"
                             << "--out" << out,
                     env);
  QVERIFY2(r.exitCode == 0, qPrintable(r.err));
  QVERIFY2(r.err.contains(message), qPrintable(r.err));
  const QJsonObject summary = readJson(out + "/summary.json");
  QCOMPARE(summary["precision"].toString(), precision);
  QCOMPARE(summary["cpu_features"].toString(),
           QString(precision == "bf16" ? "avx512_bf16" : "no bfloat16 instructions"));
  QCOMPARE(readJson(out + "/config.json")["precision"].toString(), QString("auto"));
}

// --method picks the method with its reference temperature, --method-setting changes its
// settings; the run records both, and a sweep over `method` plans a point per method.
void TestKdtrainCli::methodFlagsChooseTheMethod() {
  Result dry = kdtrain(quick() << "--method"
                               << "dkd"
                               << "--method-setting"
                               << "nckd_weight=4,warmup=1"
                               << "--dry-run");
  QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
  const QString out = dir("dkd-run");
  Result r = kdtrain(quick() << "--method"
                             << "dkd"
                             << "--method-setting"
                             << "nckd_weight=4"
                             << "--method-setting"
                             << "warmup=1"
                             << "--out" << out);
  QVERIFY2(r.exitCode == 0, qPrintable(r.err));
  const QJsonObject d = readJson(out + "/config.json")["distillation"].toObject();
  QCOMPARE(d["method"].toString(), QString("dkd"));
  QCOMPARE(d["temperature"].toDouble(), 4.0);
  QCOMPARE(d["settings"].toObject()["nckd_weight"].toDouble(), 4.0);
  QCOMPARE(d["settings"].toObject()["warmup"].toDouble(), 1.0);
  QCOMPARE(d["settings"].toObject()["tckd_weight"].toDouble(), 1.0);  // the default, resolved
  QCOMPARE(readJson(out + "/summary.json")["method"].toString(), QString("dkd"));
  QFile metrics(out + "/metrics.csv");
  QVERIFY(metrics.open(QIODevice::ReadOnly));
  QVERIFY(metrics.readLine().trimmed().endsWith(",seconds,tckd,nckd"));
  Result ls = kdtrain(quick() << "--method"
                              << "ls"
                              << "--out" << dir("ls-run"));
  QVERIFY2(ls.exitCode == 0, qPrintable(ls.err));
  QCOMPARE(
      readJson(dir("ls-run") + "/config.json")["distillation"].toObject()["temperature"].toDouble(),
      2.0);  // Sun et al.'s
  const QString sweep = dir("methods.json");
  QFile file(sweep);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(R"({"grid": {"method": ["kd", "dkd", "dist", "ls"]}, "seeds": [1, 2]})");
  file.close();
  QProcess p;
  p.start(KDTRAIN_PATH, QStringList{"--sweep", sweep, "--baseline", "--dry-run"});
  QVERIFY(p.waitForFinished(60000));
  QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
  QVERIFY(
      QString(p.readAllStandardOutput()).contains("would run a sweep of 4 point(s) x 2 seed(s)"));
}

QTEST_GUILESS_MAIN(TestKdtrainCli)
#include "tst_kdtrain_cli.moc"
