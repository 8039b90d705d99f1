#pragma once
// The one catalogue of the engine's choices: optimizers, learning-rate schedules, arithmetic
// precisions and dataset kinds, each with the name used in experiment files and on kdtrain's
// command line and the label the window shows. The engine, the panel and kdtrain's usage text all
// read it here.
#include <string>
#include <vector>

namespace kd {

enum class Optimizer { kSgd, kAdam, kAdamW };
enum class Schedule { kNone, kStep, kCosine };
// fp32 throughout; bf16: convolutions and matrix products autocast to bfloat16, with float32
// weights, loss, softmax and batch-norm statistics; auto: bf16 where the CPU has bfloat16
// instructions (devices.h), else fp32.
enum class Precision { kFp32, kBf16, kAuto };
enum class DatasetKind { kFashionMnist, kMnist, kCifar10, kCifar100, kFolder };

template <typename E>
struct Choice {
  E value;
  const char* name;   // in experiment files and on the command line
  const char* label;  // in the window
};

const std::vector<Choice<Optimizer>>& optimizers();
const std::vector<Choice<Schedule>>& schedules();
const std::vector<Choice<Precision>>& precisions();

struct DatasetKindInfo {
  DatasetKind value;
  const char* name;  // the source is name, or name + ":" + folder
  const char* label;
  bool needsFolder;  // false only for the built-in Fashion-MNIST
  bool isImageFolder;
};
const std::vector<DatasetKindInfo>& datasetKinds();

const char* nameOf(Optimizer value);
const char* nameOf(Schedule value);
const char* nameOf(Precision value);
// Throw kd::Error listing the valid names: "<what> must be sgd, adam or adamw, not ...".
Optimizer optimizerNamed(const std::string& name, const std::string& what = "optimizer");
Schedule scheduleNamed(const std::string& name, const std::string& what = "schedule");
Precision precisionNamed(const std::string& name, const std::string& what = "precision");

// A dataset source split into its kind and folder ("cifar10:/data" -> kCifar10, "/data").
struct DataSource {
  DatasetKind kind = DatasetKind::kFashionMnist;
  std::string folder;  // empty: the built-in copy (Fashion-MNIST only)
};
// Throws kd::Error for an unknown kind; a missing folder is the dataset reader's to report.
DataSource parseSource(const std::string& source);
std::string sourceText(const DataSource& source);
const DatasetKindInfo& infoOf(DatasetKind kind);

// "a, b or c": the names of a catalogue, for messages and usage texts.
std::string optimizerNames();
std::string scheduleNames();
std::string precisionNames();
std::string datasetSourceForms();  // "fashion-mnist, mnist:DIR, ..., folder:DIR"

// Teachers that ship with the workbench, trained by the command in README ("A teacher worth
// learning from"). An experiment names one as its teacher file: "builtin:" + name.
struct BuiltinTeacher {
  const char* name;     // "fashion-mnist-resnet20"
  const char* label;    // in the window
  const char* dataset;  // the source it was trained on
  const char* arch;     // its preset
  long testCorrect;     // of the dataset's test images, as measured when it was made
  long testImages;
};
const std::vector<BuiltinTeacher>& builtinTeachers();
constexpr const char* kBuiltinPrefix = "builtin:";
bool isBuiltinTeacher(const std::string& file);  // "builtin:..."
// The built-in teacher of a dataset source; nullptr if none.
const BuiltinTeacher* builtinTeacherOf(const std::string& source);
// Its name in experiments ("builtin:fashion-mnist-resnet20"); empty if none.
std::string builtinTeacherFor(const std::string& source);
// The file to open for a teacher: "builtin:NAME" becomes the bundled file's path (in
// $KD_RESOURCES, the source tree or the installed share folder); any other path stays as it
// is. Throws kd::Error for an unknown name (listing the known ones) or a missing file.
std::string teacherFilePath(const std::string& file);

}  // namespace kd
