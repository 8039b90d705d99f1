#include "kd/arch_spec.h"

#include <algorithm>

#include "json_io.h"
#include "kd/error.h"

namespace kd {
namespace {

ConvLayerSpec conv(int channels, int kernel, bool bn, Pool pool, int stride = 1,
                   bool residual = false) {
  ConvLayerSpec c;
  c.channels = channels;
  c.kernel = kernel;
  c.batchnorm = bn;
  c.pool = pool;
  c.stride = stride;
  c.residual = residual;
  return c;
}

ArchSpec make(std::string name, std::vector<ConvLayerSpec> convs, std::vector<int> hidden,
              double dropout = 0.0, bool gap = false) {
  ArchSpec a;
  a.name = std::move(name);
  a.convs = std::move(convs);
  a.hidden = std::move(hidden);
  a.dropout = dropout;
  a.globalAvgPool = gap;
  return a;
}

// CIFAR ResNet (He et al. 2016): a 16-channel stem, three stages of n basic blocks.
ArchSpec resnet(const std::string& name, int blocksPerStage) {
  std::vector<ConvLayerSpec> convs{conv(16, 3, true, Pool::kNone)};
  for (int stage = 0; stage < 3; ++stage) {
    for (int b = 0; b < blocksPerStage; ++b) {
      int stride = (stage > 0 && b == 0) ? 2 : 1;
      convs.push_back(conv(16 << stage, 3, true, Pool::kNone, stride, true));
    }
  }
  return make(name, convs, {}, 0.0, true);
}

const char* poolName(Pool p) { return p == Pool::kMax ? "max" : p == Pool::kAvg ? "avg" : "none"; }

Pool poolFromName(const std::string& s) {
  if (s == "none") return Pool::kNone;
  if (s == "max") return Pool::kMax;
  if (s == "avg") return Pool::kAvg;
  throw Error("pool must be none, max or avg, not \"%1\"", {s});
}

int64_t convParams(int in, const ConvLayerSpec& c, int kernel) {
  // Convolutions followed by batchnorm carry no bias; batchnorm adds a scale and a shift.
  int64_t weights = int64_t(c.channels) * in * kernel * kernel;
  return c.batchnorm ? weights + 2 * c.channels : weights + c.channels;
}

std::string describe(const ConvLayerSpec& c) {
  std::string d = std::string(c.residual ? "residual " : "conv ") + std::to_string(c.kernel) + "x" +
                  std::to_string(c.kernel) + " " + std::to_string(c.channels);
  if (c.stride != 1) d += " /" + std::to_string(c.stride);
  if (c.batchnorm) d += ", bn";
  if (c.pool != Pool::kNone) d += std::string(", ") + poolName(c.pool) + " pool";
  return d;
}

}  // namespace

std::string InputShape::text() const {
  return std::to_string(channels) + "x" + std::to_string(height) + "x" + std::to_string(width);
}

bool ConvLayerSpec::operator==(const ConvLayerSpec& o) const {
  return channels == o.channels && kernel == o.kernel && stride == o.stride &&
         batchnorm == o.batchnorm && pool == o.pool && residual == o.residual;
}

bool ArchSpec::operator==(const ArchSpec& o) const {
  return name == o.name && convs == o.convs && globalAvgPool == o.globalAvgPool &&
         hidden == o.hidden && dropout == o.dropout;
}

ModelSummary summarize(const ArchSpec& arch, const InputShape& input, int classes) {
  if (input.channels < 1 || input.height < 1 || input.width < 1)
    throw Error("the input shape must be positive");
  if (classes < 2) throw Error("a classifier needs at least 2 classes");
  if (arch.dropout < 0 || arch.dropout >= 1)
    throw Error("dropout must be in [0, 1), not %1", {std::to_string(arch.dropout)});
  ModelSummary s;
  int c = input.channels, h = input.height, w = input.width;
  for (size_t i = 0; i < arch.convs.size(); ++i) {
    const ConvLayerSpec& spec = arch.convs[i];
    std::string name = (spec.residual ? "block" : "conv") + std::to_string(i + 1);
    if (spec.channels < 1 || spec.kernel < 1 || spec.kernel % 2 == 0 || spec.stride < 1)
      throw Error("%1: channels must be >= 1, the kernel odd and >= 1, the stride >= 1", {name});
    LayerSummary l{name, describe(spec), {}, 0, 0};
    int oh = (h - 1) / spec.stride + 1, ow = (w - 1) / spec.stride + 1;  // "same" padding
    l.parameters = convParams(c, spec, spec.kernel);
    l.macs = int64_t(oh) * ow * spec.channels * c * spec.kernel * spec.kernel;
    if (spec.residual) {
      ConvLayerSpec second = spec;
      second.batchnorm = true;
      l.parameters =
          convParams(c, second, spec.kernel) + convParams(spec.channels, second, spec.kernel);
      l.macs += int64_t(oh) * ow * spec.channels * spec.channels * spec.kernel * spec.kernel;
      if (spec.stride != 1 || c != spec.channels) {  // projection shortcut: 1x1 conv + bn
        l.parameters += convParams(c, second, 1);
        l.macs += int64_t(oh) * ow * spec.channels * c;
      }
    }
    c = spec.channels;
    h = oh;
    w = ow;
    if (spec.pool != Pool::kNone) {
      h /= 2;
      w /= 2;
    }
    if (h < 1 || w < 1)
      throw Error("%1 shrinks the image below 1x1 (input %2x%3): remove a pooling or stride",
                  {name, std::to_string(input.height), std::to_string(input.width)});
    l.outputShape = {c, h, w};
    s.layers.push_back(l);
  }
  int features = arch.globalAvgPool ? c : c * h * w;
  if (arch.globalAvgPool) s.layers.push_back({"gap", "global average pool", {c}, 0, 0});
  std::vector<int> widths = arch.hidden;
  widths.push_back(classes);
  for (size_t j = 0; j < widths.size(); ++j) {
    std::string name = "fc" + std::to_string(j + 1);
    if (widths[j] < 1) throw Error("%1: width must be >= 1", {name});
    bool last = j + 1 == widths.size();
    LayerSummary l{
        name,
        last ? "classifier " + std::to_string(widths[j]) : "linear " + std::to_string(widths[j]),
        {widths[j]},
        int64_t(features) * widths[j] + widths[j],
        int64_t(features) * widths[j]};
    s.layers.push_back(l);
    features = widths[j];
  }
  for (const auto& l : s.layers) {
    s.parameters += l.parameters;
    s.macs += l.macs;
  }
  return s;
}

FeatureShapes featureShapes(const ArchSpec& arch, const InputShape& input, int classes) {
  const ModelSummary s = summarize(arch, input, classes);
  const int convs = int(arch.convs.size());
  FeatureShapes f;
  for (int i = 0; i < convs; ++i) {
    const std::vector<int>& shape = s.layers[size_t(i)].outputShape;
    if (i + 1 == convs || s.layers[size_t(i) + 1].outputShape[1] != shape[1])
      f.stageLayers.push_back(i);
  }
  if (convs == 0) {  // an MLP: its hidden layers, the last ones before the classifier
    const int first = int(s.layers.size()) - int(arch.hidden.size()) - 1;
    for (int j = 0; j < int(arch.hidden.size()); ++j) f.stageLayers.push_back(first + j);
  }
  for (int layer : f.stageLayers) f.stages.push_back(s.layers[size_t(layer)].outputShape);
  if (!arch.hidden.empty()) {
    f.embedding = arch.hidden.back();
  } else if (convs > 0) {
    const std::vector<int>& last = s.layers[size_t(convs) - 1].outputShape;
    f.embedding = arch.globalAvgPool ? last[0] : last[0] * last[1] * last[2];
  } else {
    f.embedding = input.channels * input.height * input.width;
  }
  return f;
}

std::vector<std::string> presetNames() {
  return {"seed-teacher",
          "seed-student",
          "lenet5",
          "hinton-mlp-teacher",
          "hinton-mlp-student",
          "cnn-small",
          "cnn-medium",
          "resnet8",
          "resnet20"};
}

ArchSpec preset(const std::string& name) {
  const Pool kMax = Pool::kMax, kNone = Pool::kNone;
  if (name == "seed-teacher")  // the pair of shared/bench/reference_kd.py
    return make(name, {conv(64, 3, false, kMax), conv(128, 3, false, kMax)}, {512});
  if (name == "seed-student")
    return make(name, {conv(16, 3, false, kMax), conv(32, 3, false, kMax)}, {128});
  if (name == "lenet5")  // "same" padding, so it fits 28x28 and 32x32 alike
    return make(name, {conv(6, 5, false, Pool::kAvg), conv(16, 5, false, Pool::kAvg)}, {120, 84});
  if (name == "hinton-mlp-teacher") return make(name, {}, {1200, 1200}, 0.5);
  if (name == "hinton-mlp-student") return make(name, {}, {800, 800});
  if (name == "cnn-small")
    return make(name, {conv(32, 3, true, kMax), conv(64, 3, true, kMax)}, {128});
  if (name == "cnn-medium")
    return make(name,
                {conv(32, 3, true, kNone), conv(32, 3, true, kMax), conv(64, 3, true, kNone),
                 conv(64, 3, true, kMax)},
                {256}, 0.25);
  if (name == "resnet8") return resnet(name, 1);
  if (name == "resnet20") return resnet(name, 3);
  std::string known;
  for (const auto& n : presetNames()) known += (known.empty() ? "" : ", ") + n;
  throw Error("unknown architecture preset \"%1\" (known: %2)", {name, known});
}

nlohmann::json archToJsonValue(const ArchSpec& arch) {
  nlohmann::json convs = nlohmann::json::array();
  for (const auto& c : arch.convs)
    convs.push_back({{"channels", c.channels},
                     {"kernel", c.kernel},
                     {"stride", c.stride},
                     {"batchnorm", c.batchnorm},
                     {"pool", poolName(c.pool)},
                     {"residual", c.residual}});
  return {{"name", arch.name},
          {"convs", convs},
          {"global_avg_pool", arch.globalAvgPool},
          {"hidden", arch.hidden},
          {"dropout", arch.dropout}};
}

ArchSpec archFromJsonValue(const nlohmann::json& v) {
  if (!v.is_object()) throw Error("an architecture must be a JSON object");
  ArchSpec a;
  checkKeys(v, {"name", "global_avg_pool", "hidden", "dropout", "convs"}, "arch");
  readOptional(v, "name", a.name, "arch");
  readOptional(v, "global_avg_pool", a.globalAvgPool, "arch");
  readOptional(v, "hidden", a.hidden, "arch");
  readOptional(v, "dropout", a.dropout, "arch");
  if (auto it = v.find("convs"); it != v.end()) {
    if (!it->is_array()) throw Error("arch.convs must be an array");
    for (const auto& cv : *it) {
      if (!cv.is_object()) throw Error("each entry of arch.convs must be an object");
      ConvLayerSpec c;
      std::string pool = "none";
      checkKeys(cv, {"channels", "kernel", "stride", "batchnorm", "pool", "residual"},
                "arch.convs[]");
      readOptional(cv, "channels", c.channels, "arch.convs[]");
      readOptional(cv, "kernel", c.kernel, "arch.convs[]");
      readOptional(cv, "stride", c.stride, "arch.convs[]");
      readOptional(cv, "batchnorm", c.batchnorm, "arch.convs[]");
      readOptional(cv, "pool", pool, "arch.convs[]");
      readOptional(cv, "residual", c.residual, "arch.convs[]");
      c.pool = poolFromName(pool);
      a.convs.push_back(c);
    }
  }
  return a;
}

nlohmann::json parseJson(const std::string& text, const Text& what) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error("%1 is not valid JSON: %2", {what, std::string(e.what())});
  }
}

std::string toJson(const ArchSpec& arch) { return archToJsonValue(arch).dump(2); }

ArchSpec archFromJson(const std::string& json) {
  return archFromJsonValue(parseJson(json, Text("the architecture")));
}

}  // namespace kd
