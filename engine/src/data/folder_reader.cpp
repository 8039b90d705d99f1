#include "data/folder_reader.h"

#include <algorithm>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>

#include "data/image_header.h"
#include "kd/error.h"
#include "memory_guard.h"

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

// Empty, with `why` set, when the file cannot be used.
cv::Mat readImage(const fs::path& path, int size, bool grayscale, std::string& why) {
  const std::optional<ImageSize> declared = declaredImageSize(path.string());
  if (declared && declared->width * declared->height > kMaxImagePixels) {
    why = "declares " + std::to_string(declared->width) + "x" + std::to_string(declared->height) +
          " pixels, more than the limit of " + std::to_string(kMaxImagePixels);
    return {};
  }
  try {
    cv::Mat image = cv::imread(path.string(), grayscale ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
    if (image.empty()) {
      why = "not a readable image";
      return {};
    }
    if (!grayscale) cv::cvtColor(image, image, cv::COLOR_BGR2RGB);
    cv::resize(image, image, cv::Size(size, size), 0, 0, cv::INTER_AREA);
    return image.isContinuous() ? image : image.clone();
  } catch (const cv::Exception& e) {
    why = "OpenCV cannot decode it (" + e.err + ")";
    return {};
  }
}

}  // namespace

FolderImages readImageFolder(const std::string& dir, int size, bool grayscale,
                             RunControl* control) {
  if (!fs::is_directory(dir)) throw Error("the image folder %1 does not exist", {dir});
  const int channels = grayscale ? 1 : 3;
  const size_t bytes = size_t(size) * size * channels;
  FolderImages out;
  Dataset& d = out.images;
  std::vector<fs::path> classDirs = sortedEntries(dir, true);
  size_t fileCount = 0;
  for (const auto& classDir : classDirs) fileCount += sortedEntries(classDir, false).size();
  // The pixels are held twice while they are turned into a tensor.
  checkFitsInMemory(uint64_t(fileCount) * bytes * 2,
                    Text("the image folder %1 (%2 images)", {dir, std::to_string(fileCount)}));
  std::vector<uint8_t> pixels;
  std::vector<int64_t> labels;
  pixels.reserve(fileCount * bytes);
  for (const auto& classDir : classDirs) {
    std::vector<fs::path> files = sortedEntries(classDir, false);
    if (files.empty()) continue;
    const int64_t label = int64_t(d.classes.size());
    size_t read = 0;
    for (const auto& f : files) {
      if (control && !control->waitWhilePaused()) throw RunCancelled{};
      std::string why;
      cv::Mat image = readImage(f, size, grayscale, why);
      if (image.empty()) {
        out.skipped.push_back(f.string() + ": " + why);
        continue;
      }
      pixels.insert(pixels.end(), image.data, image.data + bytes);
      labels.push_back(label);
      ++read;
    }
    if (read == 0)
      throw Error("the class folder %1 has no readable image (%2 skipped; the first: %3)",
                  {classDir.string(), std::to_string(files.size()),
                   out.skipped[out.skipped.size() - files.size()]});
    d.classes.push_back(classDir.filename().string());
  }
  if (d.classes.size() < 2)
    throw Error(
        "the image folder %1 needs at least two sub-folders with images (one per class); "
        "found %2",
        {dir, std::to_string(d.classes.size())});
  const int64_t n = int64_t(labels.size());
  d.images = torch::from_blob(pixels.data(), {n, size, size, channels}, torch::kUInt8)
                 .permute({0, 3, 1, 2})
                 .contiguous();
  d.labels = torch::tensor(labels, torch::kInt64);
  return out;
}

}  // namespace kd
