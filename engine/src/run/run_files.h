#pragma once
// The files of a run folder: written whole to a temporary file, then renamed into place, so a
// crash or a cancel never leaves a half-written file.
#include <string>
#include <vector>

#include "kd/experiment_runner.h"

namespace kd {

// Writes a temporary file, then renames it over `path`. Any failure (a read-only folder, a
// full disk) removes the temporary file and throws one kd::Error naming `path`.
void writeFileAtomically(const std::string& path, const std::string& content);

// metrics.csv: one row per epoch per phase. Rows of an earlier, resumed run are kept. After
// the fixed columns come the method's own terms, named (MethodInfo::terms; none for kd).
class MetricsLog {
 public:
  MetricsLog(std::string path, std::vector<std::string> terms)
      : path_(std::move(path)), terms_(std::move(terms)) {}
  // Keeps the rows of an existing file that come before (phase, epoch).
  void keepRowsBefore(Phase phase, int epoch);
  void append(const EpochMetrics& m, double teacherTestAccuracy);

 private:
  void write() const;
  std::string path_;
  std::vector<std::string> terms_;
  std::vector<std::string> rows_;
};

std::string summaryJson(const RunReport& report);
// The report a finished run wrote (summary.json); the confusion matrices are not read back.
// Throws kd::Error for a missing or malformed file.
RunReport readSummary(const std::string& path);

// Sets each hidden class's "baseline" in a run's summary.json to the baseline's accuracy on
// that class, leaving everything else as written.
void recordBaselineInSummary(const std::string& summaryPath, const RunReport& baseline);

// Logits as a run folder keeps them: float32 [images x classes], row by row, no header.
// Writing creates the file's folder; reading gives nothing when the file is missing or does not
// hold exactly `values` floats.
void writeLogits(const std::string& path, const std::vector<float>& logits);
std::vector<float> readLogits(const std::string& path, size_t values);

// probe/epoch-NNN.f32: the student's logits on the probe set (the first kProbeImages test
// images, or fewer) after that epoch.
std::string probeFile(const std::string& runDir, int epoch);
// The student's embedding of the probe set after `epoch` ([probe images x width], float32), for
// the Embeddings tab's replay: probe/epoch-NNN.embedding.f32.
std::string probeEmbeddingFile(const std::string& runDir, int epoch);
// teacher_test.f32: the teacher's logits on every test image, as the run computed them.
std::string teacherTestFile(const std::string& runDir);

}  // namespace kd
