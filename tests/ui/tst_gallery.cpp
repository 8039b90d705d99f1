// The inspection views on known predictions: gallery filters and sorting, the per-image KL
// against a hand-computed value, a confusion-cell click filtering the gallery, the detail
// view's temperature slider against softmax(t/T) and its class names, Grad-CAM overlays, and
// the epoch slider.
#include <qcustomplot.h>

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QSlider>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtMath>
#include <QtTest>
#include <cmath>

#include "app/background_task.h"
#include "app/main_window.h"
#include "inspection/confusion_view.h"
#include "inspection/gallery_delegate.h"
#include "inspection/inspection_panel.h"
#include "kd/error.h"
#include "widgets/epoch_player.h"
#include "widgets/theme.h"

using namespace kd::ui;
using kd::Role;

namespace {

// Six images of three classes at T = 2; outcomes by image: 0 teacher only, 1 both right,
// 2 student only, 3 both wrong (disagreeing), 4 both wrong (agreeing), 5 teacher only.
PredictionsPtr knownPredictions(int epoch = 3) {
  auto p = std::make_shared<kd::Predictions>();
  p->classes = {"ant", "bee", "cat"};
  p->shape = {1, 2, 2};
  p->count = 6;
  p->indices = {0, 1, 2, 3, 4, 5};
  p->labels = {0, 1, 2, 2, 0, 1};
  for (int i = 0; i < 6; ++i)
    for (int k = 0; k < 4; ++k) p->images.push_back(uint8_t(40 * i + k));
  p->teacherLogits = {2, 0, 0, 0, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 4, 0, 5, 0};
  p->studentLogits = {0, 1, 0, 0, 2, 0, 0, 0, 1.5f, 1.2f, 0, 0, 0, 0, 3, 0, 0, 0.5f};
  p->temperature = 2.0;
  p->epoch = epoch;
  p->epochs = 3;
  return p;
}

std::vector<int64_t> rows(const PredictionModel& m) {
  std::vector<int64_t> r;
  for (int i = 0; i < m.rowCount(); ++i) r.push_back(m.verdict(i).row);
  return r;
}

}  // namespace

class TestGallery : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
  void filters_data();
  void filters();
  void sorting();
  void klPerImageByHand();
  void confusionCellFiltersGallery();
  void temperatureSliderIsSoftmaxOverT();
  void lastClassNameFitsInThePlot();
  void gradCamOverlayAndErrors();
  void backgroundWorkTurnsEveryExceptionIntoAMessage();
  void epochSliderReplaysProbes();
  void epochPlayerPlaysFromTheStartToTheEnd();
  void tilesPaintTheirOutcome();
  void inspectingAFolderWithoutARunSaysWhy();
};

void TestGallery::filters_data() {
  QTest::addColumn<int>("kind");
  QTest::addColumn<int>("trueClass");
  QTest::addColumn<int>("predicted");
  QTest::addColumn<bool>("byTeacher");
  QTest::addColumn<std::vector<int64_t>>("expected");
  using F = GalleryFilter;
  QTest::newRow("all") << int(F::kAll) << -1 << -1 << false
                       << std::vector<int64_t>{0, 1, 2, 3, 4, 5};
  QTest::newRow("disagreements") << int(F::kDisagreements) << -1 << -1 << false
                                 << std::vector<int64_t>{0, 2, 3, 5};
  QTest::newRow("student wrong, teacher right")
      << int(F::kStudentWrongTeacherRight) << -1 << -1 << false << std::vector<int64_t>{0, 5};
  QTest::newRow("student right, teacher wrong")
      << int(F::kStudentRightTeacherWrong) << -1 << -1 << false << std::vector<int64_t>{2};
  QTest::newRow("both wrong") << int(F::kBothWrong) << -1 << -1 << false
                              << std::vector<int64_t>{3, 4};
  QTest::newRow("true class cat") << int(F::kAll) << 2 << -1 << false << std::vector<int64_t>{2, 3};
  QTest::newRow("student predicts cat")
      << int(F::kAll) << -1 << 2 << false << std::vector<int64_t>{2, 4, 5};
  QTest::newRow("teacher predicts cat")
      << int(F::kAll) << -1 << 2 << true << std::vector<int64_t>{4};
  QTest::newRow("both wrong on ants")
      << int(F::kBothWrong) << 0 << -1 << false << std::vector<int64_t>{4};
}

