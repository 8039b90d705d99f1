#include "eval/evaluator.h"

#include "kd/experiment_runner.h"

namespace kd {
namespace {

template <typename T>
std::vector<T> flat(const torch::Tensor& t) {
  torch::Tensor c = t.cpu().contiguous();
  return {c.data_ptr<T>(), c.data_ptr<T>() + c.numel()};
}

}  // namespace

LogitsFn logitsOf(KdNet model) {
  return [model](const torch::Tensor& x) mutable { return model->forward(x); };
}

LogitsFn logitsKeepingEmbeddings(KdNet model, std::vector<torch::Tensor>& embeddings) {
  return [model, &embeddings](const torch::Tensor& x) mutable {
    ModelFeatures f;
    torch::Tensor logits = model->forward(x, &f);
    embeddings.push_back(f.embedding.to(torch::kFloat));
    return logits;
  };
}

torch::Tensor computeLogits(const LogitsFn& model, const Dataset& data,
                            const InputPipeline& pipeline, RunControl* control, int64_t batchSize) {
  std::vector<torch::Tensor> parts;
  {
    torch::InferenceMode inference;
    for (int64_t start = 0; start < data.size(); start += batchSize) {
      if (control && !control->waitWhilePaused()) throw RunCancelled{};
      int64_t n = std::min(batchSize, data.size() - start);
      parts.push_back(model(pipeline.prepare(data.images.narrow(0, start, n))).to(torch::kFloat));
    }
  }
  // A copy made outside inference mode may be used by autograd (as KD targets).
  return torch::cat(parts).clone();
}

double accuracy(const torch::Tensor& logits, const torch::Tensor& labels) {
  return logits.argmax(1).cpu().eq(labels.cpu()).to(torch::kDouble).mean().item<double>();
}

std::vector<std::vector<int64_t>> confusionMatrix(const torch::Tensor& logits,
                                                  const torch::Tensor& labels, int classes) {
  torch::Tensor cells = labels.cpu() * classes + logits.argmax(1).cpu();
  torch::Tensor counts = torch::bincount(cells, {}, int64_t(classes) * classes);
  auto c = counts.accessor<int64_t, 1>();
  std::vector<std::vector<int64_t>> matrix(classes, std::vector<int64_t>(classes));
  for (int t = 0; t < classes; ++t)
    for (int p = 0; p < classes; ++p) matrix[t][p] = c[t * classes + p];
  return matrix;
}

std::vector<double> perClassAccuracy(const torch::Tensor& logits, const torch::Tensor& labels,
                                     int classes) {
  auto matrix = confusionMatrix(logits, labels, classes);
  std::vector<double> result(classes, 0.0);
  for (int t = 0; t < classes; ++t) {
    int64_t total = 0;
    for (int64_t v : matrix[t]) total += v;
    result[t] = total ? double(matrix[t][t]) / double(total) : kNotApplicable;
  }
  return result;
}

double agreement(const torch::Tensor& a, const torch::Tensor& b) {
  return a.argmax(1).eq(b.argmax(1)).to(torch::kDouble).mean().item<double>();
}

torch::Tensor probabilities(const torch::Tensor& logits, double temperature) {
  return torch::softmax(logits / temperature, 1);
}

Predictions predictionsOf(const Dataset& data, int64_t count, const torch::Tensor& teacherLogits,
                          const torch::Tensor& studentLogits, double temperature) {
  Predictions p;
  p.classes = data.classes;
  p.shape = data.shape();
  p.count = std::min(count, data.size());
  p.indices.resize(size_t(p.count));
  for (int64_t i = 0; i < p.count; ++i) p.indices[size_t(i)] = i;
  p.labels = flat<int>(data.labels.narrow(0, 0, p.count).to(torch::kInt));
  p.images = flat<uint8_t>(data.images.narrow(0, 0, p.count));
  p.teacherLogits = flat<float>(teacherLogits.narrow(0, 0, p.count).to(torch::kFloat));
  p.studentLogits = flat<float>(studentLogits.narrow(0, 0, p.count).to(torch::kFloat));
  p.temperature = temperature;
  return p;
}

}  // namespace kd
