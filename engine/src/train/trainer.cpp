#include "train/trainer.h"

#include <cmath>

#include "distributed/sharded_logits.h"
#include "kd/error.h"
#include "train/precision.h"

namespace kd {
namespace {

using Clock = std::chrono::steady_clock;
constexpr double kReportSeconds = 0.1;  // progress reports: at most 10 a second
constexpr int64_t kFeatureCacheBatch = 250;

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(std::vector<torch::Tensor> params,
                                                       const TrainConfig& t) {
  if (t.optimizer == Optimizer::kAdam)
    return std::make_unique<torch::optim::Adam>(
        params, torch::optim::AdamOptions(t.learningRate).weight_decay(t.weightDecay));
  if (t.optimizer == Optimizer::kAdamW)
    return std::make_unique<torch::optim::AdamW>(
        params, torch::optim::AdamWOptions(t.learningRate).weight_decay(t.weightDecay));
  return std::make_unique<torch::optim::SGD>(params, torch::optim::SGDOptions(t.learningRate)
                                                         .momentum(t.momentum)
                                                         .nesterov(t.nesterov && t.momentum > 0)
                                                         .weight_decay(t.weightDecay));
}

uint64_t epochSeed(uint64_t seed, Phase phase, int epoch) {
  return seed * 1000003ULL + (phase == Phase::kTeacher ? 0 : 500000ULL) + uint64_t(epoch);
}

}  // namespace

int64_t batchesPerEpoch(int64_t images, int64_t batchSize) {
  const int64_t usable = (images % batchSize == 1 && images > 1) ? images - 1 : images;
  return (usable + batchSize - 1) / batchSize;
}

// Sums kept as tensors on the device, read a few times a second, not once per batch.
struct Trainer::Accumulator {
  static constexpr int64_t kSums = 4 + kMaxMethodTerms;
  // total, ce, kdScaled, kl and the method's terms (LossValues), each times the batch size
  torch::Tensor sums;
  torch::Tensor correct;   // among the labelled images
  torch::Tensor labelled;  // images with a label, counted in a run of few labels only
  int64_t images = 0;

  explicit Accumulator(const torch::Device& device)
      : sums(torch::zeros({kSums}, torch::TensorOptions(device).dtype(torch::kDouble))),
        correct(torch::zeros({}, torch::TensorOptions(device).dtype(torch::kLong))),
        labelled(torch::zeros({}, torch::TensorOptions(device).dtype(torch::kLong))) {}

  // The whole epoch's figures in a data-parallel run: every rank's sums added up.
  void sumOver(DataParallel& group) {
    torch::Tensor all = torch::cat({sums.cpu(), correct.cpu().to(torch::kDouble).view({1}),
                                    labelled.cpu().to(torch::kDouble).view({1}),
                                    torch::tensor({double(images)}, torch::kDouble)});
    group.sum(all, "summing the epoch's metrics");
    sums.copy_(all.narrow(0, 0, kSums));
    correct.fill_(int64_t(all[kSums].item<double>()));
    labelled.fill_(int64_t(all[kSums + 1].item<double>()));
    images = int64_t(all[kSums + 2].item<double>());
  }

  // Over the images with a label; NaN when none had one (a run of no labels).
  double trainAccuracy(bool partlyLabelled) const {
    const int64_t n = partlyLabelled ? labelled.item<int64_t>() : images;
    return n > 0 ? correct.item<double>() / double(n) : std::nan("");
  }

