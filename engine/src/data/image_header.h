#pragma once
// The pixel size an image file declares in its header, read without decoding it, so that a
// decompression bomb (a small file claiming a huge image) is refused before any pixel is
// allocated. Knows PNG, JPEG, BMP, PNM, WebP and TIFF; other files give no size.
#include <cstdint>
#include <optional>
#include <string>

namespace kd {

struct ImageSize {
  int64_t width = 0;
  int64_t height = 0;
};

// Empty when the format is unknown or its header is too damaged to give a size.
std::optional<ImageSize> declaredImageSize(const std::string& path);

// Folder datasets refuse images larger than this before decoding them (8192 x 8192).
constexpr int64_t kMaxImagePixels = int64_t(1) << 26;

}  // namespace kd
