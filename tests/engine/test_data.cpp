#include "test_data.h"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>

namespace kd::test {
namespace {

void putBigEndian(std::vector<uint8_t>& b, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) b.push_back(uint8_t(v >> shift));
}

}  // namespace

std::vector<uint8_t> idxImages(int count, int rows, int cols, uint8_t seed) {
  std::vector<uint8_t> b;
  for (uint32_t v : {0x00000803u, uint32_t(count), uint32_t(rows), uint32_t(cols)})
    putBigEndian(b, v);
  for (int i = 0; i < count * rows * cols; ++i) b.push_back(uint8_t(i * 7 + seed));
  return b;
}

std::vector<uint8_t> idxLabels(int count, int classes) {
  std::vector<uint8_t> b;
  for (uint32_t v : {0x00000801u, uint32_t(count)}) putBigEndian(b, v);
  for (int i = 0; i < count; ++i) b.push_back(uint8_t(i % classes));
  return b;
}

std::vector<uint8_t> cifarRecords(int count, int labelBytes, int classes) {
  std::vector<uint8_t> b;
  for (int i = 0; i < count; ++i) {
    for (int l = 0; l < labelBytes; ++l) b.push_back(uint8_t((i + l) % classes));
    for (int p = 0; p < 3072; ++p) b.push_back(uint8_t(p + i));
  }
  return b;
}

void writeFile(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

void writeGzip(const std::string& path, const std::vector<uint8_t>& bytes) {
  gzFile f = gzopen(path.c_str(), "wb");
  if (!f || gzwrite(f, bytes.data(), unsigned(bytes.size())) != int(bytes.size()))
    throw std::runtime_error("cannot write " + path);
  gzclose(f);
}

std::vector<uint8_t> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeIdxDataset(const std::string& dir, int count, bool gzip) {
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::vector<uint8_t>& bytes) {
    gzip ? writeGzip(dir + "/" + name + ".gz", bytes) : writeFile(dir + "/" + name, bytes);
  };
  write("train-images-idx3-ubyte", idxImages(count, 28, 28));
  write("train-labels-idx1-ubyte", idxLabels(count));
  write("t10k-images-idx3-ubyte", idxImages(count / 2, 28, 28, 3));
  write("t10k-labels-idx1-ubyte", idxLabels(count / 2));
}

void writeCifarDataset(const std::string& dir, int classes, int perFile) {
  std::filesystem::create_directories(dir);
  if (classes == 10) {
    for (int i = 1; i <= 5; ++i)
      writeFile(dir + "/data_batch_" + std::to_string(i) + ".bin", cifarRecords(perFile, 1, 10));
    writeFile(dir + "/test_batch.bin", cifarRecords(perFile, 1, 10));
  } else {
    writeFile(dir + "/train.bin", cifarRecords(perFile, 2, 100));
    writeFile(dir + "/test.bin", cifarRecords(perFile, 2, 100));
  }
}

void writeImageFolder(const std::string& dir, int classes, int perClass, int size) {
  for (int c = 0; c < classes; ++c) {
    std::string classDir = dir + "/class_" + std::to_string(c);
    std::filesystem::create_directories(classDir);
    for (int i = 0; i < perClass; ++i) {
      cv::Mat image(size, size, CV_8UC3, cv::Scalar(10 * c, 20 * i, 255 - 10 * c));
      cv::imwrite(classDir + "/img_" + std::to_string(i) + ".png", image);
    }
  }
}

std::vector<std::string> listFiles(const std::string& dir) {
  std::vector<std::string> files;
  if (!std::filesystem::exists(dir)) return files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

void writeSmallSweep(const std::string& path, const std::string& dataDir, const std::string& grid,
                     const std::string& seeds) {
  std::ofstream(path) << R"({
  "experiment": {
    "data": {"source": "mnist:)"
                      << dataDir << R"("},
    "teacher": {"arch": "hinton-mlp-student", "training": {"epochs": 1}},
    "student": {"arch": "lenet5", "training": {"epochs": 2}},
    "device": "cpu", "threads": 2
  },
  "grid": )" << grid << R"(,
  "seeds": )" << seeds << R"(,
  "baseline": true
})";
}

}  // namespace kd::test
