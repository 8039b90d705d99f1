#include "run/run_files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "json_io.h"
#include "kd/error.h"

namespace kd {
namespace {

const char* kHeader =
    "phase,epoch,loss,ce,kd_scaled,kl,train_accuracy,test_accuracy,teacher_test_accuracy,"
    "learning_rate,seconds";

nlohmann::json modelJson(const ModelReport& m) {
  return {{"name", m.name},
          {"parameters", m.parameters},
          {"macs", m.macs},
          {"test_accuracy", m.testAccuracy},
          {"per_class_accuracy", m.perClassAccuracy},
          {"confusion", m.confusion}};
}

// null (a class without test images, or no baseline) reads back as NaN.
double fractionOrNaN(const nlohmann::json& v, const std::string& context) {
  if (v.is_null()) return kNotApplicable;
  if (!v.is_number()) throw Error("%1 must be a number or null", {context});
  return v.get<double>();
}

ModelReport modelFromJson(const nlohmann::json& j, const std::string& context) {
  ModelReport m;
  readOptional(j, "name", m.name, context);
  readOptional(j, "parameters", m.parameters, context);
  readOptional(j, "macs", m.macs, context);
  readOptional(j, "test_accuracy", m.testAccuracy, context);
  if (auto p = j.find("per_class_accuracy"); p != j.end() && p->is_array())
    for (const auto& v : *p) m.perClassAccuracy.push_back(fractionOrNaN(v, context));
  return m;
}

nlohmann::json hiddenClassJson(const HiddenClassReport& h) {
  return {{"class", h.classIndex},
          {"name", h.name},
          {"teacher", h.teacher},
          {"student", h.student},
          {"student_corrected", h.studentCorrected},
          {"bias_shift", h.biasShift},
          {"baseline", h.baseline}};  // NaN is written as null
}

HiddenClassReport hiddenClassFromJson(const nlohmann::json& j, const std::string& context) {
  HiddenClassReport h;
  readOptional(j, "class", h.classIndex, context);
  readOptional(j, "name", h.name, context);
  h.teacher = fractionOrNaN(j.value("teacher", nlohmann::json()), context);
  h.student = fractionOrNaN(j.value("student", nlohmann::json()), context);
  h.studentCorrected = fractionOrNaN(j.value("student_corrected", nlohmann::json()), context);
  readOptional(j, "bias_shift", h.biasShift, context);
  h.baseline = fractionOrNaN(j.value("baseline", nlohmann::json()), context);
  return h;
}

}  // namespace

nlohmann::json retrievalJson(const RetrievalScores& r) {
  return {{"recall_at_1", r.recallAt1},
          {"recall_at_5", r.recallAt5},
          {"map", r.meanAveragePrecision},
          {"queries", r.queries}};
}

RetrievalScores retrievalFromJson(const nlohmann::json& j, const std::string& context) {
  RetrievalScores r;
  readOptional(j, "recall_at_1", r.recallAt1, context);
  readOptional(j, "recall_at_5", r.recallAt5, context);
  readOptional(j, "map", r.meanAveragePrecision, context);
  readOptional(j, "queries", r.queries, context);
  return r;
}

// "representation": {"images", "student": retrieval, "teacher": retrieval or absent,
// "layer_similarity": {"images", "teacher_by_student": [[...]]} or absent}.
nlohmann::json representationJson(const RunRepresentation& r) {
  nlohmann::json j = {{"images", r.images}, {"student", retrievalJson(r.student)}};
  if (r.teacher) {
    j["teacher"] = retrievalJson(*r.teacher);
    j["layer_similarity"] = {{"images", r.similarityImages},
                             {"teacher_by_student", r.layerSimilarity}};
  }
  return j;
}

RunRepresentation representationFromJson(const nlohmann::json& j, const std::string& context) {
  if (!j.is_object()) throw Error("%1: representation is not an object", {context});
  RunRepresentation r;
  r.known = true;
  readOptional(j, "images", r.images, context);
  r.student = retrievalFromJson(j.value("student", nlohmann::json::object()), context);
  if (auto t = j.find("teacher"); t != j.end()) r.teacher = retrievalFromJson(*t, context);
  if (auto s = j.find("layer_similarity"); s != j.end() && s->is_object()) {
    readOptional(*s, "images", r.similarityImages, context);
    readOptional(*s, "teacher_by_student", r.layerSimilarity, context);
  }
  return r;
}

void writeFileAtomically(const std::string& path, const std::string& content) {
  const std::string temporary = path + ".tmp";
  std::string why;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) why = std::strerror(errno);
  }
  std::error_code error;
  if (why.empty()) std::filesystem::rename(temporary, path, error);
  if (why.empty() && !error) return;
  std::remove(temporary.c_str());
  throw Error("cannot write %1 (%2); is the folder writable and the disk not full?",
              {path, why.empty() ? error.message() : why});
}

