// The window on a projector: it opens within the screen's available area, and every tab, with a
// real finished run and sweep loaded and an image open in the Predictions tab, lays out with no
// two sibling widgets overlapping and no widget below the minimum size its layout promises.
// CTest runs this suite once per screen (offscreen, from a configfile): 1024x768, 1280x720,
// 1366x768, 1920x1080, and 2560x1440 at QT_SCALE_FACTOR 2 (1280x720 logical pixels).
// The same in presentation mode (full screen, fonts 1.6 times larger), which also restores
// fonts, docks and window state when it ends. With KD_LAYOUT_SHOTS=DIR the suite also saves
// every tab it checked as a PNG there.
#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QDir>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QProgressBar>
#include <QScreen>
#include <QScrollBar>
#include <QSplitter>
#include <QSplitterHandle>
#include <QStatusBar>
#include <QTabWidget>
#include <QtTest>

#include "app/language.h"
#include "app/main_window.h"
#include "demo/demo_guide.h"
#include "inspection/inspection_panel.h"
#include "inspection/model_card.h"
#include "inspection/prediction_model.h"
#include "sweep/sweep_view.h"

namespace {

// The smallest size a layout gives a widget (QLayout's rule: the size policy decides whether
// the minimum size hint or the size hint is the floor; an explicit minimum size wins).
QSize layoutMinimum(const QWidget* w) {
  const QSizePolicy policy = w->sizePolicy();
  const QSize hint = w->sizeHint(), minHint = w->minimumSizeHint();
  auto floor = [](QSizePolicy::Policy p, int hintSide, int minSide) {
    if (p == QSizePolicy::Ignored) return 0;
    return (p & QSizePolicy::ShrinkFlag) ? minSide : std::max(hintSide, minSide);
  };
  QSize s(floor(policy.horizontalPolicy(), hint.width(), minHint.width()),
          floor(policy.verticalPolicy(), hint.height(), minHint.height()));
  s = s.boundedTo(w->maximumSize());
  if (w->minimumWidth() > 0) s.setWidth(w->minimumWidth());
  if (w->minimumHeight() > 0) s.setHeight(w->minimumHeight());
  return s.expandedTo(QSize(0, 0));
}

QString nameOf(const QWidget* w) {
  QString name = w->metaObject()->className();
  if (!w->objectName().isEmpty()) name += "#" + w->objectName();
  if (!w->accessibleName().isEmpty()) name += " \"" + w->accessibleName() + "\"";
  if (const auto* b = qobject_cast<const QAbstractButton*>(w)) name += " \"" + b->text() + "\"";
  if (const auto* l = qobject_cast<const QLabel*>(w)) name += " \"" + l->text().left(30) + "\"";
  return name;
}

// Problems in w's subtree: visible siblings that overlap, layout-managed widgets smaller than
// their layout's minimum, and a pane beside another in a splitter that has to scroll sideways.
// Otherwise scroll areas' contents may be larger than their viewport.
void collectProblems(const QWidget* w, QStringList* problems) {
  QList<const QWidget*> shown;
  for (const QObject* o : w->children()) {
    const auto* c = qobject_cast<const QWidget*>(o);
    if (c && c->isVisible() && !c->isWindow()) shown.push_back(c);
  }
  for (int i = 0; i < shown.size(); ++i)
    for (int j = i + 1; j < shown.size(); ++j) {
      const QRect overlap = shown[i]->geometry() & shown[j]->geometry();
      if (overlap.width() > 0 && overlap.height() > 0)
        problems->push_back(QString("in %1: %2 overlaps %3 by %4x%5")
                                .arg(nameOf(w), nameOf(shown[i]), nameOf(shown[j]))
                                .arg(overlap.width())
                                .arg(overlap.height()));
    }
  const auto* splitter = qobject_cast<const QSplitter*>(w);
  for (const QWidget* c : shown) {
    const auto* pane = qobject_cast<const QAbstractScrollArea*>(c);
    if (splitter && splitter->orientation() == Qt::Horizontal && pane &&
        pane->horizontalScrollBar()->isVisible())
      problems->push_back(QString("in %1: %2 scrolls sideways (%3 px wide)")
                              .arg(nameOf(w), nameOf(c))
                              .arg(c->width()));
    const QSize floor = layoutMinimum(c);
    // Qt's dock title buttons are drawn at the style's small icon size, below their hint.
    const bool styleSized = c->inherits("QDockWidgetTitleButton");
    if (w->layout() && !styleSized && (c->width() < floor.width() || c->height() < floor.height()))
      problems->push_back(QString("in %1: %2 is %3x%4, below its minimum %5x%6")
                              .arg(nameOf(w), nameOf(c))
                              .arg(c->width())
                              .arg(c->height())
                              .arg(floor.width())
                              .arg(floor.height()));
    collectProblems(c, problems);
  }
}

// The problems once the layouts have settled: a font change re-lays the window out over a few
// event-loop turns (up to 2 s here); what remains after that is a real overlap.
QStringList settledProblems(const QWidget* window) {
  QStringList problems;
  for (int turn = 0; turn < 40; ++turn) {
    QTest::qWait(50);
    problems.clear();
    collectProblems(window, &problems);
    if (problems.isEmpty()) break;
  }
  return problems;
}

}  // namespace

