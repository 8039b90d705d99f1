#pragma once
// IDX files (MNIST, Fashion-MNIST), gzip-compressed or raw.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "data/dataset.h"

namespace kd {

// The whole content of a file, gunzipped when it is gzip (zlib reads raw files unchanged).
std::vector<uint8_t> readMaybeGzip(const std::string& path);

torch::Tensor readIdxImages(const std::string& path);  // uint8 [N, 1, H, W]
torch::Tensor readIdxLabels(const std::string& path);  // int64 [N]

// Reads DIR/<prefix>-images-idx3-ubyte[.gz] and DIR/<prefix>-labels-idx1-ubyte[.gz].
Dataset readIdxDataset(const std::string& dir, const std::string& prefix,
                       const std::vector<std::string>& classes);

}  // namespace kd
