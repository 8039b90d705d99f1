// The window in Chinese: with the zh_CN translation installed, every text the window shows
// (menus and their actions, tabs, docks, labels, buttons, group boxes, combo boxes, tooltips,
// placeholders) is Chinese, apart from names that stay as they are in both languages
// (architectures, file names, formats, keys); the built-in dataset's class names are translated
// for display; View > Language saves the choice and the system locale decides without one.
#include <QAbstractButton>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QTabWidget>
#include <QTextDocument>
#include <QTranslator>
#include <QtTest>
#include <functional>
#include <vector>

#include "app/engine_text.h"
#include "app/language.h"
#include "app/main_window.h"
#include "demo/demo_guide.h"
#include "demo/demonstration.h"
#include "experiment/arch_editor.h"
#include "experiment/experiment_panel.h"
#include "kd/arch_spec.h"
#include "kd/catalogue.h"
#include "kd/experiment.h"
#include "kd/inspection.h"
#include "kd/methods.h"
#include "sweep/sweep_dialog.h"
#include "training/distributed_job_dialog.h"
#include "training/training_controller.h"

namespace {

// Words that are the same in both languages: names, formats, symbols and keys.
const QStringList kNames{"KD",       "Grad-CAM",    "Fashion-MNIST", "MNIST",   "CIFAR",
                         "PyTorch",  "TorchScript", "state_dict",    "CSV",     "PNG",
                         "PDF",      "JSON",        "SGD",           "Adam",    "AdamW",
                         "alpha",    "Alpha",       "Dropout",       "softmax", "logits",
                         "README",   "CUDA",        "CPU",           "GPU",     "NCCL",
                         "Gloo",     "torchrun",    "LibTorch",      "Ctrl",    "Alt",
                         "Shift",    "Page",        "Down",          "Up",      "Left",
                         "Right",    "Enter",       "English",       "Student", "kdtrain",
                         "resnet20", "IDX",         "cpu",           "json",    "csv",
                         "ckpt",     "pth",         "png",           "pdf",     "sh",
                         "pt",       "py",          "auto",          "cuda",    "float32",
                         "bfloat16"};  // devices and number types: values in files

QString plain(const QString& text) {
  if (!Qt::mightBeRichText(text)) return text;
  QTextDocument doc;
  doc.setHtml(text);
  return doc.toPlainText();
}

// True when `text` still reads as English: it has no Chinese character and an English word
// (three letters or more) that is not one of the names above.
bool chinese(const QString& text) {
  return text.contains(QRegularExpression("[\\x{4e00}-\\x{9fff}]"));
}

bool untranslated(const QString& text, const QStringList& names) {
  const QString t = plain(text);
  if (chinese(t)) return false;
  static const QRegularExpression word("[A-Za-z][A-Za-z0-9'_-]{2,}");
  for (auto it = word.globalMatch(t); it.hasNext();)
    if (!names.contains(it.next().captured())) return true;
  return false;
}

void collect(QMenu* menu, QStringList* texts) {
  for (QAction* a : menu->actions()) {
    *texts << a->text() << a->toolTip();
    if (a->menu()) collect(a->menu(), texts);
  }
}

// Every text `root` and its children show.
QStringList textsOf(QWidget* root) {
  QStringList texts{root->windowTitle()};
  for (QWidget* w : root->findChildren<QWidget*>()) {
    texts << w->toolTip();
    if (auto* l = qobject_cast<QLabel*>(w)) texts << l->text();
    if (auto* b = qobject_cast<QAbstractButton*>(w)) texts << b->text();
    if (auto* g = qobject_cast<QGroupBox*>(w)) texts << g->title();
    if (auto* d = qobject_cast<QDockWidget*>(w)) texts << d->windowTitle();
    if (auto* e = qobject_cast<QLineEdit*>(w)) texts << e->placeholderText();
    if (auto* c = qobject_cast<QComboBox*>(w))
      for (int i = 0; i < c->count(); ++i) texts << c->itemText(i);
    if (auto* t = qobject_cast<QTabWidget*>(w))
      for (int i = 0; i < t->count(); ++i) texts << t->tabText(i);
  }
  return texts;
}

}  // namespace

class TestLanguage : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void init() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
  }
  void everyTextOfTheWindowIsChinese();
  void classNamesAreTranslatedForDisplayOnly();
  void theChoiceIsSavedAndTheSystemDecidesWithoutOne();
  void engineMessagesOfRealRunsAreTranslated();
  void engineErrorsOfBadInputAreTranslated();
};