void TestGallery::filters() {
  QFETCH(int, kind);
  QFETCH(int, trueClass);
  QFETCH(int, predicted);
  QFETCH(bool, byTeacher);
  QFETCH(std::vector<int64_t>, expected);
  PredictionModel model;
  model.setPredictions(knownPredictions());
  GalleryFilter f;
  f.kind = GalleryFilter::Kind(kind);
  f.trueClass = trueClass;
  f.predictedClass = predicted;
  f.predictedBy = byTeacher ? Role::kTeacher : Role::kStudent;
  model.setFilter(f);
  QCOMPARE(rows(model), expected);
  QCOMPARE(model.total(), int64_t(6));
}

void TestGallery::sorting() {
  PredictionModel model;
  model.setPredictions(knownPredictions());
  // Orders worked out with numpy from the logits above (no ties in either key).
  model.setSort(GallerySort::kKlLargestFirst);
  QCOMPARE(rows(model), (std::vector<int64_t>{5, 0, 2, 3, 1, 4}));
  model.setSort(GallerySort::kConfidenceLowestFirst);
  QCOMPARE(rows(model), (std::vector<int64_t>{5, 0, 3, 2, 1, 4}));
  model.setSort(GallerySort::kConfidenceHighestFirst);
  QCOMPARE(rows(model), (std::vector<int64_t>{4, 1, 2, 3, 0, 5}));
  GalleryFilter disagreements;
  disagreements.kind = GalleryFilter::kDisagreements;
  model.setFilter(disagreements);  // sorting applies within the filter
  QCOMPARE(rows(model), (std::vector<int64_t>{2, 3, 0, 5}));
  model.setSort(GallerySort::kIndex);
  QCOMPARE(rows(model), (std::vector<int64_t>{0, 2, 3, 5}));
}

void TestGallery::klPerImageByHand() {
  PredictionModel model;
  model.setPredictions(knownPredictions());
  // Image 0 at T = 2: p = softmax(1, 0, 0) = (e, 1, 1) / (e + 2),
  // q = softmax(0, 0.5, 0) = (1, sqrt e, 1) / (2 + sqrt e);
  // KL = sum p ln(p / q) = 0.2130781614428786 (by hand, checked with numpy).
  QVERIFY(std::abs(model.verdict(0).kl - 0.2130781614428786) < 1e-12);
  // Student's top-1 probability at T = 1: e / (e + 2).
  QVERIFY(std::abs(model.verdict(0).studentProbability - M_E / (M_E + 2)) < 1e-12);
  QCOMPARE(model.verdict(0).outcome(), Outcome::kTeacherOnly);
  QVERIFY(model.data(model.index(0), Qt::ToolTipRole).toString().contains("0.2131"));
}

