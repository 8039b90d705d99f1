#pragma once
// kdtrain --inspect: a finished run's model card and outcome counts, as plain text.
#include <cstdio>
#include <string>

#include "kd/experiment_runner.h"
#include "kd/inspection.h"

namespace kd::cli {

// Throws kd::Error when the folder holds no finished run.
void printRunCard(const std::string& runDir, std::FILE* out);

// kdtrain --embeddings: every model's map of the run's test images to `csvPath`, with progress
// on `progress`; a dry run checks the run folder and says what it would write. Throws kd::Error.
void writeEmbeddings(const std::string& runDir, const EmbeddingMapRequest& request,
                     const std::string& csvPath, bool dryRun, std::FILE* progress);

// "hidden class 3 (Dress): teacher 93.10%, student 61.20%, corrected 88.00% (bias +2.41),
// baseline 0.00%" (baseline n/a when none was trained).
void printHiddenClass(std::FILE* out, const HiddenClassReport& h);
// A run of few labels: how many transfer images carried a label, and the steps taken.
void printLabelsUsed(std::FILE* out, const RunReport& r);

}  // namespace kd::cli
