#include "run_card.h"

#include <cmath>

#include "kd/inspection.h"

namespace kd::cli {
namespace {

void printFacts(std::FILE* out, const char* role, const ModelFacts& f, double accuracy) {
  std::fprintf(out, "%-8s %-20s %7.2f%% %11lld %11lld %10lld %10lld %9.3f ms (%s)\n", role,
               f.name.c_str(), 100 * accuracy, static_cast<long long>(f.parameters),
               static_cast<long long>(f.macs), static_cast<long long>(f.fileBytes),
               static_cast<long long>(f.weightBytes), f.latencyMs, f.latencyDevice.c_str());
}

void printRetrieval(std::FILE* out, const char* role, const RetrievalScores& r) {
  std::fprintf(out, "  %-8s recall@1 %6.2f%%, recall@5 %6.2f%%, mAP %6.2f%%\n", role,
               100 * r.recallAt1, 100 * r.recallAt5, 100 * r.meanAveragePrecision);
}

void printSimilarity(std::FILE* out, const RepresentationReport& r, const char* other,
                     const std::vector<std::vector<double>>& cka) {
  std::fprintf(out,
               "layer similarity (linear CKA, first %lld test images), teacher stage x %s "
               "stage:\n",
               static_cast<long long>(r.similarityImages), other);
  for (size_t t = 0; t < cka.size(); ++t) {
    std::fprintf(out, "  teacher %zu:", t + 1);
    for (double value : cka[t]) std::fprintf(out, " %6.3f", value);
    std::fprintf(out, "\n");
  }
}

// Retrieval by each model's embedding, and linear CKA between their stages; the no-KD baseline
// too when the run folder holds it (baseline/, as the window trains it).
void printRepresentation(std::FILE* out, const RepresentationReport& r) {
  std::fprintf(out,
               "same-class retrieval by the embedding's cosine, each of %lld test images "
               "querying the others:\n",
               static_cast<long long>(r.images));
  if (r.teacherKnown) printRetrieval(out, "teacher", r.teacher);
  printRetrieval(out, "student", r.student);
  if (r.baselineKnown) printRetrieval(out, "baseline", r.baseline);
  if (!r.teacherKnown) {
    std::fprintf(out, "layer similarity: n/a (a TorchScript teacher does not show its layers)\n");
    return;
  }
  printSimilarity(out, r, "student", r.layerSimilarity);
  if (r.baselineKnown) printSimilarity(out, r, "baseline", r.baselineSimilarity);
}

}  // namespace

void printRunCard(const std::string& runDir, std::FILE* out) {
  RunInspector inspector(runDir);
  const Predictions& p = inspector.data();
  // [teacher right][student right]
  long long outcomes[2][2] = {{0, 0}, {0, 0}};
  for (int64_t i = 0; i < p.count; ++i) {
    const int label = p.labels[size_t(i)];
    ++outcomes[p.topClass(Role::kTeacher, i) == label][p.topClass(Role::kStudent, i) == label];
  }
  const double n = double(p.count);
  std::fprintf(out, "%s: %lld test images, T = %g\n", runDir.c_str(),
               static_cast<long long>(p.count), p.temperature);
  std::fprintf(out, "%-8s %-20s %8s %11s %11s %10s %10s %s\n", "model", "name", "accuracy",
               "parameters", "MACs/image", "file B", "weights B", "latency/image (batch 1)");
  printFacts(out, "teacher", p.teacher, double(outcomes[1][0] + outcomes[1][1]) / n);
  printFacts(out, "student", p.student, double(outcomes[0][1] + outcomes[1][1]) / n);
  std::fprintf(out,
               "both right %lld, teacher right and student wrong %lld, student right and "
               "teacher wrong %lld, both wrong %lld\n",
               outcomes[1][1], outcomes[1][0], outcomes[0][1], outcomes[0][0]);
  printLabelsUsed(out, inspector.summary());
  printRepresentation(out, inspector.representation());
}

void writeEmbeddings(const std::string& runDir, const EmbeddingMapRequest& request,
                     const std::string& csvPath, bool dryRun, std::FILE* progress) {
  RunInspector inspector(runDir);
  if (dryRun) {
    const int64_t images = inspector.data().count;
    std::fprintf(progress, "dry run: would write %zu maps of %lld test images to %s\n",
                 inspector.embeddedModels().size(),
                 static_cast<long long>(
                     request.images > 0 && request.images < images ? request.images : images),
                 csvPath.c_str());
    return;
  }
  int shown = -1;
  const EmbeddingMaps maps = inspector.embeddingMaps(request, [&](int done, int of) {
    const int percent = 100 * done / of;
    if (percent / 10 != shown / 10) std::fprintf(progress, "maps: %d%%\n", percent);
    shown = percent;
    return true;
  });
  writeEmbeddingMapsCsv(maps, csvPath);
  std::fprintf(progress, "%zu maps of %zu test images written to %s\n", maps.maps.size(),
               maps.images.size(), csvPath.c_str());
}

void printLabelsUsed(std::FILE* out, const RunReport& r) {
  if (r.labelsUsed >= r.transferImages) return;  // every image labelled, or an older summary
  std::fprintf(out,
               "labels used: %lld of %lld transfer images (the teacher's answers for the "
               "rest), %lld steps\n",
               static_cast<long long>(r.labelsUsed), static_cast<long long>(r.transferImages),
               static_cast<long long>(r.steps));
}

void printHiddenClass(std::FILE* out, const HiddenClassReport& h) {
  char baseline[32] = "n/a (no baseline trained)";
  if (!std::isnan(h.baseline)) std::snprintf(baseline, sizeof baseline, "%.2f%%", 100 * h.baseline);
  std::fprintf(out,
               "hidden class %d (%s): teacher %.2f%%, student %.2f%%, corrected %.2f%% (bias "
               "%+.2f), baseline %s\n",
               h.classIndex, h.name.c_str(), 100 * h.teacher, 100 * h.student,
               100 * h.studentCorrected, h.biasShift, baseline);
}

}  // namespace kd::cli
