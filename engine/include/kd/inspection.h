#pragma once
// Teacher and student of a finished run, side by side on its test images, in plain C++ for
// the UI: every image, label and logit, softened probabilities, per-image KL, and Grad-CAM.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kd/arch_spec.h"

namespace kd {

enum class Role { kTeacher, kStudent };

struct RunInspection {
  std::vector<std::string> classes;
  InputShape shape;
  int64_t count = 0;                 // test images
  std::vector<int> labels;           // [count]
  std::vector<uint8_t> images;       // [count x C x H x W]
  std::vector<float> teacherLogits;  // [count x classes]
  std::vector<float> studentLogits;  // [count x classes]
  double temperature = 1.0;          // the run's
};

class RunInspector {
 public:
  // Loads the run folder's experiment, test set, teacher and student (kdtrain's --out or a
  // window run folder) and computes both models' logits once. Throws kd::Error.
  explicit RunInspector(const std::string& runDir);
  ~RunInspector();
  RunInspector(const RunInspector&) = delete;
  RunInspector& operator=(const RunInspector&) = delete;

  const RunInspection& data() const;
  // Grad-CAM of one test image for a class: [H x W] row by row, in [0, 1]. Throws kd::Error for
  // a model without convolutions or a TorchScript teacher.
  std::vector<float> gradCam(Role role, int64_t image, int classIndex);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// softmax(logits / T) of one image.
std::vector<double> softmax(const float* logits, int classes, double temperature);
// KL(softmax(t/T) || softmax(s/T)) of one image.
double klDivergence(const float* teacherLogits, const float* studentLogits, int classes,
                    double temperature);

}  // namespace kd
