#include "eval/projection.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include "kd/error.h"

namespace kd {
namespace {

constexpr int kExaggeratedIterations = 250;
constexpr double kExaggeration = 12, kMinGain = 0.01;

// Each row's nearest neighbours (itself left out) by squared Euclidean distance, `block` rows at
// a time so memory grows with block x N.
std::pair<torch::Tensor, torch::Tensor> nearestNeighbours(const torch::Tensor& x, int64_t k) {
  constexpr int64_t kBlock = 1024;
  const int64_t n = x.size(0);
  const torch::Tensor squares = x.pow(2).sum(1);
  std::vector<torch::Tensor> distances, indices;
  for (int64_t start = 0; start < n; start += kBlock) {
    const int64_t rows = std::min(kBlock, n - start);
    torch::Tensor d = (squares.narrow(0, start, rows).unsqueeze(1) + squares.unsqueeze(0) -
                       2 * x.narrow(0, start, rows).matmul(x.t()))
                          .clamp_min(0);
    d.diagonal(start).fill_(std::numeric_limits<double>::infinity());
    auto [values, order] = d.topk(k, 1, /*largest=*/false);
    distances.push_back(values);
    indices.push_back(order);
  }
  return {torch::cat(distances).to(torch::kDouble).contiguous(),
          torch::cat(indices).to(torch::kLong).contiguous()};
}

// p(j|i) over one row's neighbours, its Gaussian's precision found by bisection so that the
// row's entropy is log(perplexity).
void conditionalRow(const double* distance, int64_t k, double perplexity, double* p) {
  const double target = std::log(perplexity);
  double beta = 1, low = 0, high = std::numeric_limits<double>::infinity();
  const double nearest = distance[0];  // subtracted for range: p is unchanged
  for (int step = 0; step < 100; ++step) {
    double sum = 0, weighted = 0;
    for (int64_t j = 0; j < k; ++j) {
      p[j] = std::exp(-beta * (distance[j] - nearest));
      sum += p[j];
      weighted += p[j] * (distance[j] - nearest);
    }
    const double entropy = std::log(sum) + beta * weighted / sum;
    for (int64_t j = 0; j < k; ++j) p[j] /= sum;
    if (std::abs(entropy - target) < 1e-5) return;
    if (entropy > target) {
      low = beta;
      beta = std::isinf(high) ? beta * 2 : (beta + high) / 2;
    } else {
      high = beta;
      beta = (beta + low) / 2;
    }
  }
}

// The joint input affinities P = (p(j|i) + p(i|j)) / 2N as rows of (column, value), sorted.
struct SparseRows {
  std::vector<int64_t> start;  // N + 1 offsets into column and value
  std::vector<int64_t> column;
  std::vector<double> value;
};

SparseRows jointAffinities(const torch::Tensor& x, double perplexity) {
  const int64_t n = x.size(0);
  const int64_t k = std::min<int64_t>(n - 1, int64_t(3 * perplexity));
  auto [distances, neighbours] = nearestNeighbours(x, k);
  std::vector<double> conditional(size_t(n * k));
  const double* d = distances.data_ptr<double>();
  at::parallel_for(0, n, 64, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i)
      conditionalRow(d + i * k, k, perplexity, conditional.data() + i * k);
  });
  std::vector<std::tuple<int64_t, int64_t, double>> entries;
  entries.reserve(size_t(2 * n * k));
  const int64_t* j = neighbours.data_ptr<int64_t>();
  for (int64_t i = 0; i < n; ++i)
    for (int64_t m = 0; m < k; ++m) {
      const double p = conditional[size_t(i * k + m)] / double(2 * n);
      entries.emplace_back(i, j[i * k + m], p);
      entries.emplace_back(j[i * k + m], i, p);
    }
  std::sort(entries.begin(), entries.end());
  SparseRows rows;
  rows.start.assign(size_t(n + 1), 0);
  int64_t lastRow = -1, lastColumn = -1;
  for (const auto& [row, column, value] : entries) {
    if (row == lastRow && column == lastColumn) {  // both p(j|i) and p(i|j)
      rows.value.back() += value;
      continue;
    }
    lastRow = row;
    lastColumn = column;
    rows.column.push_back(column);
    rows.value.push_back(value);
    rows.start[size_t(row + 1)] = int64_t(rows.column.size());
  }
  for (int64_t i = 1; i <= n; ++i)
    rows.start[size_t(i)] = std::max(rows.start[size_t(i)], rows.start[size_t(i - 1)]);
  return rows;
}

