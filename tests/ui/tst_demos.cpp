// The Demo menu's guided demonstrations, run to their end in the window as a presenter would:
// each sets up its experiment with the bundled teacher and starts it; its first caption keeps
// Next disabled until the run (and its baseline) has finished; every later step puts the window
// in the state its caption talks about (tab, filter, temperature, the plot in view); Page Down
// and Page Up step; a stopped demonstration runs again from the start; End closes the captions.
// The runs are shortened here (one epoch on 1,000 images): bench_demos times the demonstrations
// as they are.
#include <qcustomplot.h>

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSlider>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

#include "app/main_window.h"
#include "curves/curves_widget.h"
#include "demo/demo_guide.h"
#include "inspection/confusion_view.h"
#include "inspection/embedding_view.h"
#include "inspection/inspection_panel.h"
#include "inspection/model_card.h"
#include "inspection/prediction_detail.h"
#include "inspection/prediction_model.h"
#include "training/training_controller.h"

using namespace kd::ui;

namespace {

constexpr int kRunMs = 300000;  // generous: a shortened demonstration takes seconds

bool showing(MainWindow& w, QWidget* page) {
  QWidget* current = w.tabs()->currentWidget();
  return current == page || current->isAncestorOf(page);
}

double temperature(MainWindow& w) { return w.inspection()->detail()->temperature(); }

// Not cut by the scrolled detail view around it (nor hidden behind another tab).
bool wholeInView(QWidget* part) {
  return part->isVisible() && part->visibleRegion().boundingRect() == part->rect();
}

}  // namespace

class TestDemos : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<MainWindow> window_;
  // Starts demonstration `index`; true once its run has finished and Next is enabled.
  bool runDemonstration(size_t index);

 private Q_SLOTS:
  void init();
  void cleanup() { window_.reset(); }
  void darkKnowledgeStepsThroughTheTemperatures();
  void tinyStudentComparesWithItsBaseline();
  void omittedClassShowsTheHiddenClass();
  void fewLabelsComparesWithItsBaseline();
  void aStoppedDemonstrationRunsAgain();
};

void TestDemos::init() {
  QStandardPaths::setTestModeEnabled(true);
  window_ = std::make_unique<MainWindow>();
  window_->setConfirmations(false);
  window_->resize(1280, 720);
  window_->show();
  for (size_t i = 0; i < window_->demoActions().size(); ++i) {
    kd::ExperimentConfig shortened = window_->demonstrationExperiment(i);
    shortened.training.epochs = 1;
    shortened.data.limitTrain = 1000;
    window_->setDemonstrationExperiment(i, shortened);
  }
}

bool TestDemos::runDemonstration(size_t index) {
  window_->demoActions()[index]->trigger();
  DemoGuide* guide = window_->demoGuide();
  if (!guide->isVisible() || guide->step() != 0 || guide->nextButton()->isEnabled()) return false;
  return QTest::qWaitFor([&] { return guide->nextButton()->isEnabled(); }, kRunMs);
}

void TestDemos::darkKnowledgeStepsThroughTheTemperatures() {
  QVERIFY(runDemonstration(0));
  DemoGuide* guide = window_->demoGuide();
  MainWindow& w = *window_;
  guide->next();
  QCOMPARE(guide->step(), 1);
  QVERIFY(showing(w, w.inspection()));
  QCOMPARE(temperature(w), 1.0);
  QVERIFY(w.inspection()->trueClassFilter()->currentText().contains("Pullover"));
  QVERIFY(w.inspection()->gallery()->currentIndex().isValid());        // an image is open
  QTRY_VERIFY(wholeInView(w.inspection()->detail()->barPlot(false)));  // "the top plot"
  QTest::keyClick(window_.get(), Qt::Key_PageDown);                    // a presenter's remote
  QCOMPARE(guide->step(), 2);
  QCOMPARE(temperature(w), 4.0);
  QTRY_VERIFY(wholeInView(w.inspection()->detail()->barPlot(true)));  // "the lower plot"
  guide->next();
  QCOMPARE(temperature(w), 20.0);
  QVERIFY(guide->caption()->text().contains("dark knowledge"));
  guide->next();
  QVERIFY(showing(w, w.confusion()));
  QVERIFY(!guide->nextButton()->isEnabled());  // the last step
  QTest::keyClick(window_.get(), Qt::Key_PageUp);
  QCOMPARE(guide->step(), 3);
  QCOMPARE(temperature(w), 20.0);
  // F11 on this step: presentation mode's larger fonts on this small screen make the plot taller
  // than the room left for it; its bars and class names (its lower edge) stay in view.
  w.presentationAction()->setChecked(true);
  QWidget* plot = w.inspection()->detail()->barPlot(true);
  QTRY_VERIFY(plot->visibleRegion().boundingRect().bottom() == plot->rect().bottom());
  w.presentationAction()->setChecked(false);
}

