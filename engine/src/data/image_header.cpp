#include "data/image_header.h"

#include <cctype>
#include <cstring>
#include <fstream>
#include <vector>

namespace kd {
namespace {

using Bytes = std::vector<uint8_t>;

uint64_t big(const Bytes& b, size_t pos, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = v << 8 | b[pos + i];
  return v;
}

uint64_t little(const Bytes& b, size_t pos, int n) {
  uint64_t v = 0;
  for (int i = n; i-- > 0;) v = v << 8 | b[pos + i];
  return v;
}

bool startsWith(const Bytes& b, const char* magic) {
  const size_t n = std::strlen(magic);
  return b.size() >= n && std::memcmp(b.data(), magic, n) == 0;
}

std::optional<ImageSize> png(const Bytes& b) {
  if (b.size() < 24 || std::memcmp(b.data() + 12, "IHDR", 4) != 0) return std::nullopt;
  return ImageSize{int64_t(big(b, 16, 4)), int64_t(big(b, 20, 4))};
}

// The first start-of-frame marker (SOF0..SOF15 but DHT, JPG and DAC) holds the size.
std::optional<ImageSize> jpeg(const Bytes& b) {
  size_t pos = 2;
  while (pos + 9 < b.size()) {
    if (b[pos] != 0xff) return std::nullopt;
    const uint8_t marker = b[pos + 1];
    if (marker == 0xff) {  // fill byte
      ++pos;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
      return ImageSize{int64_t(big(b, pos + 7, 2)), int64_t(big(b, pos + 5, 2))};
    pos += 2 + big(b, pos + 2, 2);
  }
  return std::nullopt;
}

std::optional<ImageSize> bmp(const Bytes& b) {
  if (b.size() < 26) return std::nullopt;
  const int64_t height = int32_t(uint32_t(little(b, 22, 4)));
  return ImageSize{int32_t(uint32_t(little(b, 18, 4))), height < 0 ? -height : height};
}

// P1..P6: magic, then width and height as decimal text, with # comments between tokens.
std::optional<ImageSize> pnm(const Bytes& b) {
  size_t pos = 2;
  int64_t numbers[2] = {0, 0};
  for (int64_t& number : numbers) {
    while (pos < b.size() && (std::isspace(b[pos]) || b[pos] == '#')) {
      if (b[pos] == '#')
        while (pos < b.size() && b[pos] != '\n') ++pos;
      else
        ++pos;
    }
    if (pos >= b.size() || !std::isdigit(b[pos])) return std::nullopt;
    for (; pos < b.size() && std::isdigit(b[pos]) && number < (int64_t(1) << 40); ++pos)
      number = number * 10 + (b[pos] - '0');
  }
  return ImageSize{numbers[0], numbers[1]};
}

std::optional<ImageSize> webp(const Bytes& b) {
  if (b.size() < 30 || std::memcmp(b.data() + 8, "WEBP", 4) != 0) return std::nullopt;
  if (std::memcmp(b.data() + 12, "VP8X", 4) == 0)
    return ImageSize{int64_t(little(b, 24, 3)) + 1, int64_t(little(b, 27, 3)) + 1};
  if (std::memcmp(b.data() + 12, "VP8L", 4) == 0) {
    const uint64_t bits = little(b, 21, 4);
    return ImageSize{int64_t(bits & 0x3fff) + 1, int64_t((bits >> 14) & 0x3fff) + 1};
  }
  if (std::memcmp(b.data() + 12, "VP8 ", 4) == 0)
    return ImageSize{int64_t(little(b, 26, 2) & 0x3fff), int64_t(little(b, 28, 2) & 0x3fff)};
  return std::nullopt;
}

// The first image file directory's ImageWidth (256) and ImageLength (257) tags.
std::optional<ImageSize> tiff(const Bytes& b) {
  if (b.size() < 8) return std::nullopt;
  const bool le = b[0] == 'I';
  auto get = [&](size_t pos, int n) { return le ? little(b, pos, n) : big(b, pos, n); };
  const uint64_t ifd = get(4, 4);
  if (ifd + 2 > b.size()) return std::nullopt;
  const uint64_t entries = get(ifd, 2);
  ImageSize size;
  for (uint64_t i = 0; i < entries && ifd + 2 + 12 * (i + 1) <= b.size(); ++i) {
    const size_t e = ifd + 2 + 12 * i;
    const uint64_t tag = get(e, 2), type = get(e + 2, 2);
    const int64_t value = int64_t(type == 3 ? get(e + 8, 2) : get(e + 8, 4));
    if (tag == 256) size.width = value;
    if (tag == 257) size.height = value;
  }
  if (size.width == 0 || size.height == 0) return std::nullopt;
  return size;
}

}  // namespace

std::optional<ImageSize> declaredImageSize(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  Bytes b(64 * 1024);  // JPEG's frame header may follow large metadata segments
  in.read(reinterpret_cast<char*>(b.data()), std::streamsize(b.size()));
  b.resize(size_t(in.gcount()));
  if (startsWith(b, "\x89PNG")) return png(b);
  if (startsWith(b, "\xff\xd8")) return jpeg(b);
  if (startsWith(b, "BM")) return bmp(b);
  if (b.size() > 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6') return pnm(b);
  if (startsWith(b, "RIFF")) return webp(b);
  if (startsWith(b, "II*") || (startsWith(b, "MM") && b.size() > 3 && b[3] == '*')) return tiff(b);
  return std::nullopt;
}

}  // namespace kd
