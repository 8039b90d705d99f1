// The Embeddings tab on a finished run of the built-in data (tests/formats/v1/run): the maps
// computed off the GUI thread when the tab shows, a rectangle chosen on one map filtering the
// gallery to exactly the images inside it (and a hidden class left out of the choice), the
// gallery's image marked on every map, the choice cleared from either side, and a newer request
// superseding one that is running.
#include <qcustomplot.h>

#include <QAbstractButton>
#include <QComboBox>
#include <QListView>
#include <QSpinBox>
#include <QtTest>
#include <set>

#include "inspection/confusion_view.h"
#include "inspection/embedding_view.h"
#include "inspection/inspection_panel.h"
#include "inspection/model_card.h"
#include "inspection/run_inspection.h"

using namespace kd::ui;

class TestEmbeddingView : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void mapsChosenImagesAndTheGalleryStayLinked();
  void aNewerRequestSupersedesARunningOne();
};

namespace {

// The images of `maps` whose point on map 0 lies left of the map's middle, of shown classes.
std::vector<int64_t> leftHalf(const kd::EmbeddingMaps& maps, double middle, int hiddenClass) {
  std::vector<int64_t> images;
  for (size_t i = 0; i < maps.images.size(); ++i)
    if (maps.maps[0].x[i] < middle && maps.labels[i] != hiddenClass)
      images.push_back(maps.images[i]);
  return images;
}

}  // namespace

