#include "data/cifar_reader.h"

#include <filesystem>
#include <fstream>

#include "data/idx_reader.h"
#include "kd/error.h"

namespace kd {
namespace {

constexpr int64_t kPixels = 3 * 32 * 32;

std::vector<std::string> readNames(const std::string& path, int count) {
  std::vector<std::string> names;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line != "\r")
      names.push_back(line.back() == '\r' ? line.substr(0, line.size() - 1) : line);
  if (int(names.size()) == count) return names;
  names.clear();
  for (int i = 0; i < count; ++i) names.push_back("class " + std::to_string(i));
  return names;
}

Dataset concatenate(const std::vector<Dataset>& parts) {
  std::vector<torch::Tensor> images, labels;
  for (const auto& p : parts) {
    images.push_back(p.images);
    labels.push_back(p.labels);
  }
  return {torch::cat(images), torch::cat(labels), {}};
}

}  // namespace

Dataset readCifarFile(const std::string& path, int labelBytes) {
  if (!std::filesystem::is_regular_file(path)) throw Error("missing dataset file %1", {path});
  std::vector<uint8_t> b = readMaybeGzip(path);
  const int64_t record = labelBytes + kPixels;
  if (b.empty() || b.size() % record != 0)
    throw Error("%1 is not a CIFAR binary file: %2 bytes is not a whole number of %3-byte records",
                {path, std::to_string(b.size()), std::to_string(record)});
  int64_t n = int64_t(b.size()) / record;
  auto all = torch::from_blob(b.data(), {n, record}, torch::kUInt8);
  Dataset d;
  d.labels = all.select(1, labelBytes - 1).to(torch::kInt64);
  d.images = all.narrow(1, labelBytes, kPixels).reshape({n, 3, 32, 32}).clone();
  return d;
}

DataSplits readCifar(const std::string& dir, int classes) {
  DataSplits s;
  if (classes == 10) {
    std::vector<Dataset> parts;
    for (int i = 1; i <= 5; ++i)
      parts.push_back(readCifarFile(dir + "/data_batch_" + std::to_string(i) + ".bin", 1));
    s.train = concatenate(parts);
    s.test = readCifarFile(dir + "/test_batch.bin", 1);
    s.train.classes = readNames(dir + "/batches.meta.txt", 10);
  } else {
    s.train = readCifarFile(dir + "/train.bin", 2);
    s.test = readCifarFile(dir + "/test.bin", 2);
    s.train.classes = readNames(dir + "/fine_label_names.txt", 100);
  }
  s.test.classes = s.train.classes;
  checkConsistent(s.train, Text("%1 (training set)", {dir}));
  checkConsistent(s.test, Text("%1 (test set)", {dir}));
  return s;
}

}  // namespace kd
