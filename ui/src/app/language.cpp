#include "app/language.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QRegularExpression>
#include <QSettings>
#include <QTranslator>

namespace kd::ui {
namespace {

constexpr const char* kSetting = "language";

// Fashion-MNIST's class names as the engine spells them, for lupdate.
[[maybe_unused]] const char* const kFashionMnistClasses[] = {
    QT_TRANSLATE_NOOP("kd::ui::ClassNames", "T-shirt/top"),
    QT_TRANSLATE_NOOP("kd::ui::ClassNames", "Trouser"),
    QT_TRANSLATE_NOOP("kd::ui::ClassNames", "Pullover"),
    QT_TRANSLATE_NOOP("kd::ui::ClassNames", "Dress"),
    QT_TRANSLATE_NOOP("kd::ui::ClassNames", "Coat"),
    QT_TRANSLATE_NOOP("kd::ui::ClassNames", "Sandal"),
    QT_TRANSLATE_NOOP("kd::ui::ClassNames", "Shirt"),
    QT_TRANSLATE_NOOP("kd::ui::ClassNames", "Sneaker"),
    QT_TRANSLATE_NOOP("kd::ui::ClassNames", "Bag"),
    QT_TRANSLATE_NOOP("kd::ui::ClassNames", "Ankle boot"),
};

// The engine catalogue's labels (engine/src/catalogue.cpp), for lupdate.
[[maybe_unused]] const char* const kCatalogueLabels[] = {
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "SGD (momentum)"),
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "Adam"),
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "AdamW"),
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "Constant"),
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "Step decay"),
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "Cosine"),
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "float32"),
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "bfloat16 (mixed)"),
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "Auto"),
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "Fashion-MNIST (built-in)"),
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "MNIST (IDX folder)"),
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "CIFAR-10 (binary folder)"),
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "CIFAR-100 (binary folder)"),
    QT_TRANSLATE_NOOP("kd::ui::Catalogue", "Image folder (a sub-folder per class)"),
};

}  // namespace

std::vector<Language> languages() {
  return {{"en", QStringLiteral("English")}, {"zh_CN", QStringLiteral("\u7b80\u4f53\u4e2d\u6587")}};
}

QString chosenLanguage() { return QSettings().value(kSetting).toString(); }

void chooseLanguage(const QString& code) {
  QSettings settings;
  if (code.isEmpty())
    settings.remove(kSetting);
  else
    settings.setValue(kSetting, code);
}

QString effectiveLanguage() {
  const QString chosen = chosenLanguage();
  if (!chosen.isEmpty()) return chosen;
  return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN")
                                                          : QStringLiteral("en");
}

bool installTranslations(QCoreApplication& app, const QString& code) {
  const QString language = code.isEmpty() ? effectiveLanguage() : code;
  if (language == "en") return true;
  auto* own = new QTranslator(&app);
  if (!own->load(":/i18n/kdworkbench_" + language + ".qm")) {
    delete own;
    return false;
  }
  QCoreApplication::installTranslator(own);
  // Qt's own strings (the buttons of message boxes and file dialogs), where Debian has them.
  auto* qt = new QTranslator(&app);
  if (qt->load("qtbase_" + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QCoreApplication::installTranslator(qt);
  else
    delete qt;
  return true;
}

void buildLanguageMenu(QMenu* menu, std::function<void()> offerRestart) {
  auto* group = new QActionGroup(menu);
  std::vector<Language> choices{
      {QString(), QCoreApplication::translate("kd::ui::MainWindow", "Follow the system")}};
  for (const Language& l : languages()) choices.push_back(l);
  for (const Language& l : choices) {
    QAction* action = menu->addAction(l.name);
    action->setCheckable(true);
    action->setChecked(l.code == chosenLanguage());
    action->setData(l.code);
    group->addAction(action);
  }
  QObject::connect(group, &QActionGroup::triggered, menu, [offerRestart](QAction* action) {
    const QString before = effectiveLanguage();
    chooseLanguage(action->data().toString());
    if (effectiveLanguage() != before) offerRestart();
  });
}

QString withoutMnemonic(QString text) {
  static const QRegularExpression trailing("\\(&[^)]\\)");
  return text.remove(trailing).remove('&');
}

QString catalogueLabel(const char* label) {
  return QCoreApplication::translate("kd::ui::Catalogue", label);
}

QString displayClassName(const std::string& name) {
  return QCoreApplication::translate("kd::ui::ClassNames", name.c_str());
}

}  // namespace kd::ui
