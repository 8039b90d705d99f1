// Built instead of folder_reader.cpp when CMake's KD_WITH_OPENCV is off.
#include "data/folder_reader.h"
#include "kd/error.h"

namespace kd {

FolderImages readImageFolder(const std::string& dir, int, bool, RunControl*) {
  throw Error(
      "cannot read the image folder %1: this build of KD Workbench has no OpenCV (configure "
      "with -DKD_WITH_OPENCV=ON)",
      {dir});
}

FolderImages readUnlabelledFolder(const std::string& dir, int size, bool grayscale,
                                  RunControl* control) {
  return readImageFolder(dir, size, grayscale, control);
}

}  // namespace kd
