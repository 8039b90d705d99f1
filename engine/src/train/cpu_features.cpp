// The CPU's bfloat16 instructions and the precision a run chooses from them (kd/devices.h).
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "kd/devices.h"

namespace kd {
namespace {

// The words of the first "flags" line (x86 /proc/cpuinfo); other lines and CPUs have none.
bool hasFlag(const std::string& cpuinfo, const std::string& flag) {
  std::istringstream lines(cpuinfo);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    std::istringstream words(line.substr(line.find(':') + 1));
    std::string word;
    while (words >> word)
      if (word == flag) return true;
    return false;
  }
  return false;
}

}  // namespace

std::string CpuFeatures::text() const {
  if (!bf16()) return "no bfloat16 instructions";
  if (avx512Bf16 && amxBf16) return "avx512_bf16, amx_bf16";
  return avx512Bf16 ? "avx512_bf16" : "amx_bf16";
}

CpuFeatures cpuFeaturesFrom(const std::string& cpuinfo) {
  return {hasFlag(cpuinfo, "avx512_bf16"), hasFlag(cpuinfo, "amx_bf16")};
}

CpuFeatures cpuFeatures() {
  static const CpuFeatures features = [] {
    const char* other = std::getenv("KD_CPUINFO");
    std::ifstream in(other && *other ? other : "/proc/cpuinfo");
    std::stringstream text;
    text << in.rdbuf();
    return cpuFeaturesFrom(text.str());
  }();
  return features;
}

Precision resolvePrecision(Precision asked, bool onCuda, const CpuFeatures& cpu) {
  if (asked != Precision::kAuto) return asked;
  return !onCuda && cpu.bf16() ? Precision::kBf16 : Precision::kFp32;
}

}  // namespace kd
