#pragma once
// Teachers from files: workbench checkpoints, TorchScript modules (any architecture, checked on
// a probe batch), and PyTorch state_dicts loaded into a workbench architecture.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "data/dataset.h"
#include "eval/evaluator.h"
#include "data/input_pipeline.h"
#include "models/model.h"
#include "interop/state_dict_reader.h"

namespace kd {

struct LoadedTeacher {
  std::string kind;  // "checkpoint", "torchscript" or "state_dict"
  std::string name;
  KdNet net{nullptr};  // set for checkpoints and state_dicts
  LogitsFn logits;     // in eval mode on the pipeline's device
  int64_t parameters = 0;
  int64_t macs = 0;                  // 0 when unknown (TorchScript)
  std::vector<std::string> mapping;  // state_dicts: "workbench name <- file name" when renamed
  // Checkpoints: the data it was trained on (the source in its experiment) and its classes.
  std::string trainedOn;
  std::vector<std::string> classes;
};

// Detects the kind of file; "builtin:NAME" is a bundled teacher (teacherFilePath). `arch` is the
// architecture a state_dict is loaded into. The probe images (uint8, a few of the dataset's) check
// a TorchScript module's input and output.
LoadedTeacher loadTeacherFile(const std::string& file, const ArchSpec& arch,
                              const InputShape& shape, int classes,
                              const torch::Tensor& probeImages, const InputPipeline& pipeline);

// Copies a state_dict's tensors into the model: by name when every name matches, else by order
// and shape. Returns the mapping used when names differ (empty when they match). Throws
// kd::Error listing expected and found names and shapes when neither works.
std::vector<std::string> loadStateDictInto(KdNet& model, const NamedTensors& tensors,
                                           const std::string& what);

}  // namespace kd