void TestDemos::tinyStudentComparesWithItsBaseline() {
  QVERIFY(runDemonstration(1));
  DemoGuide* guide = window_->demoGuide();
  MainWindow& w = *window_;
  guide->next();
  QVERIFY(showing(w, w.curves()));
  guide->next();
  QVERIFY(showing(w, w.modelCard()));
  QCOMPARE(w.modelCard()->table()->rowCount(), 3);  // teacher, student, baseline
  guide->next();
  QVERIFY(showing(w, w.inspection()));
  QVERIFY(
      w.inspection()->filterButton(kd::ui::GalleryFilter::kStudentWrongTeacherRight)->isChecked());
  guide->next();  // the maps: teacher, student and baseline, computed as the tab shows
  QVERIFY(showing(w, w.embeddings()));
  QTRY_COMPARE_WITH_TIMEOUT(w.embeddings()->mapCount(), 3, 120000);
  QVERIFY(!guide->nextButton()->isEnabled());  // the last step
  guide->end();
  QVERIFY(!guide->isVisible());
}

void TestDemos::omittedClassShowsTheHiddenClass() {
  QVERIFY(runDemonstration(2));
  DemoGuide* guide = window_->demoGuide();
  MainWindow& w = *window_;
  guide->next();
  QVERIFY(showing(w, w.modelCard()));
  QVERIFY(w.modelCard()->hiddenTable()->isVisible());
  QVERIFY(w.modelCard()->hiddenTable()->rowCount() >= 1);
  guide->next();
  QVERIFY(showing(w, w.inspection()));
  QVERIFY(w.inspection()->trueClassFilter()->currentText().contains("Ankle boot"));
  QCOMPARE(w.inspection()->model()->rowCount(), 1000);  // every ankle boot of the test set
}

// At 1280x720 (the projector's size): the Model card says the labels used; its table fits
// without scroll bars and the plot's point labels neither overlap nor leave the plot (the
// student and its baseline share a size: their labels once lay on each other, and the
// teacher's was cut at the top).
void TestDemos::fewLabelsComparesWithItsBaseline() {
  QVERIFY(runDemonstration(3));
  DemoGuide* guide = window_->demoGuide();
  MainWindow& w = *window_;
  guide->next();
  QVERIFY(showing(w, w.curves()));
  guide->next();
  QVERIFY(showing(w, w.modelCard()));
  ModelCard* card = w.modelCard();
  QTRY_COMPARE(card->table()->rowCount(), 3);
  QTRY_VERIFY2(card->note()->text().contains("Labels used: 100 of the 1,000 training images"),
               qPrintable(card->note()->text()));
  QVERIFY(card->note()->text().contains("same 100 labelled images alone"));
  QTableWidget* table = card->table();
  QVERIFY(table->horizontalHeader()->length() <= table->viewport()->width());
  QVERIFY(table->verticalHeader()->length() <= table->viewport()->height());
  QCustomPlot* plot = card->plot();
  plot->replot();
  const QRect area = plot->axisRect()->rect();
  std::vector<QRectF> labels;
  for (int i = 0; i < plot->itemCount(); ++i)
    if (auto* text = qobject_cast<QCPItemText*>(plot->item(i)))
      labels.emplace_back(text->topLeft->pixelPosition(), text->bottomRight->pixelPosition());
  QCOMPARE(int(labels.size()), 3);
  for (size_t i = 0; i < labels.size(); ++i) {
    QVERIFY2(QRectF(area).contains(labels[i]), "a point's label leaves the plot");
    for (size_t j = i + 1; j < labels.size(); ++j)
      QVERIFY2(!labels[i].intersects(labels[j]), "two points' labels overlap");
  }
  guide->next();
  QVERIFY(showing(w, w.inspection()));
}

void TestDemos::aStoppedDemonstrationRunsAgain() {
  window_->demoActions()[0]->trigger();
  QVERIFY(QTest::qWaitFor([&] { return window_->controller()->busy(); }, 30000));
  window_->stopRun();
  QVERIFY(QTest::qWaitFor([&] { return !window_->controller()->busy(); }, kRunMs));
  DemoGuide* guide = window_->demoGuide();
  QVERIFY(!guide->nextButton()->isEnabled());  // the run never finished
  QPushButton* again = nullptr;
  for (QPushButton* b : guide->findChildren<QPushButton*>())
    if (b->text().contains("again")) again = b;
  QVERIFY(again);
  again->click();
  QCOMPARE(guide->step(), 0);
  QVERIFY(QTest::qWaitFor([&] { return guide->nextButton()->isEnabled(); }, kRunMs));
}

QTEST_MAIN(TestDemos)
#include "tst_demos.moc"
