#pragma once
// The Embeddings tab: each model's map of the test images (t-SNE or PCA of its embedding, the
// classifier's input), side by side and turned onto one another, coloured by true class, by the
// map's own model's prediction, or by the gallery's outcome. Linked: hovering a point shows its
// image; a rectangle dragged on any map chooses those images in every map and (through
// imagesChosen) in the gallery; the gallery's current image is ringed on every map. Maps are
// computed off the GUI thread (BackgroundTask) with a progress bar; a new request supersedes
// the one running, which stops within an iteration. Replayed, the student's map follows its
// epochs on the probe set (the features the run recorded after each), as the gallery's slider.
#include <QWidget>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "app/background_task.h"
#include "inspection/prediction_model.h"
#include "kd/inspection.h"

class QCPGraph;
class QAbstractButton;
class QComboBox;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;
class QToolButton;

namespace kd::ui {

class EpochPlayer;

class FlowLayout;

// Computes the maps; called off the GUI thread. `step` as RunInspector::embeddingMaps.
using MapsFn = std::function<kd::EmbeddingMaps(const kd::EmbeddingMapRequest&,
                                               const std::function<bool(int, int)>& step)>;

class EmbeddingView : public QWidget {
  Q_OBJECT

 public:
  enum class Colouring { kTrueClass, kPredictedClass, kOutcome };

  explicit EmbeddingView(QWidget* parent = nullptr);
  ~EmbeddingView() override;

  // A finished run: its predictions (images, classes, outcomes) and how to map it. The maps are
  // computed when the tab is first shown, or at once when it is showing.
  void setRun(PredictionsPtr predictions, MapsFn maps);
  void clear();
  // Computes the maps again (now, or when the tab is next shown): a model was added (the
  // baseline, trained after the run).
  void refresh();
  // The maps computed elsewhere, shown as if this view had computed them.
  void showMaps(const kd::EmbeddingMaps& maps);
  const kd::EmbeddingMaps& maps() const { return maps_; }
  bool computing() const { return task_.busy(); }

  // Chooses the images whose points on map `map` lie in `area` (map coordinates), as dragging a
  // rectangle does; an empty area clears the choice.
  void chooseInArea(int map, const QRectF& area);
  const std::vector<int64_t>& chosenImages() const { return chosen_; }
  // Rings a test image on every map (the gallery's current image); -1 clears.
  void markImage(int64_t testIndex);
  void setColouring(Colouring colouring);
  // Shows or hides the points of one group (a class, or an outcome), as its legend button does.
  void setGroupShown(int group, bool shown);

  QCustomPlot* mapPlot(int map) const;
  // The points drawn as chosen on a map, and the graph of its marked image.
  int chosenPointCount(int map) const;
  QCPGraph* markGraph(int map) const;
  int mapCount() const { return int(plots_.size()); }
  QComboBox* projectionBox() const { return projection_; }
  QSpinBox* imagesBox() const { return images_; }
  QComboBox* colouringBox() const { return colouring_; }
  QLabel* hoverPreview() const { return preview_; }
  QAbstractButton* replayButton() const;
  QSlider* epochSlider() const { return epochs_; }

 Q_SIGNALS:
  void imagesChosen(const std::vector<int64_t>& testIndices);  // empty: the choice is cleared
  void mapsShown();

 protected:
  void showEvent(QShowEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  QWidget* buildControls();
  QWidget* buildEpochRow();
  void showEpoch(int position);
  // Map `map` as shown: the student's at the replayed epoch, else the final one.
  const kd::EmbeddingMap& shownMap(size_t map) const;
  QString titleOf(size_t map) const;
  void requestMaps();
  void rebuildPlots();
  void replot();
  void fillLegend();
  int groupOf(size_t point, size_t map) const;
  int groupCount() const;
  QString groupName(int group) const;
  QColor groupColour(int group) const;
  void hover(int map, const QPoint& pixel);

  PredictionsPtr predictions_;
  MapsFn mapsFn_;
  kd::EmbeddingMaps maps_;
  bool stale_ = false;  // the run or the request changed since the maps were computed
  std::vector<int64_t> chosen_;
  std::vector<char> isChosen_;  // by point
  std::vector<char> groupShown_;
  int64_t marked_ = -1;
  int epochShown_ = -1;  // into maps_.studentEpochs; -1: the final maps
  Colouring colouringMode_ = Colouring::kTrueClass;
  std::shared_ptr<std::atomic<int>> progress_;    // the running request's, in per mille
  std::shared_ptr<std::atomic<int>> generation_;  // a newer request stops an older one
  QComboBox *projection_, *colouring_;
  QSpinBox* images_;
  QPushButton *replay_, *clearChoice_;
  EpochPlayer* player_;
  QSlider* epochs_;  // player_'s
  QProgressBar* progressBar_;
  QLabel* status_;
  QLabel* preview_;
  QLabel* previewText_;
  QWidget* legend_;
  FlowLayout* legendLayout_;
  std::vector<QToolButton*> legendButtons_;
  QWidget* plotRow_;
  std::vector<QCustomPlot*> plots_;
  QTimer* progressTimer_;
  BackgroundTask task_;
};

}  // namespace kd::ui
