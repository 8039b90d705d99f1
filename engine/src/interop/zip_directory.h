#pragma once
// The central directory of a zip archive held in memory, read with every offset and length
// checked against the buffer. PyTorch's files (torch.save, TorchScript) are zip archives whose
// records sit under one top-level folder ("archive/data.pkl"); records are looked up without
// that folder, as PyTorch's own reader does. Zip64 archives (over 4 GiB) are refused.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kd {

struct ZipRecord {
  std::string name;         // without the top-level folder
  uint16_t method = 0;      // 0: stored
  uint64_t size = 0;        // uncompressed
  uint64_t storedSize = 0;  // as stored in the archive
  uint64_t dataOffset = 0;  // where the stored bytes start in the buffer
};

class ZipDirectory {
 public:
  // Throws kd::Error naming `what` when the bytes are not a zip archive or are truncated.
  ZipDirectory(const std::vector<char>& bytes, std::string what);

  const ZipRecord* find(std::string_view name) const;
  // The record's own bytes. Throws kd::Error when it is missing, compressed, or larger than
  // maxSize (a limit for records read whole).
  std::string_view storedBytes(std::string_view name, uint64_t maxSize) const;

 private:
  const std::vector<char>& bytes_;
  std::string what_;
  std::map<std::string, ZipRecord, std::less<>> records_;  // by name
};

// True when the bytes start with a zip archive's local-header signature.
bool startsLikeZip(const std::vector<char>& bytes);

}  // namespace kd
