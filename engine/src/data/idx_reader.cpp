#include "data/idx_reader.h"

#include <zlib.h>

#include <filesystem>

#include "kd/error.h"

namespace kd {
namespace {

uint32_t bigEndian32(const std::vector<uint8_t>& b, size_t offset) {
  return uint32_t(b[offset]) << 24 | uint32_t(b[offset + 1]) << 16 | uint32_t(b[offset + 2]) << 8 |
         uint32_t(b[offset + 3]);
}

std::string findIdxFile(const std::string& dir, const std::string& base) {
  for (const std::string& candidate : {dir + "/" + base + ".gz", dir + "/" + base})
    if (std::filesystem::is_regular_file(candidate)) return candidate;
  throw Error("missing dataset file %1", {dir + "/" + base + "[.gz]"});
}

}  // namespace

std::vector<uint8_t> readMaybeGzip(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) throw Error("cannot open %1", {path});
  std::vector<uint8_t> data;
  uint8_t buffer[1 << 16];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) data.insert(data.end(), buffer, buffer + n);
  int status = 0;
  std::string message = gzerror(file, &status);
  gzclose(file);
  if (n < 0 || (status != Z_OK && status != Z_STREAM_END))
    throw Error("%1 is corrupt or truncated (%2)", {path, message});
  return data;
}

torch::Tensor readIdxImages(const std::string& path) {
  std::vector<uint8_t> b = readMaybeGzip(path);
  if (b.size() < 16 || bigEndian32(b, 0) != 0x00000803)
    throw Error("%1 is not an IDX image file (expected magic 0x00000803)", {path});
  int64_t n = bigEndian32(b, 4), rows = bigEndian32(b, 8), cols = bigEndian32(b, 12);
  if (rows < 1 || cols < 1 || rows > 4096 || cols > 4096)
    throw Error("%1: implausible image size %2x%3",
                {path, std::to_string(rows), std::to_string(cols)});
  int64_t expected = n * rows * cols;
  if (int64_t(b.size()) - 16 != expected)
    throw Error(
        "%1 holds %2 bytes of pixels, but its header announces %3 images of %4x%5 (%6 bytes)",
        {path, std::to_string(b.size() - 16), std::to_string(n), std::to_string(rows),
         std::to_string(cols), std::to_string(expected)});
  return torch::from_blob(b.data() + 16, {n, 1, rows, cols}, torch::kUInt8).clone();
}

torch::Tensor readIdxLabels(const std::string& path) {
  std::vector<uint8_t> b = readMaybeGzip(path);
  if (b.size() < 8 || bigEndian32(b, 0) != 0x00000801)
    throw Error("%1 is not an IDX label file (expected magic 0x00000801)", {path});
  int64_t n = bigEndian32(b, 4);
  if (int64_t(b.size()) - 8 != n)
    throw Error("%1 holds %2 labels, but its header announces %3",
                {path, std::to_string(b.size() - 8), std::to_string(n)});
  return torch::from_blob(b.data() + 8, {n}, torch::kUInt8).to(torch::kInt64);
}

Dataset readIdxDataset(const std::string& dir, const std::string& prefix,
                       const std::vector<std::string>& classes) {
  Dataset d;
  d.images = readIdxImages(findIdxFile(dir, prefix + "-images-idx3-ubyte"));
  d.labels = readIdxLabels(findIdxFile(dir, prefix + "-labels-idx1-ubyte"));
  d.classes = classes;
  checkConsistent(d, dir + "/" + prefix);
  return d;
}

}  // namespace kd
