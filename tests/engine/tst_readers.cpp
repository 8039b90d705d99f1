// Dataset readers: IDX (gz and raw), CIFAR-10/100 binary, image folders, the real
// Fashion-MNIST files, and one clear message per kind of bad input.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <numeric>
#include <thread>

#include "data/cifar_reader.h"
#include "data/dataset.h"
#include "data/folder_reader.h"
#include "data/idx_reader.h"
#include "kd/error.h"
#include "test_data.h"

using namespace kd;

namespace {
DataConfig fromSource(const std::string& source) {
  DataConfig config;
  config.source = source;
  return config;
}
}  // namespace

class TestReaders : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  std::string path(const char* name) const { return tmp_.filePath(name).toStdString(); }

 private Q_SLOTS:
  void idxRoundTrip_data();
  void idxRoundTrip();
  void realFashionMnist();
  void cifar10();
  void cifar100();
  void imageFolder();
  void imageFolderGrayscale();
  void imageFolderSkipsBadFiles();
  void unlabelledFolderSkipsBadFiles();
  void imageFolderStops();
  void badInput_data();
  void badInput();
  void channelStatisticsExact();
  void trainingSubsetHidesAndLimits();
  void folderSplitIsSeeded();
};

void TestReaders::idxRoundTrip_data() {
  QTest::addColumn<bool>("gzip");
  QTest::newRow("raw") << false;
  QTest::newRow("gzip") << true;
}

void TestReaders::idxRoundTrip() {
  QFETCH(bool, gzip);
  std::string dir = path(gzip ? "idx-gz" : "idx-raw");
  test::writeIdxDataset(dir, 20, gzip);
  DataSplits s = loadDataset(fromSource("mnist:" + dir), 1);
  QCOMPARE(s.train.size(), 20);
  QCOMPARE(s.test.size(), 10);
  QCOMPARE(s.train.images.sizes().vec(), (std::vector<int64_t>{20, 1, 28, 28}));
  QCOMPARE(s.train.images[0][0][0][1].item<int>(), (1 * 7 + 1) & 0xff);
  QCOMPARE(s.train.labels[13].item<int64_t>(), 3);
  QCOMPARE(s.train.classes.size(), size_t(10));
}

void TestReaders::realFashionMnist() {
  DataSplits s = loadDataset(DataConfig{}, 1);
  QCOMPARE(s.train.size(), 60000);
  QCOMPARE(s.test.size(), 10000);
  QCOMPARE(s.train.classes.front(), std::string("T-shirt/top"));
  // Fashion-MNIST is balanced: 6000 training images per class.
  torch::Tensor counts = torch::bincount(s.train.labels);
  QVERIFY(counts.eq(6000).all().item<bool>());
  QCOMPARE(s.train.images.dtype(), torch::kUInt8);
}

void TestReaders::cifar10() {
  std::string dir = path("cifar10");
  test::writeCifarDataset(dir, 10, 7);
  DataSplits s = loadDataset(fromSource("cifar10:" + dir), 1);
  QCOMPARE(s.train.size(), 35);
  QCOMPARE(s.test.size(), 7);
  QCOMPARE(s.train.images.sizes().vec(), (std::vector<int64_t>{35, 3, 32, 32}));
  QCOMPARE(s.train.labels[3].item<int64_t>(), 3);
  // Pixel p of record i is (p + i) mod 256, stored red plane first.
  QCOMPARE(s.train.images[2][1][0][0].item<int>(), (1024 + 2) % 256);
}

void TestReaders::cifar100() {
  std::string dir = path("cifar100");
  test::writeCifarDataset(dir, 100, 5);
  DataSplits s = loadDataset(fromSource("cifar100:" + dir), 1);
  QCOMPARE(s.train.size(), 5);
  QCOMPARE(s.train.classes.size(), size_t(100));
  QCOMPARE(s.train.labels[2].item<int64_t>(), 3);  // the fine label: the second byte
}

