#pragma once
// How a network arranges images inside it, computed on features a forward pass hands out
// (models/model.h, ModelFeatures): same-class retrieval by cosine similarity, and linear CKA
// between two layers (Kornblith et al., ICML 2019). tests/interop/tst_representation checks both
// against NumPy implementations of their definitions.
#include <torch/torch.h>

#include <vector>

#include "kd/experiment_runner.h"

namespace kd {

// Each image queries all the others (itself left out), ranked by the cosine similarity of
// their `embeddings` [N, D]; a neighbour is right when it carries the query's label. recall@k:
// the share of queries with a right image among their k nearest; mAP: the mean over queries of
// the average precision of the whole ranking (an image scoring as high as a right one ranks
// after it). A query whose class has no other image counts in none of the three. Queries run
// `block` at a time, so memory grows with block x N, not N^2.
RetrievalScores sameClassRetrieval(const torch::Tensor& embeddings, const torch::Tensor& labels,
                                   int64_t block = 1024);

// The test images whose layers CKA compares: n x n Gram matrices.
constexpr int64_t kCkaImages = 1000;

// Linear CKA of two representations of the same n images ([n, ...], flattened per image), from
// their n x n Gram matrices, so a wide map costs n^2 per value, not its width squared:
// <HKH, HLH> / (||HKH|| ||HLH||) with K = X X^T, L = Y Y^T and H the centring matrix. 1 for a
// representation and itself, unchanged by rotations and by scaling.
double linearCka(const torch::Tensor& x, const torch::Tensor& y);
// The same from Gram matrices computed once per layer (H X X^T H, float64), for comparing every
// layer of one network with every layer of another.
torch::Tensor centredGram(const torch::Tensor& features);
double linearCkaOfGrams(const torch::Tensor& k, const torch::Tensor& l);
// linearCkaOfGrams of every row Gram matrix with every column one: [rows][columns].
std::vector<std::vector<double>> ckaTable(const std::vector<torch::Tensor>& rowGrams,
                                          const std::vector<torch::Tensor>& columnGrams);

}  // namespace kd