class TestLayout : public QObject {
  Q_OBJECT

 private:
  QString fixture_;  // a finished tiny sweep (kdtrain), shared by every screen's run
  std::unique_ptr<kd::ui::MainWindow> window_;
  void makeFixture();
  void saveShot(const QString& kind) const;

 private Q_SLOTS:
  void initTestCase();
  void windowOpensWithinTheScreen();
  void everyTabFits_data();
  void everyTabFits();
  void presentationModeFits_data() { everyTabFits_data(); }
  void presentationModeFits();
  void presentationModeScalesAndRestores();
  void demonstrationCaptionsFit_data();
  void demonstrationCaptionsFit();
  void demonstrationFoldsTheLogWhilePresentationComesAndGoes();
  void aLongStatusMessageKeepsTheWindowAndProgressBar();
};

// Built once in the build folder, in place (its checkpoints name their teacher by absolute
// path); an interrupted build is resumed. CTest runs the screens one at a time (RESOURCE_LOCK).
void TestLayout::makeFixture() {
  // The name changes with the sweep below, so an older fixture is never taken for it.
  fixture_ = QDir(LAYOUT_FIXTURE_DIR).absoluteFilePath("builtin-teacher-sweep");
  const QString sweepFile = fixture_ + ".json";
  QFile results(fixture_ + "/results.json");
  if (results.open(QIODevice::ReadOnly) && results.readAll().contains("\"complete\": true")) return;
  QFile sweep(sweepFile);
  QVERIFY(QDir().mkpath(LAYOUT_FIXTURE_DIR) && sweep.open(QIODevice::WriteOnly));
  // The built-in experiment, shorter: what the screenshots in docs/ show.
  sweep.write(R"({"experiment": {"student": {"training": {"epochs": 5}},
                                  "device": "cpu", "threads": 2},
                  "grid": {"alpha": [0.5, 0.9]}, "seeds": [1, 2], "baseline": true})");
  sweep.close();
  QStringList args{"--sweep", sweepFile, "--out", fixture_};
  if (QFileInfo::exists(fixture_)) args << "--resume";
  QProcess p;
  p.start(KDTRAIN_PATH, args);
  QVERIFY(p.waitForFinished(600000));
  QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
}

void TestLayout::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QSettings().clear();  // no saved geometry from an earlier run
  // KD_TEST_LANGUAGE=zh_CN: the same checks on the Chinese window.
  QVERIFY(kd::ui::installTranslations(*qApp, qEnvironmentVariable("KD_TEST_LANGUAGE", "en")));
  makeFixture();
  window_ = std::make_unique<kd::ui::MainWindow>();
  window_->setConfirmations(false);
  window_->show();
  QVERIFY(window_->openSweep(fixture_));
  const QString point =
      QDir(fixture_ + "/runs").entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name).value(0);
  window_->inspectFinishedRun(fixture_ + "/runs/" + point + "/seed-1");
  QTRY_VERIFY_WITH_TIMEOUT(window_->inspection()->model()->total() == 10000, 120000);
  QListView* gallery = window_->inspection()->gallery();
  gallery->setCurrentIndex(gallery->model()->index(0, 0));  // the detail view with its plots
}

