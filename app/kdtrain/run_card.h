#pragma once
// kdtrain --inspect: a finished run's model card and outcome counts, as plain text.
#include <cstdio>
#include <string>

#include "kd/experiment_runner.h"

namespace kd::cli {

// Throws kd::Error when the folder holds no finished run.
void printRunCard(const std::string& runDir, std::FILE* out);

// "hidden class 3 (Dress): teacher 93.10%, student 61.20%, corrected 88.00% (bias +2.41),
// baseline 0.00%" (baseline n/a when none was trained).
void printHiddenClass(std::FILE* out, const HiddenClassReport& h);
// A run of few labels: how many transfer images carried a label, and the steps taken.
void printLabelsUsed(std::FILE* out, const RunReport& r);

}  // namespace kd::cli
