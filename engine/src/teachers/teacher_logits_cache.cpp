#include "teachers/teacher_logits_cache.h"

#include <filesystem>
#include <sstream>
#include <string_view>

#include "kd/catalogue.h"

namespace kd {
namespace {

namespace fs = std::filesystem;

std::string valuesOf(const torch::Tensor& t) {
  const torch::Tensor cpu = t.to(torch::kCPU, torch::kDouble).contiguous().flatten();
  std::ostringstream out;
  out.precision(17);
  for (int64_t i = 0; i < cpu.numel(); ++i) out << cpu[i].item<double>() << ',';
  return out.str();
}

std::string imagesKey(const Dataset& data) {
  const torch::Tensor bytes = data.images.to(torch::kCPU).contiguous();
  const std::string_view view(static_cast<const char*>(bytes.data_ptr()), size_t(bytes.nbytes()));
  std::ostringstream out;
  out << bytes.sizes() << '#' << std::hash<std::string_view>{}(view);
  return out.str();
}

}  // namespace

TeacherLogitsCache& TeacherLogitsCache::instance() {
  static TeacherLogitsCache cache;
  return cache;
}

std::string TeacherLogitsCache::teacherKey(const std::string& file, const ArchSpec& arch,
                                           Precision precision) {
  std::error_code error;
  const fs::path path = fs::canonical(teacherFilePath(file), error);
  if (error) return {};
  const auto size = fs::file_size(path, error);
  if (error) return {};
  const auto modified = fs::last_write_time(path, error);
  if (error) return {};
  std::ostringstream out;
  out << path.string() << '|' << size << '|' << modified.time_since_epoch().count() << '|'
      << toJson(arch) << '|' << nameOf(precision);
  return out.str();
}

torch::Tensor TeacherLogitsCache::logits(const std::string& teacherKey, const Dataset& data,
                                         const InputPipeline& pipeline,
                                         const std::function<torch::Tensor()>& compute) {
  if (teacherKey.empty()) return compute();
  const std::string key = teacherKey + '|' + imagesKey(data) + '|' + valuesOf(pipeline.mean()) +
                          '|' + valuesOf(pipeline.invStd()) + '|' + pipeline.device().str();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it)
      if (it->first == key) {
        entries_.splice(entries_.begin(), entries_, it);
        return it->second;
      }
  }
  torch::Tensor computed = compute();  // unlocked: a pass takes seconds
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.emplace_front(key, computed);
  if (entries_.size() > kEntries) entries_.pop_back();
  return computed;
}

void TeacherLogitsCache::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.clear();
}

}  // namespace kd
