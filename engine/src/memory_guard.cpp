#include "memory_guard.h"

#include <fstream>
#include <sstream>

namespace kd {
namespace {

std::string mebibytes(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

uint64_t availableMemoryBytes() {
  std::ifstream in("/proc/meminfo");
  std::string key, unit;
  uint64_t kib = 0;
  while (in >> key >> kib >> unit)
    if (key == "MemAvailable:") return kib * 1024;
  return 0;
}

void checkFitsInMemory(uint64_t bytes, const Text& what) {
  const uint64_t available = availableMemoryBytes();
  if (available > 0 && bytes > available)
    throw Error("%1 needs about %2 of memory, but only %3 is available",
                {what, mebibytes(bytes), mebibytes(available)});
}

bool isOutOfMemory(const c10::Error& e) {
  const std::string message = e.what_without_backtrace();
  return message.find("can't allocate memory") != std::string::npos ||
         message.find("out of memory") != std::string::npos;
}

void throwOutOfMemory(const Text& what) {
  throw Error(
      "out of memory while %1 (%2 available): use a smaller dataset, image size, batch "
      "or model",
      {what, mebibytes(availableMemoryBytes())});
}

}  // namespace kd