void TestReaders::imageFolder() {
  std::string dir = path("folder");
  test::writeImageFolder(dir, 3, 4, 20);
  FolderImages folder = readImageFolder(dir, 16, false);
  QVERIFY(folder.skipped.empty());
  const Dataset& d = folder.images;
  QCOMPARE(d.size(), 12);
  QCOMPARE(d.classes, (std::vector<std::string>{"class_0", "class_1", "class_2"}));
  QCOMPARE(d.images.sizes().vec(), (std::vector<int64_t>{12, 3, 16, 16}));
  QCOMPARE(d.labels[5].item<int64_t>(), 1);
  // Written as BGR (10c, 20i, 255 - 10c); read back as RGB.
  QCOMPARE(d.images[5][0][3][3].item<int>(), 255 - 10);
  QCOMPARE(d.images[5][1][3][3].item<int>(), 20);
  QCOMPARE(d.images[5][2][3][3].item<int>(), 10);
}

void TestReaders::imageFolderGrayscale() {
  std::string dir = path("folder-gray");
  test::writeImageFolder(dir, 2, 2, 8);
  Dataset d = readImageFolder(dir, 8, true).images;
  QCOMPARE(d.images.size(1), 1);
}

namespace {
// A PNG signature and header chunk that claim width x height, then a few bytes of nothing:
// what a decompression bomb looks like before its (small, highly compressed) pixel data.
std::vector<uint8_t> pngHeader(uint32_t width, uint32_t height) {
  std::vector<uint8_t> b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                            0,    0,   0,   13,  'I',  'H',  'D',  'R'};
  for (uint32_t v : {width, height})
    for (int shift = 24; shift >= 0; shift -= 8) b.push_back(uint8_t(v >> shift));
  for (uint8_t v : {8, 2, 0, 0, 0, 0, 0, 0, 0}) b.push_back(v);  // 8-bit RGB, then a CRC
  b.resize(b.size() + 64, 0);
  return b;
}
}  // namespace

// Downloaded folders hold broken files: each is skipped and listed, the rest load.
void TestReaders::imageFolderSkipsBadFiles() {
  const std::string dir = path("folder-bad-files");
  test::writeImageFolder(dir, 2, 3, 12);
  const auto good = test::readFile(test::listFiles(dir + "/class_0")[0]);
  test::writeFile(dir + "/class_0/broken.png", {1, 2, 3, 4});
  test::writeFile(dir + "/class_0/notes.jpg", std::vector<uint8_t>(100, 'x'));
  test::writeFile(dir + "/class_1/truncated.png",
                  std::vector<uint8_t>(good.begin(), good.begin() + long(good.size() / 2)));
  test::writeFile(dir + "/class_1/bomb.png", pngHeader(30000, 30000));
  FolderImages folder = readImageFolder(dir, 12, false);
  QCOMPARE(folder.images.size(), int64_t(6));
  QCOMPARE(folder.images.labels.sum().item<int64_t>(), int64_t(3));
  QCOMPARE(folder.skipped.size(), size_t(4));
  const QString all = QString::fromStdString(
      std::accumulate(folder.skipped.begin(), folder.skipped.end(), std::string(),
                      [](const std::string& a, const std::string& b) { return a + b + "\n"; }));
  QVERIFY2(all.contains("class_1/bomb.png: declares 30000x30000 pixels, more than the limit"),
           qPrintable(all));
  for (const char* name : {"broken.png: ", "notes.jpg: ", "truncated.png: "})
    QVERIFY2(all.contains(name), qPrintable(all));
  DataConfig config;
  config.source = "folder:" + dir;
  config.imageSize = 12;
  QCOMPARE(loadDataset(config, 1).skippedFiles, folder.skipped);
}

// Stop reaches a long folder read between files: a paused read waits, then a cancel ends it.
void TestReaders::imageFolderStops() {
  const std::string dir = path("folder-stops");
  test::writeImageFolder(dir, 2, 3, 8);
  DataConfig config;
  config.source = "folder:" + dir;
  config.imageSize = 8;
  RunControl control;
  control.pause();
  std::atomic<bool> ended{false};
  std::thread reader([&] {
    try {
      loadDataset(config, 1, &control);
    } catch (const RunCancelled&) {
      ended = true;
    }
  });
  QTest::qWait(100);
  QVERIFY(!ended);  // still paused before the first file
  control.cancel();
  reader.join();
  QVERIFY(ended);
  QCOMPARE(loadDataset(config, 1, nullptr).train.size() + loadDataset(config, 1).test.size(),
           int64_t(6));
}

