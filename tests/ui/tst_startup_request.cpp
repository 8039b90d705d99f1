// `kdworkbench PATH`: an experiment file, a finished run folder or a sweep folder is told apart
// before the window opens; a missing path, a folder that is neither, an experiment the engine
// refuses and a second path are messages on stderr with exit code 2; --help and --version
// work without a display.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "app/startup_request.h"

using Kind = kd::ui::StartupRequest::Kind;

class TestStartupRequest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  QString write(const QString& name, const QByteArray& text) const;
  static int workbench(const QStringList& args, QByteArray* out, QByteArray* err);

 private Q_SLOTS:
  void initTestCase() { QVERIFY(tmp_.isValid()); }
  void pathsAreToldApart();
  void badPathsAreRefused_data();
  void badPathsAreRefused();
  void helpAndVersionNeedNoDisplay();
  void theBinaryRefusesBadPaths();
};

QString TestStartupRequest::write(const QString& name, const QByteArray& text) const {
  const QString path = tmp_.filePath(name);
  QDir().mkpath(QFileInfo(path).path());
  QFile f(path);
  if (f.open(QIODevice::WriteOnly)) f.write(text);
  return path;
}

int TestStartupRequest::workbench(const QStringList& args, QByteArray* out, QByteArray* err) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.remove("DISPLAY");
  env.remove("QT_QPA_PLATFORM");  // no display at all: --help must not need one
  p.setProcessEnvironment(env);
  p.start(KDWORKBENCH_PATH, args);
  if (!p.waitForFinished(60000)) return -1;
  *out = p.readAllStandardOutput();
  *err = p.readAllStandardError();
  return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

void TestStartupRequest::pathsAreToldApart() {
  kd::ui::StartupRequest r;
  QString error;
  QVERIFY(kd::ui::startupRequestFor("", &r, &error));
  QCOMPARE(r.kind, Kind::kNothing);
  const QString experiment = write("exp.json", R"({"distillation": {"alpha": 0.3}})");
  QVERIFY2(kd::ui::startupRequestFor(experiment, &r, &error), qPrintable(error));
  QCOMPARE(r.kind, Kind::kExperiment);
  QCOMPARE(r.path, experiment);
  write("run/summary.json", "{}");
  QVERIFY(kd::ui::startupRequestFor(tmp_.filePath("run"), &r, &error));
  QCOMPARE(r.kind, Kind::kRun);
  write("sweep/sweep.json", "{}");
  write("sweep/summary.json", "{}");  // a repeat writes both: it is shown as a sweep
  QVERIFY(kd::ui::startupRequestFor(tmp_.filePath("sweep"), &r, &error));
  QCOMPARE(r.kind, Kind::kSweep);
  QVERIFY(QDir::isAbsolutePath(r.path));
}

void TestStartupRequest::badPathsAreRefused_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<QString>("message");
  QTest::newRow("missing") << "nothing-here"
                           << "there is no file or folder";
  QTest::newRow("plain folder") << "plain"
                                << "is neither a finished run";
  QTest::newRow("impossible experiment") << "alpha.json"
                                         << "alpha must be in [0, 1]";
  QTest::newRow("not JSON") << "notes.json"
                            << "cannot open the experiment";
}

void TestStartupRequest::badPathsAreRefused() {
  QFETCH(QString, name);
  QFETCH(QString, message);
  QDir().mkpath(tmp_.filePath("plain"));
  write("alpha.json", R"({"distillation": {"alpha": 2}})");
  write("notes.json", "shopping list");
  kd::ui::StartupRequest r;
  QString error;
  QVERIFY(!kd::ui::startupRequestFor(tmp_.filePath(name), &r, &error));
  QVERIFY2(error.contains(message), qPrintable(error));
}

void TestStartupRequest::helpAndVersionNeedNoDisplay() {
  QByteArray out, err;
  QCOMPARE(workbench({"--help"}, &out, &err), 0);
  QVERIFY2(out.contains("[EXPERIMENT.json | RUN_DIR | SWEEP_DIR]"), out.constData());
  QCOMPARE(workbench({"--version"}, &out, &err), 0);
  QVERIFY2(out.startsWith("kdworkbench "), out.constData());
}

void TestStartupRequest::theBinaryRefusesBadPaths() {
  QByteArray out, err;
  QCOMPARE(workbench({tmp_.filePath("nothing-here")}, &out, &err), 2);
  QVERIFY2(err.startsWith("kdworkbench: error: there is no file or folder"), err.constData());
  QCOMPARE(workbench({"a.json", "b.json"}, &out, &err), 2);
  QVERIFY2(err.contains("give one path at most"), err.constData());
}

QTEST_GUILESS_MAIN(TestStartupRequest)
#include "tst_startup_request.moc"
