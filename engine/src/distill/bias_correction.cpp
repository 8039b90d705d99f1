#include "distill/bias_correction.h"

namespace kd {
namespace {

constexpr double kLargestShift = 1024;  // logits are never this far apart in practice
constexpr int kBisections = 40;

double shareOf(const torch::Tensor& logits, int cls) {
  return (logits.argmax(1) == cls).to(torch::kDouble).mean().item<double>();
}

}  // namespace

torch::Tensor shiftedLogits(const torch::Tensor& logits, const std::vector<double>& shifts) {
  return logits + torch::tensor(shifts, torch::kDouble).to(logits.device(), logits.dtype());
}

std::vector<double> hiddenClassBiasShifts(const torch::Tensor& teacherLogits,
                                          const torch::Tensor& studentLogits,
                                          const std::vector<int>& hidden) {
  // In the logits' own type: the shift found is exact for shiftedLogits on the same logits.
  const torch::Tensor student = studentLogits.to(torch::kCPU);
  std::vector<double> shifts(size_t(student.size(1)), 0.0);
  // A class's share of answers grows with its own shift and shrinks with the others': with
  // several hidden classes, a few rounds settle them together.
  const int rounds = hidden.size() > 1 ? 4 : 1;
  for (int round = 0; round < rounds; ++round) {
    for (int k : hidden) {
      const double target = shareOf(teacherLogits, k);
      auto shareAt = [&](double shift) {
        shifts[size_t(k)] = shift;
        return shareOf(shiftedLogits(student, shifts), k);
      };
      if (target <= 0 || shareAt(0) >= target) {
        shifts[size_t(k)] = 0;
        continue;
      }
      double low = 0, high = 1;
      while (high < kLargestShift && shareAt(high) < target) {
        low = high;
        high *= 2;
      }
      for (int i = 0; i < kBisections; ++i) {
        const double middle = (low + high) / 2;
        (shareAt(middle) < target ? low : high) = middle;
      }
      shifts[size_t(k)] = high;
    }
  }
  return shifts;
}

}  // namespace kd
