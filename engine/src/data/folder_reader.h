#pragma once
// Image folders: one sub-folder per class, read with OpenCV in sorted order.
#include <string>

#include "data/dataset.h"
#include "kd/observer.h"

namespace kd {

struct FolderImages {
  Dataset images;
  std::vector<std::string> skipped;  // "path: why" for each file that could not be used
};

// Every image is converted to RGB (or grayscale) and resized to size x size. An unreadable
// file, or one whose header declares more than kMaxImagePixels, is skipped and listed; a
// class left with no image is an error. With a control, pauses and stops between files
// (throwing RunCancelled).
FolderImages readImageFolder(const std::string& dir, int size, bool grayscale,
                             RunControl* control = nullptr);

// Images without labels: every image file in `dir` and its sub-folders (sorted by path), read
// as readImageFolder() reads them, labelled kUnlabelled, with no classes. Throws kd::Error when
// none can be read.
FolderImages readUnlabelledFolder(const std::string& dir, int size, bool grayscale,
                                  RunControl* control = nullptr);

}  // namespace kd
