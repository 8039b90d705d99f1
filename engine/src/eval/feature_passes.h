#pragma once
// Forward passes that keep what a model computes inside (models/model.h, ModelFeatures) as well
// as its answers, for the representation figures (eval/representation.h) of a run's end and of
// its inspection. Each runs in the given precision on the pipeline's device and returns float32
// tensors on the CPU that any later computation may use.
#include <torch/torch.h>

#include <vector>

#include "data/dataset.h"
#include "data/input_pipeline.h"
#include "kd/observer.h"
#include "models/model.h"
#include "train/precision.h"

namespace kd {

// `model`'s logits of every image of `data` and, from the same forward pass, its embedding.
// With a control, pauses and stops between batches (throwing RunCancelled).
struct LogitsAndEmbedding {
  torch::Tensor logits, embedding;
};
LogitsAndEmbedding logitsAndEmbedding(KdNet model, const Dataset& data,
                                      const InputPipeline& pipeline, Precision precision,
                                      RunControl* control = nullptr);

// The stage outputs of the first `images` images of `data`, one tensor per stage.
std::vector<torch::Tensor> firstStages(KdNet model, const Dataset& data,
                                       const InputPipeline& pipeline, Precision precision,
                                       int64_t images);
// The centred Gram matrix (eval/representation.h, centredGram) of each of those stages.
std::vector<torch::Tensor> stageGrams(KdNet model, const Dataset& data,
                                      const InputPipeline& pipeline, Precision precision,
                                      int64_t images);

}  // namespace kd
