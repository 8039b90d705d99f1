// What the Embeddings tab waits for (issue 25's targets): the seconds of a 2,000-point t-SNE and
// a PCA map, the milliseconds of one nearest-images query over 10,000 images, and the seconds
// of same-class retrieval with all 10,000 images as queries (what a run adds to its end for
// summary.json, per model), on features shaped like the built-in teacher's embedding (512
// values) in ten clusters.
// Usage: bench_embeddings [--threads N] [--points N] [--images N] [--repeats N]; prints JSON.
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "eval/projection.h"
#include "eval/representation.h"

namespace {

double seconds(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// `n` classes in ten, drawn in no order (as a test set's labels come).
torch::Tensor classes(int64_t n) {
  torch::manual_seed(2);
  return torch::randint(10, {n}, torch::kLong);
}

// Ten clusters, one per class, in 512 dimensions, overlapping as real embeddings do.
torch::Tensor features(const torch::Tensor& labels) {
  torch::manual_seed(1);
  const torch::Tensor centres = torch::randn({10, 512}) * 0.6;
  return (centres.index({labels}) + torch::randn({labels.size(0), 512})).relu();
}

}  // namespace

int main(int argc, char** argv) {
  int threads = 2, repeats = 3;
  int64_t points = 2000, images = 10000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--threads") threads = std::stoi(argv[i + 1]);
    if (flag == "--points") points = std::stoll(argv[i + 1]);
    if (flag == "--images") images = std::stoll(argv[i + 1]);
    if (flag == "--repeats") repeats = std::stoi(argv[i + 1]);
  }
  torch::set_num_threads(threads);
  const torch::Tensor x = features(classes(points));
  std::vector<double> tsneSeconds, pcaSeconds, nearestMs, retrievalSeconds;
  for (int r = 0; r < repeats; ++r) {
    tsneSeconds.push_back(seconds([&] { kd::tsne(x); }));
    pcaSeconds.push_back(seconds([&] { kd::principalComponents(x, 2); }));
  }
  const torch::Tensor labels = classes(images);
  const torch::Tensor many = features(labels);
  for (int r = 0; r < repeats; ++r)
    retrievalSeconds.push_back(seconds([&] { kd::sameClassRetrieval(many, labels); }));
  const torch::Tensor unit =
      torch::nn::functional::normalize(many, torch::nn::functional::NormalizeFuncOptions().dim(1));
  for (int64_t q = 0; q < 101; ++q)
    nearestMs.push_back(1000 * seconds([&] { kd::nearestRows(unit, (q * 97) % images, 8); }));
  std::printf(
      "{\"threads\": %d, \"tsne_points\": %lld, \"tsne_seconds\": %.3f, \"pca_seconds\": %.4f, "
      "\"nearest_images\": %lld, \"nearest_ms\": %.3f, \"retrieval_seconds\": %.3f, "
      "\"repeats\": %d}\n",
      threads, static_cast<long long>(points), median(tsneSeconds), median(pcaSeconds),
      static_cast<long long>(images), median(nearestMs), median(retrievalSeconds), repeats);
  return 0;
}
