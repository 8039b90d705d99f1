#pragma once
// CIFAR-10 and CIFAR-100 in their binary versions ("cifar-10-batches-bin", "cifar-100-binary").
#include <string>

#include "data/dataset.h"

namespace kd {

// classes is 10 or 100. Reads data_batch_1..5.bin + test_batch.bin (CIFAR-10) or train.bin +
// test.bin (CIFAR-100, fine labels); class names from batches.meta.txt / fine_label_names.txt
// when present.
DataSplits readCifar(const std::string& dir, int classes);

// One binary file: records of labelBytes label bytes (the last one is used) + 3072 pixels.
Dataset readCifarFile(const std::string& path, int labelBytes);

}  // namespace kd
