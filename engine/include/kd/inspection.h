#pragma once
// Teacher and student of a finished run, side by side on all its test images: predictions,
// model facts with a measured latency, and Grad-CAM.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kd/experiment_runner.h"
#include "kd/predictions.h"

namespace kd {

// How each model arranges the test images inside it (engine/src/eval/representation.h).
struct RepresentationReport {
  // Same-class retrieval by the cosine of the embeddings (the classifier's input), every test
  // image querying all the others.
  RetrievalScores teacher, student, baseline;
  bool teacherKnown = false;   // false for a TorchScript teacher: its layout is unknown
  bool baselineKnown = false;  // the run folder holds its no-KD baseline
  // Linear CKA of every teacher stage (rows) with every student stage (columns) on the first
  // similarityImages test images, and with every baseline stage; empty without a known
  // teacher (or baseline).
  std::vector<std::vector<double>> layerSimilarity, baselineSimilarity;
  int64_t images = 0, similarityImages = 0;
};

// The networks whose insides a run folder lets the inspection see: the teacher (when its layout
// is known), the distilled student, and the no-KD baseline a window run trains beside it
// (baseline/student.ckpt).
enum class InspectedModel { kTeacher, kStudent, kBaseline };
const char* modelName(InspectedModel model);  // "teacher", "student", "baseline"

enum class MapProjection { kPca, kTsne };
struct EmbeddingMapRequest {
  MapProjection projection = MapProjection::kTsne;
  int64_t images = 2000;  // a seeded subset of the test images; 0 (or more than there are): all
  uint64_t seed = 1;
  // Also the student's map after each recorded epoch; the images are then the probe set (the
  // first 1,000 test images, whose features the run recorded each epoch), not a drawn subset.
  bool studentEpochs = false;
};
// One model's map of the request's images: point i is image images[i] of EmbeddingMaps.
struct EmbeddingMap {
  InspectedModel model = InspectedModel::kStudent;
  std::vector<float> x, y;
  std::vector<int> predictions;  // the model's class for each image
};
struct EmbeddingMaps {
  std::vector<int64_t> images;  // test-set positions, ascending; the same in every map
  std::vector<int> labels;      // their true classes
  // One per model in embeddedModels() order, each after the first rotated, scaled and shifted
  // onto the first (Procrustes), so that the same region means the same thing in every map.
  std::vector<EmbeddingMap> maps;
  // With studentEpochs: the student's map after each epoch the run recorded (epoch 0: before
  // training), each turned onto the student's final map; `epochs` names them.
  std::vector<EmbeddingMap> studentEpochs;
  std::vector<int> epochs;
};

// Where a convolution stage of a model looks in one image: the mean over channels of the squared
// activation (the quantity attention transfer matches), scaled to [0, 1], row by row.
struct AttentionMap {
  int height = 0, width = 0;
  std::vector<float> values;
};

// The maps as CSV at `path` (written whole or not at all): the header
// model,index,x,y,label,prediction, then a row per model and image (index: the test-set
// position; label and prediction: class numbers). Throws kd::Error when it cannot be written.
void writeEmbeddingMapsCsv(const EmbeddingMaps& maps, const std::string& path);

class RunInspector {
 public:
  // Loads the run folder's experiment, test set, teacher and student (kdtrain's --out or a
  // window run folder), computes both models' logits once, times one-image inference on the
  // run's device (the CPU when this machine lacks it) and reads the recorded probe epochs.
  // Throws kd::Error.
  explicit RunInspector(const std::string& runDir);
  ~RunInspector();
  RunInspector(const RunInspector&) = delete;
  RunInspector& operator=(const RunInspector&) = delete;

  const Predictions& data() const;
  // The student's predictions on the probe set before training and after each epoch, as the
  // run folder recorded them (probe/epoch-NNN.f32), oldest first; empty for an older run.
  const std::vector<Predictions>& probes() const;
  // The classes the student's transfer set lacked, as summary.json reports them (empty when
  // none was hidden), with the baseline's figures when the run folder holds its baseline.
  const std::vector<HiddenClassReport>& hiddenClasses() const;
  // summary.json's teacher_trained_on: what a teacher of other data knew, when the run allowed
  // it ("SOURCE: classes", or "chance"); empty for a teacher of this data.
  const std::string& teacherTrainedOn() const;
  // summary.json as written (an empty report when the folder has none).
  const RunReport& summary() const;
  // Grad-CAM of one test image for a class: [H x W] row by row, in [0, 1]. Throws kd::Error for
  // a model without convolutions or a TorchScript teacher.
  std::vector<float> gradCam(Role role, int64_t image, int classIndex);
  // Computed on the first call (every model's features over the test set: seconds), then kept
  // until a baseline appears in the run folder.
  const RepresentationReport& representation();

  // Teacher (when its layout is known), student, baseline (once the folder holds one: a window
  // run trains it after the run).
  std::vector<InspectedModel> embeddedModels() const;
  // Every model's map of the embeddings, PCA (instant) or t-SNE (seconds). `step(done, of)` is
  // called as the work goes; returning false stops it, and then this throws RunCancelled. The
  // student's embeddings come from the evaluation pass; others' are computed once, then kept.
  // Safe to call from one thread while another asks for Grad-CAM or nearest images.
  EmbeddingMaps embeddingMaps(const EmbeddingMapRequest& request,
                              const std::function<bool(int done, int of)>& step = {});
  // The `k` test images nearest to `image` in `model`'s embedding (cosine), nearest first.
  // Throws kd::Error for a model embeddedModels() lacks or an image out of range.
  std::vector<int64_t> nearestImages(InspectedModel model, int64_t image, int k);
  // The attention map of every convolution stage of `model` on test `image`, the stage nearest
  // the image first; empty for a model without convolutions. Throws kd::Error as nearestImages.
  std::vector<AttentionMap> attentionMaps(InspectedModel model, int64_t image);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kd
