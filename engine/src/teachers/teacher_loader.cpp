#include "teachers/teacher_loader.h"

#include <torch/script.h>

#include <filesystem>
#include <map>
#include <optional>

#include "run/checkpoint.h"
#include "kd/catalogue.h"
#include "kd/error.h"
#include "memory_guard.h"

namespace kd {
namespace {

struct Slot {
  std::string name;
  torch::Tensor tensor;
};

// The model's tensors in PyTorch's state_dict order: per module, its parameters, then buffers.
std::vector<Slot> stateOf(KdNet& model) {
  std::vector<Slot> slots;
  for (const auto& m : model->named_modules("", true)) {
    const std::string prefix = m.key().empty() ? "" : m.key() + ".";
    for (const auto& p : m.value()->named_parameters(false))
      slots.push_back({prefix + p.key(), p.value()});
    for (const auto& b : m.value()->named_buffers(false))
      slots.push_back({prefix + b.key(), b.value()});
  }
  return slots;
}

bool isBatchCount(const std::string& name) {
  const std::string suffix = "num_batches_tracked";
  return name.size() >= suffix.size() &&
         name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string listing(const std::vector<std::pair<std::string, std::vector<int64_t>>>& entries) {
  std::string out;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i == 16) return out + ", ... (" + std::to_string(entries.size()) + " in all)";
    out += (i ? ", " : "") + entries[i].first + " " + c10::str(c10::IntArrayRef(entries[i].second));
  }
  return out;
}

int64_t countParameters(const torch::jit::Module& m) {
  int64_t n = 0;
  for (const auto& p : m.parameters()) n += p.numel();
  return n;
}

LoadedTeacher fromTorchScript(const std::string& path, int classes, const torch::Tensor& probe,
                              const InputPipeline& pipeline) {
  LoadedTeacher t;
  t.kind = "torchscript";
  t.name = std::filesystem::path(path).filename().string();
  torch::jit::Module module;
  try {
    module = torch::jit::load(path, pipeline.device());
  } catch (const c10::Error&) {
    throw Error(
        "%1 is neither a KD Workbench checkpoint, a TorchScript module nor a PyTorch state_dict",
        {path});
  }
  module.eval();
  t.parameters = countParameters(module);
  torch::Tensor x = pipeline.prepare(probe);
  const std::string expected =
      "[" + std::to_string(x.size(0)) + ", " + std::to_string(classes) + "]";
  c10::IValue out;
  try {
    torch::InferenceMode inference;
    out = module.forward({x});
  } catch (const c10::Error& e) {
    std::string why = e.what_without_backtrace();
    throw Error("the TorchScript teacher %1 fails on a %2 batch of this dataset: %3",
                {path, c10::str(x.sizes()), why.substr(0, why.find('\n'))});
  }
  if (!out.isTensor() || out.toTensor().dim() != 2 || out.toTensor().size(0) != x.size(0) ||
      out.toTensor().size(1) != classes)
    throw Error("the TorchScript teacher %1 returns %2 for a %3 batch; expected logits of shape %4",
                {path,
                 out.isTensor() ? Text("a tensor of shape %1", {c10::str(out.toTensor().sizes())})
                                : Text("a %1", {out.tagKind()}),
                 c10::str(x.sizes()), expected});
  t.logits = [module](const torch::Tensor& input) mutable {
    return module.forward({input}).toTensor();
  };
  return t;
}

}  // namespace

