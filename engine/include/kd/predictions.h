#pragma once
// Both models' predictions on a set of test images, in plain C++ for the UI: every image,
// label and logit, plus per-image softmax and KL. A finished run's inspection fills it for the
// whole test set; during training the engine sends one per student epoch for a fixed probe set.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "kd/arch_spec.h"

namespace kd {

enum class Role { kTeacher, kStudent };

// What the model card shows of one network; -1 where a value is unknown.
struct ModelFacts {
  std::string name;
  int64_t parameters = -1;
  int64_t macs = -1;          // multiply-adds per image
  int64_t fileBytes = -1;     // the file the model was loaded from
  int64_t weightBytes = -1;   // parameters and buffers as float32
  double latencyMs = -1;      // one image, batch of 1, median
  std::string latencyDevice;  // where latencyMs was measured
};

struct Predictions {
  std::vector<std::string> classes;
  InputShape shape;
  int64_t count = 0;                 // images
  std::vector<int64_t> indices;      // [count] positions in the test set
  std::vector<int> labels;           // [count]
  std::vector<uint8_t> images;       // [count x C x H x W]
  std::vector<float> teacherLogits;  // [count x classes]
  std::vector<float> studentLogits;  // [count x classes]
  double temperature = 1.0;          // the run's
  int epoch = 0, epochs = 0;         // of the student; epoch 0: before training
  ModelFacts teacher, student;       // filled by RunInspector only

  int classCount() const { return int(classes.size()); }
  const float* logits(Role role, int64_t image) const {
    const auto& v = role == Role::kTeacher ? teacherLogits : studentLogits;
    return v.data() + image * classCount();
  }
  int topClass(Role role, int64_t image) const {
    const float* l = logits(role, image);
    return int(std::max_element(l, l + classCount()) - l);
  }
};

// The first n images of p (all of them when it has fewer), without the model facts.
Predictions firstImages(const Predictions& p, int64_t n);

// softmax(logits / T) of one image.
std::vector<double> softmax(const float* logits, int classes, double temperature);
// KL(softmax(t/T) || softmax(s/T)) of one image.
double klDivergence(const float* teacherLogits, const float* studentLogits, int classes,
                    double temperature);

}  // namespace kd
