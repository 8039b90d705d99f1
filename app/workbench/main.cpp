// kdworkbench: the KD Workbench window. `kdworkbench [EXPERIMENT.json | RUN_DIR | SWEEP_DIR]`
// opens an experiment, inspects a finished run or shows a sweep; --help, --version.
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <cstdio>

#include "app/language.h"
#include "app/startup_request.h"
#include "app/main_window.h"

namespace {

// Names the application (QSettings reads the saved language with them) and translates it.
void describe(QCoreApplication& app) {
  QCoreApplication::setOrganizationName("KD Workbench");
  QCoreApplication::setApplicationName("kdworkbench");
  QCoreApplication::setApplicationVersion(KD_VERSION);
  kd::ui::installTranslations(app);
}

// The command line, read before any window exists (so --help works without a display).
// Returns the exit code to stop with, or -1 to open the window with *request.
int readCommandLine(int argc, char** argv, kd::ui::StartupRequest* request) {
  QCoreApplication app(argc, argv);
  describe(app);
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QCoreApplication::translate("kdworkbench",
                                  "KD Workbench: distil a teacher network into a smaller student "
                                  "and see, image by image, what it learned."));
  parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);  // -platform X
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(
      "path",
      QCoreApplication::translate("kdworkbench",
                                  "an experiment file (.json) to open, a finished run folder to "
                                  "inspect, or a sweep folder to show"),
      "[EXPERIMENT.json | RUN_DIR | SWEEP_DIR]");
  // Qt's own options (-platform offscreen, -style Fusion, ...) are QApplication's, later.
  for (const char* name :
       {"platform", "platformpluginpath", "platformtheme", "plugin", "qwindowgeometry",
        "qwindowicon", "qwindowtitle", "session", "display", "geometry", "style", "stylesheet"}) {
    QCommandLineOption qtOption(name, "", "value");
    qtOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(qtOption);
  }
  for (const char* name : {"reverse", "widgetcount"}) {
    QCommandLineOption qtFlag(name);
    qtFlag.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(qtFlag);
  }
  parser.process(app);  // --help, --version and unknown options print and exit here
  const QStringList paths = parser.positionalArguments();
  QString error = paths.size() > 1 ? QCoreApplication::translate(
                                         "kdworkbench", "give one path at most (see --help)")
                                   : QString();
  if (error.isEmpty() && kd::ui::startupRequestFor(paths.value(0), request, &error)) return -1;
  std::fprintf(stderr, "kdworkbench: %s\n",
               qPrintable(QCoreApplication::translate("kdworkbench", "error: %1").arg(error)));
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  kd::ui::StartupRequest request;
  if (const int code = readCommandLine(argc, argv, &request); code >= 0) return code;
  QApplication app(argc, argv);
  describe(app);
  QApplication::setDesktopFileName("kdworkbench");
  QApplication::setWindowIcon(QIcon(":/icons/kdworkbench.svg"));  // needs Qt's SVG plugin
  kd::ui::MainWindow window;
  window.show();
  using Kind = kd::ui::StartupRequest::Kind;
  if (request.kind == Kind::kExperiment) window.openExperiment(request.path);
  if (request.kind == Kind::kRun) window.inspectFinishedRun(request.path);
  if (request.kind == Kind::kSweep) window.openSweep(request.path);
  return QApplication::exec();
}
