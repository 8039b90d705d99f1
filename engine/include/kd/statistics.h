#pragma once
// The mean of a few repeated measurements (one per seed) with Student's t 95% interval.
#include <vector>

namespace kd {

struct Estimate {
  int n = 0;
  double mean = 0, sd = 0;   // sd: the sample standard deviation (n - 1); NaN when n < 2
  double low = 0, high = 0;  // the 95% interval of the mean; NaN when n < 2
};

// Values that are NaN are left out. With no value the mean is NaN too.
Estimate estimateMean(const std::vector<double>& values);

// The two-sided 95% quantile of Student's t with `degrees` degrees of freedom (>= 1).
double tQuantile95(int degrees);

}  // namespace kd
