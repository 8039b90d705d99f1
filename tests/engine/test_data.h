#pragma once
// Small generated datasets in every supported format, written into a test's temporary folder.
#include <cstdint>
#include <string>
#include <vector>

namespace kd::test {

constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

std::vector<uint8_t> idxImages(int count, int rows, int cols, uint8_t seed = 1);
std::vector<uint8_t> idxLabels(int count, int classes = 10);
std::vector<uint8_t> cifarRecords(int count, int labelBytes, int classes);

void writeFile(const std::string& path, const std::vector<uint8_t>& bytes);
void writeGzip(const std::string& path, const std::vector<uint8_t>& bytes);
std::vector<uint8_t> readFile(const std::string& path);

// An MNIST-layout folder: train (count) and t10k (count / 2) images and labels.
void writeIdxDataset(const std::string& dir, int count, bool gzip);
// CIFAR-10 (five batches + test) or CIFAR-100 (train + test) binary files.
void writeCifarDataset(const std::string& dir, int classes, int perFile);
// classes sub-folders with perClass PNG images of size x size each.
void writeImageFolder(const std::string& dir, int classes, int perClass, int size);

// A sweep file of short runs on the IDX data in dataDir (hinton-mlp-student teacher, 1 epoch;
// lenet5 student, 2 epochs; CPU, 2 threads) with the given "grid" object and "seeds" list,
// and baselines.
void writeSmallSweep(const std::string& path, const std::string& dataDir, const std::string& grid,
                     const std::string& seeds = "[1, 2]");

// Lists every file below dir, for "nothing was written" checks.
std::vector<std::string> listFiles(const std::string& dir);

}  // namespace kd::test