// With KD_LAYOUT_SHOTS=DIR: the window as DIR/KIND-WxH-TAB.png (the screen's size).
void TestLayout::saveShot(const QString& kind) const {
  const QString shots = qEnvironmentVariable("KD_LAYOUT_SHOTS");
  if (shots.isEmpty()) return;
  const QSize screen = window_->screen()->geometry().size();
  const QString language = qEnvironmentVariable("KD_TEST_LANGUAGE", "en");
  window_->grab().save(QString("%1/%2%3-%4x%5-%6.png")
                           .arg(shots, language == "en" ? QString() : language + "-", kind)
                           .arg(screen.width())
                           .arg(screen.height())
                           .arg(QString(QTest::currentDataTag()).toLower().replace(' ', '-')));
}

void TestLayout::windowOpensWithinTheScreen() {
  const QRect available = window_->screen()->availableGeometry();
  qInfo("screen %dx%d available, window %dx%d (minimum %dx%d)", available.width(),
        available.height(), window_->frameGeometry().width(), window_->frameGeometry().height(),
        window_->minimumSizeHint().width(), window_->minimumSizeHint().height());
  QVERIFY(available.contains(window_->frameGeometry()));
}

void TestLayout::everyTabFits_data() {
  QTest::addColumn<int>("tab");
  kd::ui::MainWindow probe;
  for (int i = 0; i < probe.tabs()->count(); ++i)
    QTest::newRow(qPrintable(probe.tabs()->widget(i)->objectName())) << i;
}

void TestLayout::everyTabFits() {
  QFETCH(int, tab);
  window_->presentationAction()->setChecked(false);
  const QRect available = window_->screen()->availableGeometry();
  window_->resize(available.size() - (window_->frameGeometry().size() - window_->size()));
  window_->tabs()->setCurrentIndex(tab);
  const QStringList problems = settledProblems(window_.get());
  QVERIFY2(available.contains(window_->frameGeometry()),
           qPrintable(QString("the window is %1x%2").arg(window_->width()).arg(window_->height())));
  saveShot("layout");
  QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
}

// Full screen with fonts 1.6 times larger: every tab still lays out.
void TestLayout::presentationModeFits() {
  QFETCH(int, tab);
  window_->presentationAction()->setChecked(true);
  window_->tabs()->setCurrentIndex(tab);
  const QStringList problems = settledProblems(window_.get());
  saveShot("presentation");
  QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
}

void TestLayout::presentationModeScalesAndRestores() {
  window_->presentationAction()->setChecked(false);
  QCoreApplication::processEvents();
  const double normal = QApplication::font().pointSizeF();
  auto* dock = window_->findChild<QDockWidget*>("experimentDock");
  QVERIFY(dock->isVisible());
  window_->presentationAction()->setChecked(true);
  QCoreApplication::processEvents();
  QVERIFY(QApplication::font().pointSizeF() >= 1.5 * normal);
  QVERIFY(window_->isFullScreen());
  QVERIFY(!dock->isVisible());
  QVERIFY(window_->presentationLine()->isVisible());
  QVERIFY(window_->presentationLine()->font().pointSizeF() > QApplication::font().pointSizeF());
  window_->presentationAction()->setChecked(false);
  QCoreApplication::processEvents();
  QCOMPARE(QApplication::font().pointSizeF(), normal);
  QVERIFY(!window_->isFullScreen());
  QVERIFY(dock->isVisible());
  QVERIFY(!window_->presentationLine()->isVisible());
}

void TestLayout::demonstrationCaptionsFit_data() {
  QTest::addColumn<int>("demo");
  for (size_t d = 0; d < kd::ui::demonstrations().size(); ++d)
    QTest::addRow("demo %zu", d + 1) << int(d);
}