// One row's repulsion over every point: sum of q = 1 / (1 + |yi - yj|^2) (itself left out) and
// of q^2 (yi - yj): the t-SNE's whole cost. Sixteen separate partial sums per quantity, so the
// compiler vectorises the loop without reordering a sum; compiled for AVX-512 and AVX2 as well,
// chosen when the program starts (a 2,000-point map: 6.0 s with SSE2 alone, 1.25 s with AVX-512
// on this machine, bench_embeddings).
#if defined(__GNUC__) && defined(__x86_64__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void repulsionRow(const float* xs, const float* ys, int64_t n, int64_t i, double* z, double* fx,
                  double* fy) {
  constexpr int64_t kLanes = 16;
  const float xi = xs[i], yi = ys[i];
  float sz[kLanes] = {}, sx[kLanes] = {}, sy[kLanes] = {};
  int64_t j = 0;
  for (; j + kLanes <= n; j += kLanes)
    for (int64_t l = 0; l < kLanes; ++l) {
      const float dx = xi - xs[j + l], dy = yi - ys[j + l];
      const float q = 1.0f / (1.0f + dx * dx + dy * dy);
      sz[l] += q;
      sx[l] += q * q * dx;
      sy[l] += q * q * dy;
    }
  for (; j < n; ++j) {
    const float dx = xi - xs[j], dy = yi - ys[j];
    const float q = 1.0f / (1.0f + dx * dx + dy * dy);
    sz[0] += q;
    sx[0] += q * q * dx;
    sy[0] += q * q * dy;
  }
  *z = -1.0;  // j == i: q = 1
  *fx = *fy = 0;
  for (int64_t l = 0; l < kLanes; ++l) {
    *z += sz[l];
    *fx += sx[l];
    *fy += sy[l];
  }
}

// The KL divergence's gradient for every point: 4 (exaggeration * attraction - repulsion / Z).
void gradient(const SparseRows& p, const std::vector<float>& xs, const std::vector<float>& ys,
              double exaggeration, std::vector<double>& grad) {
  const int64_t n = int64_t(xs.size());
  std::vector<double> rowZ(static_cast<size_t>(n)), repulsion(2 * static_cast<size_t>(n)),
      attraction(2 * static_cast<size_t>(n));
  at::parallel_for(0, n, 32, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      repulsionRow(xs.data(), ys.data(), n, i, &rowZ[size_t(i)], &repulsion[size_t(2 * i)],
                   &repulsion[size_t(2 * i + 1)]);
      double ax = 0, ay = 0;
      for (int64_t e = p.start[size_t(i)]; e < p.start[size_t(i + 1)]; ++e) {
        const int64_t j = p.column[size_t(e)];
        const double dx = xs[size_t(i)] - xs[size_t(j)], dy = ys[size_t(i)] - ys[size_t(j)];
        const double w = p.value[size_t(e)] / (1 + dx * dx + dy * dy);
        ax += w * dx;
        ay += w * dy;
      }
      attraction[size_t(2 * i)] = ax;
      attraction[size_t(2 * i + 1)] = ay;
    }
  });
  const double z = std::accumulate(rowZ.begin(), rowZ.end(), 0.0);
  for (size_t c = 0; c < grad.size(); ++c)
    grad[c] = 4 * (exaggeration * attraction[c] - repulsion[c] / z);
}

}  // namespace

