#pragma once
// The window's language: English (the source strings) or Simplified Chinese (zh_CN, from
// resources/translations). The View menu's choice is kept in QSettings ("language"); without
// one the system locale decides. The choice applies from the next start: every string is
// translated as its widget is built.
#include <QString>
#include <functional>
#include <string>
#include <vector>

class QCoreApplication;
class QMenu;

namespace kd::ui {

struct Language {
  QString code;  // "en", "zh_CN"; empty: follow the system locale
  QString name;  // in its own language, as the View menu shows it
};

// English and Chinese, in the View menu's order.
std::vector<Language> languages();

// The saved choice ("" when the system decides) and the language that choice means here.
QString chosenLanguage();
void chooseLanguage(const QString& code);
QString effectiveLanguage();

// Installs the workbench's and Qt's own translations for `code` (effectiveLanguage() when
// empty) into the application; English needs none. False when a translation is missing.
bool installTranslations(QCoreApplication& app, const QString& code = {});

// View > Language: the system's language, then languages(), the saved choice ticked. A choice
// that changes the language calls `offerRestart`, since it applies from the next start.
void buildLanguageMenu(QMenu* menu, std::function<void()> offerRestart);

// A menu text as a title: without its mnemonic, "&Next" or, as Chinese writes it, "下一步(&N)".
QString withoutMnemonic(QString text);

// A label of the engine's catalogue (optimisers, schedules, dataset kinds) for display.
QString catalogueLabel(const char* label);

// A dataset's class name for display: the built-in Fashion-MNIST classes in the window's
// language (files and exports keep the dataset's own names), other names unchanged.
QString displayClassName(const std::string& name);

}  // namespace kd::ui
