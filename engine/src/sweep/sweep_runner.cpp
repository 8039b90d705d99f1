// Runs a sweep's plan one run after another, keeping finished runs and resuming the
// interrupted one, and writes the results after every point.
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "json_io.h"
#include "kd/error.h"
#include "kd/sweep.h"
#include "run/run_files.h"

namespace kd {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// One training run of the plan: a distilled student or a baseline, in its own folder.
struct Job {
  size_t point = 0, seedIndex = 0;
  bool baseline = false;
  bool trainsTeacher = false;  // the first run of its teacher's settings trains it
  ExperimentConfig config;
  std::string dir;
};

struct Plan {
  std::vector<SweepPoint> points;
  std::vector<uint64_t> seeds;
  std::vector<Job> jobs;
  // For each point and seed: the jobs (KD, baseline or -1) whose reports make its SeedRun.
  std::vector<std::vector<std::pair<int, int>>> runsOf;
};

std::string runFolder(const std::string& outDir, const std::string& point, uint64_t seed) {
  return (fs::path(outDir) / "runs" / point / ("seed-" + std::to_string(seed))).string();
}

// The no-KD baseline (baselineExperiment). The temperature is fixed so that the baselines of
// points that differ only in T or alpha are one run.
std::optional<ExperimentConfig> baselineOf(const ExperimentConfig& c, double temperature) {
  std::optional<ExperimentConfig> b = baselineExperiment(c);
  if (b) b->temperature = temperature;
  return b;
}

Plan makePlan(const SweepSpec& spec, const std::string& outDir) {
  Plan plan;
  plan.points = expandSweep(spec);
  plan.seeds = spec.seeds.empty() ? std::vector<uint64_t>{spec.base.seed} : spec.seeds;
  std::map<std::string, std::string> teachers;  // key -> teacher.ckpt of the run training it
  std::map<std::string, int> baselines;         // baseline experiment -> its job
  for (size_t p = 0; p < plan.points.size(); ++p) {
    plan.runsOf.emplace_back();
    for (size_t s = 0; s < plan.seeds.size(); ++s) {
      Job kd{p, s, false, false, plan.points[p].config, ""};
      kd.config.seed = plan.seeds[s];
      kd.dir = runFolder(outDir, plan.points[p].name, plan.seeds[s]);
      if (kd.config.teacher.file.empty()) {
        const std::string key = teacherTrainingKey(kd.config);
        if (auto t = teachers.find(key); t != teachers.end()) {
          kd.config.teacher.file = t->second;
        } else {
          kd.trainsTeacher = true;
          teachers[key] = fs::absolute(fs::path(kd.dir) / "teacher.ckpt").string();
        }
      }
      const int kdJob = int(plan.jobs.size());
      plan.jobs.push_back(kd);
      int baselineJob = -1;
      const auto baseline = baselineOf(kd.config, spec.base.temperature);
      if (spec.baseline && baseline) {  // a point of no labels has none
        Job b{p, s, true, false, *baseline, kd.dir + "/baseline"};
        if (kd.trainsTeacher) b.config.teacher.file = teachers[teacherTrainingKey(kd.config)];
        const std::string key = toJson(b.config);
        if (auto known = baselines.find(key); known != baselines.end()) {
          baselineJob = known->second;
        } else {
          baselineJob = baselines[key] = int(plan.jobs.size());
          plan.jobs.push_back(b);
        }
      }
      plan.runsOf[p].emplace_back(kdJob, baselineJob);
    }
  }
  return plan;
}

std::string summaryOf(const Job& job) { return job.dir + "/summary.json"; }

// The distilled runs paired with a baseline that just finished get its figures for their
// hidden classes in their summary.json.
void recordBaselineInPairedRuns(const Plan& plan, int baselineJob,
                                const std::vector<std::optional<RunReport>>& reports) {
  for (const auto& runs : plan.runsOf)
    for (const auto& [kdJob, b] : runs) {
      const std::optional<RunReport>& kd = reports[size_t(kdJob)];
      if (b != baselineJob || !kd || kd->hiddenClasses.empty()) continue;
      recordBaselineInSummary(summaryOf(plan.jobs[size_t(kdJob)]), *reports[size_t(baselineJob)]);
    }
}

// The checkpoint an interrupted run continues from, or "" to start it afresh.
std::string resumePoint(const Job& job) {
  if (fs::exists(job.dir + "/student.ckpt")) return job.dir + "/student.ckpt";
  if (job.trainsTeacher && fs::exists(job.dir + "/teacher.ckpt")) return job.dir + "/teacher.ckpt";
  return "";
}

SweepResults collect(const Plan& plan, const std::vector<std::optional<RunReport>>& reports) {
  SweepResults results;
  results.runsTotal = int(plan.jobs.size());
  for (const auto& r : reports) results.runsDone += r.has_value();
  for (size_t p = 0; p < plan.points.size(); ++p) {
    std::vector<SeedRun> runs;
    for (size_t s = 0; s < plan.seeds.size(); ++s) {
      const auto [kdJob, baselineJob] = plan.runsOf[p][s];
      if (!reports[size_t(kdJob)] || (baselineJob >= 0 && !reports[size_t(baselineJob)])) continue;
      SeedRun run;
      run.seed = plan.seeds[s];
      run.kd = *reports[size_t(kdJob)];
      if (baselineJob >= 0) {
        run.baseline = *reports[size_t(baselineJob)];
        run.hasBaseline = true;
      }
      runs.push_back(run);
    }
    if (runs.empty()) continue;
    results.points.push_back(summarizePoint(plan.points[p], std::move(runs)));
    const auto& mean = results.points.back().student.mean;
    if (results.best < 0 || mean > results.points[size_t(results.best)].student.mean)
      results.best = int(results.points.size()) - 1;
  }
  return results;
}

void writeResults(const std::string& outDir, const Plan& plan, const SweepResults& results) {
  writeFileAtomically(outDir + "/results.json", resultsJson(results));
  writeFileAtomically(outDir + "/results.csv", resultsCsv(results));
  if (plan.points.size() == 1 && results.points.size() == 1)  // a repeat of one experiment
    writeFileAtomically(outDir + "/summary.json", pointJson(results.points[0]));
}

// A new sweep folder gets sweep.json; an existing one must hold the same sweep and be resumed.
void prepareSweepFolder(const SweepSpec& spec, const std::string& outDir, bool resume) {
  const std::string specFile = outDir + "/sweep.json";
  const std::string text = toJson(spec);
  if (fs::exists(specFile)) {
    if (!resume)
      throw Error(
          "%1 already holds a sweep: resume it (--resume, or File > Open a sweep) or choose "
          "another folder",
          {outDir});
    // Compared as read: a sweep.json of an earlier version holds the same sweep in its own form.
    if (toJson(sweepFromJson(readTextFile(specFile, Text("the sweep file")), outDir)) != text)
      throw Error("%1 holds a different sweep (its sweep.json differs from this one)", {outDir});
    return;
  }
  std::error_code error;
  fs::create_directories(outDir, error);
  if (error) throw Error("cannot create the sweep folder %1 (%2)", {outDir, error.message()});
  writeFileAtomically(specFile, text);
}

}  // namespace

