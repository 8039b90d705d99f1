#include "app/window_docks.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QScrollArea>

#include "experiment/experiment_panel.h"

namespace kd::ui {
namespace {

QDockWidget* dock(QMainWindow* window, const char* title, const char* name, QWidget* content,
                  Qt::DockWidgetArea area) {
  auto* d = new QDockWidget(QCoreApplication::translate("kd::ui::MainWindow", title), window);
  d->setObjectName(name);
  d->setWidget(content);
  window->addDockWidget(area, d);
  return d;
}

}  // namespace

WindowDocks addWindowDocks(QMainWindow* window, ExperimentPanel* panel, QWidget* log,
                           QWidget* runs) {
  auto* scroll = new QScrollArea;
  scroll->setWidget(panel);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(std::max(panel->sizeHint().width() + 24, 440));
  WindowDocks docks{dock(window, QT_TRANSLATE_NOOP("kd::ui::MainWindow", "Experiment"),
                         "experimentDock", scroll, Qt::LeftDockWidgetArea),
                    dock(window, QT_TRANSLATE_NOOP("kd::ui::MainWindow", "Log"), "logDock", log,
                         Qt::BottomDockWidgetArea),
                    dock(window, QT_TRANSLATE_NOOP("kd::ui::MainWindow", "Runs"), "runsDock", runs,
                         Qt::BottomDockWidgetArea)};
  window->tabifyDockWidget(docks.log, docks.runs);
  docks.log->raise();
  window->resizeDocks({docks.log}, {140}, Qt::Vertical);
  return docks;
}

}  // namespace kd::ui
