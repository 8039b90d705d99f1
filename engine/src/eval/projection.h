#pragma once
// Two-dimensional maps of a representation: PCA, t-SNE (van der Maaten & Hinton, JMLR 2008) and
// the Procrustes alignment that puts two maps of the same images in one frame, plus the nearest
// images by cosine. tests/interop/tst_projection checks them against NumPy and against
// clusters that must stay apart.
#include <torch/torch.h>

#include <functional>

namespace kd {

// The rows of `x` [N, D] projected on their first `components` principal axes: [N, components],
// float32, centred. Each axis points so that its largest loading is positive, so the same data
// gives the same map.
torch::Tensor principalComponents(const torch::Tensor& x, int64_t components);

// t-SNE as scikit-learn's defaults run it: PCA to `pcaDimensions` first; input affinities from
// each point's 3 x perplexity nearest neighbours (as Barnes-Hut SNE), the output's exactly (every
// pair: O(N^2) per iteration, measured faster than a tree below 5,000 points on two cores);
// initialised from the PCA map (std 1e-4), early exaggeration 12 for the first 250 of
// `iterations`, momentum 0.5 then 0.8, learning rate max(N / 48, 50) with per-coordinate gains.
// Deterministic: no random numbers, and every sum runs in a fixed order whatever the threads.
struct TsneOptions {
  double perplexity = 30;
  int64_t pcaDimensions = 50;
  int iterations = 1000;
};
// `step(done, of)` is called after each iteration; it returns false to stop, and the map then
// holds the iterations done so far. Returns [N, 2] float32.
torch::Tensor tsne(const torch::Tensor& x, const TsneOptions& options = {},
                   const std::function<bool(int done, int of)>& step = {});

// `moving` [N, 2] rotated (or reflected), scaled and shifted to lie closest, in least squares, to
// `reference` [N, 2], the same images' map in another model.
torch::Tensor procrustesAligned(const torch::Tensor& reference, const torch::Tensor& moving);

// The `k` rows of `unitRows` [N, D] (unit length) nearest to row `query` by cosine, the query
// itself left out, nearest first.
std::vector<int64_t> nearestRows(const torch::Tensor& unitRows, int64_t query, int64_t k);

}  // namespace kd
