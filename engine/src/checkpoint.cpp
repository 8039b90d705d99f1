#include "checkpoint.h"

#include <filesystem>
#include <sstream>

#include "json_io.h"
#include "kd/error.h"
#include "run_files.h"

namespace kd {
namespace {

const char* kFormat = "kd-workbench-checkpoint";

nlohmann::json tensorToJson(const torch::Tensor& t) {
  torch::Tensor c = t.to(torch::kDouble).contiguous();
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

torch::serialize::InputArchive openArchive(const std::string& path) {
  if (!std::filesystem::is_regular_file(path))
    throw Error("the checkpoint " + path + " does not exist");
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(path);
  } catch (const c10::Error&) {
    throw Error(path + " is not a KD Workbench checkpoint (it cannot be read as one)");
  }
  return archive;
}

CheckpointInfo infoFromArchive(torch::serialize::InputArchive& archive, const std::string& path) {
  c10::IValue header;
  if (!archive.try_read("header", header) || !header.isString())
    throw Error(path + " is not a KD Workbench checkpoint (no header)");
  nlohmann::json j = parseJson(header.toStringRef(), path + "'s header");
  if (j.value("format", "") != kFormat) throw Error(path + " is not a KD Workbench checkpoint");
  try {
    CheckpointInfo info;
    info.phase = j.at("phase").get<std::string>() == "teacher" ? Phase::kTeacher : Phase::kStudent;
    info.epoch = j.at("epoch").get<int>();
    info.arch = archFromJsonValue(j.at("arch"));
    auto input = j.at("input").get<std::vector<int>>();
    if (input.size() != 3) throw Error(path + ": the input shape must have 3 numbers");
    info.input = {input[0], input[1], input[2]};
    info.classes = j.at("classes").get<std::vector<std::string>>();
    auto mean = j.at("mean").get<std::vector<float>>(), std = j.at("std").get<std::vector<float>>();
    info.normalization = {torch::tensor(mean), torch::tensor(std)};
    info.experimentJson = j.at("experiment").get<std::string>();
    info.teacherCheckpoint = j.value("teacher_checkpoint", "");
    info.worldSize = j.value("world_size", 1);
    return info;
  } catch (const nlohmann::json::exception& e) {
    throw Error(path + " has a damaged header: " + e.what());
  }
}

}  // namespace

// Weights that overflowed are never written: the last good checkpoint stays in place.
void checkFinite(KdNet& model, Phase phase, int epoch) {
  torch::NoGradGuard noGrad;
  auto check = [&](const std::string& name, const torch::Tensor& t) {
    if (t.is_floating_point() && !torch::isfinite(t).all().item<bool>())
      throw Error(std::string("the ") + phaseName(phase) + "'s weights hold NaN or infinite " +
                  "values after epoch " + std::to_string(epoch) + " (in " + name +
                  "); training stopped and the last good checkpoint is kept. Try a lower " +
                  "learning rate.");
  };
  for (const auto& p : model->named_parameters()) check(p.key(), p.value());
  for (const auto& b : model->named_buffers()) check(b.key(), b.value());
}

void saveCheckpoint(const std::string& path, KdNet& model, const torch::optim::Optimizer* optimizer,
                    const CheckpointInfo& info) {
  checkFinite(model, info.phase, info.epoch);
  nlohmann::json header = {{"format", kFormat},
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

KdNet loadCheckpointModel(const std::string& path, CheckpointInfo* infoOut) {
  auto archive = openArchive(path);
  CheckpointInfo info = infoFromArchive(archive, path);
  KdNet model(info.arch, info.input, int(info.classes.size()));
  torch::NoGradGuard noGrad;
  auto load = [&](const std::string& key, torch::Tensor& target, bool buffer) {
    torch::Tensor stored;
    if (!archive.try_read(key, stored, buffer))
      throw Error(path + " lacks " + key + " for its own architecture: the file is damaged");
    if (stored.sizes() != target.sizes())
      throw Error(path + ": " + key + " has shape " + c10::str(stored.sizes()) + ", expected " +
                  c10::str(target.sizes()));
    target.copy_(stored);
  };
  for (auto& p : model->named_parameters()) load("param/" + p.key(), p.value(), false);
  for (auto& b : model->named_buffers()) load("buffer/" + b.key(), b.value(), true);
  if (infoOut) *infoOut = info;
  return model;
}

void loadOptimizerState(const std::string& path, torch::optim::Optimizer& optimizer) {
  auto archive = openArchive(path);
  torch::serialize::InputArchive state;
  if (!archive.try_read("optimizer", state))
    throw Error(path + " holds no optimiser state, so its run cannot be resumed");
  try {
    optimizer.load(state);
  } catch (const c10::Error& e) {
    throw Error(path + ": the optimiser state does not fit this optimiser (" +
                std::string(e.what_without_backtrace()) + ")");
  }
}

}  // namespace kd
