// Maps of a representation (eval/projection.h): PCA against NumPy's SVD
// (projection_reference.py), t-SNE keeping well-separated clusters apart and giving the same map
// twice, Procrustes undoing a known rotation, reflection, scale and shift, and nearest rows on a
// case worked out by hand.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QtTest>
#include <cmath>

#include "eval/projection.h"
#include "script_json.h"

using namespace kd;
using kd::test::tensorOf;

namespace {

// `clusters` Gaussian blobs of `each` points in `dims` dimensions, centres 10 apart on their own
// axes, spread 1; labels [N].
std::pair<torch::Tensor, torch::Tensor> blobs(int64_t clusters, int64_t each, int64_t dims) {
  torch::manual_seed(11);
  torch::Tensor x = torch::randn({clusters * each, dims});
  torch::Tensor labels = torch::arange(clusters).repeat_interleave(each);
  for (int64_t c = 0; c < clusters; ++c) x.narrow(0, c * each, each).select(1, c) += 10;
  return {x, labels};
}

}  // namespace

class TestProjection : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void pcaMatchesNumPy();
  void tsneKeepsSeparatedClustersApart();
  void tsneGivesTheSameMapTwiceAndStopsWhenAsked();
  void tsneRefusesAPerplexityTooLargeForTheImages();
  void procrustesUndoesAKnownTransform();
  void nearestRowsOfAHandBuiltCase();
};

void TestProjection::pcaMatchesNumPy() {
  const QJsonObject reference = kd::test::runScript(QFINDTESTDATA("projection_reference.py"));
  QCOMPARE(reference["pca"].toArray().size(), 3);
  for (const QJsonValue& v : reference["pca"].toArray()) {
    const QJsonObject c = v.toObject();
    const int64_t n = c["n"].toInt(), k = c["k"].toInt();
    const torch::Tensor x = tensorOf(c["x"].toArray(), {n, c["d"].toInt()});
    const torch::Tensor expected = tensorOf(c["pca"].toArray(), {n, k}, torch::kFloat);
    const torch::Tensor map = principalComponents(x, k);
    QCOMPARE(map.sizes(), expected.sizes());
    const double error = (map - expected).abs().max().item<double>();
    QVERIFY2(error < 1e-4, qPrintable(QString("largest difference %1").arg(error)));
  }
}

// Five blobs in 60 dimensions (more than the 50 t-SNE keeps after PCA): on the map every point
// lies nearer its own cluster's centre than any other cluster's, and the clusters' centres lie
// further apart than their points from them.
void TestProjection::tsneKeepsSeparatedClustersApart() {
  const auto [x, labels] = blobs(5, 80, 60);
  const torch::Tensor map = tsne(x);
  QCOMPARE(map.sizes(), (std::vector<int64_t>{400, 2}));
  QVERIFY(torch::isfinite(map).all().item<bool>());
  std::vector<torch::Tensor> centres;
  for (int64_t c = 0; c < 5; ++c) centres.push_back(map.index({labels == c}).mean(0));
  const torch::Tensor centre = torch::stack(centres);
  const torch::Tensor nearest = torch::cdist(map, centre).argmin(1);
  QCOMPARE(nearest.eq(labels).sum().item<int64_t>(), int64_t(400));
  double widest = 0, closest = 1e9;
  for (int64_t c = 0; c < 5; ++c) {
    const torch::Tensor own = map.index({labels == c}) - centre[c];
    widest = std::max(widest, own.norm(2, 1).max().item<double>());
    for (int64_t d = c + 1; d < 5; ++d)
      closest = std::min(closest, (centre[c] - centre[d]).norm().item<double>());
  }
  QVERIFY2(closest > widest, qPrintable(QString("centres %1 apart, points %2 from theirs")
                                            .arg(closest)
                                            .arg(widest)));
}

void TestProjection::tsneGivesTheSameMapTwiceAndStopsWhenAsked() {
  const auto [x, labels] = blobs(3, 40, 8);
  TsneOptions options;
  options.perplexity = 10;
  options.iterations = 300;
  QVERIFY(torch::equal(tsne(x, options), tsne(x, options)));
  int calls = 0;
  const torch::Tensor stopped = tsne(x, options, [&](int done, int of) {
    ++calls;
    return !(done == 20 && of == 300);
  });
  QCOMPARE(calls, 20);
  QVERIFY(!torch::equal(stopped, tsne(x, options)));
}

void TestProjection::tsneRefusesAPerplexityTooLargeForTheImages() {
  const auto [x, labels] = blobs(2, 10, 4);
  try {
    tsne(x);  // perplexity 30 for 20 images
    QFAIL("expected an error");
  } catch (const std::exception& e) {
    QVERIFY2(QString(e.what()).contains("perplexity below 19"), e.what());
  }
}

void TestProjection::procrustesUndoesAKnownTransform() {
  torch::manual_seed(5);
  const torch::Tensor reference = torch::randn({50, 2});
  const double a = 0.7;
  const torch::Tensor reflectRotate =
      torch::tensor({std::cos(a), std::sin(a), std::sin(a), -std::cos(a)}).view({2, 2}).to(
          torch::kFloat);
  const torch::Tensor moving = reference.matmul(reflectRotate) * 3.5 + torch::tensor({4.0f, -2.0f});
  const torch::Tensor aligned = procrustesAligned(reference, moving);
  QVERIFY((aligned - reference).abs().max().item<double>() < 1e-4);
  // A noisy copy lands nearer its reference than before alignment.
  const torch::Tensor noisy = moving + 0.1 * torch::randn({50, 2});
  QVERIFY((procrustesAligned(reference, noisy) - reference).norm().item<double>() <
          0.1 * (noisy - reference).norm().item<double>());
}

// Unit vectors at 0, 10, 50, 95 and 200 degrees: from 10 degrees the nearest are 0, 50, 95 (10,
// 40, 85 degrees away); from 200 they are 95, 50, 0, 10 (105, 150, 160, 170 away).
void TestProjection::nearestRowsOfAHandBuiltCase() {
  std::vector<float> xy;
  for (double d : {0.0, 10.0, 50.0, 95.0, 200.0}) {
    xy.push_back(float(std::cos(d * M_PI / 180)));
    xy.push_back(float(std::sin(d * M_PI / 180)));
  }
  const torch::Tensor unit = torch::tensor(xy).view({5, 2});
  QCOMPARE(nearestRows(unit, 1, 3), (std::vector<int64_t>{0, 2, 3}));
  QCOMPARE(nearestRows(unit, 4, 10), (std::vector<int64_t>{3, 2, 0, 1}));  // k beyond N - 1
}

QTEST_GUILESS_MAIN(TestProjection)
#include "tst_projection.moc"