void TestGallery::confusionCellFiltersGallery() {
  MainWindow window;
  window.setConfirmations(false);
  window.resize(1400, 900);
  window.show();
  window.inspection()->setFinal(knownPredictions(), {});
  window.tabs()->setCurrentWidget(window.confusion());
  QTableView* student = window.confusion()->table(Role::kStudent);
  // Student's matrix, row "cat" (true), column "ant" (predicted): image 3 only.
  QCOMPARE(student->model()->data(student->model()->index(2, 0)).toInt(), 1);
  QCOMPARE(student->model()->data(student->model()->index(0, 2)).toInt(), 1);  // image 4
  QTest::mouseClick(student->viewport(), Qt::LeftButton, {},
                    student->visualRect(student->model()->index(2, 0)).center());
  QCOMPARE(window.tabs()->currentWidget(), window.inspection());
  QCOMPARE(rows(*window.inspection()->model()), std::vector<int64_t>{3});
  QCOMPARE(window.inspection()->detail()->image(), int64_t(3));
  // The teacher's matrix filters by the teacher's prediction: true bee, predicted bee: 1 and 5.
  window.tabs()->setCurrentWidget(window.confusion());
  QTableView* teacher = window.confusion()->table(Role::kTeacher);
  QTest::mouseClick(teacher->viewport(), Qt::LeftButton, {},
                    teacher->visualRect(teacher->model()->index(1, 1)).center());
  QCOMPARE(rows(*window.inspection()->model()), (std::vector<int64_t>{1, 5}));
  window.inspection()->clear();  // a new run: no stale matrix cell to click
  QCOMPARE(student->model()->rowCount(), 0);
  QCOMPARE(teacher->model()->rowCount(), 0);
}

void TestGallery::temperatureSliderIsSoftmaxOverT() {
  PredictionDetail detail;
  detail.setPredictions(knownPredictions(), {});
  detail.showImage(5);
  QCOMPARE(detail.temperature(), 2.0);  // starts at the run's
  auto expected = [](std::vector<double> logits, double t) {
    double sum = 0;
    for (double& v : logits) sum += v = std::exp(v / t);
    for (double& v : logits) v /= sum;
    return logits;
  };
  auto near = [](const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (std::abs(a[i] - b[i]) > 1e-12) return false;
    return true;
  };
  QVERIFY(near(detail.bars(Role::kTeacher, false), expected({0, 5, 0}, 1.0)));
  QVERIFY(near(detail.bars(Role::kStudent, false), expected({0, 0, 0.5}, 1.0)));
  QVERIFY(near(detail.bars(Role::kTeacher, true), expected({0, 5, 0}, 2.0)));
  detail.temperatureSlider()->setFocus();
  detail.temperatureSlider()->setValue(50);  // T = 5
  QCOMPARE(detail.temperature(), 5.0);
  QVERIFY(near(detail.bars(Role::kTeacher, true), expected({0, 5, 0}, 5.0)));
  QVERIFY(near(detail.bars(Role::kStudent, true), expected({0, 0, 0.5}, 5.0)));
  QTest::keyClick(detail.temperatureSlider(), Qt::Key_Right);  // keyboard: T = 5.1
  QVERIFY(near(detail.bars(Role::kTeacher, true), expected({0, 5, 0}, 5.1)));
  QVERIFY(near(detail.bars(Role::kTeacher, false), expected({0, 5, 0}, 1.0)));  // T = 1 stays
}

// The class names slant down to the right of their ticks, and QCustomPlot leaves out one that
// would cross the plot's edge: the last name must end inside the plot ("Ankle boot" was missing
// at 1024x768), also once presentation mode's larger fonts are applied to the plots (restyled
// as PresentationMode does, with no new image or temperature).
void TestGallery::lastClassNameFitsInThePlot() {
  auto p = std::make_shared<kd::Predictions>(*knownPredictions());
  p->classes.back() = "a much longer last class name";
  PredictionDetail detail;
  detail.resize(480, 900);
  detail.setPredictions(p, {});
  detail.showImage(0);
  detail.show();
  QVERIFY(QTest::qWaitForWindowExposed(&detail));
  const QFont normal = QApplication::font();
  for (double scale : {1.0, theme::kPresentationFontScale}) {
    QFont font = normal;
    font.setPointSizeF(normal.pointSizeF() * scale);
    QApplication::setFont(font);
    for (bool softened : {false, true}) {
      auto* plot = qobject_cast<QCustomPlot*>(detail.barPlot(softened));
      QVERIFY(plot);
      theme::stylePlot(plot);
      plot->replot();
      const QFontMetrics metrics(plot->xAxis->tickLabelFont());
      const double angle = qDegreesToRadians(plot->xAxis->tickLabelRotation());
      const double end =
          plot->xAxis->coordToPixel(p->classCount() - 1) +
          metrics.horizontalAdvance("a much longer last class name") * std::cos(angle);
      QVERIFY2(end <= plot->width(),
               qPrintable(QString("font x%1: the last name ends at %2 px of %3")
                              .arg(scale)
                              .arg(end)
                              .arg(plot->width())));
    }
  }
  QApplication::setFont(normal);
}

