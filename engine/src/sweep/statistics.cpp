#include "kd/statistics.h"

#include <cmath>
#include <limits>

namespace kd {

double tQuantile95(int degrees) {
  // t(0.975, df) for df = 1..30 (standard tables), then the large-sample expansion.
  static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (degrees < 1) return std::numeric_limits<double>::quiet_NaN();
  if (degrees <= 30) return table[degrees - 1];
  const double z = 1.959964, d = degrees;  // Cornish-Fisher: exact to 3 decimals past 30
  return z + (z * z * z + z) / (4 * d) +
         (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * d * d);
}

Estimate estimateMean(const std::vector<double>& values) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Estimate e;
  double sum = 0;
  for (double v : values)
    if (!std::isnan(v)) sum += v, ++e.n;
  e.mean = e.n ? sum / e.n : nan;
  e.sd = e.low = e.high = nan;
  if (e.n < 2) return e;
  double squares = 0;
  for (double v : values)
    if (!std::isnan(v)) squares += (v - e.mean) * (v - e.mean);
  e.sd = std::sqrt(squares / (e.n - 1));
  const double half = tQuantile95(e.n - 1) * e.sd / std::sqrt(double(e.n));
  e.low = e.mean - half;
  e.high = e.mean + half;
  return e;
}

}  // namespace kd
