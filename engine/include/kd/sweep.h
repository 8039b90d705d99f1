#pragma once
// Repeats and sweeps: one base experiment, settings that vary (a list of points and/or a grid,
// by the experiment JSON's own key paths), seeds for each point, and optionally the no-KD
// baseline for each seed (same student initialisation and data order: a paired design).
// Runs go one after another; teachers and baselines whose settings are identical are trained
// once and shared. The sweep folder keeps every run, so a killed sweep resumes.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "kd/experiment.h"
#include "kd/experiment_runner.h"
#include "kd/observer.h"
#include "kd/statistics.h"

namespace kd {

// A setting is a key path of the experiment JSON ("distillation.alpha", "student.arch",
// "data.limit_train", ...) or one of its short names (settingAliases()); a value is JSON text.
using Setting = std::pair<std::string, std::string>;

struct SweepSpec {
  static constexpr int kVersion = 1;  // of sweep.json and results.json
  ExperimentConfig base;
  std::vector<std::vector<Setting>> list;  // points; empty: the base alone
  std::vector<std::pair<std::string, std::vector<std::string>>> grid;  // crossed with the list
  std::vector<uint64_t> seeds;  // empty: the base experiment's seed
  bool baseline = false;
};

// "alpha" -> "distillation.alpha", ...: the names a user may write for common settings.
const std::vector<Setting>& settingAliases();
// For tables and folder names: "alpha" for "distillation.alpha"; "0.5", "lenet5" (an
// architecture's name), "3,5" (a list).
std::string settingLabel(const std::string& path);
std::string valueLabel(const std::string& valueJson);

// Reads a sweep file's text. "experiment" is an experiment object or a file name (relative
// to baseDir). Throws kd::Error naming an unknown key, setting or impossible value.
SweepSpec sweepFromJson(const std::string& text, const std::string& baseDir = ".");
SweepSpec loadSweep(const std::string& path);
// refuseSettingsWithoutEffect (experiment.h) for every point, naming the point, and baselines
// asked for where no point keeps a label to train one on. runSweep checks a new sweep so; a
// sweep folder that is resumed runs as it was started.
void refuseSettingsWithoutEffect(const SweepSpec& spec);
std::string toJson(const SweepSpec& spec);

struct SweepPoint {
  std::string name;               // folder-safe, unique: "03_alpha=0.5_temperature=4"
  std::vector<Setting> settings;  // full key paths
  ExperimentConfig config;        // the base with the settings applied (seed: the base's)
};

// Every point, list entries outside and grid settings inside (the last grid setting varies
// fastest). Each point's experiment is validated.
std::vector<SweepPoint> expandSweep(const SweepSpec& spec);

struct SeedRun {
  uint64_t seed = 0;
  RunReport kd;
  RunReport baseline;  // empty unless the spec asks for baselines
  bool hasBaseline = false;
};

struct HiddenClassEstimate {  // a hidden class's HiddenClassReport over the seeds
  int classIndex = 0;
  std::string name;
  Estimate teacher, student, studentCorrected, biasShift, baseline;
};

struct PointResult {
  SweepPoint point;
  std::vector<SeedRun> runs;  // in the spec's seed order; only finished seeds
  Estimate student, baseline, difference, teacher, agreement;  // difference: KD - baseline
  std::vector<HiddenClassEstimate> hiddenClasses;              // the point's, when it hides classes
  Estimate correctedStudent;  // with hidden classes: the bias-corrected student's accuracy
  int kdWins = 0;             // seeds where the distilled student beat its baseline
  int medianRun = -1;         // index in runs of the median student accuracy (lower middle)
  double wallSeconds = 0;
};

struct SweepResults {
  std::vector<PointResult> points;
  int best = -1;  // the point with the highest mean student accuracy
  int runsDone = 0, runsTotal = 0;
  bool cancelled = false;
};

// Aggregates one point's seed runs.
PointResult summarizePoint(const SweepPoint& point, std::vector<SeedRun> runs);

// The results file's contents (results.json: every point and seed; results.csv: a row per
// point, the timing column last).
std::string resultsJson(const SweepResults& results);
std::string resultsCsv(const SweepResults& results);
// One point's entry of results.json; a repeat (a sweep of one point) also writes it as the
// sweep folder's summary.json.
std::string pointJson(const PointResult& point);

struct SweepProgress {
  int run = 0, runs = 0;  // 0-based run about to start, of all runs (KD and baselines)
  std::string point;      // its point's name
  uint64_t seed = 0;
  bool baseline = false;
  bool resumed = false;    // continues from a checkpoint, or was already finished
  double etaSeconds = -1;  // for the rest of the sweep; < 0 before any run finished here
};

class SweepObserver : public TrainingObserver {
 public:
  virtual void onRunStarting(const SweepProgress& progress) {}
  // After each point, with every finished run's results so far (results.json's contents).
  virtual void onPointFinished(const PointResult& result, const SweepResults& sofar) {}
};

// How many training runs the sweep makes (distilled runs and the baselines that are not
// shared), for an estimate before it starts.
int plannedRuns(const SweepSpec& spec);

// Runs the sweep into outDir (outDir/sweep.json, outDir/runs/..., outDir/results.json and
// .csv). A folder that already holds a sweep is continued when `resume` is set (the spec must
// be the same; finished runs are kept, an interrupted one continues from its last
// checkpoint), and refused otherwise. Cancelled: returns with what finished.
SweepResults runSweep(const SweepSpec& spec, const std::string& outDir, bool resume,
                      SweepObserver& observer, RunControl& control);

// The student's test accuracy after each of its epochs, from a run folder's metrics.csv
// (empty when the file is missing).
std::vector<double> studentAccuracyCurve(const std::string& runDir);

// The folder of one seed's run of a point, under a sweep folder.
std::string seedRunFolder(const std::string& sweepDir, const PointResult& point, size_t run);

// The results of a sweep folder as far as it went (finished runs only), without training.
SweepResults readSweep(const std::string& outDir);

}  // namespace kd
