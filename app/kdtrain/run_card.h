#pragma once
// kdtrain --inspect: a finished run's model card and outcome counts, as plain text.
#include <cstdio>
#include <string>

namespace kd::cli {

// Throws kd::Error when the folder holds no finished run.
void printRunCard(const std::string& runDir, std::FILE* out);

}  // namespace kd::cli
