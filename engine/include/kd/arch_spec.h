#pragma once
// A serialisable description of an image classifier: convolution layers (plain or
// residual), an optional global average pool, then hidden fully connected layers and the
// classifier. Shape inference and the summary are plain C++ so the UI can show them live.
#include <cstdint>
#include <string>
#include <vector>

namespace kd {

enum class Pool { kNone, kMax, kAvg };

struct ConvLayerSpec {
  int channels = 32;
  int kernel = 3;  // padding is kernel / 2 ("same" for odd kernels)
  int stride = 1;
  bool batchnorm = false;
  Pool pool = Pool::kNone;  // 2x2, stride 2, after the activation
  bool residual = false;    // a basic residual block: two convolutions and a shortcut
  bool operator==(const ConvLayerSpec& o) const;
};

struct ArchSpec {
  std::string name;
  std::vector<ConvLayerSpec> convs;
  bool globalAvgPool = false;
  std::vector<int> hidden;  // widths of the hidden fully connected layers
  double dropout = 0.0;     // after each hidden layer
  bool operator==(const ArchSpec& o) const;
};

struct InputShape {
  int channels = 1;
  int height = 28;
  int width = 28;
  bool operator==(const InputShape& o) const {
    return channels == o.channels && height == o.height && width == o.width;
  }
  std::string text() const;  // "1x28x28"
};

struct LayerSummary {
  std::string name;              // the parameter prefix, e.g. "conv1", "block3", "fc2"
  std::string description;       // e.g. "conv 3x3 64, max pool"
  std::vector<int> outputShape;  // {C, H, W} or {features}
  int64_t parameters = 0;
  int64_t macs = 0;  // multiply-adds for one image
};

struct ModelSummary {
  std::vector<LayerSummary> layers;
  int64_t parameters = 0;
  int64_t macs = 0;
};

// Throws kd::Error naming the first layer that cannot be built (e.g. an image pooled below 1x1).
ModelSummary summarize(const ArchSpec& arch, const InputShape& input, int classes);

// What the methods that copy features see of a model. A stage ends where the image's size
// changes: the last convolution layer of each spatial size; an MLP's stages are its hidden
// layers. The embedding is the classifier's input (the penultimate features).
struct FeatureShapes {
  std::vector<int> stageLayers;          // the layers (indices into summarize()'s) ending a stage
  std::vector<std::vector<int>> stages;  // their output shapes, {C, H, W} or {features}
  int embedding = 0;                     // the classifier's input width
  bool convolutional() const { return !stages.empty() && stages.front().size() == 3; }
};
FeatureShapes featureShapes(const ArchSpec& arch, const InputShape& input, int classes);

std::vector<std::string> presetNames();
// Throws kd::Error for an unknown name, listing the known ones.
ArchSpec preset(const std::string& name);

std::string toJson(const ArchSpec& arch);
// Throws kd::Error for malformed JSON or out-of-range values.
ArchSpec archFromJson(const std::string& json);

}  // namespace kd
