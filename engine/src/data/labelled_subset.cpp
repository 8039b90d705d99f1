#include "data/labelled_subset.h"

#include <algorithm>
#include <numeric>

#include "kd/dataset_preview.h"
#include "kd/error.h"

namespace kd {
namespace {

int64_t labelledTotal(double labelled, int64_t images) {
  if (labelled == kAllLabelled) return images;
  if (labelled < 1) return int64_t(std::llround(labelled * double(images)));
  return int64_t(labelled);
}

std::vector<int64_t> countsPerClass(const torch::Tensor& labels, int classes) {
  const torch::Tensor known = labels.masked_select(labels.ge(0)).cpu();
  const torch::Tensor counts = torch::bincount(known, {}, classes);
  std::vector<int64_t> out(size_t(classes), 0);
  for (int c = 0; c < classes; ++c) out[size_t(c)] = counts[c].item<int64_t>();
  return out;
}

// Keeps only the images whose label was kept; the rest become kUnlabelled.
Dataset withLabelsKept(const Dataset& d, const torch::Tensor& keep) {
  return {d.images, torch::where(keep, d.labels, torch::full_like(d.labels, kUnlabelled)),
          d.classes};
}

}  // namespace

std::vector<int64_t> stratifiedLabelCounts(const std::vector<int64_t>& imagesPerClass,
                                           double labelled) {
  const int64_t images = std::accumulate(imagesPerClass.begin(), imagesPerClass.end(), int64_t(0));
  const int64_t present =
      std::count_if(imagesPerClass.begin(), imagesPerClass.end(), [](int64_t n) { return n > 0; });
  int64_t total = labelledTotal(labelled, images);
  if (labelled > 0 && labelled < 1) total = std::max(total, present);  // a label a class
  if (total > images)
    throw Error("data.labelled asks for %1 labelled images, but the transfer set has %2",
                {std::to_string(total), std::to_string(images)});
  if (total > 0 && total < present)
    throw Error(
        "data.labelled %1 cannot give each of the %2 classes a label: keep at least %2 (or 0, "
        "for none)",
        {std::to_string(total), std::to_string(present)});
  // As equal a share per class as the classes allow: a class too small for its share keeps all
  // its images and the rest is shared among the others (the semi-supervised benchmarks' rule).
  std::vector<int64_t> counts(imagesPerClass.size(), 0);
  std::vector<size_t> order(imagesPerClass.size());
  std::iota(order.begin(), order.end(), size_t(0));
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return imagesPerClass[a] < imagesPerClass[b]; });
  int64_t left = total, classesLeft = present;
  for (size_t c : order) {
    if (imagesPerClass[c] == 0) continue;
    const int64_t share = left / classesLeft;  // what does not divide goes to the larger classes
    counts[c] = std::min(imagesPerClass[c], share);
    left -= counts[c];
    --classesLeft;
  }
  return counts;
}

torch::Tensor labelledMask(const torch::Tensor& labels, int classes, double labelled,
                           uint64_t seed) {
  const torch::Tensor cpuLabels = labels.cpu();
  if (labelled == kAllLabelled) return cpuLabels.ge(0).to(labels.device());
  const std::vector<int64_t> counts =
      stratifiedLabelCounts(countsPerClass(cpuLabels, classes), labelled);
  auto generator = at::detail::createCPUGenerator(seed ^ 0x1abe11edULL);
  torch::Tensor mask = torch::zeros({cpuLabels.size(0)}, torch::kBool);
  for (int c = 0; c < classes; ++c) {
    if (counts[size_t(c)] == 0) continue;
    const torch::Tensor members = cpuLabels.eq(c).nonzero().squeeze(1);
    const torch::Tensor drawn =
        torch::randperm(members.size(0), generator, torch::kLong).narrow(0, 0, counts[size_t(c)]);
    mask.index_fill_(0, members.index_select(0, drawn), true);
  }
  return mask.to(labels.device());
}

TransferSets transferSets(const DataSplits& data, const DataConfig& config, uint64_t seed) {
  const int classes = int(data.train.classes.size());
  const bool allKept = config.labelled == kAllLabelled;
  auto labelledOnly = [&](const Dataset& d, const torch::Tensor& keep) {
    return allKept ? d : d.select(keep.nonzero().squeeze(1));
  };
  TransferSets sets;
  sets.training = trainingSubset(data.train, config, seed, false);
  const torch::Tensor teacherKeep =
      labelledMask(sets.training.labels, classes, config.labelled, seed);
  sets.teacher = labelledOnly(sets.training, teacherKeep);
  // With hidden classes the student's labels are drawn among its own transfer images.
  const Dataset visible =
      config.hiddenClasses.empty() ? sets.training : trainingSubset(data.train, config, seed, true);
  const torch::Tensor keep = config.hiddenClasses.empty()
                                 ? teacherKeep
                                 : labelledMask(visible.labels, classes, config.labelled, seed);
  sets.studentLabelled = labelledOnly(visible, keep);
  sets.student = allKept ? visible : withLabelsKept(visible, keep);
  if (data.unlabelled.labels.defined())
    sets.student = {torch::cat({sets.student.images, data.unlabelled.images}),
                    torch::cat({sets.student.labels, data.unlabelled.labels}), visible.classes};
  return sets;
}

}  // namespace kd
