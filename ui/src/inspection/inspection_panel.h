#pragma once
// The Predictions tab: a gallery of test images (filter buttons, class filters, sorting), an
// epoch slider that replays the student's predictions on the probe set over the run, and the
// detail view of the chosen image.
#include <QPointer>
#include <QWidget>
#include <vector>

#include "inspection/prediction_detail.h"
#include "inspection/prediction_model.h"

class QAbstractButton;
class QButtonGroup;
class QComboBox;
class QLabel;
class QPushButton;
class QListView;
class QSlider;
class QScrollArea;
class QSplitter;
class QTimer;
class QToolButton;

namespace kd::ui {

class EpochPlayer;

class InspectionPanel : public QWidget {
  Q_OBJECT

 public:
  explicit InspectionPanel(QWidget* parent = nullptr);

  void clear();  // a new run starts
  // One probe epoch; the slider follows the newest one unless the user moved it back.
  void addProbe(PredictionsPtr probe);
  // The finished run's whole test set, shown at once, as the slider's last position.
  void setFinal(PredictionsPtr run, GradCamFn gradCam, InsidesFn insides = {});
  // Shows the images of one confusion-matrix cell.
  void showCell(kd::Role role, int trueClass, int predictedClass);
  void setFilterKind(GalleryFilter::Kind kind);
  // Classes the student never saw: marked in the true-class filter, the first of them chosen.
  void setHiddenClasses(const std::vector<int>& classes);
  QComboBox* trueClassFilter() const { return trueClass_; }
  // Only images of this true class (-1: any), as if chosen in the filter.
  void setTrueClass(int trueClass);
  // Only these test images (chosen on the embedding maps), with a button that shows all again;
  // empty: every image.
  void showImages(const std::vector<int64_t>& testIndices);
  QAbstractButton* chosenImagesButton() const;
  // Brings `part` of the detail view (a plot) into view: stacked below the gallery, the detail
  // view first grows by what the gallery can spare; then it scrolls. Kept in view as the layout
  // changes (presentation mode's fonts) until the user scrolls or moves the splitter.
  void revealInDetail(QWidget* part);

  PredictionModel* model() const { return model_; }
  PredictionDetail* detail() const { return detail_; }
  QListView* gallery() const { return gallery_; }
  QSlider* epochSlider() const { return epochs_; }
  QAbstractButton* filterButton(GalleryFilter::Kind kind) const;
  int snapshots() const { return int(snapshots_.size()); }

 Q_SIGNALS:
  void predictionsChanged();           // another epoch or the final run is shown
  void imageShown(int64_t testIndex);  // in the detail view

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void arrange();
  void reveal();
  QWidget* buildFilters();
  QWidget* buildEpochRow();
  void showSnapshot(int position);
  void updateSlider(bool showLast);
  void applyControls();
  void fillClassCombos();
  void selectImage();
  void step(int delta);

  std::vector<int> hiddenClasses_;
  std::vector<PredictionsPtr> snapshots_;  // probe epochs, then the finished run's test set
  bool hasFinal_ = false;
  GradCamFn finalGradCam_;
  InsidesFn finalInsides_;
  int64_t currentImage_ = -1;  // test index of the image in the detail view
  PredictionModel* model_;
  QListView* gallery_;
  PredictionDetail* detail_;
  QSplitter* splitter_;
  QScrollArea* detailScroll_;
  QPointer<QWidget> revealed_;  // kept in view by reveal(), see revealInDetail()
  QButtonGroup* kinds_;
  QComboBox *trueClass_, *predicted_, *sort_;
  std::shared_ptr<const std::vector<int64_t>> chosenImages_;  // on the maps; null: all
  QPushButton* chosen_;
  QLabel* count_;
  QSlider* epochs_;
  QLabel* epochLabel_;
  EpochPlayer* player_;
};

}  // namespace kd::ui
