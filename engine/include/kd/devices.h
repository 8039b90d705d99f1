#pragma once
// The devices training can run on, and the arithmetic the CPU offers, for the UI and kdtrain.
#include <string>
#include <vector>

#include "kd/catalogue.h"

namespace kd {

// "auto", "cpu", then "cuda:0", "cuda:1", ... for each CUDA device this LibTorch sees.
std::vector<std::string> availableDevices();

// The CPU's bfloat16 instructions, from the flags of /proc/cpuinfo (or of the file named by
// $KD_CPUINFO, so that a test can play a CPU without them).
struct CpuFeatures {
  bool avx512Bf16 = false;  // flag avx512_bf16 (AMD Zen 4, Intel Cooper Lake and later)
  bool amxBf16 = false;     // flag amx_bf16 (Intel Sapphire Rapids and later)
  bool bf16() const { return avx512Bf16 || amxBf16; }
  std::string text() const;  // "avx512_bf16, amx_bf16", or "no bfloat16 instructions"
};
CpuFeatures cpuFeaturesFrom(const std::string& cpuinfo);
CpuFeatures cpuFeatures();  // this machine's, read once

// The precision a run uses, fp32 or bf16: auto is bf16 on a CPU with bfloat16 instructions and
// fp32 elsewhere (on CUDA too, where bf16 is chosen by name).
Precision resolvePrecision(Precision asked, bool onCuda, const CpuFeatures& cpu);

}  // namespace kd
