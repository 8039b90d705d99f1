#include "eval/representation.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <vector>

namespace kd {

namespace {

// What one query's ranking gives, from its similarities to every image: the query's own entry
// and the images of its class are told apart by `labels`. No sort of the whole row: the
// same-class scores are sorted (ClassScores), and each other image only counts how many
// same-class images it outranks.
struct QueryFigures {
  bool asked = false;
  double hit1 = 0, hit5 = 0, averagePrecision = 0;
};

// The scores of a query's own class, sorted, with buckets of equal width over their range, so
// that how many lie below any score is found in a step or two, not by a binary search (whose
// branches every other image's score would mispredict half the time). Exact: a score's bucket
// never falls as the score rises, so every score in a lower bucket is lower, every score in a
// higher one higher, and only the scores sharing its bucket are compared.
class ClassScores {
 public:
  void assign(std::vector<float>& scores) {
    std::sort(scores.begin(), scores.end());
    sorted_ = scores.data();
    count_ = int64_t(scores.size());
    low_ = scores.front();
    high_ = scores.back();
    const int64_t buckets = 2 * count_;
    scale_ = high_ > low_ ? float(buckets) / (high_ - low_) : 0.f;
    first_.assign(size_t(buckets) + 1, count_);
    for (int64_t i = count_ - 1; i >= 0; --i) first_[size_t(bucket(sorted_[i]))] = i;
    for (int64_t b = buckets - 1; b >= 0; --b)
      first_[size_t(b)] = std::min(first_[size_t(b)], first_[size_t(b) + 1]);
  }
  // How many of the scores are below v.
  int64_t countBelow(float v) const {
    if (!(v > low_)) return 0;
    if (v > high_) return count_;
    const int64_t b = bucket(v);
    int64_t i = first_[size_t(b)];
    while (i < first_[size_t(b) + 1] && sorted_[i] < v) ++i;
    return i;
  }

 private:
  int64_t bucket(float v) const {  // v within [low_, high_]
    return std::min(int64_t((v - low_) * scale_), int64_t(first_.size()) - 2);
  }
  const float* sorted_ = nullptr;
  int64_t count_ = 0;
  float low_ = 0, high_ = 0, scale_ = 0;
  std::vector<int64_t> first_;  // first_[b]: the first score in bucket b or above
};

QueryFigures rankQuery(const float* similarity, const int64_t* labels, int64_t n, int64_t query,
                       std::vector<float>& same, ClassScores& sameSorted,
                       std::vector<int64_t>& ahead) {
  // Without branches on the labels (a test set's come in no order): each image is written,
  // and the count moves on for the query's class only.
  const int64_t label = labels[query];
  same.resize(size_t(n));
  int64_t relevant = 0;
  for (int64_t j = 0; j < n; ++j) {
    same[size_t(relevant)] = similarity[j];
    relevant += (labels[j] == label) & (j != query);
  }
  if (relevant == 0) return {};
  same.resize(size_t(relevant));
  sameSorted.assign(same);
  // ahead[c]: other-class images with exactly c same-class images at or above their score,
  // i.e. ranked before the same-class images from the (relevant - c)-th best down. The query's
  // class (the query itself included) adds nothing.
  ahead.assign(size_t(relevant) + 1, 0);
  for (int64_t j = 0; j < n; ++j)
    ahead[size_t(relevant - sameSorted.countBelow(similarity[j]))] += labels[j] != label;
  QueryFigures q;
  q.asked = true;
  int64_t before = 0;  // other-class images ranked before the k-th best same-class image
  double precisionSum = 0;
  for (int64_t k = 0; k < relevant; ++k) {
    before += ahead[size_t(k)];
    if (k == 0) {
      q.hit1 = before == 0;
      q.hit5 = before < 5;
    }
    precisionSum += double(k + 1) / double(k + 1 + before);
  }
  q.averagePrecision = precisionSum / double(relevant);
  return q;
}

}  // namespace

RetrievalScores sameClassRetrieval(const torch::Tensor& embeddings, const torch::Tensor& labels,
                                   int64_t block) {
  torch::NoGradGuard noGrad;
  const torch::Tensor unit =
      torch::nn::functional::normalize(embeddings.flatten(1).to(torch::kCPU, torch::kFloat),
                                       torch::nn::functional::NormalizeFuncOptions().p(2).dim(1));
  const torch::Tensor y = labels.to(torch::kCPU, torch::kLong).contiguous();
  const int64_t n = unit.size(0);
  std::vector<QueryFigures> figures(static_cast<size_t>(n));
  for (int64_t start = 0; start < n; start += block) {
    const int64_t rows = std::min(block, n - start);
    const torch::Tensor similarity = unit.narrow(0, start, rows).matmul(unit.t()).contiguous();
    const float* s = similarity.data_ptr<float>();
    at::parallel_for(0, rows, 16, [&](int64_t first, int64_t last) {
      std::vector<float> same;
      ClassScores sameSorted;
      std::vector<int64_t> ahead;
      for (int64_t r = first; r < last; ++r)
        figures[size_t(start + r)] =
            rankQuery(s + r * n, y.data_ptr<int64_t>(), n, start + r, same, sameSorted, ahead);
    });
  }
  RetrievalScores f;
  double hits1 = 0, hits5 = 0, precisionSum = 0;  // summed in image order, whatever the threads
  for (const QueryFigures& q : figures) {
    if (!q.asked) continue;
    ++f.queries;
    hits1 += q.hit1;
    hits5 += q.hit5;
    precisionSum += q.averagePrecision;
  }
  if (f.queries == 0) return f;
  f.recallAt1 = hits1 / double(f.queries);
  f.recallAt5 = hits5 / double(f.queries);
  f.meanAveragePrecision = precisionSum / double(f.queries);
  return f;
}

torch::Tensor centredGram(const torch::Tensor& features) {
  torch::NoGradGuard noGrad;
  // A stage's features are float32 (thousands of values per image): their products are summed
  // in float32, four times faster than in float64 and far within what a CKA value shows.
  const bool doublePrecision = features.scalar_type() == torch::kDouble;
  torch::Tensor x = features.flatten(1).to(doublePrecision ? torch::kDouble : torch::kFloat);
  x = x - x.mean(0, true);  // X_c X_c^T = H X X^T H
  return x.matmul(x.t()).to(torch::kDouble);
}

double linearCkaOfGrams(const torch::Tensor& k, const torch::Tensor& l) {
  torch::NoGradGuard noGrad;
  return ((k * l).sum() / (k.norm() * l.norm())).item<double>();
}

std::vector<std::vector<double>> ckaTable(const std::vector<torch::Tensor>& rowGrams,
                                          const std::vector<torch::Tensor>& columnGrams) {
  std::vector<std::vector<double>> table;
  for (const torch::Tensor& k : rowGrams) {
    std::vector<double>& row = table.emplace_back();
    for (const torch::Tensor& l : columnGrams) row.push_back(linearCkaOfGrams(k, l));
  }
  return table;
}

double linearCka(const torch::Tensor& x, const torch::Tensor& y) {
  return linearCkaOfGrams(centredGram(x), centredGram(y));
}

}  // namespace kd
