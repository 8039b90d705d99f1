#include "kd/predictions.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace kd {

Predictions firstImages(const Predictions& p, int64_t n) {
  n = std::min(n, p.count);
  const size_t pixels = p.count ? p.images.size() / size_t(p.count) : 0;
  const size_t perImage = size_t(p.classCount());
  auto head = [n](const auto& v, size_t perRow) {
    using V = std::decay_t<decltype(v)>;
    return V(v.begin(), v.begin() + ptrdiff_t(size_t(n) * perRow));
  };
  Predictions out;
  out.classes = p.classes;
  out.shape = p.shape;
  out.count = n;
  out.indices = head(p.indices, 1);
  out.labels = head(p.labels, 1);
  out.images = head(p.images, pixels);
  out.teacherLogits = head(p.teacherLogits, perImage);
  out.studentLogits = head(p.studentLogits, perImage);
  out.temperature = p.temperature;
  out.epoch = p.epoch;
  out.epochs = p.epochs;
  return out;
}

std::vector<double> softmax(const float* logits, int classes, double temperature) {
  std::vector<double> p(static_cast<size_t>(classes), 0.0);
  double top = -INFINITY, sum = 0;
  for (int c = 0; c < classes; ++c) top = std::max(top, double(logits[c]) / temperature);
  for (int c = 0; c < classes; ++c)
    sum += p[size_t(c)] = std::exp(double(logits[c]) / temperature - top);
  for (double& v : p) v /= sum;
  return p;
}

double klDivergence(const float* teacherLogits, const float* studentLogits, int classes,
                    double temperature) {
  const std::vector<double> p = softmax(teacherLogits, classes, temperature);
  const std::vector<double> q = softmax(studentLogits, classes, temperature);
  double kl = 0;
  for (int c = 0; c < classes; ++c)
    if (p[size_t(c)] > 0)
      kl += p[size_t(c)] * std::log(p[size_t(c)] / std::max(q[size_t(c)], 1e-300));
  return kl;
}

}  // namespace kd
