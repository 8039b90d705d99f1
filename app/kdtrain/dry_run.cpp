#include "dry_run.h"

#include <filesystem>

#include "kd/devices.h"
#include "kd/error.h"
#include "kd/methods.h"
#include "kd/sweep.h"

namespace kd::cli {
namespace {

std::string teacherOf(const ExperimentConfig& c) {
  return c.teacher.file.empty() ? c.teacher.arch.name + " trained here for " +
                                      std::to_string(c.teacher.training.epochs) + " epochs"
                                : c.teacher.file;
}

std::string fraction(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

// The data a run learns from: the labels it keeps and the folder of unlabelled images it adds.
// How many labels a count gives each class is checked when the dataset is read.
std::string dataOf(const DataConfig& d) {
  std::string text = d.source;
  if (d.labelled == 0)
    text += " (no label: distillation alone)";
  else if (d.labelled > 0 && d.labelled < 1)
    text += " (a fraction " + fraction(d.labelled) + " labelled)";
  else if (d.labelled >= 1)
    text += " (" + std::to_string(int64_t(d.labelled)) + " labelled images)";
  if (!d.unlabelled.empty()) text += " and the unlabelled images of " + d.unlabelled;
  return text;
}

}  // namespace

void printPlan(std::FILE* out, const Options& o) {
  const ExperimentConfig& c = o.config;
  if (!c.data.unlabelled.empty() && !std::filesystem::is_directory(c.data.unlabelled))
    throw Error("the folder of unlabelled images %1 does not exist", {c.data.unlabelled});
  std::fprintf(out, "dry run: the options, files and experiment are valid; nothing was written\n");
  if (o.sweep) {
    const size_t points = expandSweep(*o.sweep).size();
    const size_t seeds = o.sweep->seeds.empty() ? 1 : o.sweep->seeds.size();
    std::fprintf(out, "would %s a sweep of %zu point(s) x %zu seed(s)%s into %s\n",
                 o.resumeSweep ? "continue" : "run", points, seeds,
                 o.sweep->baseline ? ", with no-KD baselines (none for a point of no labels)" : "",
                 o.outDir.c_str());
    return;
  }
  std::fprintf(out, "would %s: teacher %s -> student %s on %s, %d epochs, %s, into %s\n",
               o.resumeFrom.empty() ? "run" : ("resume " + o.resumeFrom).c_str(),
               teacherOf(c).c_str(), c.student.name.c_str(), dataOf(c.data).c_str(),
               c.training.epochs, methodSummary(c).c_str(), o.outDir.c_str());
  std::string precision = nameOf(c.precision);
  if (c.precision == Precision::kAuto)
    precision += std::string(": ") + nameOf(resolvePrecision(c.precision, false, cpuFeatures()));
  std::fprintf(out, "precision %s on the CPU (it has %s)\n", precision.c_str(),
               cpuFeatures().text().c_str());
}

}  // namespace kd::cli
