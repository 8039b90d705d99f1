#pragma once
// A first look at a dataset for the UI, in plain C++: its size, classes and one sample image
// per class as 8-bit pixels.
#include <cstdint>
#include <string>
#include <vector>

#include "kd/arch_spec.h"
#include "kd/experiment.h"

namespace kd {

struct ImageSample {
  int label = 0;
  std::vector<uint8_t> pixels;  // height x width x channels, row by row
};

struct DatasetPreview {
  InputShape shape;
  std::vector<std::string> classes;
  int64_t trainImages = 0;
  int64_t testImages = 0;
  std::vector<ImageSample> samples;       // the first training image of each class, in class order
  std::vector<std::string> skippedFiles;  // "path: why": files that could not be used
};

// Throws kd::Error, as loading the dataset for training would.
DatasetPreview previewDataset(const DataConfig& config, uint64_t seed);

}  // namespace kd