std::vector<std::string> loadStateDictInto(KdNet& model, const NamedTensors& tensors,
                                           const std::string& what) {
  std::vector<Slot> slots = stateOf(model), wanted;
  std::map<std::string, torch::Tensor> byName(tensors.begin(), tensors.end());
  NamedTensors found;
  for (const auto& s : slots)
    if (!isBatchCount(s.name)) wanted.push_back(s);
  for (const auto& t : tensors)
    if (!isBatchCount(t.first)) found.push_back(t);
  auto sameShape = [](const torch::Tensor& a, const torch::Tensor& b) {
    return a.sizes() == b.sizes();
  };

  bool namesMatch = wanted.size() == found.size();
  for (const auto& s : wanted) {
    auto it = byName.find(s.name);
    namesMatch = namesMatch && it != byName.end() && sameShape(it->second, s.tensor);
  }
  bool orderMatches = wanted.size() == found.size();
  for (size_t i = 0; orderMatches && i < wanted.size(); ++i)
    orderMatches = sameShape(wanted[i].tensor, found[i].second);
  if (!namesMatch && !orderMatches) {
    std::vector<std::pair<std::string, std::vector<int64_t>>> expected, got;
    for (const auto& s : wanted) expected.emplace_back(s.name, s.tensor.sizes().vec());
    for (const auto& f : found) got.emplace_back(f.first, f.second.sizes().vec());
    throw Error(
        "%1 does not fit the architecture \"%2\" by name nor by order and shape. Expected %3. "
        "Found %4.",
        {what, model->arch().name, listing(expected), listing(got)});
  }
  torch::NoGradGuard noGrad;
  std::vector<std::string> mapping;
  for (size_t i = 0; i < wanted.size(); ++i) {
    const torch::Tensor& source = namesMatch ? byName[wanted[i].name] : found[i].second;
    wanted[i].tensor.copy_(source.to(wanted[i].tensor.dtype()));
    if (!namesMatch) mapping.push_back(wanted[i].name + " <- " + found[i].first);
  }
  for (auto& s : slots)  // batchnorm's counters, when the file has them under the same name
    if (isBatchCount(s.name) && byName.count(s.name)) s.tensor.copy_(byName[s.name]);
  return mapping;
}

namespace {

// A checkpoint's teacher sees its input normalised with the statistics of its own training
// set, whatever the run's: a run on a subset (or other data of the same shape) has a slightly
// different mean, and a built-in teacher must keep its stated accuracy.
LogitsFn inOwnNormalization(LogitsFn logits, const Normalization& own, const InputPipeline& run) {
  const torch::Tensor mean = own.mean.view({1, -1, 1, 1}).to(run.device(), torch::kFloat);
  const torch::Tensor invStd =
      own.std.reciprocal().view({1, -1, 1, 1}).to(run.device(), torch::kFloat);
  if (torch::equal(mean, run.mean()) && torch::equal(invStd, run.invStd())) return logits;
  const torch::Tensor scale = invStd / run.invStd();
  const torch::Tensor offset = (run.mean() - mean) * invStd;
  return [logits, scale, offset](const torch::Tensor& x) {
    return logits((x * scale + offset).contiguous(torch::MemoryFormat::ChannelsLast));
  };
}

}  // namespace

LoadedTeacher loadTeacherFile(const std::string& file, const ArchSpec& arch,
                              const InputShape& shape, int classes,
                              const torch::Tensor& probeImages, const InputPipeline& pipeline) {
  const std::string path = teacherFilePath(file);
  if (!std::filesystem::is_regular_file(path))
    throw Error("the teacher file %1 does not exist", {path});
  // The file's bytes and the tensors read from them are held together for a moment.
  checkFitsInMemory(2 * uint64_t(std::filesystem::file_size(path)),
                    Text("the teacher file %1", {path}));
  std::vector<char> bytes = readWholeFile(path);
  if (bytes.empty()) throw Error("the teacher file %1 is empty", {path});
  checkZipIntact(bytes, path);
  LoadedTeacher t;
  std::optional<Normalization> ownNormalization;  // a checkpoint's
  if (looksLikeStateDict(bytes)) {
    NamedTensors tensors = readStateDict(bytes, path);
    t.kind = "state_dict";
    t.name = arch.name;
    t.net = KdNet(arch, shape, classes);
    t.mapping = loadStateDictInto(t.net, tensors, path);
  } else {
    CheckpointInfo info;
    try {
      t.net = loadCheckpointModel(path, &info);
      t.kind = "checkpoint";
    } catch (const Error&) {
      return fromTorchScript(path, classes, probeImages, pipeline);
    }
    t.name = info.arch.name;
    t.classes = info.classes;
    t.trainedOn = trainingSource(info);
    ownNormalization = info.normalization;
    if (int(info.classes.size()) != classes || !(info.input == shape))
      throw Error(
          "the teacher %1 was trained for %2 classes of %3 images, but the dataset has %4 "
          "classes of %5 images",
          {path, std::to_string(info.classes.size()), info.input.text(), std::to_string(classes),
           shape.text()});
  }
  t.net->to(pipeline.device());
  useChannelsLast(*t.net);
  t.net->eval();
  t.logits = logitsOf(t.net);
  if (ownNormalization) t.logits = inOwnNormalization(t.logits, *ownNormalization, pipeline);
  ModelSummary summary = summarize(t.net->arch(), shape, classes);
  t.parameters = summary.parameters;
  t.macs = summary.macs;
  return t;
}

}  // namespace kd
