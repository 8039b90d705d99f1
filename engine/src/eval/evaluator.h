#pragma once
// Evaluation of any logits function over a dataset: accuracy, per-class accuracy, confusion,
// agreement between two models, and softened probabilities.
#include <torch/torch.h>

#include <functional>
#include <vector>

#include "data/dataset.h"
#include "data/input_pipeline.h"
#include "kd/observer.h"
#include "kd/predictions.h"
#include "models/model.h"

namespace kd {

// Maps a prepared input batch to logits [B, classes]. Called in inference mode.
using LogitsFn = std::function<torch::Tensor(const torch::Tensor&)>;
LogitsFn logitsOf(KdNet model);
// logitsOf(model), also keeping each batch's embedding from the same forward pass (float32,
// on the model's device) in `embeddings`, in the order the batches come.
LogitsFn logitsKeepingEmbeddings(KdNet model, std::vector<torch::Tensor>& embeddings);

// Logits of every image, in order, as float [N, classes] on the pipeline's device. With a
// control, pauses and stops between batches (throwing RunCancelled).
torch::Tensor computeLogits(const LogitsFn& model, const Dataset& data,
                            const InputPipeline& pipeline, RunControl* control = nullptr,
                            int64_t batchSize = 250);

double accuracy(const torch::Tensor& logits, const torch::Tensor& labels);
// A class without test images has no accuracy: NaN here, null in summary.json, "n/a" shown.
std::vector<double> perClassAccuracy(const torch::Tensor& logits, const torch::Tensor& labels,
                                     int classes);
std::vector<std::vector<int64_t>> confusionMatrix(const torch::Tensor& logits,
                                                  const torch::Tensor& labels, int classes);
double agreement(const torch::Tensor& logitsA, const torch::Tensor& logitsB);
// softmax(logits / T) per image.
torch::Tensor probabilities(const torch::Tensor& logits, double temperature);

// The first `count` images of `data` with their labels and both models' logits (rows of the
// given logits), as plain vectors for the UI.
Predictions predictionsOf(const Dataset& data, int64_t count, const torch::Tensor& teacherLogits,
                          const torch::Tensor& studentLogits, double temperature);

}  // namespace kd