std::string probeFile(const std::string& runDir, int epoch) {
  char name[32];
  std::snprintf(name, sizeof name, "epoch-%03d.f32", epoch);
  return (std::filesystem::path(runDir) / "probe" / name).string();
}

std::string probeEmbeddingFile(const std::string& runDir, int epoch) {
  char name[40];
  std::snprintf(name, sizeof name, "epoch-%03d.embedding.f32", epoch);
  return (std::filesystem::path(runDir) / "probe" / name).string();
}

std::string teacherTestFile(const std::string& runDir) {
  return (std::filesystem::path(runDir) / "teacher_test.f32").string();
}

void writeLogits(const std::string& path, const std::vector<float>& logits) {
  std::error_code error;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), error);
  writeFileAtomically(path, std::string(reinterpret_cast<const char*>(logits.data()),
                                        logits.size() * sizeof(float)));
}

std::vector<float> readLogits(const std::string& path, size_t values) {
  std::error_code error;
  if (std::filesystem::file_size(path, error) != values * sizeof(float) || error) return {};
  std::vector<float> logits(values);
  std::ifstream in(path, std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(logits.data()), std::streamsize(values * sizeof(float))))
    return {};
  return logits;
}

void MetricsLog::keepRowsBefore(Phase phase, int epoch) {
  std::ifstream in(path_);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    bool isTeacher = line.rfind("teacher,", 0) == 0;
    int rowEpoch = std::atoi(line.c_str() + line.find(',') + 1);
    bool before = phase == Phase::kStudent ? (isTeacher || rowEpoch < epoch)
                                           : (isTeacher && rowEpoch < epoch);
    if (before) rows_.push_back(line);
  }
}

void MetricsLog::append(const EpochMetrics& m, double teacherTestAccuracy) {
  char row[512];
  std::snprintf(row, sizeof row, "%s,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6g,%.2f",
                phaseName(m.phase), m.epoch, m.loss.total, m.loss.ce, m.loss.kdScaled, m.loss.kl,
                m.trainAccuracy, m.testAccuracy, teacherTestAccuracy, m.learningRate, m.seconds);
  std::string line = row;
  for (size_t i = 0; i < terms_.size(); ++i) {
    std::snprintf(row, sizeof row, ",%.6f", m.loss.terms[i]);
    line += row;
  }
  rows_.push_back(line);
  write();
}

void MetricsLog::write() const {
  std::ostringstream out;
  out << kHeader;
  for (const auto& term : terms_) out << ',' << term;
  out << '\n';
  for (const auto& r : rows_) out << r << '\n';
  writeFileAtomically(path_, out.str());
}