void TestEmbeddingView::mapsChosenImagesAndTheGalleryStayLinked() {
  InspectionPanel predictions;
  ConfusionView confusion;
  ModelCard card;
  EmbeddingView view;
  RunInspection inspection(&predictions, &confusion, &card, &view);
  view.imagesBox()->setValue(500);
  view.projectionBox()->setCurrentIndex(0);  // t-SNE
  inspection.inspect(KD_FORMATS_DIR "/v1/run");
  QTRY_VERIFY_WITH_TIMEOUT(inspection.inspected(), 120000);
  QVERIFY(view.maps().maps.empty());  // not computed while the tab is hidden
  QSignalSpy shown(&view, &EmbeddingView::mapsShown);
  view.resize(900, 600);
  view.show();
  QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 120000);
  const kd::EmbeddingMaps& maps = view.maps();
  QCOMPARE(maps.images.size(), size_t(500));
  QCOMPARE(view.mapCount(), 2);  // teacher and student: this run kept no baseline
  QCOMPARE(maps.maps[0].model, kd::InspectedModel::kTeacher);

  // Class 0 hidden, then the left half of the teacher's map chosen: the gallery lists exactly
  // those images, none of class 0.
  view.setGroupShown(0, false);
  const auto [low, high] = std::minmax_element(maps.maps[0].x.begin(), maps.maps[0].x.end());
  const double middle = (*low + *high) / 2;
  const std::vector<int64_t> expected = leftHalf(maps, middle, 0);
  QVERIFY(expected.size() > 50 && expected.size() < 450);
  QSignalSpy chosen(&view, &EmbeddingView::imagesChosen);
  view.chooseInArea(0, QRectF(QPointF(*low - 1, -1e9), QPointF(middle, 1e9)));
  QCOMPARE(chosen.count(), 1);
  QCOMPARE(view.chosenImages(), expected);
  PredictionModel* gallery = predictions.model();
  QCOMPARE(gallery->rowCount(), int(expected.size()));
  std::set<int64_t> listed;
  for (int r = 0; r < gallery->rowCount(); ++r) listed.insert(gallery->verdict(r).image);
  QCOMPARE(listed, std::set<int64_t>(expected.begin(), expected.end()));
  QVERIFY(!predictions.chosenImagesButton()->isHidden());
  // The chosen images stand out on every map.
  for (int m = 0; m < view.mapCount(); ++m)
    QCOMPARE(view.chosenPointCount(m), int(expected.size()));

  // The gallery's current image is marked on every map.
  predictions.gallery()->setCurrentIndex(gallery->index(3));
  for (int m = 0; m < view.mapCount(); ++m) {
    QCOMPARE(view.markGraph(m)->dataCount(), 1);
    const double x = view.markGraph(m)->data()->at(0)->key;
    const size_t point =
        size_t(std::find(maps.images.begin(), maps.images.end(), gallery->verdict(3).image) -
               maps.images.begin());
    QCOMPARE(x, double(maps.maps[size_t(m)].x[point]));
  }

  // Shown all again from the gallery; cleared on the map, the gallery shows all too.
  predictions.chosenImagesButton()->click();
  QCOMPARE(gallery->rowCount(), 10000);
  view.chooseInArea(0, QRectF(QPointF(*low - 1, -1e9), QPointF(middle, 1e9)));
  QCOMPARE(gallery->rowCount(), int(expected.size()));
  view.chooseInArea(0, QRectF());
  QCOMPARE(gallery->rowCount(), 10000);
  QVERIFY(view.chosenImages().empty());

  // Coloured by outcome: four groups, as the gallery's.
  view.setColouring(EmbeddingView::Colouring::kOutcome);
  QCOMPARE(view.mapPlot(0)->graphCount(), 2 * 4 + 1);

  // This run predates the recorded epoch features: no replay row. Given maps with two epochs
  // (the engine's are checked in tst_inspection), the slider replays the student's map.
  QVERIFY(view.epochSlider()->isHidden() || !view.epochSlider()->isVisibleTo(&view));
  kd::EmbeddingMaps replay = view.maps();
  kd::EmbeddingMap before = replay.maps[1];
  for (float& x : before.x) x += 1000;  // far from the final map: where it is drawn tells
  replay.studentEpochs = {before, replay.maps[1]};
  replay.epochs = {0, 1};
  view.showMaps(replay);
  QVERIFY(view.epochSlider()->isVisibleTo(&view));
  QCOMPARE(view.epochSlider()->maximum(), 1);
  QCOMPARE(view.epochSlider()->value(), 1);
  const auto studentXs = [&] {
    double lowest = 1e30;
    for (int g = 0; g < view.mapPlot(1)->graphCount(); ++g)
      for (auto it = view.mapPlot(1)->graph(g)->data()->constBegin();
           it != view.mapPlot(1)->graph(g)->data()->constEnd(); ++it)
        lowest = std::min(lowest, it->key);
    return lowest;
  };
  QVERIFY(studentXs() < 900);
  view.epochSlider()->setValue(0);
  QVERIFY(studentXs() > 900);  // the student before training, on every point
  const auto title = [&](int m) {
    return static_cast<QCPTextElement*>(view.mapPlot(m)->plotLayout()->element(0, 0))->text();
  };
  QCOMPARE(title(1), QString("Student before training"));
  QCOMPARE(title(0), QString("Teacher"));  // the others stay final
}

void TestEmbeddingView::aNewerRequestSupersedesARunningOne() {
  InspectionPanel predictions;
  ConfusionView confusion;
  ModelCard card;
  EmbeddingView view;
  RunInspection inspection(&predictions, &confusion, &card, &view);
  inspection.inspect(KD_FORMATS_DIR "/v1/run");
  QTRY_VERIFY_WITH_TIMEOUT(inspection.inspected(), 120000);
  view.imagesBox()->setValue(5000);  // t-SNE of 5,000: many seconds
  QSignalSpy shown(&view, &EmbeddingView::mapsShown);
  view.show();
  QTRY_VERIFY(view.computing());
  view.projectionBox()->setCurrentIndex(1);
  Q_EMIT view.projectionBox()->activated(1);  // PCA, as the user picks it
  QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 60000);
  QTRY_VERIFY(!view.computing());
  QCOMPARE(view.maps().images.size(), size_t(5000));
  QTest::qWait(200);
  QCOMPARE(shown.count(), 1);  // the t-SNE request's maps never arrive
}

QTEST_MAIN(TestEmbeddingView)
#include "tst_embedding_view.moc"
