#include "sweep_report.h"

#include <cmath>

#include "run_card.h"

namespace kd::cli {
namespace {

// "85.21% (sd 0.40, 95% CI 84.21 to 86.21)" in percent; the interval only with 2+ seeds.
std::string accuracyText(const Estimate& e) {
  char text[128];
  if (e.n < 2)
    std::snprintf(text, sizeof text, "%.2f%%", 100 * e.mean);
  else
    std::snprintf(text, sizeof text, "%.2f%% (sd %.2f, 95%% CI %.2f to %.2f)", 100 * e.mean,
                  100 * e.sd, 100 * e.low, 100 * e.high);
  return text;
}

}  // namespace

void printPoint(std::FILE* out, const PointResult& p) {
  std::fprintf(out, "%s: student %s over %d seed%s", p.point.name.c_str(),
               accuracyText(p.student).c_str(), p.student.n, p.student.n == 1 ? "" : "s");
  if (p.baseline.n > 0) {
    std::fprintf(out, "; baseline %s; KD - baseline %+.2f pp", accuracyText(p.baseline).c_str(),
                 100 * p.difference.mean);
    if (p.difference.n >= 2)
      std::fprintf(out, " (95%% CI %+.2f to %+.2f)", 100 * p.difference.low,
                   100 * p.difference.high);
    std::fprintf(out, ", KD won %d of %d", p.kdWins, p.difference.n);
  }
  std::fprintf(out, "\n");
  for (const HiddenClassEstimate& e : p.hiddenClasses) {
    const HiddenClassReport mean{
        e.classIndex,     e.name,         e.teacher.mean, e.student.mean, e.studentCorrected.mean,
        e.biasShift.mean, e.baseline.mean};
    std::fprintf(out, "  mean of %d seed%s: ", e.student.n, e.student.n == 1 ? "" : "s");
    printHiddenClass(out, mean);
  }
}

void printSweep(std::FILE* out, const SweepResults& results, const std::string& outDir) {
  for (const PointResult& p : results.points) printPoint(out, p);
  if (results.best >= 0)
    std::fprintf(out, "best: %s\n", results.points[size_t(results.best)].point.name.c_str());
  std::fprintf(out, "%d of %d runs done%s; results in %s/results.csv and results.json\n",
               results.runsDone, results.runsTotal,
               results.runsDone < results.runsTotal ? " (resume with --resume)" : "",
               outDir.c_str());
}

}  // namespace kd::cli
