#include "kd/predictions.h"

#include <algorithm>
#include <cmath>

namespace kd {

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
