#include "data/dataset.h"

#include <array>
#include <cmath>
#include <set>

#include "data/cifar_reader.h"
#include "data/folder_reader.h"
#include "data/idx_reader.h"
#include "kd/catalogue.h"
#include "kd/error.h"

namespace kd {
namespace {

const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

const std::vector<std::string>& fashionClasses() {
  static const std::vector<std::string> names{"T-shirt/top", "Trouser",   "Pullover", "Dress",
                                              "Coat",        "Sandal",    "Shirt",    "Sneaker",
                                              "Bag",         "Ankle boot"};
  return names;
}

std::vector<std::string> digitClasses() {
  std::vector<std::string> names;
  for (int i = 0; i < 10; ++i) names.push_back(std::to_string(i));
  return names;
}

DataSplits readIdxSplits(const std::string& dir, const std::vector<std::string>& classes) {
  return {readIdxDataset(dir, "train", classes), readIdxDataset(dir, "t10k", classes), {}, {}};
}

DataSplits splitSeeded(const Dataset& all, double testFraction, uint64_t seed) {
  auto generator = at::detail::createCPUGenerator(seed);
  torch::Tensor perm = torch::randperm(all.size(), generator, torch::kLong);
  int64_t test = std::max<int64_t>(1, int64_t(all.size() * testFraction));
  if (test >= all.size()) throw Error("the dataset has too few images to split off a test set");
  return {all.select(perm.narrow(0, test, all.size() - test)),
          all.select(perm.narrow(0, 0, test)),
          {},
          {}};
}

}  // namespace

InputShape Dataset::shape() const {
  return {int(images.size(1)), int(images.size(2)), int(images.size(3))};
}

Dataset Dataset::select(const torch::Tensor& indices) const {
  return {images.index_select(0, indices), labels.index_select(0, indices), classes};
}

void checkConsistent(const Dataset& d, const Text& what) {
  if (d.images.size(0) != d.labels.size(0))
    throw Error("%1: %2 images but %3 labels",
                {what, std::to_string(d.images.size(0)), std::to_string(d.labels.size(0))});
  if (d.size() == 0) throw Error("%1 holds no images", {what});
  int64_t top = d.labels.max().item<int64_t>();
  if (top >= int64_t(d.classes.size()))
    throw Error("%1: label %2 is out of range for %3 classes",
                {what, std::to_string(top), std::to_string(d.classes.size())});
}

namespace {

DataSplits readSplits(const DataConfig& config, uint64_t seed, RunControl* control) {
  const DataSource source = parseSource(config.source);
  const std::string& dir = source.folder;
  if (dir.empty() &&
      (infoOf(source.kind).needsFolder || config.source.find(':') != std::string::npos))
    throw Error("the dataset source \"%1\" needs a folder after the colon", {config.source});
  switch (source.kind) {
    case DatasetKind::kFashionMnist:
      return readIdxSplits(dir.empty() ? kFashionMnistDir : dir, fashionClasses());
    case DatasetKind::kMnist:
      return readIdxSplits(dir, digitClasses());
    case DatasetKind::kCifar10:
      return readCifar(dir, 10);
    case DatasetKind::kCifar100:
      return readCifar(dir, 100);
    case DatasetKind::kFolder: {
      FolderImages folder = readImageFolder(dir, config.imageSize, config.grayscale, control);
      DataSplits splits = splitSeeded(folder.images, config.testFraction, seed);
      splits.skippedFiles = std::move(folder.skipped);
      return splits;
    }
  }
  throw Error("unknown dataset \"%1\"", {config.source});
}

void addUnlabelled(DataSplits& splits, const std::string& dir, RunControl* control) {
  const InputShape shape = splits.train.shape();
  if (shape.height != shape.width || (shape.channels != 1 && shape.channels != 3))
    throw Error("data.unlabelled needs square images with 1 or 3 channels; the dataset's are %1",
                {shape.text()});
  FolderImages folder = readUnlabelledFolder(dir, shape.height, shape.channels == 1, control);
  splits.unlabelled = std::move(folder.images);
  splits.skippedFiles.insert(splits.skippedFiles.end(), folder.skipped.begin(),
                             folder.skipped.end());
}

}  // namespace

DataSplits loadDataset(const DataConfig& config, uint64_t seed, RunControl* control) {
  DataSplits splits = readSplits(config, seed, control);
  if (!config.unlabelled.empty()) addUnlabelled(splits, config.unlabelled, control);
  return splits;
}

Dataset trainingSubset(const Dataset& train, const DataConfig& config, uint64_t seed,
                       bool hideClasses) {
  Dataset d = train;
  if (hideClasses && !config.hiddenClasses.empty()) {
    std::set<int> hidden(config.hiddenClasses.begin(), config.hiddenClasses.end());
    for (int c : hidden)
      if (c < 0 || c >= int(train.classes.size()))
        throw Error("hidden class %1 does not exist (the dataset has %2 classes)",
                    {std::to_string(c), std::to_string(train.classes.size())});
    if (hidden.size() >= train.classes.size()) throw Error("every class is hidden");
    torch::Tensor keep = torch::ones({d.size()}, torch::kBool);
    for (int c : hidden) keep &= d.labels != c;
    d = d.select(keep.nonzero().squeeze(1));
  }
  if (config.limitTrain > 0 && config.limitTrain < d.size())
    d = d.select(torch::arange(config.limitTrain, torch::kLong));
  if (config.trainFraction < 1.0) {
    auto generator = at::detail::createCPUGenerator(seed ^ 0x5eedfac7ULL);
    int64_t keep = std::max<int64_t>(1, int64_t(d.size() * config.trainFraction));
    d = d.select(
        std::get<0>(torch::randperm(d.size(), generator, torch::kLong).narrow(0, 0, keep).sort()));
  }
  return d;
}

Normalization channelStatistics(const Dataset& data) {
  // A histogram of byte values per channel gives exact moments without a float copy.
  torch::Tensor images = data.images.contiguous();
  const int64_t n = images.size(0), c = images.size(1), plane = images.size(2) * images.size(3);
  const uint8_t* pixels = images.data_ptr<uint8_t>();
  std::vector<std::array<int64_t, 256>> histogram(c, std::array<int64_t, 256>{});
  for (int64_t i = 0; i < n; ++i)
    for (int64_t ch = 0; ch < c; ++ch) {
      const uint8_t* p = pixels + (i * c + ch) * plane;
      for (int64_t k = 0; k < plane; ++k) ++histogram[ch][p[k]];
    }
  torch::Tensor mean = torch::empty({c}), std = torch::empty({c});
  for (int64_t ch = 0; ch < c; ++ch) {
    double sum = 0, squares = 0, count = double(n * plane);
    for (int v = 0; v < 256; ++v) {
      sum += double(histogram[ch][v]) * v / 255.0;
      squares += double(histogram[ch][v]) * (v / 255.0) * (v / 255.0);
    }
    double m = sum / count;
    mean[ch] = m;
    std[ch] = std::sqrt(std::max(squares / count - m * m, 1e-12));
  }
  return {mean, std};
}

}  // namespace kd