// The caption bar of each demonstration (its steps differ only in the wrapped caption's
// height), shown above the tabs, keeps the window within the screen and every tab laid out. It
// once widened the window to 1163 px on a 1024x768 screen (a long title), and pushed it to 750
// px high on a 1280x720 one (the log and runs docks stayed open below it).
void TestLayout::demonstrationCaptionsFit() {
  QFETCH(int, demo);
  window_->presentationAction()->setChecked(false);
  kd::ui::DemoGuide* guide = window_->demoGuide();
  const QRect available = window_->screen()->availableGeometry();
  window_->resize(available.size() - (window_->frameGeometry().size() - window_->size()));
  settledProblems(window_.get());
  guide->start(kd::ui::demonstrations()[size_t(demo)], [](const kd::ui::DemoStep&) {});
  QStringList problems;
  for (int tab = 0; tab < window_->tabs()->count(); ++tab) {
    window_->tabs()->setCurrentIndex(tab);
    problems += settledProblems(window_.get());
    if (tab == 0) saveShot("demo");  // the Curves tab, where a demonstration starts
  }
  const QRect frame = window_->frameGeometry();
  guide->end();
  QVERIFY2(available.contains(frame),
           qPrintable(QString("the window is %1x%2").arg(frame.width()).arg(frame.height())));
  QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
}

// The caption bar takes the log's place; the log comes back when the demonstration ends, not
// when presentation mode (which folds it too) ends first, and the View menu shows it at will.
void TestLayout::demonstrationFoldsTheLogWhilePresentationComesAndGoes() {
  window_->presentationAction()->setChecked(false);
  auto* log = window_->findChild<QDockWidget*>("logDock");
  auto* experiment = window_->findChild<QDockWidget*>("experimentDock");
  QVERIFY(!log->isHidden() && !experiment->isHidden());
  kd::ui::DemoGuide* guide = window_->demoGuide();
  guide->start(kd::ui::demonstrations()[0], [](const kd::ui::DemoStep&) {});
  QVERIFY(log->isHidden());
  QVERIFY(!experiment->isHidden());
  window_->presentationAction()->setChecked(true);
  QVERIFY(log->isHidden() && experiment->isHidden());
  window_->presentationAction()->setChecked(false);
  QVERIFY(log->isHidden());
  QVERIFY(!experiment->isHidden());
  guide->end();
  QVERIFY(!log->isHidden());
  // The View menu shows a folded panel again, as the presenter wants it.
  guide->start(kd::ui::demonstrations()[0], [](const kd::ui::DemoStep&) {});
  QAction* showLog = log->toggleViewAction();
  bool inAMenu = false;
  for (QAction* menu : window_->menuBar()->actions())
    inAMenu |= menu->menu() && menu->menu()->actions().contains(showLog);
  QVERIFY(inAMenu);
  QVERIFY(!showLog->isChecked());
  showLog->trigger();
  QVERIFY(!log->isHidden());
  guide->end();
  QVERIFY(!log->isHidden());
}

// A status message as long as an error with a long path, normal and in presentation mode: the
// window stays within the screen and the progress bar keeps the room its text needs ("student
// 100%" was squeezed to two clipped lines at 1024x768 in presentation mode).
void TestLayout::aLongStatusMessageKeepsTheWindowAndProgressBar() {
  const QString before = window_->statusLine()->text();
  auto* progress = window_->statusBar()->findChild<QProgressBar*>();
  QVERIFY(progress);
  const int value = progress->value(), maximum = progress->maximum();
  const QString format = progress->format();
  progress->setRange(0, 100);
  progress->setValue(100);
  progress->setFormat("student %p%");
  window_->statusLine()->setText(
      "Training failed: " + QString("/a/very/long/folder/name").repeated(12) + "/teacher.pt");
  for (bool presentation : {false, true}) {
    window_->presentationAction()->setChecked(presentation);
    const QRect available = window_->screen()->availableGeometry();
    if (!presentation)
      window_->resize(available.size() - (window_->frameGeometry().size() - window_->size()));
    settledProblems(window_.get());
    const QRect frame = window_->frameGeometry();
    QVERIFY2(available.contains(frame),
             qPrintable(QString("the window is %1x%2").arg(frame.width()).arg(frame.height())));
    const int text = progress->fontMetrics().horizontalAdvance(progress->text());
    QVERIFY2(progress->width() > text,
             qPrintable(QString("the progress bar is %1 px for %2 px of text")
                            .arg(progress->width())
                            .arg(text)));
  }
  window_->presentationAction()->setChecked(false);
  window_->statusLine()->setText(before);
  progress->setRange(0, maximum);
  progress->setValue(value);
  progress->setFormat(format);
}

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
