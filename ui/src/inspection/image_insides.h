#pragma once
// What each model makes of one image, below its probabilities in the detail view: the attention
// map of each convolution stage over the image (where its activations are strongest: what
// attention transfer copies), and the test images nearest to it by the model's embedding, each
// marked as of the same class or not. Computed off the GUI thread for the newest image only.
#include <QWidget>
#include <functional>
#include <vector>

#include "app/background_task.h"
#include "inspection/prediction_model.h"
#include "kd/inspection.h"

class QLabel;

namespace kd::ui {

struct ModelInsides {
  kd::InspectedModel model = kd::InspectedModel::kStudent;
  std::vector<kd::AttentionMap> attention;  // empty: no convolution stages (or unknown layout)
  std::vector<int64_t> nearest;             // test images, nearest first
};
// Every model's insides for a test image; called off the GUI thread.
using InsidesFn = std::function<std::vector<ModelInsides>(int64_t testIndex)>;

class ImageInsides : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kNearest = 8;
  explicit ImageInsides(QWidget* parent = nullptr);
  // An empty `insides`: not available (a probe epoch during or after training).
  void setSource(PredictionsPtr predictions, InsidesFn insides);
  void showImage(int64_t row);  // a row of the predictions; -1 clears
  const std::vector<ModelInsides>& shown() const { return shown_; }
  QLabel* status() const { return status_; }

 Q_SIGNALS:
  void insidesShown();

 private:
  void show(int64_t testIndex, const std::vector<ModelInsides>& insides);
  QWidget* thumbnail(int64_t testIndex, int label) const;

  PredictionsPtr predictions_;
  InsidesFn insides_;
  std::vector<ModelInsides> shown_;
  QLabel* status_;
  QWidget* grid_ = nullptr;  // rebuilt for each image
  int shownRequest_ = 0;     // the newest image or source asked for; older results are dropped
  BackgroundTask task_;
};

}  // namespace kd::ui
