#include "eval/feature_passes.h"

#include <algorithm>

#include "eval/evaluator.h"
#include "eval/representation.h"

namespace kd {

namespace {
constexpr int64_t kBatch = 250;
}

LogitsAndEmbedding logitsAndEmbedding(KdNet model, const Dataset& data,
                                      const InputPipeline& pipeline, Precision precision,
                                      RunControl* control) {
  std::vector<torch::Tensor> embeddings;
  const LogitsFn keeping =
      inPrecision(logitsKeepingEmbeddings(model, embeddings), precision, pipeline.device());
  torch::Tensor logits = computeLogits(keeping, data, pipeline, control, kBatch);
  return {logits.to(torch::kCPU), torch::cat(embeddings).to(torch::kCPU)};
}

std::vector<torch::Tensor> firstStages(KdNet model, const Dataset& data,
                                       const InputPipeline& pipeline, Precision precision,
                                       int64_t images) {
  std::vector<ModelFeatures> batches;
  {
    torch::InferenceMode inference;
    for (int64_t start = 0; start < images; start += kBatch) {
      ModelFeatures f;
      {
        AutocastScope autocast(precision, pipeline.device());
        model->forward(pipeline.prepare(
                           data.images.narrow(0, start, std::min<int64_t>(kBatch, images - start))),
                       &f);
      }
      toFloat(f);
      f.embedding = torch::Tensor();
      for (torch::Tensor& stage : f.stages) stage = stage.to(torch::kCPU);
      batches.push_back(f);
    }
  }
  return concatenated(batches).stages;  // made outside inference mode: usable anywhere
}

std::vector<torch::Tensor> stageGrams(KdNet model, const Dataset& data,
                                      const InputPipeline& pipeline, Precision precision,
                                      int64_t images) {
  std::vector<torch::Tensor> grams;
  for (const torch::Tensor& stage : firstStages(model, data, pipeline, precision, images))
    grams.push_back(centredGram(stage));
  return grams;
}

}  // namespace kd
