#include "dry_run.h"

#include "kd/sweep.h"

namespace kd::cli {
namespace {

std::string teacherOf(const ExperimentConfig& c) {
  return c.teacher.file.empty() ? c.teacher.arch.name + " trained here for " +
                                      std::to_string(c.teacher.training.epochs) + " epochs"
                                : c.teacher.file;
}

}  // namespace

void printPlan(std::FILE* out, const Options& o) {
  const ExperimentConfig& c = o.config;
  std::fprintf(out, "dry run: the options, files and experiment are valid; nothing was written\n");
  if (o.sweep) {
    const size_t points = expandSweep(*o.sweep).size();
    const size_t seeds = o.sweep->seeds.empty() ? 1 : o.sweep->seeds.size();
    std::fprintf(out, "would %s a sweep of %zu point(s) x %zu seed(s)%s into %s\n",
                 o.resumeSweep ? "continue" : "run", points, seeds,
                 o.sweep->baseline ? ", with no-KD baselines (none for a point of no labels)" : "", o.outDir.c_str());
    return;
  }
  std::fprintf(out,
               "would %s: teacher %s -> student %s on %s, %d epochs, alpha %g, T %g, into %s\n",
               o.resumeFrom.empty() ? "run" : ("resume " + o.resumeFrom).c_str(),
               teacherOf(c).c_str(), c.student.name.c_str(), c.data.source.c_str(),
               c.training.epochs, c.alpha, c.temperature, o.outDir.c_str());
}

}  // namespace kd::cli
