#include "run/checkpoint.h"

#include <filesystem>
#include <sstream>

#include "json_io.h"
#include "kd/error.h"
#include "run/run_files.h"

namespace kd {
namespace {

const char* kFormat = "kd-workbench-checkpoint";
// The header's layout; checkpoints without a version (the first release's) are version 1.
constexpr int kCheckpointVersion = 1;

nlohmann::json tensorToJson(const torch::Tensor& t) {
  torch::Tensor c = t.to(torch::kDouble).contiguous();
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

torch::serialize::InputArchive openArchive(const std::string& path) {
  if (!std::filesystem::is_regular_file(path))
    throw Error("the checkpoint %1 does not exist", {path});
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(path);
  } catch (const c10::Error&) {
    throw Error("%1 is not a KD Workbench checkpoint (it cannot be read as one)", {path});
  }
  return archive;
}

CheckpointInfo infoFromArchive(torch::serialize::InputArchive& archive, const std::string& path) {
  c10::IValue header;
  if (!archive.try_read("header", header) || !header.isString())
    throw Error("%1 is not a KD Workbench checkpoint (no header)", {path});
  nlohmann::json j = parseJson(header.toStringRef(), Text("%1's header", {path}));
  if (j.value("format", "") != kFormat) throw Error("%1 is not a KD Workbench checkpoint", {path});
  checkFormatVersion(j, kCheckpointVersion, Text("the checkpoint %1", {path}));
  try {
    CheckpointInfo info;
    info.phase = j.at("phase").get<std::string>() == "teacher" ? Phase::kTeacher : Phase::kStudent;
    info.epoch = j.at("epoch").get<int>();
    info.arch = archFromJsonValue(j.at("arch"));
    auto input = j.at("input").get<std::vector<int>>();
    if (input.size() != 3) throw Error("%1: the input shape must have 3 numbers", {path});
    info.input = {input[0], input[1], input[2]};
    info.classes = j.at("classes").get<std::vector<std::string>>();
    auto mean = j.at("mean").get<std::vector<float>>(), std = j.at("std").get<std::vector<float>>();
    info.normalization = {torch::tensor(mean), torch::tensor(std)};
    info.experimentJson = j.at("experiment").get<std::string>();
    info.teacherCheckpoint = j.value("teacher_checkpoint", "");
    info.worldSize = j.value("world_size", 1);
    return info;
  } catch (const nlohmann::json::exception& e) {
    throw Error("%1 has a damaged header: %2", {path, std::string(e.what())});
  }
}

// Copies the archive's tensor `key` into `target`, which has the shape the file must have.
void loadTensor(torch::serialize::InputArchive& archive, const std::string& path,
                const std::string& key, torch::Tensor& target, bool buffer) {
  torch::Tensor stored;
  if (!archive.try_read(key, stored, buffer))
    throw Error("%1 lacks %2 for its own architecture: the file is damaged", {path, key});
  if (stored.sizes() != target.sizes())
    throw Error("%1: %2 has shape %3, expected %4",
                {path, key, c10::str(stored.sizes()), c10::str(target.sizes())});
  target.copy_(stored);
}

}  // namespace

// Weights that overflowed are never written: the last good checkpoint stays in place.
void checkFinite(KdNet& model, Phase phase, int epoch) {
  torch::NoGradGuard noGrad;
  auto check = [&](const std::string& name, const torch::Tensor& t) {
    if (t.is_floating_point() && !torch::isfinite(t).all().item<bool>())
      throw Error(
          "the %1's weights hold NaN or infinite values after epoch %2 (in %3); training "
          "stopped and the last good checkpoint is kept. Try a lower learning rate.",
          {phaseWord(phase), std::to_string(epoch), name});
  };
  for (const auto& p : model->named_parameters()) check(p.key(), p.value());
  for (const auto& b : model->named_buffers()) check(b.key(), b.value());
}

void saveCheckpoint(const std::string& path, KdNet& model, const torch::optim::Optimizer* optimizer,
                    const CheckpointInfo& info, const torch::nn::Module* methodState) {
  checkFinite(model, info.phase, info.epoch);
  nlohmann::json header = {{"format", kFormat},
                           {"version", kCheckpointVersion},
                           {"phase", phaseName(info.phase)},
                           {"epoch", info.epoch},
                           {"arch", archToJsonValue(info.arch)},
                           {"input", {info.input.channels, info.input.height, info.input.width}},
                           {"classes", info.classes},
                           {"mean", tensorToJson(info.normalization.mean)},
                           {"std", tensorToJson(info.normalization.std)},
                           {"experiment", info.experimentJson},
                           {"teacher_checkpoint", info.teacherCheckpoint},
                           {"world_size", info.worldSize}};
  torch::serialize::OutputArchive archive;
  archive.write("header", c10::IValue(header.dump()));
  for (const auto& p : model->named_parameters())
    archive.write("param/" + p.key(), p.value().cpu());
  for (const auto& b : model->named_buffers())
    archive.write("buffer/" + b.key(), b.value().cpu(), true);
  if (methodState) {
    for (const auto& p : methodState->named_parameters())
      archive.write("method/" + p.key(), p.value().cpu());
    for (const auto& b : methodState->named_buffers())
      archive.write("method/" + b.key(), b.value().cpu(), /*is_buffer=*/true);
  }
  if (optimizer) {
    torch::serialize::OutputArchive state;
    optimizer->save(state);
    archive.write("optimizer", state);
  }
  // Serialised in memory first: LibTorch's file writer throws from a destructor when the disk
  // fills up, which terminates the process; our own write reports it instead.
  std::ostringstream bytes;
  archive.save_to(bytes);
  writeFileAtomically(path, bytes.str());
}

CheckpointInfo readCheckpointInfo(const std::string& path) {
  auto archive = openArchive(path);
  return infoFromArchive(archive, path);
}

std::string trainingSource(const CheckpointInfo& info) {
  const nlohmann::json experiment = nlohmann::json::parse(info.experimentJson, nullptr, false);
  const auto data = experiment.is_object() ? experiment.find("data") : experiment.end();
  if (data == experiment.end() || !data->is_object()) return "";
  const auto source = data->find("source");
  return source != data->end() && source->is_string() ? source->get<std::string>() : "";
}

KdNet loadCheckpointModel(const std::string& path, CheckpointInfo* infoOut) {
  auto archive = openArchive(path);
  CheckpointInfo info = infoFromArchive(archive, path);
  KdNet model(info.arch, info.input, int(info.classes.size()));
  torch::NoGradGuard noGrad;
  for (auto& p : model->named_parameters())
    loadTensor(archive, path, "param/" + p.key(), p.value(), false);
  for (auto& b : model->named_buffers())
    loadTensor(archive, path, "buffer/" + b.key(), b.value(), true);
  if (infoOut) *infoOut = info;
  return model;
}

void loadMethodState(const std::string& path, torch::nn::Module& methodState) {
  auto archive = openArchive(path);
  torch::NoGradGuard noGrad;
  for (auto& p : methodState.named_parameters())
    loadTensor(archive, path, "method/" + p.key(), p.value(), false);
  for (auto& b : methodState.named_buffers())
    loadTensor(archive, path, "method/" + b.key(), b.value(), true);
}

void loadOptimizerState(const std::string& path, torch::optim::Optimizer& optimizer) {
  auto archive = openArchive(path);
  torch::serialize::InputArchive state;
  if (!archive.try_read("optimizer", state))
    throw Error("%1 holds no optimiser state, so its run cannot be resumed", {path});
  try {
    optimizer.load(state);
  } catch (const c10::Error& e) {
    throw Error("%1: the optimiser state does not fit this optimiser (%2)",
                {path, std::string(e.what_without_backtrace())});
  }
}

}  // namespace kd