std::string summaryJson(const RunReport& r) {
  nlohmann::json j = {
      {"version", RunReport::kVersion},
      {"classes", r.classes},
      {"teacher", modelJson(r.teacher)},
      {"student", modelJson(r.student)},
      {"agreement", r.agreement},
      {"compression",
       r.student.parameters ? double(r.teacher.parameters) / double(r.student.parameters) : 0.0},
      {"wall_seconds", r.wallSeconds},
      {"device", r.device},
      {"threads", r.threads},
      {"precision", r.precision},
      {"cpu_features", r.cpuFeatures},
      {"method", r.method},
      {"method_settings", r.methodSettings},
      {"cancelled", r.cancelled},
      {"skipped_files", r.skippedFiles},
      {"transfer_images", r.transferImages},
      {"labels_used", r.labelsUsed},
      {"steps", r.steps}};
  if (!r.teacherTrainedOn.empty()) j["teacher_trained_on"] = r.teacherTrainedOn;
  if (r.processes > 1)
    j["data_parallel"] = {{"processes", r.processes},
                          {"backend", r.backend},
                          {"communication_seconds_per_step", r.communicationSecondsPerStep}};
  if (!r.hiddenClasses.empty()) {
    j["hidden_classes"] = nlohmann::json::array();
    for (const auto& h : r.hiddenClasses) j["hidden_classes"].push_back(hiddenClassJson(h));
    j["corrected_student_test_accuracy"] = r.correctedStudentAccuracy;
  }
  if (r.representation.known) j["representation"] = representationJson(r.representation);
  return j.dump(2) + "\n";
}

void recordBaselineInSummary(const std::string& summaryPath, const RunReport& baseline) {
  nlohmann::json j = parseJson(readTextFile(summaryPath, Text("the run summary")), summaryPath);
  auto hidden = j.find("hidden_classes");
  if (hidden == j.end() || !hidden->is_array()) return;
  std::vector<HiddenClassReport> reports;
  for (const auto& entry : *hidden) reports.push_back(hiddenClassFromJson(entry, summaryPath));
  attachBaseline(reports, baseline);
  for (size_t i = 0; i < reports.size(); ++i) (*hidden)[i]["baseline"] = reports[i].baseline;
  writeFileAtomically(summaryPath, j.dump(2) + "\n");
}

RunReport readSummary(const std::string& path) {
  const nlohmann::json j = parseJson(readTextFile(path, Text("the run summary")), path);
  if (!j.is_object() || !j.contains("student")) throw Error("%1 is not a run's summary", {path});
  checkFormatVersion(j, RunReport::kVersion, Text("the run summary %1", {path}));
  RunReport r;
  readOptional(j, "classes", r.classes, path);
  r.teacher = modelFromJson(j.value("teacher", nlohmann::json::object()), path + ": teacher");
  r.student = modelFromJson(j["student"], path + ": student");
  readOptional(j, "agreement", r.agreement, path);
  readOptional(j, "wall_seconds", r.wallSeconds, path);
  readOptional(j, "device", r.device, path);
  readOptional(j, "threads", r.threads, path);
  readOptional(j, "precision", r.precision, path);
  readOptional(j, "cpu_features", r.cpuFeatures, path);
  readOptional(j, "method", r.method, path);
  readOptional(j, "method_settings", r.methodSettings, path);
  readOptional(j, "cancelled", r.cancelled, path);
  readOptional(j, "skipped_files", r.skippedFiles, path);
  readOptional(j, "teacher_trained_on", r.teacherTrainedOn, path);
  readOptional(j, "transfer_images", r.transferImages, path);
  readOptional(j, "labels_used", r.labelsUsed, path);
  readOptional(j, "steps", r.steps, path);
  if (auto h = j.find("hidden_classes"); h != j.end() && h->is_array())
    for (const auto& entry : *h)
      r.hiddenClasses.push_back(hiddenClassFromJson(entry, path + ": hidden_classes"));
  if (auto c = j.find("corrected_student_test_accuracy"); c != j.end())
    r.correctedStudentAccuracy = fractionOrNaN(*c, path);
  if (auto rep = j.find("representation"); rep != j.end())
    r.representation = representationFromJson(*rep, path + ": representation");
  return r;
}

}  // namespace kd
