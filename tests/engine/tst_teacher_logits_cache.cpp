// The teacher-logits cache: one pass per teacher file, images, normalisation and device; any
// change of these, or of the file on disk, computes again; a teacher without a file never hits.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <thread>

#include "kd/arch_spec.h"
#include "teachers/teacher_logits_cache.h"

using namespace kd;

namespace {

Dataset images(int64_t n, int seed) {
  torch::manual_seed(seed);
  return {torch::randint(0, 256, {n, 1, 4, 4}).to(torch::kUInt8),
          torch::zeros({n}, torch::kLong),
          {"a", "b"}};
}

Normalization normalization(double mean) { return {torch::tensor({mean}), torch::tensor({0.25})}; }

void writeText(const QString& path, const std::string& text) {
  std::ofstream(path.toStdString(), std::ios::binary | std::ios::trunc) << text;
}

}  // namespace

class TestTeacherLogitsCache : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  int passes_ = 0;
  // A counted "pass of the teacher": logits that differ from call to call.
  torch::Tensor cached(const std::string& key, const Dataset& data, const InputPipeline& p) {
    return TeacherLogitsCache::instance().logits(key, data, p, [&] {
      ++passes_;
      return torch::full({data.size(), 2}, float(passes_));
    });
  }

 private Q_SLOTS:
  void init() {
    TeacherLogitsCache::instance().clear();
    passes_ = 0;
  }
  void onePassForTheSameInputs();
  void anyChangedInputPassesAgain();
  void aRewrittenTeacherFilePassesAgain();
  void withoutATeacherFileEveryCallPasses();
};

void TestTeacherLogitsCache::onePassForTheSameInputs() {
  writeText(dir_.filePath("t.ckpt"), "weights");
  const std::string key = TeacherLogitsCache::teacherKey(dir_.filePath("t.ckpt").toStdString(),
                                                         preset("cnn-small"), Precision::kFp32);
  QVERIFY(!key.empty());
  const InputPipeline pipeline(normalization(0.5), torch::kCPU);
  const torch::Tensor first = cached(key, images(8, 1), pipeline);
  // Equal images in another tensor are the same inputs.
  const torch::Tensor second = cached(key, images(8, 1), pipeline);
  QCOMPARE(passes_, 1);
  QVERIFY(second.equal(first));
}

void TestTeacherLogitsCache::anyChangedInputPassesAgain() {
  writeText(dir_.filePath("t.ckpt"), "weights");
  const std::string file = dir_.filePath("t.ckpt").toStdString();
  const std::string key =
      TeacherLogitsCache::teacherKey(file, preset("cnn-small"), Precision::kFp32);
  const InputPipeline pipeline(normalization(0.5), torch::kCPU);
  cached(key, images(8, 1), pipeline);
  Dataset oneImageChanged = images(8, 1);
  oneImageChanged.images[7][0][3][3] += 1;
  cached(key, oneImageChanged, pipeline);
  QCOMPARE(passes_, 2);
  cached(key, images(8, 1), InputPipeline(normalization(0.4), torch::kCPU));
  QCOMPARE(passes_, 3);
  // The same file loaded into another architecture (a state_dict's) is another teacher.
  const std::string other =
      TeacherLogitsCache::teacherKey(file, preset("seed-student"), Precision::kFp32);
  QVERIFY(other != key);
  cached(other, images(8, 1), pipeline);
  QCOMPARE(passes_, 4);
  // The same teacher answering in bfloat16 gives other logits.
  const std::string inBf16 =
      TeacherLogitsCache::teacherKey(file, preset("cnn-small"), Precision::kBf16);
  QVERIFY(inBf16 != key);
  cached(inBf16, images(8, 1), pipeline);
  QCOMPARE(passes_, 5);
  // The first inputs are still kept.
  QVERIFY(cached(key, images(8, 1), pipeline).equal(torch::full({8, 2}, 1.0f)));
  QCOMPARE(passes_, 5);
}

void TestTeacherLogitsCache::aRewrittenTeacherFilePassesAgain() {
  const QString path = dir_.filePath("t.ckpt");
  writeText(path, "weights");
  const std::string before =
      TeacherLogitsCache::teacherKey(path.toStdString(), {}, Precision::kFp32);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a new modification time
  writeText(path, "WEIGHTS");                                  // the same size
  const std::string after =
      TeacherLogitsCache::teacherKey(path.toStdString(), {}, Precision::kFp32);
  QVERIFY(!after.empty());
  QVERIFY(after != before);
  const InputPipeline pipeline(normalization(0.5), torch::kCPU);
  cached(before, images(8, 1), pipeline);
  cached(after, images(8, 1), pipeline);
  QCOMPARE(passes_, 2);
}

void TestTeacherLogitsCache::withoutATeacherFileEveryCallPasses() {
  QVERIFY(TeacherLogitsCache::teacherKey(dir_.filePath("missing.ckpt").toStdString(), {},
                                         Precision::kFp32)
              .empty());
  const InputPipeline pipeline(normalization(0.5), torch::kCPU);
  cached("", images(8, 1), pipeline);
  cached("", images(8, 1), pipeline);
  QCOMPARE(passes_, 2);
}

QTEST_GUILESS_MAIN(TestTeacherLogitsCache)
#include "tst_teacher_logits_cache.moc"