  LossValues mean() const {
    auto s = sums.cpu();
    auto a = s.accessor<double, 1>();
    const double n = double(std::max<int64_t>(images, 1));
    LossValues v{a[0] / n, a[1] / n, a[2] / n, a[3] / n};
    for (int i = 0; i < kMaxMethodTerms; ++i) v.terms[size_t(i)] = a[4 + i] / n;
    return v;
  }
};

Trainer::Trainer(KdNet model, const TrainerSetup& setup, const InputPipeline& pipeline,
                 TrainingObserver& observer, RunControl& control)
    : model_(model),
      setup_(setup),
      pipeline_(pipeline),
      observer_(observer),
      control_(control),
      optimizer_(makeOptimizer(trainedTensors(), setup.training)) {
  if (!setup_.parallel) return;
  std::vector<torch::Tensor> state = trainedTensors();
  for (const auto& b : model_->buffers()) state.push_back(b);
  setup_.parallel->broadcastFromMain(state, "sharing the initial weights");
  averager_.emplace(trainedTensors(), *setup_.parallel);
}

// In this order in the optimiser, so that its saved state resumes onto the same tensors.
std::vector<torch::Tensor> Trainer::trainedTensors() {
  std::vector<torch::Tensor> tensors = model_->parameters();
  for (const auto& p : setup_.loss.state().parameters()) tensors.push_back(p);
  return tensors;
}

void Trainer::setTeacher(LogitsFn teacher, torch::Tensor cachedTrainLogits, KdNet teacherNet) {
  teacher_ = std::move(teacher);
  cachedLogits_ = std::move(cachedTrainLogits);
  teacherNet_ = std::move(teacherNet);
}

double Trainer::learningRate(int epoch) const {
  const TrainConfig& t = setup_.training;
  if (t.schedule == Schedule::kStep)
    return t.learningRate * std::pow(t.stepGamma, (epoch - 1) / t.stepEpochs);
  if (t.schedule == Schedule::kCosine)
    return t.learningRate * 0.5 * (1.0 + std::cos(M_PI * (epoch - 1) / t.epochs));
  return t.learningRate;
}

torch::Tensor Trainer::targets(const torch::Tensor& x, const torch::Tensor& indices) const {
  if (!teacher_ && !cachedLogits_.defined()) return {};
  if (cachedLogits_.defined() && !setup_.augment) return cachedLogits_.index_select(0, indices);
  torch::Tensor logits;
  {
    torch::InferenceMode inference;
    logits = teacher_(x);
  }
  return logits.clone();  // an ordinary tensor, so autograd may keep it for the backward pass
}

// The teacher's logits and features of a batch, float32, without a gradient (not inference
// tensors: autograd keeps them for the loss's backward pass).
torch::Tensor Trainer::teacherFeatures(const torch::Tensor& x, ModelFeatures& features) {
  torch::NoGradGuard noGrad;
  torch::Tensor logits;
  {
    AutocastScope autocast(setup_.precision, pipeline_.device());
    logits = teacherNet_->forward(x, &features);
  }
  toFloat(features);
  return logits.to(torch::kFloat);
}

// The teacher's features of every training image that the loss reads, computed once when the
// images are the same every epoch (no augmentation), unless they would take over
// featureCacheBytes: the teacher then runs on every batch.
void Trainer::cacheTeacherFeatures(const Dataset& train) {
  std::vector<ModelFeatures> batches;
  for (int64_t start = 0; start < train.size(); start += kFeatureCacheBatch) {
    if (!control_.waitWhilePaused()) throw RunCancelled{};
    ModelFeatures f;
    teacherFeatures(pipeline_.prepare(train.images.narrow(
                        0, start, std::min(kFeatureCacheBatch, train.size() - start))),
                    f);
    setup_.loss.keepWhatItReads(f);
    batches.push_back(std::move(f));
    if (start > 0) continue;
    const uint64_t bytes =
        uint64_t(valuesPerImage(batches.front())) * sizeof(float) * uint64_t(train.size());
    const std::string images = std::to_string(train.size()),
                      megabytes = std::to_string((bytes + (1 << 20) - 1) >> 20);
    if (bytes > setup_.featureCacheBytes) {
      observer_.onMessage(
          Text("the teacher's features of %1 training images would take %2 MB (over %3 MB): the "
               "teacher runs on every batch",
               {images, megabytes, std::to_string(setup_.featureCacheBytes >> 20)}));
      return;
    }
    observer_.onMessage(
        Text("caching the teacher's features for %1 training images (%2 MB)", {images, megabytes}));
  }
  cachedFeatures_ = concatenated(batches);
}

Trainer::BatchOutcome Trainer::trainBatch(const Dataset& train, const torch::Tensor& indices,
                                          at::Generator& generator) {
  torch::Tensor x = pipeline_.prepare(train.images.index_select(0, indices));
  if (setup_.augment) x = pipeline_.augment(x, generator);
  BatchOutcome out;
  out.labels = train.labels.index_select(0, indices);
  const bool readsFeatures = setup_.loss.readsFeatures();
  FeaturePair features;
  features.indices = indices;
  features.generator = &generator;
  {
    AutocastScope autocast(setup_.precision, pipeline_.device());
    out.logits = model_->forward(x, readsFeatures ? &features.student : nullptr);
  }
  out.logits = out.logits.to(torch::kFloat);  // the loss in float32
  toFloat(features.student);
  torch::Tensor teacherLogits;
  if (!readsFeatures) {
    teacherLogits = targets(x, indices);
  } else if (cachedFeatures_) {
    features.teacher = rowsOf(*cachedFeatures_, indices);
    teacherLogits = cachedLogits_.index_select(0, indices);
  } else {
    teacherLogits = teacherFeatures(x, features.teacher);
  }
  out.terms = setup_.loss(out.logits, teacherLogits, out.labels,
                          partlyLabelled_ ? out.labels.ge(0) : torch::Tensor(), epoch_,
                          readsFeatures ? &features : nullptr);
  optimizer_->zero_grad();
  out.terms.total.backward();
  if (averager_) averager_->finish();
  optimizer_->step();
  ++steps_;
  return out;
}

bool Trainer::run(const Dataset& train, const Dataset& test, int firstEpoch,
                  const EpochDone& epochDone) {
  if (setup_.loss.readsFeatures() && teacherNet_ && cachedLogits_.defined() && !setup_.augment &&
      !setup_.parallel && !cachedFeatures_)
    cacheTeacherFeatures(train);
  phaseStart_ = Clock::now();
  partlyLabelled_ = train.labels.lt(0).any().item<bool>();
  imagesSeen_ = 0;
  lastReport_ = phaseStart_;
  for (int epoch = firstEpoch; epoch <= setup_.training.epochs; ++epoch) {
    auto start = Clock::now();
    EpochMetrics metrics;
    if (!trainEpoch(train, epoch, metrics)) return false;
    model_->eval();
    if (setup_.parallel) {  // batchnorm's running statistics: rank 0's, as DDP broadcasts them
      std::vector<torch::Tensor> buffers = model_->buffers();
      setup_.parallel->broadcastFromMain(buffers, "sharing batchnorm statistics");
    }
    const torch::Tensor testLogits =
        computeLogitsOfAll(inPrecision(logitsOf(model_), setup_.precision, pipeline_.device()),
                           test, pipeline_, &control_, setup_.parallel);
    metrics.testAccuracy = accuracy(testLogits, test.labels);
    metrics.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    epochDone(metrics, testLogits);
    observer_.onEpoch(metrics);
  }
  return true;
}

// The epoch's permutation; in a data-parallel run this rank's shard of it, cut as PyTorch's
// DistributedSampler cuts it: padded with its first indices to a multiple of the world size,
// then every worldSize-th index from the rank's own. Step b of all ranks together then trains
// on the images of step b of one process with the whole batch.
// With stepsPerEpoch, the permutations of the images follow one another until the epoch's
// steps are filled.
torch::Tensor Trainer::epochOrder(int64_t n, at::Generator& generator) const {
  torch::Tensor order = torch::randperm(n, generator, torch::kLong);
  if (setup_.stepsPerEpoch > 0) {
    const int64_t wanted = setup_.stepsPerEpoch * setup_.training.batchSize;
    std::vector<torch::Tensor> passes{order};
    for (int64_t have = n; have < wanted; have += n)
      passes.push_back(torch::randperm(n, generator, torch::kLong));
    order = torch::cat(passes).narrow(0, 0, wanted);
    n = wanted;
  }
  if (!setup_.parallel) return order;
  const int64_t world = worldSize(), padded = (n + world - 1) / world * world;
  while (order.size(0) < padded)
    order = torch::cat({order, order.narrow(0, 0, std::min(n, padded - order.size(0)))});
  return order.slice(0, setup_.parallel->rank(), padded, world).contiguous();
}

bool Trainer::trainEpoch(const Dataset& train, int epoch, EpochMetrics& metrics) {
  const uint64_t seed = epochSeed(setup_.seed, setup_.phase, epoch);
  const int rank = setup_.parallel ? setup_.parallel->rank() : 0;
  torch::manual_seed(seed + 7919ULL * uint64_t(rank));  // dropout: other masks on other ranks
  at::Generator generator = at::detail::createCPUGenerator(seed);
  const double lr = learningRate(epoch);
  epoch_ = epoch;
  for (auto& group : optimizer_->param_groups()) group.options().set_lr(lr);

  const torch::Device device = pipeline_.device();
  torch::Tensor order = epochOrder(train.size(), generator).to(device);
  // Every rank draws the permutation alike; the crops and flips differ from rank to rank.
  at::Generator augmentation =
      rank == 0 ? generator : at::detail::createCPUGenerator(seed ^ (0x9e3779b97f4a7c15ULL * rank));
  const int64_t n = order.size(0), batchSize = setup_.training.batchSize / worldSize();
  const int batches = int(batchesPerEpoch(n, batchSize));
  const int64_t usable = std::min(n, batches * batchSize);
  Accumulator epochSums(device), window(device);
  model_->train();
  for (int b = 0; b < batches; ++b) {
    if (!control_.waitWhilePaused()) return false;
    const int64_t count = std::min(batchSize, usable - b * batchSize);
    BatchOutcome out = trainBatch(train, order.narrow(0, b * batchSize, count), augmentation);
    {
      torch::NoGradGuard noGrad;
      const LossTerms& t = out.terms;
      std::vector<torch::Tensor> parts{t.total, t.ce, t.kdScaled, t.kl};
      parts.insert(parts.end(), t.terms.begin(), t.terms.end());  // the sums' first slots
      torch::Tensor values = torch::stack(parts).to(torch::kDouble).mul_(double(count));
      torch::Tensor right = out.logits.argmax(1).eq(out.labels).sum();
      const torch::Tensor labelled = partlyLabelled_ ? out.labels.ge(0).sum() : torch::Tensor();
      for (Accumulator* a : {&epochSums, &window}) {
        a->sums.narrow(0, 0, values.size(0)).add_(values);
        a->correct.add_(right);
        if (labelled.defined()) a->labelled.add_(labelled);
        a->images += count;
      }
    }
    imagesSeen_ += count * worldSize();  // progress counts the images of every rank
    const bool last = b + 1 == batches;
    // Spaced in time, not averaged over the phase: no burst of reports after an evaluation.
    if (last ||
        std::chrono::duration<double>(Clock::now() - lastReport_).count() >= kReportSeconds) {
      lastReport_ = Clock::now();
      int64_t imagesLeft = (std::max<int64_t>(usable - (b + 1) * batchSize, 0) +
                            (setup_.training.epochs - epoch) * usable) *
                           worldSize();
      report(window, epoch, b + 1, batches, imagesLeft);
      window = Accumulator(device);
    }
  }
  if (setup_.parallel) epochSums.sumOver(*setup_.parallel);
  metrics.phase = setup_.phase;
  metrics.epoch = epoch;
  metrics.epochs = setup_.training.epochs;
  metrics.loss = epochSums.mean();
  metrics.trainAccuracy = epochSums.trainAccuracy(partlyLabelled_);
  metrics.learningRate = lr;
  return true;
}

void Trainer::report(Accumulator& window, int epoch, int batch, int batches, int64_t imagesLeft) {
  BatchProgress p;
  p.phase = setup_.phase;
  p.epoch = epoch;
  p.epochs = setup_.training.epochs;
  p.batch = batch;
  p.batches = batches;
  p.loss = window.mean();
  if (!std::isfinite(p.loss.total))
    throw Error(
        "the %1's loss became %2 in epoch %3 (batch %4); training stopped and the last good "
        "checkpoint is kept. Try a lower learning rate.",
        {phaseWord(setup_.phase), std::isnan(p.loss.total) ? Text("NaN") : Text("infinite"),
         std::to_string(epoch), std::to_string(batch)});
  double elapsed = std::chrono::duration<double>(Clock::now() - phaseStart_).count();
  p.imagesPerSecond = elapsed > 0 ? double(imagesSeen_) / elapsed : 0;
  p.etaSeconds = p.imagesPerSecond > 0 ? double(imagesLeft) / p.imagesPerSecond : 0;
  observer_.onBatch(p);
}

}  // namespace kd
