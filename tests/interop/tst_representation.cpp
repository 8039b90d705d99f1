// How a network arranges images inside it (eval/representation.h): linear CKA and same-class
// retrieval against NumPy implementations of their definitions (representation_reference.py,
// Debian's python3-numpy), CKA's invariances, and retrieval on a case worked out by hand.
#include <torch/torch.h>  // LibTorch before Qt (see DESIGN.md)

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <cmath>

#include "eval/representation.h"
#include "script_json.h"

using namespace kd;
using kd::test::tensorOf;

namespace {

// Unit vectors at these angles (degrees) in the plane.
torch::Tensor atAngles(const std::vector<double>& degrees) {
  std::vector<float> xy;
  for (double d : degrees) {
    xy.push_back(float(std::cos(d * M_PI / 180)));
    xy.push_back(float(std::sin(d * M_PI / 180)));
  }
  return torch::tensor(xy).view({int64_t(degrees.size()), 2});
}

}  // namespace

class TestRepresentation : public QObject {
  Q_OBJECT

 private:
  QJsonObject reference_;

 private Q_SLOTS:
  void initTestCase();
  void ckaMatchesNumPy();
  void ckaOfItselfIsOneAndIgnoresRotationAndScale();
  void retrievalMatchesNumPy();
  void retrievalOfAHandBuiltCase();
};

void TestRepresentation::initTestCase() {
  reference_ = kd::test::runScript(QFINDTESTDATA("representation_reference.py"));
  QCOMPARE(reference_["cka"].toArray().size(), 3);
  QCOMPARE(reference_["retrieval"].toArray().size(), 2);
}

void TestRepresentation::ckaMatchesNumPy() {
  for (const QJsonValue& v : reference_["cka"].toArray()) {
    const QJsonObject c = v.toObject();
    const int64_t n = c["n"].toInt();
    const torch::Tensor x = tensorOf(c["x"].toArray(), {n, c["p"].toInt()});
    const torch::Tensor y = tensorOf(c["y"].toArray(), {n, c["q"].toInt()});
    const double expected = c["cka"].toDouble();
    QVERIFY2(std::abs(linearCka(x, y) - expected) < 1e-9,
             qPrintable(QString("%1 against %2").arg(linearCka(x, y)).arg(expected)));
    QVERIFY(std::abs(linearCka(y, x) - expected) < 1e-9);  // symmetric
    QVERIFY(expected > 0.3 && expected < 0.9);             // a case that tells values apart
  }
}

void TestRepresentation::ckaOfItselfIsOneAndIgnoresRotationAndScale() {
  torch::manual_seed(3);
  const torch::Tensor x = torch::randn({40, 6, 3, 3}, torch::kDouble);  // a stage's maps
  const torch::Tensor y = torch::randn({40, 12}, torch::kDouble) + x.flatten(1).narrow(1, 0, 12);
  QVERIFY(std::abs(linearCka(x, x) - 1) < 1e-12);
  const torch::Tensor rotation =
      std::get<0>(torch::linalg_qr(torch::randn({54, 54}, torch::kDouble)));
  const double base = linearCka(x, y);
  QVERIFY(std::abs(linearCka(x.flatten(1).matmul(rotation), y) - base) < 1e-10);
  QVERIFY(std::abs(linearCka(x * 3.7, y * 0.2) - base) < 1e-10);
  QVERIFY(base < 0.99);  // not 1 for another representation
}

void TestRepresentation::retrievalMatchesNumPy() {
  for (const QJsonValue& v : reference_["retrieval"].toArray()) {
    const QJsonObject r = v.toObject();
    const int64_t n = r["n"].toInt();
    const torch::Tensor e = tensorOf(r["e"].toArray(), {n, r["d"].toInt()}, torch::kFloat);
    const torch::Tensor labels = tensorOf(r["labels"].toArray(), {n}, torch::kLong);
    for (int64_t block : {int64_t(1024), int64_t(7)}) {  // one block, or several
      const RetrievalScores f = sameClassRetrieval(e, labels, block);
      QCOMPARE(f.queries, int64_t(r["queries"].toInt()));
      QVERIFY(std::abs(f.recallAt1 - r["recall1"].toDouble()) < 1e-6);
      QVERIFY(std::abs(f.recallAt5 - r["recall5"].toDouble()) < 1e-6);
      QVERIFY2(std::abs(f.meanAveragePrecision - r["map"].toDouble()) < 1e-6,
               qPrintable(
                   QString("%1 against %2").arg(f.meanAveragePrecision).arg(r["map"].toDouble())));
    }
  }
}

// Five images on the unit circle (cosine falls with the angle between them) and one alone in
// its class. By hand: 0 deg (class 0) ranks 10 (0), 50 (1), 80 (0), 95 (1): AP (1 + 2/3) / 2;
// 10 deg alike; 50 deg (1) ranks 80 (0), 10 (0), 95 (1), 0 (0): AP 1/3; 95 deg (1) ranks 80 (0),
// 50 (1): AP 1/2; 80 deg (0) ranks 95, 50, 10, 0: AP (1/3 + 2/4) / 2. The image at 200 deg is
// the last neighbour of every query and asks nothing itself.
void TestRepresentation::retrievalOfAHandBuiltCase() {
  const torch::Tensor e = atAngles({0, 10, 50, 95, 80, 200});
  const torch::Tensor labels = torch::tensor({0, 0, 1, 1, 0, 2}, torch::kLong);
  const RetrievalScores f = sameClassRetrieval(e * 5, labels);  // cosine: the length is moot
  QCOMPARE(f.queries, int64_t(5));
  QVERIFY(std::abs(f.recallAt1 - 2.0 / 5) < 1e-9);
  QVERIFY(std::abs(f.recallAt5 - 1.0) < 1e-9);
  const double map = (5.0 / 6 + 5.0 / 6 + 1.0 / 3 + 1.0 / 2 + 5.0 / 12) / 5;
  QVERIFY2(std::abs(f.meanAveragePrecision - map) < 1e-6,
           qPrintable(QString("%1 against %2").arg(f.meanAveragePrecision).arg(map)));
}

QTEST_GUILESS_MAIN(TestRepresentation)
#include "tst_representation.moc"
