#include "interop/zip_directory.h"

#include <cstring>

#include "kd/error.h"

namespace kd {
namespace {

constexpr uint32_t kEndSignature = 0x06054b50, kEntrySignature = 0x02014b50,
                   kLocalSignature = 0x04034b50;
constexpr size_t kEndSize = 22, kEntrySize = 46, kLocalSize = 30;

class Cursor {
 public:
  Cursor(const std::vector<char>& bytes, const std::string& what) : b_(bytes), what_(what) {}
  // Little-endian integer of n bytes at pos; throws when it lies outside the buffer.
  uint64_t at(uint64_t pos, int n) const {
    if (pos > b_.size() || uint64_t(n) > b_.size() - pos)
      damaged(Text("a header reaches past its end"));
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= uint64_t(uint8_t(b_[pos + i])) << (8 * i);
    return v;
  }
  [[noreturn]] void damaged(const Text& why) const {
    throw Error("%1 is not a readable PyTorch zip archive, it may be truncated (%2)", {what_, why});
  }

 private:
  const std::vector<char>& b_;
  const std::string& what_;
};

// The end-of-central-directory record: the last 22 bytes plus a comment of up to 64 KiB.
uint64_t findEnd(const std::vector<char>& b, const Cursor& c) {
  if (b.size() < kEndSize) c.damaged(Text("shorter than a zip's end record"));
  const uint64_t lowest = b.size() > kEndSize + 0xffff ? b.size() - kEndSize - 0xffff : 0;
  for (uint64_t pos = b.size() - kEndSize + 1; pos-- > lowest;)
    if (c.at(pos, 4) == kEndSignature) return pos;
  c.damaged(Text("no end-of-archive record"));
}

std::string_view withoutTopFolder(std::string_view name) {
  const size_t slash = name.find('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

}  // namespace

bool startsLikeZip(const std::vector<char>& bytes) {
  return bytes.size() >= 4 && std::memcmp(bytes.data(), "PK\x03\x04", 4) == 0;
}

ZipDirectory::ZipDirectory(const std::vector<char>& bytes, std::string what)
    : bytes_(bytes), what_(std::move(what)) {
  const Cursor c(bytes_, what_);
  const uint64_t end = findEnd(bytes_, c);
  const uint64_t entries = c.at(end + 10, 2), directorySize = c.at(end + 12, 4),
                 directory = c.at(end + 16, 4);
  if (entries == 0xffff || directorySize == 0xffffffff || directory == 0xffffffff)
    throw Error("%1 is a zip64 archive (over 4 GiB), which the workbench does not read", {what_});
  if (directory > end || directorySize > end - directory)
    c.damaged(Text("the central directory lies outside the file"));
  uint64_t pos = directory;
  for (uint64_t i = 0; i < entries; ++i) {
    if (c.at(pos, 4) != kEntrySignature) c.damaged(Text("a damaged central directory entry"));
    const uint64_t nameLength = c.at(pos + 28, 2), extra = c.at(pos + 30, 2),
                   comment = c.at(pos + 32, 2), local = c.at(pos + 42, 4);
    c.at(pos + kEntrySize + nameLength + extra + comment - 1, 1);  // the entry is inside
    ZipRecord r;
    r.name = std::string(
        withoutTopFolder(std::string_view(bytes_.data() + pos + kEntrySize, size_t(nameLength))));
    r.method = uint16_t(c.at(pos + 10, 2));
    r.storedSize = c.at(pos + 20, 4);
    r.size = c.at(pos + 24, 4);
    if (r.storedSize == 0xffffffff || r.size == 0xffffffff || local == 0xffffffff)
      throw Error("%1 is a zip64 archive (over 4 GiB), which the workbench does not read", {what_});
    if (c.at(local, 4) != kLocalSignature)
      c.damaged(Text("record %1 has no local header", {r.name}));
    r.dataOffset = local + kLocalSize + c.at(local + 26, 2) + c.at(local + 28, 2);
    if (r.dataOffset > directory || r.storedSize > directory - r.dataOffset)
      c.damaged(Text("record %1 reaches past the records' end", {r.name}));
    records_[r.name] = r;
    pos += kEntrySize + nameLength + extra + comment;
  }
}

const ZipRecord* ZipDirectory::find(std::string_view name) const {
  auto it = records_.find(name);
  return it == records_.end() ? nullptr : &it->second;
}

std::string_view ZipDirectory::storedBytes(std::string_view name, uint64_t maxSize) const {
  const ZipRecord* r = find(name);
  if (!r) throw Error("%1 has no record %2", {what_, std::string(name)});
  if (r->method != 0 || r->size != r->storedSize)
    throw Error("%1: record %2 is compressed; torch.save stores its records uncompressed",
                {what_, r->name});
  if (r->size > maxSize)
    throw Error("%1: record %2 holds %3 bytes, more than the limit of %4",
                {what_, r->name, std::to_string(r->size), std::to_string(maxSize)});
  return std::string_view(bytes_.data() + r->dataOffset, size_t(r->size));
}

}  // namespace kd