void TestReaders::badInput_data() {
  QTest::addColumn<QString>("source");
  QTest::addColumn<QString>("message");
  std::string root = path("bad");
  auto dir = [&](const char* name) {
    std::string d = root + "/" + name;
    std::filesystem::create_directories(d);
    return d;
  };
  auto row = [](const char* name, const std::string& source, const char* message) {
    QTest::newRow(name) << QString::fromStdString(source) << QString(message);
  };
  row("missing folder", "mnist:" + root + "/nothing", "missing dataset file");

  std::string truncated = dir("truncated");
  test::writeIdxDataset(truncated, 10, false);
  auto bytes = test::idxImages(10, 28, 28);
  bytes.resize(bytes.size() - 100);
  test::writeFile(truncated + "/train-images-idx3-ubyte", bytes);
  row("truncated idx", "mnist:" + truncated, "header announces 10 images");

  std::string truncatedGz = dir("truncated-gz");
  test::writeIdxDataset(truncatedGz, 10, true);
  auto gz = test::readFile(truncatedGz + "/train-images-idx3-ubyte.gz");
  gz.resize(gz.size() / 2);
  test::writeFile(truncatedGz + "/train-images-idx3-ubyte.gz", gz);
  row("truncated gzip", "mnist:" + truncatedGz, "corrupt or truncated");

  std::string magic = dir("magic");
  test::writeIdxDataset(magic, 10, false);
  test::writeFile(magic + "/train-images-idx3-ubyte", test::idxLabels(10));
  row("wrong magic", "mnist:" + magic, "not an IDX image file");

  std::string count = dir("count");
  test::writeIdxDataset(count, 10, false);
  test::writeFile(count + "/train-labels-idx1-ubyte", test::idxLabels(9));
  row("count mismatch", "mnist:" + count, "10 images but 9 labels");

  std::string label = dir("label");
  test::writeIdxDataset(label, 10, false);
  auto labels = test::idxLabels(10);
  labels.back() = 11;
  test::writeFile(label + "/train-labels-idx1-ubyte", labels);
  row("label out of range", "mnist:" + label, "label 11 is out of range for 10 classes");

  std::string cifar = dir("cifar");
  test::writeCifarDataset(cifar, 10, 3);
  test::writeFile(cifar + "/data_batch_2.bin", std::vector<uint8_t>(3000, 1));
  row("cifar partial record", "cifar10:" + cifar, "not a whole number of 3073-byte records");

  row("empty folder", "folder:" + dir("empty"), "needs at least two sub-folders with images");

  std::string unreadable = dir("unreadable");
  test::writeImageFolder(unreadable, 2, 2, 8);
  for (const char* name : {"img_0.png", "img_1.png"})
    test::writeFile(unreadable + "/class_1/" + name, {1, 2, 3, 4});
  row("a class with no readable image", "folder:" + unreadable,
      "class_1 has no readable image (2 skipped; the first: ");

  row("unknown kind", "svhn:/tmp", "unknown dataset \"svhn:/tmp\"");
  row("no folder", "cifar10:", "needs a folder after the colon");
}

void TestReaders::badInput() {
  QFETCH(QString, source);
  QFETCH(QString, message);
  DataConfig config;
  config.source = source.toStdString();
  const auto before = test::listFiles(path("bad"));
  try {
    loadDataset(config, 1);
    QFAIL("no error for bad input");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains(message), e.what());
  }
  QCOMPARE(test::listFiles(path("bad")), before);
}

