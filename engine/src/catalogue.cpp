#include "kd/catalogue.h"

#include <algorithm>

#include "kd/error.h"

namespace kd {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
  return out;
}

template <typename E>
std::string names(const std::vector<Choice<E>>& list) {
  std::vector<std::string> n;
  for (const auto& c : list) n.push_back(c.name);
  return joined(n);
}

template <typename E>
const char* nameIn(const std::vector<Choice<E>>& list, E value) {
  for (const auto& c : list)
    if (c.value == value) return c.name;
  return "?";
}

template <typename E>
E named(const std::vector<Choice<E>>& list, const std::string& name, const std::string& what) {
  for (const auto& c : list)
    if (name == c.name) return c.value;
  throw Error("%1 must be %2, not \"%3\"", {what, names(list), name});
}

}  // namespace

const std::vector<Choice<Optimizer>>& optimizers() {
  static const std::vector<Choice<Optimizer>> list{{Optimizer::kSgd, "sgd", "SGD (momentum)"},
                                                   {Optimizer::kAdam, "adam", "Adam"},
                                                   {Optimizer::kAdamW, "adamw", "AdamW"}};
  return list;
}

const std::vector<Choice<Schedule>>& schedules() {
  static const std::vector<Choice<Schedule>> list{{Schedule::kNone, "none", "Constant"},
                                                  {Schedule::kStep, "step", "Step decay"},
                                                  {Schedule::kCosine, "cosine", "Cosine"}};
  return list;
}

const std::vector<Choice<Precision>>& precisions() {
  static const std::vector<Choice<Precision>> list{{Precision::kFp32, "fp32", "float32"},
                                                   {Precision::kBf16, "bf16", "bfloat16 (mixed)"},
                                                   {Precision::kAuto, "auto", "Auto"}};
  return list;
}

const std::vector<DatasetKindInfo>& datasetKinds() {
  static const std::vector<DatasetKindInfo> list{
      {DatasetKind::kFashionMnist, "fashion-mnist", "Fashion-MNIST (built-in)", false, false},
      {DatasetKind::kMnist, "mnist", "MNIST (IDX folder)", true, false},
      {DatasetKind::kCifar10, "cifar10", "CIFAR-10 (binary folder)", true, false},
      {DatasetKind::kCifar100, "cifar100", "CIFAR-100 (binary folder)", true, false},
      {DatasetKind::kFolder, "folder", "Image folder (a sub-folder per class)", true, true}};
  return list;
}

const char* nameOf(Optimizer value) { return nameIn(optimizers(), value); }
const char* nameOf(Schedule value) { return nameIn(schedules(), value); }
const char* nameOf(Precision value) { return nameIn(precisions(), value); }
Optimizer optimizerNamed(const std::string& name, const std::string& what) {
  return named(optimizers(), name, what);
}
Schedule scheduleNamed(const std::string& name, const std::string& what) {
  return named(schedules(), name, what);
}
Precision precisionNamed(const std::string& name, const std::string& what) {
  return named(precisions(), name, what);
}
std::string optimizerNames() { return names(optimizers()); }
std::string scheduleNames() { return names(schedules()); }
std::string precisionNames() { return names(precisions()); }

const DatasetKindInfo& infoOf(DatasetKind kind) {
  const auto& list = datasetKinds();
  return *std::find_if(list.begin(), list.end(),
                       [kind](const DatasetKindInfo& k) { return k.value == kind; });
}

std::string datasetSourceForms() {
  std::vector<std::string> n;
  for (const auto& k : datasetKinds())
    n.push_back(k.name + std::string(k.needsFolder ? ":DIR" : ""));
  return joined(n);
}

DataSource parseSource(const std::string& source) {
  const size_t colon = source.find(':');
  const std::string kind = source.substr(0, colon);
  for (const auto& k : datasetKinds()) {
    if (kind != k.name) continue;
    return {k.value, colon == std::string::npos ? "" : source.substr(colon + 1)};
  }
  throw Error("unknown dataset \"%1\" (use %2)", {source, datasetSourceForms()});
}

std::string sourceText(const DataSource& source) {
  const std::string name = infoOf(source.kind).name;
  return source.folder.empty() ? name : name + ":" + source.folder;
}

}  // namespace kd
