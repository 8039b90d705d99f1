#include "distill/feature_methods.h"

#include <algorithm>

namespace kd {
namespace {

namespace F = torch::nn::functional;

// A [N, C, H, W] map at the spatial size of `like`: average-pooled when larger, bilinear when
// smaller.
torch::Tensor resizedLike(const torch::Tensor& map, const torch::Tensor& like) {
  const std::vector<int64_t> size{like.size(2), like.size(3)};
  if (map.size(2) == size[0] && map.size(3) == size[1]) return map;
  if (map.size(2) > size[0]) return torch::adaptive_avg_pool2d(map, size);
  return F::interpolate(
      map, F::InterpolateFuncOptions().size(size).mode(torch::kBilinear).align_corners(false));
}

// A stage as one vector an image: an MLP's hidden layer as it is, a map averaged over positions.
torch::Tensor asVector(const torch::Tensor& stage) {
  return stage.dim() == 4 ? stage.mean({2, 3}) : stage;
}

int vectorWidth(const std::vector<int>& shape) { return shape.front(); }  // C or features

// Pairwise Euclidean distances of the rows from their Gram matrix, 0 on the diagonal (RKD's
// pdist: eps 1e-12 below the root, so that the gradient of a zero distance stays finite).
torch::Tensor pairwiseDistances(const torch::Tensor& gram) {
  const torch::Tensor squares = gram.diagonal();
  const torch::Tensor d =
      (squares.unsqueeze(1) + squares.unsqueeze(0) - 2 * gram).clamp_min(1e-12).sqrt();
  return d * (1 - torch::eye(gram.size(0), d.options()));
}

torch::Tensor normalisedByMean(const torch::Tensor& distances) {
  return distances / distances.masked_select(distances > 0).mean();
}

// The cosine of the angle at image j between images i and k, [j][i][k] flattened, 0 where i or k
// is j (RKD normalises a zero difference to 0). From the Gram matrix,
// (e_i - e_j).(e_k - e_j) = G_ik - G_ji - G_jk + G_jj, divided by the two distances: B^3
// operations, where RKD's reference multiplies B^2 difference vectors of the embedding's width
// (B^3 D). The inverse distances are 0 on the diagonal, so the cosines there are exactly 0.
torch::Tensor tripletCosines(const torch::Tensor& gram, const torch::Tensor& distances) {
  const int64_t n = gram.size(0);
  const torch::Tensor off = 1 - torch::eye(n, gram.options());
  const torch::Tensor inverse = off / (distances + (1 - off));
  const torch::Tensor dot =
      gram.unsqueeze(0) - gram.unsqueeze(2) - gram.unsqueeze(1) + gram.diagonal().view({n, 1, 1});
  return (dot * (inverse.unsqueeze(2) * inverse.unsqueeze(1))).view(-1);
}

}  // namespace

int pairedTeacherStage(int studentStage, int studentStages, int teacherStages) {
  return std::max(1, teacherStages - (studentStages - studentStage));
}

HintRegressorImpl::HintRegressorImpl(const std::vector<int>& studentShape,
                                     const std::vector<int>& teacherShape)
    : spatial_(studentShape.size() == 3 && teacherShape.size() == 3) {
  if (spatial_)
    conv_ = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(
                                        studentShape.front(), teacherShape.front(), 1)));
  else
    linear_ = register_module(
        "linear", torch::nn::Linear(vectorWidth(studentShape), vectorWidth(teacherShape)));
}

torch::Tensor HintRegressorImpl::forward(const torch::Tensor& studentStage,
                                         const torch::Tensor& teacherStage) {
  if (spatial_) return resizedLike(conv_(studentStage), teacherStage);
  return linear_(asVector(studentStage));
}

torch::Tensor HintRegressorImpl::target(const torch::Tensor& teacherStage) const {
  return spatial_ ? teacherStage : asVector(teacherStage);
}

torch::Tensor hintLoss(HintRegressor regressor, const torch::Tensor& studentStage,
                       const torch::Tensor& teacherStage) {
  return torch::mse_loss(regressor(studentStage, teacherStage), regressor->target(teacherStage));
}

torch::Tensor attentionMap(const torch::Tensor& stage, double p) {
  const torch::Tensor energy = stage.abs().pow(p).mean(1).flatten(1);
  return F::normalize(energy, F::NormalizeFuncOptions().p(2).dim(1));
}

torch::Tensor attentionTransfer(const std::vector<torch::Tensor>& studentStages,
                                const std::vector<torch::Tensor>& teacherStages, double p) {
  const size_t pairs = std::min(studentStages.size(), teacherStages.size());
  torch::Tensor sum;
  for (size_t i = 0; i < pairs; ++i) {
    torch::Tensor s = studentStages[studentStages.size() - pairs + i];
    torch::Tensor t = teacherStages[teacherStages.size() - pairs + i];
    if (s.size(2) > t.size(2)) s = resizedLike(s, t);
    if (t.size(2) > s.size(2)) t = resizedLike(t, s);
    const torch::Tensor term = (attentionMap(s, p) - attentionMap(t, p)).pow(2).mean();
    sum = sum.defined() ? sum + term : term;
  }
  return sum;
}

// Distances and angles do not change when the batch moves: centred, the Gram matrix loses
// less to rounding in float32.
RelationalTerms relationalKd(const torch::Tensor& student, const torch::Tensor& teacher) {
  RelationalTerms out;
  torch::Tensor distances[2], cosines[2];
  for (int m = 0; m < 2; ++m) {
    torch::Tensor e = (m == 0 ? student : teacher).flatten(1);
    e = e - e.mean(0, true);
    const torch::Tensor gram = e.matmul(e.t());
    distances[m] = pairwiseDistances(gram);
    cosines[m] = tripletCosines(gram, distances[m]);
    distances[m] = normalisedByMean(distances[m]);
  }
  out.distance = torch::smooth_l1_loss(distances[0], distances[1]);
  out.angle = torch::smooth_l1_loss(cosines[0], cosines[1]);
  return out;
}

}  // namespace kd