void TestGallery::gradCamOverlayAndErrors() {
  PredictionDetail detail;
  std::vector<std::tuple<Role, int64_t, int>> asked;
  detail.setPredictions(knownPredictions(), [&](Role role, int64_t image, int c) {
    asked.emplace_back(role, image, c);
    if (role == Role::kTeacher) throw kd::Error("this teacher is a TorchScript module");
    return std::vector<float>{1, 0, 0, 0};  // all evidence in the top-left pixel
  });
  QSignalSpy shown(&detail, &PredictionDetail::gradCamsShown);
  detail.showImage(2);  // the maps are computed off the GUI thread
  QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10000);
  // Each model's map is asked for its own predicted class: teacher ant (0), student cat (2).
  QCOMPARE(asked.size(), size_t(2));
  QCOMPARE(asked[0], std::make_tuple(Role::kTeacher, int64_t(2), 0));
  QCOMPARE(asked[1], std::make_tuple(Role::kStudent, int64_t(2), 2));
  QVERIFY(detail.gradCamImage(Role::kTeacher).isNull());
  const QImage& cam = detail.gradCamImage(Role::kStudent);
  QVERIFY(!cam.isNull());
  const QColor hot = cam.pixelColor(5, 5), cold = cam.pixelColor(cam.width() - 5, cam.height() - 5);
  QVERIFY2(hot.red() > hot.blue(), "the top-left quarter is red");
  QVERIFY2(cold.blue() > cold.red(), "the rest is blue");
}

void TestGallery::backgroundWorkTurnsEveryExceptionIntoAMessage() {
  kd::ui::BackgroundTask task;
  QStringList messages;
  auto failWith = [&](std::function<void()> raise) {
    task.run(
        [raise]() -> std::function<void()> {
          raise();
          return {};
        },
        [&](const QString& m) { messages << m; });
    QTRY_VERIFY_WITH_TIMEOUT(!task.busy(), 10000);
  };
  failWith([] { throw kd::Error("a clear message"); });
  failWith([] { throw std::runtime_error("first line\nbacktrace"); });
  failWith([] { throw std::bad_alloc(); });
  failWith([] { throw 42; });
  QTRY_COMPARE_WITH_TIMEOUT(messages.size(), 4, 10000);
  QCOMPARE(messages[0], QString("a clear message"));
  QCOMPARE(messages[1], QString("first line"));
  QVERIFY(messages[2].startsWith("out of memory"));
  QCOMPARE(messages[3], QString("an unknown error"));
  // Only the newest of several requests is delivered.
  QStringList delivered;
  for (int i = 0; i < 3; ++i)
    task.run(
        [&delivered, i]() -> std::function<void()> {
          QThread::msleep(50);
          return [&delivered, i] { delivered << QString::number(i); };
        },
        [](const QString&) {});
  QTRY_VERIFY_WITH_TIMEOUT(!task.busy(), 10000);
  QTRY_COMPARE_WITH_TIMEOUT(delivered, QStringList{"2"}, 10000);
}

