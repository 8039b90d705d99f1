#pragma once
// One image, large: teacher and student probabilities over every class at T = 1 and softened
// at a temperature the user drags (starting at the run's), both models' Grad-CAM maps, and
// what each model makes of it inside (ImageInsides: attention maps, nearest images).
#include <QWidget>
#include <functional>
#include <vector>

#include "app/background_task.h"
#include "inspection/image_insides.h"
#include "inspection/prediction_model.h"

class QCustomPlot;
class QLabel;
class QSlider;

namespace kd::ui {

// Grad-CAM of a test image for a class, [H x W] in [0, 1]; throws kd::Error when unavailable.
// Called off the GUI thread.
using GradCamFn = std::function<std::vector<float>(kd::Role, int64_t testIndex, int classIndex)>;

class PredictionDetail : public QWidget {
  Q_OBJECT

 public:
  explicit PredictionDetail(QWidget* parent = nullptr);

  // An empty gradCam (insides): the maps (the insides) are not available (during training).
  void setPredictions(PredictionsPtr predictions, GradCamFn gradCam, InsidesFn insides = {});
  ImageInsides* insides() const { return insides_; }
  void showImage(int64_t row);  // a row of the Predictions; -1 clears
  int64_t image() const { return row_; }

  double temperature() const;
  void setTemperature(double t);
  QSlider* temperatureSlider() const { return slider_; }
  // The plotted probabilities of one model, at T = 1 or at the slider's temperature.
  std::vector<double> bars(kd::Role role, bool softened) const;
  QWidget* barPlot(bool softened) const;
  const QImage& gradCamImage(kd::Role role) const;

 Q_SIGNALS:
  void gradCamsShown();  // both maps, or why not, are on screen

 protected:
  void changeEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void fitTextRows();
  void updateSoftened();
  void updateGradCam();
  void showGradCams(const QImage* overlays, const QString* errors);

  PredictionsPtr predictions_;
  GradCamFn gradCam_;
  int64_t row_ = -1;
  QLabel* title_;
  QLabel* picture_;
  QCustomPlot* hard_;
  QCustomPlot* soft_;
  QSlider* slider_;
  QLabel* temperatureLabel_;
  QLabel* cams_[2];
  QLabel* camTitles_[2];
  QLabel* camHeading_;
  QImage camImages_[2];
  ImageInsides* insides_;
  BackgroundTask camTask_;
};

// The image with a jet-coloured heat map over it, both scaled to fit side x side; the map is
// the image's size, or mapWidth x mapHeight (a stage's, stretched over the image).
QImage heatOverlay(const QImage& image, const std::vector<float>& map, int side);
QImage heatOverlay(const QImage& image, const std::vector<float>& map, int mapWidth, int mapHeight,
                   int side);

}  // namespace kd::ui
