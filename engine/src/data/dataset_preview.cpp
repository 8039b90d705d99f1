#include "kd/dataset_preview.h"

#include "data/dataset.h"
#include "memory_guard.h"

namespace kd {

DatasetPreview previewDataset(const DataConfig& config, uint64_t seed) {
  DataConfig labelledOnly = config;  // the preview needs no unlabelled folder: not read
  labelledOnly.unlabelled.clear();
  DataSplits data = translatingOutOfMemory(Text("reading the dataset"),
                                           [&] { return loadDataset(labelledOnly, seed); });
  DatasetPreview preview;
  preview.shape = data.train.shape();
  preview.classes = data.train.classes;
  preview.trainImages = data.train.size();
  preview.testImages = data.test.size();
  preview.skippedFiles = data.skippedFiles;
  auto labels = data.train.labels.accessor<int64_t, 1>();
  preview.trainLabels.assign(labels.data(), labels.data() + data.train.size());
  std::vector<bool> seen(preview.classes.size(), false);
  for (int64_t i = 0; i < data.train.size() && preview.samples.size() < seen.size(); ++i) {
    const int64_t label = labels[i];
    if (seen[label]) continue;
    seen[label] = true;
    torch::Tensor hwc = data.train.images[i].permute({1, 2, 0}).contiguous();
    const uint8_t* p = hwc.data_ptr<uint8_t>();
    preview.samples.push_back({int(label), std::vector<uint8_t>(p, p + hwc.numel())});
  }
  std::sort(preview.samples.begin(), preview.samples.end(),
            [](const ImageSample& a, const ImageSample& b) { return a.label < b.label; });
  return preview;
}

LabelledCounts labelledCounts(const DatasetPreview& preview, const DataConfig& config,
                              uint64_t seed) {
  const int64_t n = int64_t(preview.trainLabels.size());
  const int classes = int(preview.classes.size());
  // The subset is cut by labels and indices alone: images without pixels do.
  Dataset labelsOnly{torch::empty({n, 0, 0, 0}, torch::kUInt8),
                     torch::tensor(preview.trainLabels, torch::kInt64), preview.classes};
  const Dataset transfer = trainingSubset(labelsOnly, config, seed, true);
  const torch::Tensor perClass = torch::bincount(transfer.labels, {}, classes);
  LabelledCounts counts;
  for (int c = 0; c < classes; ++c) counts.images.push_back(perClass[c].item<int64_t>());
  counts.labelled = stratifiedLabelCounts(counts.images, config.labelled);
  return counts;
}

}  // namespace kd
