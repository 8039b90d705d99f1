#pragma once
// Image folders: one sub-folder per class, read with OpenCV in sorted order.
#include <string>

#include "dataset.h"

namespace kd {

// Every image is converted to RGB (or grayscale) and resized to size x size.
Dataset readImageFolder(const std::string& dir, int size, bool grayscale);

}  // namespace kd
