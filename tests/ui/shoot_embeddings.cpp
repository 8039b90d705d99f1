// Renders the Embeddings tab of a finished run to PNG, as File > Inspect opens it: the maps
// (t-SNE of 2,000 test images), then a rectangle chosen on the student's map with an image
// hovered, then the Predictions tab filtered to the chosen images (the detail view scrolled to
// the first one's attention maps and nearest images), then the Model card with
// retrieval and layer similarity, then the student's map replayed after its first epoch, then
// that in presentation mode (full screen: give Xvfb a screen of WIDTHxHEIGHT).
// Usage (under Xvfb): shoot_embeddings RUN_DIR OUT_DIR [WIDTHxHEIGHT]; writes
// embeddings-1-maps-WxH.png, embeddings-2-chosen-WxH.png, embeddings-3-gallery-WxH.png,
// embeddings-4-model-card-WxH.png, embeddings-5-replay-WxH.png,
// embeddings-6-presentation-WxH.png.
// scripts/screenshots.sh runs it.
#include <qcustomplot.h>

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QMouseEvent>
#include <QSlider>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>

#include "app/main_window.h"
#include "inspection/embedding_view.h"
#include "inspection/image_insides.h"
#include "inspection/inspection_panel.h"
#include "inspection/model_card.h"
#include "inspection/representation_view.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("KD Workbench screenshots");
  if (argc < 3) {
    qCritical("usage: shoot_embeddings RUN_DIR OUT_DIR [WIDTHxHEIGHT]");
    return 2;
  }
  const QString run = argv[1], out = argv[2], sizeText = argc > 3 ? argv[3] : "1600x1000";
  const QStringList size = sizeText.split('x');
  QDir().mkpath(out);
  kd::ui::MainWindow window;
  window.setConfirmations(false);
  window.resize(size.value(0).toInt(), size.value(1).toInt());
  window.show();
  kd::ui::EmbeddingView* view = window.embeddings();
  auto shoot = [&](const QString& name) {
    window.grab().save(out + "/embeddings-" + name + "-" + sizeText + ".png");
  };
  window.inspectFinishedRun(run);
  QTimer inspected;
  QObject::connect(&inspected, &QTimer::timeout, [&] {
    if (window.inspection()->model()->total() == 0) return;
    inspected.stop();
    window.tabs()->setCurrentWidget(view);
  });
  inspected.start(200);
  bool replaying = false;
  QTimer cardReady, insidesReady;
  QObject::connect(&insidesReady, &QTimer::timeout, [&] {  // the detail view's insides in
    if (window.inspection()->detail()->insides()->shown().empty()) return;
    insidesReady.stop();
    QTimer::singleShot(300, [&] {
      window.inspection()->revealInDetail(window.inspection()->detail()->insides());
      QTimer::singleShot(300, [&] {
        shoot("3-gallery");
        window.tabs()->setCurrentWidget(window.modelCard());
        cardReady.start(200);
      });
    });
  });  // the Model card once its retrieval and layer similarity are in
  QObject::connect(&cardReady, &QTimer::timeout, [&] {
    if (window.modelCard()->representation()->retrieval()->isHidden()) return;
    cardReady.stop();
    QTimer::singleShot(300, [&] {
      shoot("4-model-card");
      // The student's epochs replayed: the map after its first epoch.
      window.tabs()->setCurrentWidget(view);
      replaying = true;
      view->replayButton()->click();
    });
  });
  QObject::connect(view, &kd::ui::EmbeddingView::mapsShown, [&] {
    if (replaying) {
      view->epochSlider()->setValue(1);
      QTimer::singleShot(500, [&] {
        shoot("5-replay");
        // The same on the classroom projector: full screen, fonts 1.6 times larger.
        window.presentationAction()->setChecked(true);
        QTimer::singleShot(1000, [&] {
          shoot("6-presentation");
          app.quit();
        });
      });
      return;
    }
    QTimer::singleShot(500, [&] {
      shoot("1-maps");
      // The student's map (the second): a rectangle around its middle third, then a hover.
      const kd::EmbeddingMap& student = view->maps().maps.at(1);
      const auto [xLow, xHigh] = std::minmax_element(student.x.begin(), student.x.end());
      const auto [yLow, yHigh] = std::minmax_element(student.y.begin(), student.y.end());
      const double w = *xHigh - *xLow, h = *yHigh - *yLow;
      view->chooseInArea(1, QRectF(*xLow + w / 3, *yLow + h / 3, w / 3, h / 3));
      QCustomPlot* plot = view->mapPlot(1);
      const QPointF point(plot->xAxis->coordToPixel(student.x[0]),
                          plot->yAxis->coordToPixel(student.y[0]));
      QMouseEvent move(QEvent::MouseMove, point, plot->mapToGlobal(point), Qt::NoButton,
                       Qt::NoButton, Qt::NoModifier);
      QApplication::sendEvent(plot, &move);
      QTimer::singleShot(500, [&] {
        shoot("2-chosen");
        window.tabs()->setCurrentWidget(window.inspection());
        insidesReady.start(200);
      });
    });
  });
  return QApplication::exec();
}
