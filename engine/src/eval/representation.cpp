#include "eval/representation.h"

#include <algorithm>

namespace kd {

RetrievalFigures sameClassRetrieval(const torch::Tensor& embeddings, const torch::Tensor& labels,
                                    int64_t block) {
  torch::NoGradGuard noGrad;
  const torch::Tensor unit =
      torch::nn::functional::normalize(embeddings.flatten(1).to(torch::kFloat),
                                       torch::nn::functional::NormalizeFuncOptions().p(2).dim(1));
  const torch::Tensor y = labels.to(unit.device(), torch::kLong);
  const int64_t n = unit.size(0);
  const torch::Tensor ranks = torch::arange(1, n, unit.options().dtype(torch::kDouble));
  double hits1 = 0, hits5 = 0, precisionSum = 0;
  int64_t queries = 0;
  for (int64_t start = 0; start < n; start += block) {
    const int64_t rows = std::min(block, n - start);
    torch::Tensor similarity = unit.narrow(0, start, rows).matmul(unit.t());
    similarity.diagonal(start).fill_(-3);  // below any cosine: itself ranks last, then is cut
    const torch::Tensor order = similarity.argsort(1, /*descending=*/true).narrow(1, 0, n - 1);
    const torch::Tensor right =
        y.index({order}).eq(y.narrow(0, start, rows).unsqueeze(1)).to(torch::kDouble);
    const torch::Tensor relevant = right.sum(1);
    const torch::Tensor asked = relevant > 0;
    const torch::Tensor precision = right.cumsum(1) / ranks;
    const torch::Tensor average = (precision * right).sum(1) / relevant.clamp_min(1);
    queries += asked.sum().item<int64_t>();
    hits1 += right.narrow(1, 0, 1).amax(1).masked_select(asked).sum().item<double>();
    hits5 += right.narrow(1, 0, std::min<int64_t>(5, n - 1))
                 .amax(1)
                 .masked_select(asked)
                 .sum()
                 .item<double>();
    precisionSum += average.masked_select(asked).sum().item<double>();
  }
  RetrievalFigures f;
  f.queries = queries;
  if (queries == 0) return f;
  f.recallAt1 = hits1 / double(queries);
  f.recallAt5 = hits5 / double(queries);
  f.meanAveragePrecision = precisionSum / double(queries);
  return f;
}

torch::Tensor centredGram(const torch::Tensor& features) {
  torch::NoGradGuard noGrad;
  torch::Tensor x = features.flatten(1).to(torch::kDouble);
  x = x - x.mean(0, true);  // X_c X_c^T = H X X^T H
  return x.matmul(x.t());
}

double linearCkaOfGrams(const torch::Tensor& k, const torch::Tensor& l) {
  torch::NoGradGuard noGrad;
  return ((k * l).sum() / (k.norm() * l.norm())).item<double>();
}

double linearCka(const torch::Tensor& x, const torch::Tensor& y) {
  return linearCkaOfGrams(centredGram(x), centredGram(y));
}

}  // namespace kd