void TestLanguage::everyTextOfTheWindowIsChinese() {
  QVERIFY(kd::ui::installTranslations(*qApp, "zh_CN"));
  kd::ui::MainWindow window;
  window.setConfirmations(false);
  window.show();
  QStringList names = kNames;
  for (const auto& preset : kd::presetNames()) names << QString::fromStdString(preset);
  names << "custom";  // the preset list's entry for an edited architecture, as saved in files
  for (const auto& method : kd::distillationMethods()) names << QString::fromStdString(method.name);
  names << "DIST"
        << "FitNets";  // methods' own names (Huang et al.; Romero et al.)

  QStringList texts = textsOf(&window);
  for (QAction* a : window.menuBar()->actions()) {
    texts << a->text();
    if (a->menu()) collect(a->menu(), &texts);
  }
  // The dialogs the window opens: the sweep, the distributed job, the layer editor.
  kd::ui::SweepDialog sweep(window.panel()->config(), 0);
  kd::ui::DistributedJobDialog job(window.panel()->config());
  kd::ui::ArchEditor layers;
  texts << textsOf(&sweep) << textsOf(&job) << textsOf(&layers);
  QStringList english;
  for (const QString& t : texts)
    if (untranslated(t, names) && !english.contains(t)) english << t;
  QVERIFY2(english.isEmpty(), qPrintable("still in English:\n" + english.join("\n")));
  QVERIFY(texts.size() > 200);  // the walk saw the whole window
}

void TestLanguage::classNamesAreTranslatedForDisplayOnly() {
  QVERIFY(kd::ui::installTranslations(*qApp, "zh_CN"));
  QCOMPARE(kd::ui::displayClassName("Ankle boot"), QString::fromUtf8("短靴"));
  QCOMPARE(kd::ui::displayClassName("T-shirt/top"), QString::fromUtf8("T恤/上衣"));
  QCOMPARE(kd::ui::displayClassName("not a Fashion-MNIST class"),
           QString("not a Fashion-MNIST class"));
  QCOMPARE(kd::ui::catalogueLabel("Cosine"), QString::fromUtf8("余弦"));
  // The demonstration's title over its captions: the menu entry without its mnemonic.
  kd::ui::DemoGuide guide;
  guide.start(kd::ui::demonstrations().front(), [](const kd::ui::DemoStep&) {});
  QVERIFY2(guide.title()->text().startsWith(QString::fromUtf8("<b>暗知识：温度滑块</b>")),
           qPrintable(guide.title()->text()));
  QCOMPARE(kd::ui::withoutMnemonic("&Next \u25b6"), QString("Next \u25b6"));
}

void TestLanguage::theChoiceIsSavedAndTheSystemDecidesWithoutOne() {
  // CTest runs this suite with LC_ALL=zh_CN.UTF-8: without a choice, the system's language.
  QCOMPARE(kd::ui::chosenLanguage(), QString());
  QCOMPARE(kd::ui::effectiveLanguage(), QString("zh_CN"));
  kd::ui::chooseLanguage("zh_CN");
  QCOMPARE(kd::ui::effectiveLanguage(), QString("zh_CN"));
  kd::ui::chooseLanguage("en");
  QCOMPARE(kd::ui::effectiveLanguage(), QString("en"));
  kd::ui::chooseLanguage({});
  QCOMPARE(QSettings().contains("language"), false);
  QCOMPARE(kd::ui::effectiveLanguage(), QString("zh_CN"));
  QVERIFY(!kd::ui::installTranslations(*qApp, "xx"));  // no such translation: a clear false

  // The View menu: the system, English, Chinese; choosing one saves it.
  kd::ui::MainWindow window;
  window.setConfirmations(false);
  QMenu* language = nullptr;
  for (QMenu* m : window.findChildren<QMenu*>())
    if (m->actions().size() == 3 && m->actions().at(2)->text() == QString::fromUtf8("简体中文"))
      language = m;
  QVERIFY(language);
  QVERIFY(language->actions().at(0)->isChecked());  // follow the system
  language->actions().at(2)->trigger();
  QCOMPARE(kd::ui::chosenLanguage(), QString("zh_CN"));
  QVERIFY(language->actions().at(2)->isChecked());
}

// Every pattern in `text`, and in the phrases it holds, is in the window's Chinese catalogue
// (QTranslator::translate answers an empty string for a pattern it lacks).
bool translatedThroughout(const QTranslator& catalogue, const kd::Text& text) {
  if (text.isValue()) return true;
  if (catalogue.translate("kd::EngineText", text.pattern()).isEmpty()) return false;
  for (const kd::Text& v : text.values())
    if (!translatedThroughout(catalogue, v)) return false;
  return true;
}

