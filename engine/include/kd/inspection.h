#pragma once
// Teacher and student of a finished run, side by side on all its test images: predictions,
// model facts with a measured latency, and Grad-CAM.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kd/experiment_runner.h"
#include "kd/predictions.h"

namespace kd {

// How each model arranges the test images inside it (engine/src/eval/representation.h).
struct RetrievalScores {
  double recallAt1 = 0, recallAt5 = 0, meanAveragePrecision = 0;
};
struct RepresentationReport {
  // Same-class retrieval by the cosine of the embeddings (the classifier's input), every test
  // image querying all the others.
  RetrievalScores teacher, student;
  bool teacherKnown = false;  // false for a TorchScript teacher: its layout is unknown
  // Linear CKA of every teacher stage (rows) with every student stage (columns) on the first
  // similarityImages test images; empty without a known teacher.
  std::vector<std::vector<double>> layerSimilarity;
  int64_t images = 0, similarityImages = 0;
};

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
  // Computed on the first call (both models' features over the test set: seconds), then kept.
  const RepresentationReport& representation();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kd