void TestReaders::channelStatisticsExact() {
  Dataset d;
  d.images = torch::tensor({0, 255, 0, 255, 51, 51, 51, 51}, torch::kUInt8).view({2, 1, 2, 2});
  d.labels = torch::zeros({2}, torch::kLong);
  Normalization n = channelStatistics(d);
  // Values 0, 1, 0, 1, 0.2, 0.2, 0.2, 0.2: mean 0.35, variance 0.1025 - ... computed by hand.
  const double mean = (2 + 0.8) / 8, var = (2 + 4 * 0.04) / 8 - mean * mean;
  QVERIFY(std::abs(n.mean.item<double>() - mean) < 1e-6);
  QVERIFY(std::abs(n.std.item<double>() - std::sqrt(var)) < 1e-6);
}

void TestReaders::trainingSubsetHidesAndLimits() {
  Dataset d;
  d.images = torch::zeros({20, 1, 2, 2}, torch::kUInt8);
  d.labels = torch::arange(20, torch::kLong) % 4;
  d.classes = {"a", "b", "c", "d"};
  DataConfig config;
  config.hiddenClasses = {1, 3};
  Dataset student = trainingSubset(d, config, 1, true);
  QCOMPARE(student.size(), 10);
  QVERIFY((student.labels % 2).eq(0).all().item<bool>());
  QCOMPARE(trainingSubset(d, config, 1, false).size(), 20);
  config.limitTrain = 3;
  QVERIFY(trainingSubset(d, config, 1, true).labels.equal(torch::tensor({0, 2, 0}, torch::kLong)));
  config.limitTrain = 0;
  config.trainFraction = 0.5;
  Dataset half = trainingSubset(d, config, 7, false);
  QCOMPARE(half.size(), 10);
  QVERIFY(half.labels.equal(trainingSubset(d, config, 7, false).labels));
  config.hiddenClasses = {4};
  QVERIFY_THROWS_EXCEPTION(Error, trainingSubset(d, config, 1, true));
}

void TestReaders::folderSplitIsSeeded() {
  std::string dir = path("split");
  test::writeImageFolder(dir, 2, 10, 8);
  DataConfig config = fromSource("folder:" + dir);
  config.imageSize = 8;
  config.testFraction = 0.25;
  DataSplits a = loadDataset(config, 5), b = loadDataset(config, 5), c = loadDataset(config, 6);
  QCOMPARE(a.test.size(), 5);
  QCOMPARE(a.train.size(), 15);
  QVERIFY(a.test.images.equal(b.test.images));
  QVERIFY(!a.test.images.equal(c.test.images) || !a.test.labels.equal(c.test.labels));
}


// data.unlabelled: every image below the folder, at the dataset's size and channels, without a
// label; broken and huge files are skipped and named, as in labelled folders.
void TestReaders::unlabelledFolderSkipsBadFiles() {
  const std::string dir = path("unlabelled-bad-files");
  test::writeImageFolder(dir, 2, 2, 40);  // four images, in two sub-folders
  test::writeFile(dir + "/broken.png", {1, 2, 3, 4});
  test::writeFile(dir + "/class_1/bomb.png", pngHeader(30000, 30000));
  const std::string idx = path("idx-with-unlabelled");
  test::writeIdxDataset(idx, 60, false);
  DataConfig config;
  config.source = "mnist:" + idx;
  config.unlabelled = dir;
  const DataSplits data = loadDataset(config, 1);
  QCOMPARE(data.unlabelled.size(), int64_t(4));
  QCOMPARE(data.unlabelled.shape().text(), std::string("1x28x28"));  // the dataset's
  QVERIFY(data.unlabelled.labels.eq(kUnlabelled).all().item<bool>());
  QCOMPARE(data.skippedFiles.size(), size_t(2));
  QVERIFY(QString::fromStdString(data.skippedFiles[0]).contains("broken.png: not a readable"));
  QVERIFY(QString::fromStdString(data.skippedFiles[1]).contains("bomb.png: declares 30000x30000"));
  config.unlabelled = path("no-such-folder");
  QVERIFY_THROWS_EXCEPTION(Error, loadDataset(config, 1));
}

QTEST_GUILESS_MAIN(TestReaders)
#include "tst_readers.moc"