void TestGallery::epochSliderReplaysProbes() {
  InspectionPanel panel;
  auto before = std::make_shared<kd::Predictions>(*knownPredictions(0));
  std::fill(before->studentLogits.begin(), before->studentLogits.end(), 0.f);
  before->studentLogits[1] = 1;  // image 0: the untrained student says bee
  panel.addProbe(before);
  panel.addProbe(knownPredictions(1));
  QCOMPARE(panel.epochSlider()->maximum(), 1);
  QCOMPARE(panel.epochSlider()->value(), 1);  // follows the newest epoch
  QCOMPARE(panel.model()->predictions()->epoch, 1);
  panel.setFilterKind(GalleryFilter::kStudentWrongTeacherRight);
  QCOMPARE(rows(*panel.model()), (std::vector<int64_t>{0, 5}));
  panel.epochSlider()->setFocus();
  QTest::keyClick(panel.epochSlider(), Qt::Key_Left);  // back to before training
  QCOMPARE(panel.model()->predictions()->epoch, 0);
  QCOMPARE(rows(*panel.model()), (std::vector<int64_t>{0, 1, 5}));  // filter kept
  panel.addProbe(knownPredictions(2));  // the user looks back: the slider stays
  QCOMPARE(panel.epochSlider()->value(), 0);
  QCOMPARE(panel.epochSlider()->maximum(), 2);
  panel.setFinal(knownPredictions(3), {});
  QCOMPARE(panel.epochSlider()->maximum(), 3);
  QCOMPARE(panel.epochSlider()->value(), 3);  // the finished run is shown at once
  panel.clear();
  QCOMPARE(panel.model()->rowCount(), 0);
}

// The replay of the gallery and of the Embeddings tab: Play at the last epoch starts from the
// first, steps to the last and stops there; one position alone cannot play.
void TestGallery::epochPlayerPlaysFromTheStartToTheEnd() {
  kd::ui::EpochPlayer player("tip", "epoch");
  std::vector<int> shown;
  connect(player.slider(), &QSlider::valueChanged, [&](int v) { shown.push_back(v); });
  player.setLast(0);
  QVERIFY(!player.playButton()->isEnabled());
  player.setLast(2);
  QVERIFY(player.playButton()->isEnabled());
  player.slider()->setValue(2);
  shown.clear();
  player.playButton()->click();
  QVERIFY(player.playButton()->isChecked());
  QTRY_VERIFY_WITH_TIMEOUT(!player.playButton()->isChecked(), 5000);
  QCOMPARE(shown, (std::vector<int>{0, 1, 2}));
  QCOMPARE(player.slider()->value(), 2);
  QVERIFY(player.playButton()->text().contains("Play"));
  player.playButton()->click();  // and again, stopped half-way
  player.stop();
  QVERIFY(!player.playButton()->isChecked());
  QCOMPARE(player.slider()->value(), 0);
}

void TestGallery::tilesPaintTheirOutcome() {
  InspectionPanel panel;
  panel.resize(1200, 700);
  panel.setFinal(knownPredictions(), {});
  panel.show();
  QVERIFY(QTest::qWaitForWindowExposed(&panel));
  QListView* gallery = panel.gallery();
  const QImage shot = gallery->viewport()->grab().toImage();
  for (int row : {0, 1, 2, 3}) {
    const QRect tile = gallery->visualRect(gallery->model()->index(row, 0));
    // The outcome band under the top edge, below a selection frame.
    QCOMPARE(shot.pixelColor(tile.center().x(), tile.top() + 5),
             outcomeColor(panel.model()->verdict(row).outcome()));
  }
}

void TestGallery::inspectingAFolderWithoutARunSaysWhy() {
  MainWindow window;
  window.setConfirmations(false);
  QTemporaryDir empty;
  window.inspectRun(empty.path());
  const auto labels = window.statusBar()->findChildren<QLabel*>();
  QTRY_VERIFY_WITH_TIMEOUT(
      std::any_of(labels.begin(), labels.end(),
                  [](QLabel* l) {
                    return l->text().contains("holds no finished run (student.ckpt is missing)");
                  }),
      30000);
  QCOMPARE(window.inspection()->snapshots(), 0);
  QVERIFY(QDir(empty.path()).isEmpty());  // nothing written there
}

QTEST_MAIN(TestGallery)
#include "tst_gallery.moc"
