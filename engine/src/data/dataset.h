#pragma once
// A dataset is one contiguous uint8 tensor [N, C, H, W] with int64 labels and class names.
// Batches are cut from it by index; conversion to float happens per batch on the device.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "kd/arch_spec.h"
#include "kd/experiment.h"
#include "kd/observer.h"

namespace kd {

constexpr int64_t kUnlabelled = -1;  // the label of a transfer image without one

struct Dataset {
  torch::Tensor images;  // uint8 [N, C, H, W]
  torch::Tensor labels;  // int64 [N]
  std::vector<std::string> classes;

  int64_t size() const { return labels.size(0); }
  InputShape shape() const;
  Dataset select(const torch::Tensor& indices) const;
};

struct DataSplits {
  Dataset train;
  Dataset test;
  Dataset unlabelled;  // data.unlabelled's images (labels kUnlabelled); undefined tensors if none
  std::vector<std::string> skippedFiles;  // "path: why", for formats that skip bad files
};

// Reads the dataset named by config.source. Throws kd::Error naming the file that is missing
// or corrupt. Formats without a test set are split with config.testFraction and the seed.
// data.unlabelled's images are read at the training images' size and channels.
// With a control, reading an image folder pauses and stops between files (RunCancelled).
DataSplits loadDataset(const DataConfig& config, uint64_t seed, RunControl* control = nullptr);

// The images a phase trains on: the training set, less the hidden classes when hideClasses
// (the student's transfer set), then limited to the first limitTrain images and/or a seeded
// trainFraction of them.
Dataset trainingSubset(const Dataset& train, const DataConfig& config, uint64_t seed,
                       bool hideClasses);

// Per-channel mean and standard deviation of images scaled to [0, 1], as float [C].
struct Normalization {
  torch::Tensor mean;
  torch::Tensor std;
};
Normalization channelStatistics(const Dataset& data);

// Checks that labels lie in [0, classes) and that images and labels agree in count.
void checkConsistent(const Dataset& data, const Text& what);

}  // namespace kd
