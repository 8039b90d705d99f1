#pragma once
// Few labels (data.labelled): which transfer images keep their label. The rest carry
// kUnlabelled and are learnt from the teacher's answers alone.
#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "data/dataset.h"

namespace kd {

// A bool mask over `labels`: the images that keep their label, stratifiedLabelCounts() of each
// class, drawn with a generator seeded by `seed`. Throws kd::Error for an impossible count.
torch::Tensor labelledMask(const torch::Tensor& labels, int classes, double labelled,
                           uint64_t seed);

// The images a phase trains on, cut from trainingSubset(): the teacher trained here learns
// from the labelled images; the distilled student from every transfer image (hidden classes
// removed), the unlabelled ones with kUnlabelled, then data.unlabelled's images; a student of
// labels alone (alpha 1) from its labelled images.
struct TransferSets {
  Dataset training;  // trainingSubset(hideClasses = false), every label kept
  Dataset teacher;
  Dataset student;
  Dataset studentLabelled;  // student's images with a label
};
TransferSets transferSets(const DataSplits& data, const DataConfig& config, uint64_t seed);

}  // namespace kd
