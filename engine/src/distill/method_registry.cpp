#include "json_io.h"
#include "kd/error.h"
#include "kd/experiment.h"
#include "kd/methods.h"

namespace kd {
namespace {

// Each method's defaults are its reference implementation's: mdistiller for dkd, the DIST
// authors' ImageNet recipe for dist, Sun et al.'s CIFAR-100 recipe for ls.
std::vector<MethodInfo> makeMethods() {
  const MethodSetting ceWeight{
      "ce_weight",
      0,
      100,
      1,
      false,
      Text("Weight of the labels' cross-entropy in the loss (its terms are added, not mixed "
           "by alpha)")};
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
  MethodSetting dkdCe = ceWeight;
  methods.push_back(
      {"dkd",
       Text("Decoupled KD"),
       Text("The teacher's answer in two parts weighed apart: how sure it is of the true class, "
            "and how it ranks the other classes (Zhao et al., 2022)."),
       {dkdCe,
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
       {ceWeight,
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
  MethodSetting lsCe = ceWeight;
  lsCe.defaultValue = 0.1;
  methods.push_back(
      {"ls",
       Text("KD with logit standardisation"),
       Text("The teacher's answers after z-scoring each image's logits, so that the student "
            "matches their shape, not their scale (Sun et al., 2024)."),
       {lsCe,
        {"kd_weight", 0, 100, 9, false,
         Text("Weight of the KD term on standardised logits, T^2 KL")}},
       {},
       false,
       2,
       false});
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

std::string methodSummary(const ExperimentConfig& c) {
  const std::string t = "T " + shortNumber(c.temperature);
  if (c.method == "kd") return "alpha " + shortNumber(c.alpha) + ", " + t;
  std::string out = c.method + ":";
  for (const MethodSetting& s : methodNamed(c.method).settings)
    out += " " + s.key + " " + shortNumber(methodSetting(c, s.key)) + ",";
  return out + " " + t;
}

}  // namespace kd
