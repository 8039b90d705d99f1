#include "json_io.h"
#include "kd/error.h"
#include "kd/experiment.h"
#include "kd/methods.h"

namespace kd {
namespace {

MethodSetting ceWeight(double defaultValue) {
  return {"ce_weight",
          0,
          100,
          defaultValue,
          false,
          Text("Weight of the labels' cross-entropy in the loss (its terms are added, not mixed "
               "by alpha)")};
}

// RepDistiller's -a: the feature and relation methods add Hinton's term where it is not 0.
MethodSetting kdWeight(double defaultValue) {
  return {"kd_weight",
          0,
          100,
          defaultValue,
          false,
          Text("Weight of Hinton's term on the answers, T^2 KL at the temperature (0: none)")};
}

std::vector<MethodInfo> logitMethods() {
  std::vector<MethodInfo> methods;
  methods.push_back({"kd",
                     Text("Knowledge distillation"),
                     Text("The teacher's softened answers, every class's probability at "
                          "temperature T (Hinton et al., 2015)."),
                     {},
                     {},
                     true,
                     4,
                     false});
  methods.push_back(
      {"dkd",
       Text("Decoupled KD"),
       Text("The teacher's answer in two parts weighed apart: how sure it is of the true class, "
            "and how it ranks the other classes (Zhao et al., 2022)."),
       {ceWeight(1),
        {"tckd_weight", 0, 100, 1, false,
         Text("Weight of the target-class term (the paper's alpha): how sure the teacher is of "
              "the true class")},
        {"nckd_weight", 0, 100, 8, false,
         Text("Weight of the non-target term (the paper's beta): how the teacher ranks the "
              "other classes")},
        {"warmup", 0, 1000, 20, true,
         Text("Epochs over which the teacher's terms ramp up linearly from 0 (0: none)")},
        {"standardise", 0, 1, 0, true,
         Text("1: z-score each image's logits before the softmax, as logit standardisation "
              "does")}},
       {"tckd", "nckd"},
       false,
       4,
       true});
  methods.push_back(
      {"dist",
       Text("DIST"),
       Text("How the teacher's answers correlate: across the classes of each image, and "
            "across the images of each class (Huang et al., 2022)."),
       {ceWeight(1),
        {"inter_weight", 0, 100, 1, false,
         Text("Weight of the inter-class term (the paper's beta): each image's answers "
              "correlated with the teacher's")},
        {"intra_weight", 0, 100, 1, false,
         Text("Weight of the intra-class term (the paper's gamma): each class's answers over "
              "the batch correlated with the teacher's")}},
       {"inter", "intra"},
       false,
       1,
       false});
  methods.push_back(
      {"ls",
       Text("KD with logit standardisation"),
       Text("The teacher's answers after z-scoring each image's logits, so that the student "
            "matches their shape, not their scale (Sun et al., 2024)."),
       {ceWeight(0.1),
        {"kd_weight", 0, 100, 9, false,
         Text("Weight of the KD term on standardised logits, T^2 KL")}},
       {},
       false,
       2,
       false});
  return methods;
}

// RepDistiller's defaults: the labels' term at 1, Hinton's off, the method's own weight.
std::vector<MethodInfo> featureMethods() {
  std::vector<MethodInfo> methods;
  methods.push_back(
      {"fitnets",
       Text("FitNets"),
       Text("What the teacher computes halfway: a regressor maps one stage of the student onto "
            "the teacher's, and the student learns to match it (Romero et al., 2015)."),
       {ceWeight(1),
        kdWeight(0),
        {"hint_weight", 0, 10000, 100, false,
         Text("Weight of the hint term: the mean squared error between the regressed student "
              "stage and the teacher's")},
        {"stage", 0, 16, 0, true,
         Text("The student's stage that learns the hint, from the first (1); 0: the middle one. "
              "The teacher's is the stage as deep from the end")}},
       {"hint"},
       false,
       4,
       false,
       MethodFeatures::kStage,
       true});
  methods.push_back(
      {"at",
       Text("Attention transfer"),
       Text("Where the teacher looks: at each stage, the map of how strongly each position of "
            "the image is active (Zagoruyko and Komodakis, 2017)."),
       {ceWeight(1),
        kdWeight(0),
        {"at_weight", 0, 100000, 1000, false,
         Text("Weight of the attention term, summed over the paired stages")},
        {"p", 1, 4, 2, false,
         Text("The power of each activation before the mean over channels (the paper's p)")}},
       {"attention"},
       false,
       4,
       false,
       MethodFeatures::kConvStages});
  methods.push_back(
      {"rkd",
       Text("Relational KD"),
       Text("How the teacher places the images of a batch relative to one another: their "
            "distances and the angles they make (Park et al., 2019)."),
       {ceWeight(1),
        kdWeight(0),
        {"distance_weight", 0, 1000, 25, false,
         Text("Weight of the distance term: pairwise distances of the embeddings, each set "
              "normalised by its mean")},
        {"angle_weight", 0, 1000, 50, false,
         Text("Weight of the angle term: the angles that every three images' embeddings make")}},
       {"distance", "angle"},
       false,
       4,
       false,
       MethodFeatures::kEmbedding});
  methods.push_back(
      {"crd",
       Text("Contrastive representation distillation"),
       Text("Which images the teacher's embedding tells apart: the student's embedding learns "
            "to pick out the teacher's of the same image among those of images of other "
            "classes (Tian et al., 2020)."),
       {ceWeight(1),
        kdWeight(0),
        {"crd_weight", 0, 100, 0.8, false,
         Text("Weight of the contrastive term (the student's direction and the teacher's)")},
        {"nce_k", 1, 65536, 16384, true,
         Text("Images of other classes each image is contrasted with (the transfer set's size "
              "when it has fewer)")},
        {"nce_t", 0.01, 1, 0.07, false,
         Text("Temperature of the contrast: lower sharpens the scores")},
        {"momentum", 0, 0.999, 0.5, false,
         Text("How much of a memory row stays when its image comes by again")},
        {"feat_dim", 8, 1024, 128, true,
         Text("Width of the vectors the two heads map the embeddings to")}},
       {"contrastive"},
       false,
       4,
       false,
       MethodFeatures::kEmbedding,
       true});
  return methods;
}

// Each method's defaults are its reference implementation's: mdistiller for dkd, the DIST
// authors' ImageNet recipe for dist, Sun et al.'s CIFAR-100 recipe for ls, RepDistiller for
// fitnets, at, rkd and crd.
std::vector<MethodInfo> makeMethods() {
  std::vector<MethodInfo> methods = logitMethods();
  for (MethodInfo& m : featureMethods()) methods.push_back(std::move(m));
  return methods;
}

}  // namespace

const std::vector<MethodInfo>& distillationMethods() {
  static const std::vector<MethodInfo> methods = makeMethods();
  return methods;
}

const MethodInfo& methodNamed(const std::string& name) {
  std::string names;
  for (const MethodInfo& m : distillationMethods()) {
    if (m.name == name) return m;
    names += (names.empty() ? "" : ", ") + m.name;
  }
  throw Error("no distillation method \"%1\"; there are %2", {name, names});
}

const MethodSetting& methodSettingNamed(const MethodInfo& method, const std::string& key) {
  std::string keys;
  for (const MethodSetting& s : method.settings) {
    if (s.key == key) return s;
    keys += (keys.empty() ? "" : ", ") + s.key;
  }
  if (keys.empty()) throw Error("the method %1 has no setting (%2 given)", {method.name, key});
  throw Error("the method %1 has no setting \"%2\"; it has %3", {method.name, key, keys});
}

bool temperatureActs(const ExperimentConfig& c) {
  for (const MethodSetting& s : methodNamed(c.method).settings)
    if (s.key == "kd_weight") return methodSetting(c, s.key) != 0;
  return true;
}

void refuseWithoutConvolutions(const MethodInfo& method, bool studentConvolutional,
                               bool teacherConvolutional) {
  if (method.features != MethodFeatures::kConvStages ||
      (studentConvolutional && teacherConvolutional))
    return;
  throw Error(
      "%1 compares maps of image positions, and %2 has no convolution layer: choose a "
      "convolutional model, or fitnets or rkd",
      {method.name, studentConvolutional ? Text("the teacher") : Text("the student")});
}

std::string methodSummary(const ExperimentConfig& c) {
  const std::string t = "T " + shortNumber(c.temperature);
  if (c.method == "kd") return "alpha " + shortNumber(c.alpha) + ", " + t;
  std::string out = c.method + ":";
  for (const MethodSetting& s : methodNamed(c.method).settings)
    out += " " + s.key + " " + shortNumber(methodSetting(c, s.key)) + ",";
  return out + " " + t;
}

}  // namespace kd