SweepResults runSweep(const SweepSpec& spec, const std::string& outDir, bool resume,
                      SweepObserver& observer, RunControl& control) {
  if (!resume) refuseSettingsWithoutEffect(spec);
  prepareSweepFolder(spec, outDir, resume);
  const Plan plan = makePlan(spec, outDir);
  std::vector<std::optional<RunReport>> reports(plan.jobs.size());
  double trainedSeconds = 0;
  int trainedRuns = 0;
  size_t pointsReported = 0;
  for (size_t i = 0; i < plan.jobs.size(); ++i) {
    const Job& job = plan.jobs[i];
    SweepProgress progress{int(i),
                           int(plan.jobs.size()),
                           plan.points[job.point].name,
                           plan.seeds[job.seedIndex],
                           job.baseline,
                           false,
                           -1};
    if (trainedRuns > 0)
      progress.etaSeconds = trainedSeconds / trainedRuns * double(plan.jobs.size() - i);
    if (fs::exists(summaryOf(job))) {
      reports[i] = readSummary(summaryOf(job));
      progress.resumed = true;
      observer.onRunStarting(progress);
    } else {
      const std::string from = resumePoint(job);
      progress.resumed = !from.empty();
      observer.onRunStarting(progress);
      RunReport report = runExperiment(job.config, {job.dir, from, {}}, observer, control);
      if (report.cancelled) break;
      trainedSeconds += report.wallSeconds;
      ++trainedRuns;
      reports[i] = std::move(report);
      if (job.baseline) recordBaselineInPairedRuns(plan, int(i), reports);
    }
    // A point is finished when its last job is (jobs run point by point).
    const bool pointDone = i + 1 == plan.jobs.size() || plan.jobs[i + 1].point != job.point;
    if (pointDone && job.point >= pointsReported) {
      const SweepResults sofar = collect(plan, reports);
      writeResults(outDir, plan, sofar);
      for (const PointResult& p : sofar.points)
        if (p.point.name == plan.points[job.point].name) observer.onPointFinished(p, sofar);
      pointsReported = job.point + 1;
    }
  }
  SweepResults results = collect(plan, reports);
  results.cancelled = results.runsDone < results.runsTotal;
  writeResults(outDir, plan, results);
  return results;
}

std::string seedRunFolder(const std::string& sweepDir, const PointResult& point, size_t run) {
  return runFolder(sweepDir, point.point.name, point.runs.at(run).seed);
}

std::vector<double> studentAccuracyCurve(const std::string& runDir) {
  std::ifstream in(runDir + "/metrics.csv");
  std::vector<double> curve;
  std::string line;
  std::getline(in, line);  // the header; test_accuracy is the eighth column
  while (std::getline(in, line)) {
    if (line.rfind("student,", 0) != 0) continue;
    std::stringstream fields(line);
    std::string field;
    for (int column = 0; column <= 7 && std::getline(fields, field, ','); ++column)
      if (column == 7) curve.push_back(std::atof(field.c_str()));
  }
  return curve;
}

int plannedRuns(const SweepSpec& spec) { return int(makePlan(spec, ".").jobs.size()); }

SweepResults readSweep(const std::string& outDir) {
  const std::string specFile = outDir + "/sweep.json";
  if (!fs::exists(specFile)) throw Error("%1 is not a sweep folder (no sweep.json)", {outDir});
  const Plan plan =
      makePlan(sweepFromJson(readTextFile(specFile, Text("the sweep file")), outDir), outDir);
  std::vector<std::optional<RunReport>> reports(plan.jobs.size());
  for (size_t i = 0; i < plan.jobs.size(); ++i)
    if (fs::exists(summaryOf(plan.jobs[i]))) reports[i] = readSummary(summaryOf(plan.jobs[i]));
  SweepResults results = collect(plan, reports);
  results.cancelled = results.runsDone < results.runsTotal;
  return results;
}

}  // namespace kd
