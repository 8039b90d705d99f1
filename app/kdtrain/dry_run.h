#pragma once
// kdtrain --dry-run: what a checked command line would run, in one paragraph.
#include <cstdio>

#include "cli_options.h"

namespace kd::cli {

void printPlan(std::FILE* out, const Options& options);

}  // namespace kd::cli
