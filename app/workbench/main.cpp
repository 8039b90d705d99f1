// kdworkbench: the KD Workbench window.
#include <QApplication>

#include "main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("KD Workbench");
  QApplication::setApplicationName("kdworkbench");
  kd::ui::MainWindow window;
  window.show();
  return QApplication::exec();
}
