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
  std::vector<int64_t> trainLabels;       // every training image's class, in order
};

// Throws kd::Error, as loading the dataset for training would.
DatasetPreview previewDataset(const DataConfig& config, uint64_t seed);

// data.labelled resolved, class by class: as equal a share of each class as the classes allow
// (a class too small keeps all its images), at least one label a class. Throws kd::Error for
// more labels than images, or fewer than one a class (0, no label, excepted).
std::vector<int64_t> stratifiedLabelCounts(const std::vector<int64_t>& imagesPerClass,
                                           double labelled);

// The student's transfer set per class (the preview's training images less the hidden classes,
// limited as the run limits them) and how many of each keep their label in a run of `config`
// with `seed`. Throws kd::Error as the run would.
struct LabelledCounts {
  std::vector<int64_t> images;
  std::vector<int64_t> labelled;
};
LabelledCounts labelledCounts(const DatasetPreview& preview, const DataConfig& config,
                              uint64_t seed);

}  // namespace kd