// What the engine says during a real run, and the errors of a diverging run and of a run folder
// that cannot be made, reach the window in Chinese.
void TestLanguage::engineMessagesOfRealRunsAreTranslated() {
  QVERIFY(kd::ui::installTranslations(*qApp, "zh_CN"));
  QTemporaryDir tmp;
  kd::ExperimentConfig c = kd::defaultExperiment();
  c.data.limitTrain = 256;
  c.teacher.file.clear();  // trained here: the teacher's progress lines too
  c.teacher.arch = kd::preset("hinton-mlp-student");
  c.teacher.training.epochs = 1;
  c.training.epochs = 1;
  c.device = "cpu";
  kd::ui::TrainingController controller;
  QStringList messages, errors;
  connect(&controller, &kd::ui::TrainingController::message,
          [&](const QString& m) { messages << m; });
  connect(&controller, &kd::ui::TrainingController::failed, [&](const QString& e) { errors << e; });
  auto run = [&](const kd::ExperimentConfig& config, const QString& folder) {
    controller.start(config, folder);
    QTRY_VERIFY_WITH_TIMEOUT(!controller.busy(), 120000);
  };

  run(c, tmp.filePath("run"));
  QVERIFY2(errors.isEmpty(), qPrintable(errors.join("\n")));
  QVERIFY(messages.size() >= 5);  // teacher trained, teacher, its accuracy, caching, distilling
  for (const QString& m : messages) QVERIFY2(chinese(m), qPrintable(m));
  // Values that are words are translated too: the teacher's kind.
  QVERIFY2(messages.contains(QString::fromUtf8("教师：hinton-mlp-student（在此训练）")),
           qPrintable(messages.join("\n")));

  c.training.learningRate = 1e30;  // weights overflow after a step or two
  c.training.schedule = kd::Schedule::kNone;
  run(c, tmp.filePath("diverging"));
  QFile file(tmp.filePath("a-file"));
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.close();
  run(kd::defaultExperiment(), tmp.filePath("a-file/run"));
  QCOMPARE(errors.size(), 2);
  for (const QString& e : errors) QVERIFY2(chinese(e), qPrintable(e));
}

// Hostile and missing input: the engine's errors, with the phrases inside them, are Chinese in
// the window (and English for kdtrain: what()).
void TestLanguage::engineErrorsOfBadInputAreTranslated() {
  QVERIFY(kd::ui::installTranslations(*qApp, "zh_CN"));
  QTemporaryDir tmp;
  std::vector<kd::Text> caught;
  auto expectError = [&](const std::function<void()>& call) {
    try {
      call();
      QFAIL("bad input was accepted");
    } catch (const kd::Error& e) {
      caught.push_back(e.text());
    }
  };
  expectError([] { kd::loadExperiment("/nonexistent/experiment.json"); });
  expectError([] { kd::experimentFromJson("{"); });
  expectError([] { kd::experimentFromJson(R"({"student": {"training": {"epochs": 0}}})"); });
  expectError([] { kd::experimentFromJson(R"({"sed": 3})"); });
  expectError([] { kd::experimentFromJson(R"({"student": {"arch": "vgg99"}})"); });
  expectError([&] { kd::RunInspector inspector(tmp.path().toStdString()); });
  expectError([] { kd::summarize(kd::preset("seed-student"), {1, 2, 2}, 10); });
  QTranslator catalogue;
  QVERIFY(catalogue.load(":/i18n/kdworkbench_zh_CN.qm"));
  for (const kd::Text& t : caught)
    QVERIFY2(translatedThroughout(catalogue, t), t.english().c_str());
  QCOMPARE(kd::ui::engineText(caught[0]),
           QString::fromUtf8("无法打开实验文件 /nonexistent/experiment.json"));

  // Through a run on the worker thread: a truncated teacher file, a dataset folder without files.
  kd::ui::TrainingController controller;
  QStringList errors;
  connect(&controller, &kd::ui::TrainingController::failed, [&](const QString& e) { errors << e; });
  QFile teacher(tmp.filePath("teacher.pt"));
  QVERIFY(teacher.open(QIODevice::WriteOnly));
  teacher.write("PK\x03\x04 a torch.save file cut short");
  teacher.close();
  kd::ExperimentConfig c = kd::defaultExperiment();
  c.teacher.file = teacher.fileName().toStdString();
  c.device = "cpu";
  controller.start(c, tmp.filePath("run-1"));
  QTRY_VERIFY_WITH_TIMEOUT(!controller.busy(), 120000);
  c.data.source = "mnist:" + tmp.path().toStdString();
  controller.start(c, tmp.filePath("run-2"));
  QTRY_VERIFY_WITH_TIMEOUT(!controller.busy(), 120000);
  QCOMPARE(errors.size(), 2);
  QVERIFY2(errors[0].contains(QString::fromUtf8("不是可读取的 PyTorch zip 压缩包")) &&
               errors[0].contains(QString::fromUtf8("没有压缩包结束记录")),
           qPrintable(errors[0]));
  QVERIFY2(errors[1].startsWith(QString::fromUtf8("缺少数据集文件 ")), qPrintable(errors[1]));
}

QTEST_MAIN(TestLanguage)
#include "tst_language.moc"
