// A sweep's results: each point's seeds aggregated, written as results.json and results.csv.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>

#include "kd/sweep.h"

namespace kd {
namespace {

using ordered = nlohmann::ordered_json;

ordered estimateJson(const Estimate& e) {
  return {{"n", e.n}, {"mean", e.mean}, {"sd", e.sd}, {"ci95", {e.low, e.high}}};
}

ordered estimateOrNull(const Estimate& e) { return e.n > 0 ? estimateJson(e) : ordered(nullptr); }

ordered hiddenClassesObject(const std::vector<HiddenClassEstimate>& hidden) {
  ordered list = ordered::array();
  for (const HiddenClassEstimate& h : hidden)
    list.push_back({{"class", h.classIndex},
                    {"name", h.name},
                    {"teacher", estimateJson(h.teacher)},
                    {"student", estimateJson(h.student)},
                    {"student_corrected", estimateJson(h.studentCorrected)},
                    {"bias_shift", estimateJson(h.biasShift)},
                    {"baseline", estimateOrNull(h.baseline)}});
  return list;
}

// Each hidden class over the seeds (the runs of one point hide the same classes).
std::vector<HiddenClassEstimate> estimateHiddenClasses(const std::vector<SeedRun>& runs) {
  std::vector<HiddenClassEstimate> estimates;
  for (size_t i = 0; !runs.empty() && i < runs[0].kd.hiddenClasses.size(); ++i) {
    std::vector<double> teacher, student, corrected, shift, baseline;
    for (const SeedRun& r : runs) {
      const HiddenClassReport& h = r.kd.hiddenClasses.at(i);
      teacher.push_back(h.teacher);
      student.push_back(h.student);
      corrected.push_back(h.studentCorrected);
      shift.push_back(h.biasShift);
      baseline.push_back(h.baseline);
    }
    const HiddenClassReport& first = runs[0].kd.hiddenClasses[i];
    estimates.push_back({first.classIndex, first.name, estimateMean(teacher), estimateMean(student),
                         estimateMean(corrected), estimateMean(shift), estimateMean(baseline)});
  }
  return estimates;
}

ordered pointObject(const PointResult& p) {
  ordered settings = ordered::object();
  for (const auto& [setting, value] : p.point.settings) settings[setting] = ordered::parse(value);
  ordered runs = ordered::array();
  for (const SeedRun& r : p.runs) {
    ordered run = {{"seed", r.seed},
                   {"student_accuracy", r.kd.student.testAccuracy},
                   {"teacher_accuracy", r.kd.teacher.testAccuracy},
                   {"agreement", r.kd.agreement},
                   {"labels_used", r.kd.labelsUsed},
                   {"steps", r.kd.steps},
                   {"wall_seconds", r.kd.wallSeconds}};
    if (r.hasBaseline) {
      run["baseline_accuracy"] = r.baseline.student.testAccuracy;
      run["baseline_labels_used"] = r.baseline.labelsUsed;
      run["baseline_steps"] = r.baseline.steps;
    }
    runs.push_back(run);
  }
  ordered j = {{"name", p.point.name},
               {"settings", settings},
               {"student", p.point.config.student.name},
               {"parameters", p.runs.empty() ? 0 : p.runs[0].kd.student.parameters},
               {"macs", p.runs.empty() ? 0 : p.runs[0].kd.student.macs},
               {"student_accuracy", estimateJson(p.student)},
               {"teacher_accuracy", estimateJson(p.teacher)},
               {"agreement", estimateJson(p.agreement)}};
  if (p.baseline.n > 0) {
    j["baseline_accuracy"] = estimateJson(p.baseline);
    j["kd_minus_baseline"] = estimateJson(p.difference);
    j["kd_wins"] = p.kdWins;
  }
  if (!p.hiddenClasses.empty()) {
    j["corrected_student_accuracy"] = estimateJson(p.correctedStudent);
    j["hidden_classes"] = hiddenClassesObject(p.hiddenClasses);
  }
  j["median_seed"] =
      p.medianRun >= 0 ? ordered(p.runs[size_t(p.medianRun)].seed) : ordered(nullptr);
  j["runs"] = runs;
  j["wall_seconds"] = p.wallSeconds;
  return j;
}

std::string number(double v) {
  if (std::isnan(v)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

std::string csvField(std::string text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  for (size_t i = text.find('"'); i != std::string::npos; i = text.find('"', i + 2))
    text.insert(i, 1, '"');
  return "\"" + text + "\"";
}

}  // namespace

PointResult summarizePoint(const SweepPoint& point, std::vector<SeedRun> runs) {
  PointResult p;
  p.point = point;
  p.runs = std::move(runs);
  std::vector<double> student, baseline, difference, teacher, agreement, corrected;
  for (SeedRun& r : p.runs) {
    if (r.hasBaseline) attachBaseline(r.kd.hiddenClasses, r.baseline);
    student.push_back(r.kd.student.testAccuracy);
    teacher.push_back(r.kd.teacher.testAccuracy);
    agreement.push_back(r.kd.agreement);
    corrected.push_back(r.kd.correctedStudentAccuracy);
    p.wallSeconds += r.kd.wallSeconds;
    if (!r.hasBaseline) continue;
    baseline.push_back(r.baseline.student.testAccuracy);
    difference.push_back(r.kd.student.testAccuracy - r.baseline.student.testAccuracy);
    if (difference.back() > 0) ++p.kdWins;
  }
  p.student = estimateMean(student);
  p.baseline = estimateMean(baseline);
  p.difference = estimateMean(difference);
  p.teacher = estimateMean(teacher);
  p.agreement = estimateMean(agreement);
  p.hiddenClasses = estimateHiddenClasses(p.runs);
  if (!p.hiddenClasses.empty()) p.correctedStudent = estimateMean(corrected);
  if (!p.runs.empty()) {
    std::vector<int> order(p.runs.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return student[size_t(a)] < student[size_t(b)]; });
    p.medianRun = order[(order.size() - 1) / 2];
  }
  return p;
}

std::string resultsJson(const SweepResults& results) {
  ordered points = ordered::array();
  for (const PointResult& p : results.points) points.push_back(pointObject(p));
  ordered j = {{"version", SweepSpec::kVersion},
               {"runs_done", results.runsDone},
               {"runs_total", results.runsTotal},
               {"complete", results.runsDone == results.runsTotal},
               {"best", results.best >= 0 ? ordered(results.points[size_t(results.best)].point.name)
                                          : ordered(nullptr)},
               {"points", points}};
  return j.dump(2) + "\n";
}

std::string pointJson(const PointResult& point) { return pointObject(point).dump(2) + "\n"; }

std::string resultsCsv(const SweepResults& results) {
  std::vector<std::string> settings;
  for (const PointResult& p : results.points)
    for (const auto& s : p.point.settings)
      if (std::find(settings.begin(), settings.end(), s.first) == settings.end())
        settings.push_back(s.first);
  std::string out = "point";
  for (const auto& s : settings) out += "," + csvField(settingLabel(s));
  out +=
      ",seeds,student_mean,student_sd,student_ci_low,student_ci_high,baseline_mean,baseline_sd,"
      "kd_minus_baseline,kd_minus_baseline_ci_low,kd_minus_baseline_ci_high,kd_wins,"
      "teacher_mean,agreement_mean,parameters,macs,best,wall_seconds\n";
  for (size_t i = 0; i < results.points.size(); ++i) {
    const PointResult& p = results.points[i];
    out += csvField(p.point.name);
    for (const auto& s : settings) {
      auto it = std::find_if(p.point.settings.begin(), p.point.settings.end(),
                             [&](const Setting& x) { return x.first == s; });
      out +=
          "," + (it == p.point.settings.end() ? std::string() : csvField(valueLabel(it->second)));
    }
    const bool paired = p.baseline.n > 0;
    for (double v :
         {double(p.student.n), p.student.mean, p.student.sd, p.student.low, p.student.high,
          p.baseline.mean, p.baseline.sd, p.difference.mean, p.difference.low, p.difference.high})
      out += "," + number(v);
    out += "," + (paired ? std::to_string(p.kdWins) : std::string());
    out += "," + number(p.teacher.mean) + "," + number(p.agreement.mean);
    out += "," + (p.runs.empty() ? std::string() : std::to_string(p.runs[0].kd.student.parameters));
    out += "," + (p.runs.empty() ? std::string() : std::to_string(p.runs[0].kd.student.macs));
    out += std::string(",") + (int(i) == results.best ? "1" : "0");
    out += "," + number(p.wallSeconds) + "\n";
  }
  return out;
}

}  // namespace kd
