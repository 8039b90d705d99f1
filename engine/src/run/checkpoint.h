#pragma once
// Workbench checkpoints: model weights and buffers, optimiser state, and a JSON header with
// the phase, the epochs done, the architecture, the input shape, the class names, the
// normalisation and the experiment. Written to a temporary file and renamed into place.
#include <torch/torch.h>

#include <optional>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "kd/observer.h"
#include "models/model.h"

namespace kd {

struct CheckpointInfo {
  Phase phase = Phase::kTeacher;
  int epoch = 0;  // epochs completed
  ArchSpec arch;
  InputShape input;
  std::vector<std::string> classes;
  Normalization normalization;
  std::string experimentJson;     // the resolved experiment that produced it
  std::string teacherCheckpoint;  // student checkpoints: the teacher they learn from
  int worldSize = 1;              // the processes of the data-parallel run that wrote it
};

// Throws kd::Error when a weight or buffer is NaN or infinite; saveCheckpoint calls it, so
// such weights are never written.
void checkFinite(KdNet& model, Phase phase, int epoch);

// `methodState`: a distillation method's own state (MethodLoss::state: trained parameters and
// buffers such as crd's memory bank), kept beside the model's as "method/NAME".
void saveCheckpoint(const std::string& path, KdNet& model, const torch::optim::Optimizer* optimizer,
                    const CheckpointInfo& info, const torch::nn::Module* methodState = nullptr);

// Reads the header only. Throws kd::Error when the file is missing or not a checkpoint.
CheckpointInfo readCheckpointInfo(const std::string& path);
// The dataset the model was trained on: data.source of the recorded experiment ("" if none).
std::string trainingSource(const CheckpointInfo& info);

// Builds the model the checkpoint describes and loads its weights.
KdNet loadCheckpointModel(const std::string& path, CheckpointInfo* info = nullptr);

void loadOptimizerState(const std::string& path, torch::optim::Optimizer& optimizer);
// The method's state saveCheckpoint kept; throws kd::Error when a part is missing or of another
// shape.
void loadMethodState(const std::string& path, torch::nn::Module& methodState);

}  // namespace kd
