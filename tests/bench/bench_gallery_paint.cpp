// Time to paint a full page of gallery tiles from a 10,000-image run: the gallery view at
// 1600x1000 is scrolled page by page and each page is rendered; the first pass paints tiles
// whose scaled images are not cached yet ("cold"), the second pass repaints them ("warm").
// Usage (Xvfb or offscreen): bench_gallery_paint [IMAGES] [PAGES]
#include <QApplication>
#include <QElapsedTimer>
#include <QListView>
#include <QPixmap>
#include <QScrollBar>
#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

#include "inspection/gallery_delegate.h"
#include "inspection/prediction_model.h"

namespace {

kd::ui::PredictionsPtr syntheticRun(int64_t count) {
  auto p = std::make_shared<kd::Predictions>();
  for (int c = 0; c < 10; ++c) p->classes.push_back("class " + std::to_string(c));
  p->shape = {1, 28, 28};
  p->count = count;
  std::mt19937 random(7);
  std::normal_distribution<float> logit(0.f, 2.f);
  for (int64_t i = 0; i < count; ++i) {
    p->indices.push_back(i);
    p->labels.push_back(int(i % 10));
    for (int k = 0; k < 28 * 28; ++k) p->images.push_back(uint8_t(random()));
    for (int c = 0; c < 10; ++c) {
      p->teacherLogits.push_back(logit(random) + (c == i % 10 ? 4.f : 0.f));
      p->studentLogits.push_back(logit(random) + (c == i % 10 ? 3.f : 0.f));
    }
  }
  p->temperature = 4;
  return p;
}

struct Figures {
  double median, max;
};

Figures paintPages(QListView& view, int pages) {
  std::vector<double> ms;
  QPixmap target(view.viewport()->size());
  QScrollBar* bar = view.verticalScrollBar();
  for (int page = 0; page < pages; ++page) {
    bar->setValue(std::min(bar->maximum(), page * bar->pageStep()));
    QElapsedTimer t;
    t.start();
    view.viewport()->render(&target);
    ms.push_back(t.nsecsElapsed() / 1e6);
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms.back()};
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const int64_t images = argc > 1 ? std::atoll(argv[1]) : 10000;
  const int pages = argc > 2 ? std::atoi(argv[2]) : 30;
  kd::ui::PredictionModel model;
  model.setPredictions(syntheticRun(images));
  QListView view;
  view.setModel(&model);
  view.setItemDelegate(new kd::ui::GalleryDelegate(&model, &view));
  view.setViewMode(QListView::IconMode);
  view.setResizeMode(QListView::Adjust);
  view.setMovement(QListView::Static);
  view.setUniformItemSizes(true);
  view.resize(1600, 1000);
  view.show();
  QApplication::processEvents();
  const QSize tile = view.sizeHintForIndex(model.index(0));
  const int perPage = (view.viewport()->width() / tile.width()) *
                      ((view.viewport()->height() + tile.height() - 1) / tile.height());
  const Figures cold = paintPages(view, pages);
  const Figures warm = paintPages(view, pages);
  std::printf(
      "{\"images\": %lld, \"viewport\": \"%dx%d\", \"tiles_per_page\": %d, \"pages\": %d, "
      "\"cold_median_ms\": %.2f, \"cold_max_ms\": %.2f, \"warm_median_ms\": %.2f, "
      "\"warm_max_ms\": %.2f, \"target_ms\": 16}\n",
      static_cast<long long>(images), view.viewport()->width(), view.viewport()->height(), perPage,
      pages, cold.median, cold.max, warm.median, warm.max);
  return 0;
}