torch::Tensor principalComponents(const torch::Tensor& x, int64_t components) {
  torch::NoGradGuard noGrad;
  torch::Tensor centred = x.flatten(1).to(torch::kDouble);
  centred = centred - centred.mean(0, true);
  const int64_t d = centred.size(1);
  auto [values, vectors] = torch::linalg_eigh(centred.t().matmul(centred));
  torch::Tensor axes = vectors.flip({1}).narrow(1, 0, std::min(components, d));  // largest first
  const torch::Tensor biggest = axes.abs().argmax(0);
  axes = axes * axes.gather(0, biggest.unsqueeze(0)).sign();
  return centred.matmul(axes).to(torch::kFloat);
}

torch::Tensor tsne(const torch::Tensor& x, const TsneOptions& options,
                   const std::function<bool(int, int)>& step) {
  torch::NoGradGuard noGrad;
  const int64_t n = x.size(0);
  if (n < 3 || options.perplexity >= double(n - 1))
    throw Error("a t-SNE map of %1 images needs a perplexity below %2",
                {std::to_string(n), std::to_string(std::max<int64_t>(n - 1, 0))});
  const torch::Tensor reduced = x.size(1) > options.pcaDimensions
                                    ? principalComponents(x, options.pcaDimensions)
                                    : x.flatten(1).to(torch::kFloat);
  const SparseRows p = jointAffinities(reduced, options.perplexity);
  torch::Tensor start = principalComponents(reduced, 2);
  start = (start / start.select(1, 0).std() * 1e-4).contiguous();
  std::vector<float> xs(static_cast<size_t>(n)), ys(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    xs[size_t(i)] = start[i][0].item<float>();
    ys[size_t(i)] = start[i][1].item<float>();
  }
  const double learningRate = std::max(double(n) / kExaggeration / 4, 50.0);
  std::vector<double> grad(size_t(2 * n)), update(size_t(2 * n), 0), gains(size_t(2 * n), 1);
  for (int it = 0; it < options.iterations; ++it) {
    const bool early = it < kExaggeratedIterations;
    gradient(p, xs, ys, early ? kExaggeration : 1, grad);
    const double momentum = early ? 0.5 : 0.8;
    for (size_t c = 0; c < grad.size(); ++c) {
      gains[c] = (update[c] * grad[c] < 0) ? gains[c] + 0.2 : std::max(gains[c] * 0.8, kMinGain);
      update[c] = momentum * update[c] - learningRate * gains[c] * grad[c];
      (c % 2 ? ys : xs)[c / 2] += float(update[c]);
    }
    if (step && !step(it + 1, options.iterations)) break;
  }
  torch::Tensor map = torch::empty({n, 2});
  for (int64_t i = 0; i < n; ++i) {
    map[i][0] = xs[size_t(i)];
    map[i][1] = ys[size_t(i)];
  }
  return map;
}

torch::Tensor procrustesAligned(const torch::Tensor& reference, const torch::Tensor& moving) {
  torch::NoGradGuard noGrad;
  const torch::Tensor r = reference.to(torch::kDouble), m = moving.to(torch::kDouble);
  const torch::Tensor rMean = r.mean(0, true), mMean = m.mean(0, true);
  const torch::Tensor rc = r - rMean, mc = m - mMean;
  auto [u, s, vh] = torch::linalg_svd(mc.t().matmul(rc), false);
  const torch::Tensor rotation = u.matmul(vh);
  const double spread = mc.pow(2).sum().item<double>();
  const double scale = spread > 0 ? s.sum().item<double>() / spread : 1.0;
  return (mc.matmul(rotation) * scale + rMean).to(torch::kFloat);
}

std::vector<int64_t> nearestRows(const torch::Tensor& unitRows, int64_t query, int64_t k) {
  torch::NoGradGuard noGrad;
  const int64_t n = unitRows.size(0);
  torch::Tensor similarity = unitRows.matmul(unitRows[query]);
  similarity[query] = -3;  // below any cosine
  k = std::min(k, n - 1);
  const torch::Tensor order = std::get<1>(similarity.topk(k)).to(torch::kLong).contiguous();
  return {order.data_ptr<int64_t>(), order.data_ptr<int64_t>() + k};
}

}  // namespace kd
