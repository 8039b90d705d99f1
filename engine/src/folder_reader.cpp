#include "folder_reader.h"

#include <algorithm>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "kd/error.h"

namespace kd {
namespace {

namespace fs = std::filesystem;

bool isImageFile(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".ppm" ||
         ext == ".pgm" || ext == ".tif" || ext == ".tiff" || ext == ".webp";
}

std::vector<fs::path> sortedEntries(const fs::path& dir, bool directories) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (directories ? e.is_directory() : (e.is_regular_file() && isImageFile(e.path())))
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

cv::Mat readImage(const fs::path& path, int size, bool grayscale) {
  cv::Mat image = cv::imread(path.string(), grayscale ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
  if (image.empty()) throw Error("cannot read the image " + path.string());
  if (!grayscale) cv::cvtColor(image, image, cv::COLOR_BGR2RGB);
  cv::resize(image, image, cv::Size(size, size), 0, 0, cv::INTER_AREA);
  return image;
}

}  // namespace

Dataset readImageFolder(const std::string& dir, int size, bool grayscale) {
  if (!fs::is_directory(dir)) throw Error("the image folder " + dir + " does not exist");
  std::vector<fs::path> classDirs = sortedEntries(dir, true);
  std::vector<std::pair<fs::path, int64_t>> files;
  Dataset d;
  for (const auto& classDir : classDirs) {
    std::vector<fs::path> images = sortedEntries(classDir, false);
    if (images.empty()) continue;
    for (const auto& f : images) files.emplace_back(f, int64_t(d.classes.size()));
    d.classes.push_back(classDir.filename().string());
  }
  if (d.classes.size() < 2)
    throw Error("the image folder " + dir + " needs at least two sub-folders with images " +
                "(one per class); found " + std::to_string(d.classes.size()));
  const int channels = grayscale ? 1 : 3;
  const int64_t n = int64_t(files.size());
  d.images = torch::empty({n, size, size, channels}, torch::kUInt8);
  d.labels = torch::empty({n}, torch::kInt64);
  uint8_t* pixels = d.images.data_ptr<uint8_t>();
  auto labels = d.labels.accessor<int64_t, 1>();
  const size_t bytes = size_t(size) * size * channels;
  for (int64_t i = 0; i < n; ++i) {
    cv::Mat image = readImage(files[i].first, size, grayscale);
    if (!image.isContinuous()) image = image.clone();
    std::copy(image.data, image.data + bytes, pixels + i * bytes);
    labels[i] = files[i].second;
  }
  d.images = d.images.permute({0, 3, 1, 2}).contiguous();
  return d;
}

}  // namespace kd
