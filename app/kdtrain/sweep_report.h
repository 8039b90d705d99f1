#pragma once
// kdtrain's lines for repeats and sweeps: one per finished point, with its interval.
#include <cstdio>

#include "kd/sweep.h"

namespace kd::cli {

void printPoint(std::FILE* out, const PointResult& p);
void printSweep(std::FILE* out, const SweepResults& results, const std::string& outDir);

}  // namespace kd::cli
