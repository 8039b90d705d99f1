#pragma once
// A teacher's logits kept across the runs of one process. A window's runs, a demonstration run
// again, its no-KD baseline and a sweep's points pass the same teacher file over the same
// images again and again; each pass of the bundled resnet20 over the test set costs seconds.
// An entry is keyed by the teacher file (path, size, modification time, the architecture it
// was loaded into), the images (shape and a hash of their bytes), the input normalisation and
// the device, so a hit returns bit for bit what the pass would compute. The run also keeps the
// teacher's test-set embedding here, under the teacher's key with "|embedding" added.
#include <torch/torch.h>

#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <utility>

#include "data/dataset.h"
#include "data/input_pipeline.h"
#include "kd/arch_spec.h"
#include "kd/catalogue.h"

namespace kd {

class TeacherLogitsCache {
 public:
  static TeacherLogitsCache& instance();

  // The teacher file's part of a key, with the precision its passes run in; empty (nothing is
  // cached) when the file cannot be read.
  static std::string teacherKey(const std::string& file, const ArchSpec& arch, Precision precision);

  // The logits of `teacherKey`'s teacher on `data`: kept ones, or compute()'s, then kept. An
  // empty teacherKey always computes.
  torch::Tensor logits(const std::string& teacherKey, const Dataset& data,
                       const InputPipeline& pipeline,
                       const std::function<torch::Tensor()>& compute);

  void clear();

 private:
  static constexpr size_t kEntries = 8;  // [N x classes] (or [N x width]) floats each: small
  std::mutex mutex_;
  std::list<std::pair<std::string, torch::Tensor>> entries_;  // the most recently used first
};

}  // namespace kd
