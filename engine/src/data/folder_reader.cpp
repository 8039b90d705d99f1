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

// Reads image files into one pixel buffer, listing the files it skips.
struct PixelReader {
  int size;
  bool grayscale;
  RunControl* control;
  std::vector<uint8_t> pixels;
  std::vector<std::string> skipped;

  size_t bytesPerImage() const { return size_t(size) * size * (grayscale ? 1 : 3); }

  // The number of files read.
  size_t read(const std::vector<fs::path>& files) {
    size_t done = 0;
    for (const auto& f : files) {
      if (control && !control->waitWhilePaused()) throw RunCancelled{};
      std::string why;
      cv::Mat image = readImage(f, size, grayscale, why);
      if (image.empty()) {
        skipped.push_back(f.string() + ": " + why);
        continue;
      }
      pixels.insert(pixels.end(), image.data, image.data + bytesPerImage());
      ++done;
    }
    return done;
  }

  torch::Tensor images() {
    const int64_t n = int64_t(pixels.size() / bytesPerImage());
    return torch::from_blob(pixels.data(), {n, size, size, grayscale ? 1 : 3}, torch::kUInt8)
        .permute({0, 3, 1, 2})
        .contiguous();
  }
};

// The pixels are held twice while they are turned into a tensor.
void checkFolderFits(const std::string& dir, size_t files, size_t bytesPerImage) {
  checkFitsInMemory(uint64_t(files) * bytesPerImage * 2,
                    Text("the image folder %1 (%2 images)", {dir, std::to_string(files)}));
}

}  // namespace

FolderImages readImageFolder(const std::string& dir, int size, bool grayscale,
                             RunControl* control) {
  if (!fs::is_directory(dir)) throw Error("the image folder %1 does not exist", {dir});
  PixelReader reader{size, grayscale, control, {}, {}};
  FolderImages out;
  Dataset& d = out.images;
  std::vector<fs::path> classDirs = sortedEntries(dir, true);
  size_t fileCount = 0;
  for (const auto& classDir : classDirs) fileCount += sortedEntries(classDir, false).size();
  checkFolderFits(dir, fileCount, reader.bytesPerImage());
  reader.pixels.reserve(fileCount * reader.bytesPerImage());
  std::vector<int64_t> labels;
  for (const auto& classDir : classDirs) {
    std::vector<fs::path> files = sortedEntries(classDir, false);
    if (files.empty()) continue;
    const size_t read = reader.read(files);
    if (read == 0)
      throw Error("the class folder %1 has no readable image (%2 skipped; the first: %3)",
                  {classDir.string(), std::to_string(files.size()),
                   reader.skipped[reader.skipped.size() - files.size()]});
    labels.insert(labels.end(), read, int64_t(d.classes.size()));
    d.classes.push_back(classDir.filename().string());
  }
  if (d.classes.size() < 2)
    throw Error(
        "the image folder %1 needs at least two sub-folders with images (one per class); "
        "found %2",
        {dir, std::to_string(d.classes.size())});
  d.images = reader.images();
  d.labels = torch::tensor(labels, torch::kInt64);
  out.skipped = std::move(reader.skipped);
  return out;
}

FolderImages readUnlabelledFolder(const std::string& dir, int size, bool grayscale,
                                  RunControl* control) {
  if (!fs::is_directory(dir)) throw Error("the folder of unlabelled images %1 does not exist", {dir});
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && isImageFile(e.path())) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  PixelReader reader{size, grayscale, control, {}, {}};
  checkFolderFits(dir, files.size(), reader.bytesPerImage());
  reader.pixels.reserve(files.size() * reader.bytesPerImage());
  if (reader.read(files) == 0)
    throw Error("the folder of unlabelled images %1 has no readable image (%2 files skipped)",
                {dir, std::to_string(files.size())});
  FolderImages out;
  out.images.images = reader.images();
  out.images.labels = torch::full({out.images.images.size(0)}, kUnlabelled, torch::kInt64);
  out.skipped = std::move(reader.skipped);
  return out;
}

}  // namespace kd
