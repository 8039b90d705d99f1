// kdtrain: runs a knowledge-distillation experiment headless, from a JSON file and flags.
#include <c10/util/Exception.h>

#include <cstdio>

#include "cli_options.h"
#include "console_observer.h"
#include "dry_run.h"
#include "kd/error.h"
#include "kd/experiment_runner.h"
#include "run_card.h"
#include "sweep_report.h"

namespace {

std::string who = "kdtrain";  // with the rank in a data-parallel run: every rank prints errors

}  // namespace

int main(int argc, char** argv) {
  try {
    kd::cli::Options options = kd::cli::parse(argc, argv);
    const auto& launch = options.distributed;
    if (launch)
      who = "kdtrain (rank " + std::to_string(launch->rank) + " of " +
            std::to_string(launch->worldSize) + ")";
    if (options.help) {
      std::fputs(options.helpText.c_str(), stdout);
      return 0;
    }
    if (!options.inspectDir.empty()) {
      kd::cli::printRunCard(options.inspectDir, stdout);
      return 0;
    }
    if (!options.embeddingsDir.empty()) {
      kd::cli::writeEmbeddings(options.embeddingsDir, options.map, options.outDir, options.dryRun,
                               stderr);
      return 0;
    }
    for (const kd::Text& note : options.notes)
      std::fprintf(stderr, "%s: note: %s\n", who.c_str(), note.english().c_str());
    if (options.dryRun) {
      kd::cli::printPlan(stdout, options);
      return 0;
    }
    kd::cli::ConsoleObserver observer;
    kd::RunControl control;
    if (options.sweep) {
      kd::SweepResults results =
          kd::runSweep(*options.sweep, options.outDir, options.resumeSweep, observer, control);
      kd::cli::printSweep(stdout, results, options.outDir);
      return 0;
    }
    kd::TrainingObserver quiet;  // ranks other than 0 print only their errors
    const bool main = !launch || launch->rank == 0;
    if (launch && main)
      observer.onMessage(kd::Text(
          "data-parallel: %1 processes, global batch %2 (%3 a process); rank 0 writes %4",
          {std::to_string(launch->worldSize), std::to_string(options.config.training.batchSize),
           std::to_string(options.config.training.batchSize / launch->worldSize), options.outDir}));
    kd::RunReport r =
        kd::runExperiment(options.config, {options.outDir, options.resumeFrom, launch},
                          main ? static_cast<kd::TrainingObserver&>(observer) : quiet, control);
    if (!main) return 0;
    std::printf("teacher %s: test accuracy %.2f%%, %lld parameters, %lld MACs\n",
                r.teacher.name.c_str(), 100 * r.teacher.testAccuracy,
                (long long)r.teacher.parameters, (long long)r.teacher.macs);
    std::printf("student %s: test accuracy %.2f%%, %lld parameters, %lld MACs\n",
                r.student.name.c_str(), 100 * r.student.testAccuracy,
                (long long)r.student.parameters, (long long)r.student.macs);
    kd::cli::printLabelsUsed(stdout, r);
    if (!r.teacherTrainedOn.empty())
      std::printf("the teacher knows other data (%s); it taught because it was allowed\n",
                  r.teacherTrainedOn.c_str());
    for (const auto& h : r.hiddenClasses) kd::cli::printHiddenClass(stdout, h);
    if (!r.hiddenClasses.empty())
      std::printf("the exported student.pt holds the corrected biases: test accuracy %.2f%%\n",
                  100 * r.correctedStudentAccuracy);
    if (!r.skippedFiles.empty())
      std::printf("skipped %zu dataset files that could not be used (listed in %s/summary.json)\n",
                  r.skippedFiles.size(), options.outDir.c_str());
    std::printf("agreement %.2f%%, %.1f s on %s with %d threads in %s; results in %s\n",
                100 * r.agreement, r.wallSeconds, r.device.c_str(), r.threads, r.precision.c_str(),
                options.outDir.c_str());
    if (r.processes > 1)
      std::printf("data-parallel: %d processes (%s), %.2f ms a step waiting for the others\n",
                  r.processes, r.backend.c_str(), 1000 * r.communicationSecondsPerStep);
    return 0;
  } catch (const kd::Error& e) {
    std::fprintf(stderr, "%s: error: %s\n", who.c_str(), e.what());
    return 2;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "%s: error: out of memory\n", who.c_str());
    return 2;
  } catch (const c10::Error& e) {
    std::fprintf(stderr, "%s: error: %s\n", who.c_str(), e.what_without_backtrace());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: error: %s\n", who.c_str(), e.what());
    return 1;
  }
}
