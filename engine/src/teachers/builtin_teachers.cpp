// The teachers bundled under resources/teachers and where to find them at run time.
#include <cstdlib>
#include <filesystem>

#include "kd/catalogue.h"
#include "kd/error.h"

namespace kd {
namespace {

namespace fs = std::filesystem;

// Where resources/ is looked for, in order: the environment, the source tree this build came
// from, the installed copy (both set by CMake).
std::vector<fs::path> resourceFolders() {
  std::vector<fs::path> folders;
  if (const char* env = std::getenv("KD_RESOURCES"); env && *env) folders.emplace_back(env);
  folders.emplace_back(KD_SOURCE_RESOURCES);
  folders.emplace_back(KD_INSTALLED_RESOURCES);
  return folders;
}

const BuiltinTeacher& builtinNamed(const std::string& name) {
  std::string known;
  for (const auto& t : builtinTeachers()) {
    if (name == t.name) return t;
    known += (known.empty() ? "" : ", ") + std::string(kBuiltinPrefix) + t.name;
  }
  throw Error("there is no built-in teacher \"%1\" (known: %2)", {name, known});
}

}  // namespace

const std::vector<BuiltinTeacher>& builtinTeachers() {
  static const std::vector<BuiltinTeacher> list{{"fashion-mnist-resnet20",
                                                 "Built-in, pretrained: resnet20", "fashion-mnist",
                                                 "resnet20", 9441, 10000}};
  return list;
}

bool isBuiltinTeacher(const std::string& file) { return file.rfind(kBuiltinPrefix, 0) == 0; }

const BuiltinTeacher* builtinTeacherOf(const std::string& source) {
  for (const auto& t : builtinTeachers())
    if (source == t.dataset) return &t;
  return nullptr;
}

std::string builtinTeacherFor(const std::string& source) {
  const BuiltinTeacher* t = builtinTeacherOf(source);
  return t ? kBuiltinPrefix + std::string(t->name) : "";
}

std::string teacherFilePath(const std::string& file) {
  if (!isBuiltinTeacher(file)) return file;
  const BuiltinTeacher& teacher = builtinNamed(file.substr(std::string(kBuiltinPrefix).size()));
  const fs::path relative = fs::path("teachers") / (std::string(teacher.name) + ".ckpt");
  std::string searched;
  for (const auto& folder : resourceFolders()) {
    std::error_code error;
    if (fs::is_regular_file(folder / relative, error)) return (folder / relative).string();
    searched += (searched.empty() ? "" : ", ") + folder.string();
  }
  throw Error(
      "the built-in teacher %1 is not installed (looked for %2 in %3); set KD_RESOURCES to the "
      "workbench's resources folder",
      {file, relative.string(), searched});
}

}  // namespace kd
