#include "kd/experiment.h"

#include <cmath>

#include "json_io.h"
#include "kd/error.h"
#include "kd/methods.h"
#include "kd/observer.h"

namespace kd {
namespace {

using nlohmann::json;

json trainToJson(const TrainConfig& t) {
  return {{"epochs", t.epochs},
          {"batch_size", t.batchSize},
          {"optimizer", nameOf(t.optimizer)},
          {"learning_rate", t.learningRate},
          {"momentum", t.momentum},
          {"nesterov", t.nesterov},
          {"weight_decay", t.weightDecay},
          {"schedule", nameOf(t.schedule)},
          {"step_epochs", t.stepEpochs},
          {"step_gamma", t.stepGamma}};
}

TrainConfig trainFromJson(const json& v, const std::string& ctx) {
  TrainConfig t;
  if (!v.is_object()) throw Error("%1 must be a JSON object", {ctx});
  checkKeys(v,
            {"epochs", "batch_size", "optimizer", "learning_rate", "momentum", "nesterov",
             "weight_decay", "schedule", "step_epochs", "step_gamma"},
            ctx);
  readOptional(v, "epochs", t.epochs, ctx);
  readOptional(v, "batch_size", t.batchSize, ctx);
  std::string optimizer = nameOf(t.optimizer), schedule = nameOf(t.schedule);
  readOptional(v, "optimizer", optimizer, ctx);
  t.optimizer = optimizerNamed(optimizer, ctx + ".optimizer");
  readOptional(v, "learning_rate", t.learningRate, ctx);
  readOptional(v, "momentum", t.momentum, ctx);
  readOptional(v, "nesterov", t.nesterov, ctx);
  readOptional(v, "weight_decay", t.weightDecay, ctx);
  readOptional(v, "schedule", schedule, ctx);
  t.schedule = scheduleNamed(schedule, ctx + ".schedule");
  readOptional(v, "step_epochs", t.stepEpochs, ctx);
  readOptional(v, "step_gamma", t.stepGamma, ctx);
  return t;
}

// An architecture is either a preset name or an ArchSpec object.
ArchSpec archFromConfig(const json& v) {
  if (v.is_string()) return preset(v.get<std::string>());
  return archFromJsonValue(v);
}

// A setting that cannot act in the run is refused, naming it and why: a value other than its
// default that the run would ignore is a mistake the user should hear of.
void refuseTrainingWithoutEffect(const TrainConfig& t, const std::string& who) {
  const TrainConfig defaults;
  if (t.schedule != Schedule::kStep &&
      (t.stepEpochs != defaults.stepEpochs || t.stepGamma != defaults.stepGamma))
    throw Error("%1.step_epochs and step_gamma act with the step schedule only, not with %2",
                {who, std::string(nameOf(t.schedule))});
  if (t.optimizer != Optimizer::kSgd && (t.momentum != defaults.momentum || t.nesterov))
    throw Error("%1.momentum and nesterov act with the sgd optimizer only, not with %2",
                {who, std::string(nameOf(t.optimizer))});
}

// Few labels: what the labels and the teacher's answers can and cannot do in the run.
void refuseLabelsWithoutEffect(const ExperimentConfig& c) {
  if (c.data.labelled == 0 && c.alpha == 1)
    throw Error(
        "alpha 1 learns from the labels alone, and data.labelled 0 keeps none: lower alpha to "
        "learn from the teacher");
  if (c.data.labelled == 0 && c.teacher.file.empty())
    throw Error(
        "a teacher trained here learns from labels, and data.labelled 0 keeps none: load a "
        "teacher file, or keep some labels");
}

// alpha weighs kd's two terms; the other methods weigh theirs with their own settings. DKD
// decouples each image's answer at its true class, which an unlabelled image does not have.
void refuseMethodSettingsWithoutEffect(const ExperimentConfig& c) {
  const MethodInfo& method = methodNamed(c.method);
  if (!method.usesAlpha && c.alpha != ExperimentConfig().alpha)
    throw Error(
        "distillation.alpha acts with the kd method only; %1 weighs its terms with its own "
        "settings (%2)",
        {method.name, method.settings.empty() ? std::string() : method.settings.front().key});
  if (method.needsEveryLabel && c.data.labelled != kAllLabelled)
    throw Error(
        "the method %1 needs every image's label (it splits each answer at the true class); "
        "data.labelled keeps only some: choose kd, dist or ls",
        {method.name});
  if (!temperatureActs(c) && c.temperature != method.defaultTemperature)
    throw Error(
        "distillation.temperature acts on %1 through its kd_weight, which is 0: set kd_weight "
        "above 0, or keep T at %2",
        {method.name, shortNumber(method.defaultTemperature)});
  // A teacher from a file shows its layout when it is read (MethodLoss refuses it then).
  refuseWithoutConvolutions(method, !c.student.convs.empty(),
                            !c.teacher.file.empty() || !c.teacher.arch.convs.empty());
}

void validateTraining(const TrainConfig& t, Phase who) {
  const Text w = phaseWord(who);
  if (t.epochs < 1) throw Error("%1 epochs must be at least 1", {w});
  if (t.batchSize < 1) throw Error("%1 batch size must be at least 1", {w});
  if (!(t.learningRate > 0) || !std::isfinite(t.learningRate))
    throw Error("%1 learning rate must be a positive number", {w});
  if (t.momentum < 0 || t.momentum >= 1) throw Error("%1 momentum must be in [0, 1)", {w});
  if (t.weightDecay < 0) throw Error("%1 weight decay must be >= 0", {w});
  if (t.stepEpochs < 1 || !(t.stepGamma > 0))
    throw Error("%1 step schedule needs step_epochs >= 1 and step_gamma > 0", {w});
}

// data.labelled: "all", or the number.
json labelledToJson(double labelled) {
  if (labelled == kAllLabelled) return "all";
  if (labelled >= 1) return int64_t(labelled);
  return labelled;
}

double labelledFromJson(const json& v) {
  if (v.is_string() && v.get<std::string>() == "all") return kAllLabelled;
  if (!v.is_number())
    throw Error("data.labelled must be \"all\", a count of images or a fraction in (0, 1)");
  return v.get<double>();
}

// distillation: alpha and T, the method and its settings (every one, resolved). A file without
// a method (format 1) is kd's; a method given without a temperature has its own default T.
json distillationToJson(const ExperimentConfig& c) {
  json settings = json::object();
  for (const MethodSetting& s : methodNamed(c.method).settings)
    settings[s.key] = methodSetting(c, s.key);
  return {{"method", c.method},
          {"alpha", c.alpha},
          {"temperature", c.temperature},
          {"settings", settings}};
}

void distillationFromJson(const json& d, ExperimentConfig& c) {
  checkKeys(d, {"method", "alpha", "temperature", "settings"}, "distillation");
  readOptional(d, "method", c.method, "distillation");
  c.temperature = methodNamed(c.method).defaultTemperature;
  readOptional(d, "alpha", c.alpha, "distillation");
  readOptional(d, "temperature", c.temperature, "distillation");
  c.methodSettings.clear();
  if (auto s = d.find("settings"); s != d.end()) {
    if (!s->is_object()) throw Error("distillation.settings must be a JSON object");
    for (const auto& item : s->items()) {
      if (!item.value().is_number())
        throw Error("distillation.settings.%1 must be a number", {item.key()});
      c.methodSettings[item.key()] = item.value().get<double>();
    }
  }
}

void validateMethod(const ExperimentConfig& c) {
  const MethodInfo& method = methodNamed(c.method);
  for (const auto& [key, value] : c.methodSettings) {
    const MethodSetting& s = methodSettingNamed(method, key);
    if (!(value >= s.minimum && value <= s.maximum) || (s.whole && value != std::floor(value)))
      throw Error("%1's setting %2 must be %3 from %4 to %5, not %6",
                  {method.name, key, s.whole ? Text("a whole number") : Text("a number"),
                   shortNumber(s.minimum), shortNumber(s.maximum), shortNumber(value)});
  }
}

}  // namespace

double methodSetting(const ExperimentConfig& c, const std::string& key) {
  if (auto v = c.methodSettings.find(key); v != c.methodSettings.end()) return v->second;
  return methodSettingNamed(methodNamed(c.method), key).defaultValue;
}

bool learnsFromLabelsAlone(const ExperimentConfig& c) { return c.method == "kd" && c.alpha == 1.0; }

ExperimentConfig defaultExperiment() {
  ExperimentConfig c;
  c.data.limitTrain = 5000;  // a small transfer set: where the teacher's answers help most
  c.teacher.file = builtinTeacherFor(c.data.source);
  c.teacher.arch = preset("resnet20");
  c.teacher.training.epochs = 3;  // when another teacher is trained here instead
  c.student = preset("seed-student");
  c.training.epochs = 30;
  return c;
}

ExperimentConfig omittedClassExperiment(int hiddenClass) {
  ExperimentConfig c = defaultExperiment();
  c.data.hiddenClasses = {hiddenClass};
  c.data.limitTrain = 10000;  // docs/results/omitted-class.json: the measured setting
  c.training.epochs = 10;
  c.temperature = 20;  // Hinton et al.'s for this experiment
  return c;
}

std::string toJson(const ExperimentConfig& c) {
  json data = {{"source", c.data.source},
               {"image_size", c.data.imageSize},
               {"grayscale", c.data.grayscale},
               {"test_fraction", c.data.testFraction},
               {"limit_train", c.data.limitTrain},
               {"train_fraction", c.data.trainFraction},
               {"hidden_classes", c.data.hiddenClasses},
               {"augment", c.data.augment},
               {"labelled", labelledToJson(c.data.labelled)},
               {"unlabelled", c.data.unlabelled}};
  json teacher = {{"arch", archToJsonValue(c.teacher.arch)},
                  {"training", trainToJson(c.teacher.training)},
                  {"allow_other_data", c.teacher.allowOtherData}};
  if (!c.teacher.file.empty()) teacher["file"] = c.teacher.file;
  json j = {
      {"version", ExperimentConfig::kVersion},
      {"data", data},
      {"teacher", teacher},
      {"student", {{"arch", archToJsonValue(c.student)}, {"training", trainToJson(c.training)}}},
      {"distillation", distillationToJson(c)},
      {"device", c.device},
      {"threads", c.threads},
      {"precision", nameOf(c.precision)},
      {"seed", c.seed}};
  return j.dump(2);
}

ExperimentConfig experimentFromJson(const std::string& text) {
  json j = parseJson(text, Text("the experiment"));
  if (!j.is_object()) throw Error("the experiment must be a JSON object");
  checkKeys(j,
            {"version", "data", "teacher", "student", "distillation", "device", "threads",
             "precision", "seed"},
            "experiment");
  checkFormatVersion(j, ExperimentConfig::kVersion, Text("the experiment"));
  ExperimentConfig c = defaultExperiment();
  if (auto d = j.find("data"); d != j.end()) {
    checkKeys(*d,
              {"source", "image_size", "grayscale", "test_fraction", "limit_train",
               "train_fraction", "hidden_classes", "augment", "labelled", "unlabelled"},
              "data");
    readOptional(*d, "source", c.data.source, "data");
    readOptional(*d, "image_size", c.data.imageSize, "data");
    readOptional(*d, "grayscale", c.data.grayscale, "data");
    readOptional(*d, "test_fraction", c.data.testFraction, "data");
    readOptional(*d, "limit_train", c.data.limitTrain, "data");
    readOptional(*d, "train_fraction", c.data.trainFraction, "data");
    readOptional(*d, "hidden_classes", c.data.hiddenClasses, "data");
    readOptional(*d, "augment", c.data.augment, "data");
    if (auto l = d->find("labelled"); l != d->end()) c.data.labelled = labelledFromJson(*l);
    readOptional(*d, "unlabelled", c.data.unlabelled, "data");
  }
  if (auto t = j.find("teacher"); t != j.end()) {
    checkKeys(*t, {"file", "arch", "training", "allow_other_data"}, "teacher");
    c.teacher.file.clear();  // a teacher object without a file: trained here
    readOptional(*t, "file", c.teacher.file, "teacher");
    readOptional(*t, "allow_other_data", c.teacher.allowOtherData, "teacher");
    if (auto a = t->find("arch"); a != t->end()) c.teacher.arch = archFromConfig(*a);
    if (auto tr = t->find("training"); tr != t->end())
      c.teacher.training = trainFromJson(*tr, "teacher.training");
  }
  if (auto s = j.find("student"); s != j.end()) {
    checkKeys(*s, {"arch", "training"}, "student");
    if (auto a = s->find("arch"); a != s->end()) c.student = archFromConfig(*a);
    if (auto tr = s->find("training"); tr != s->end())
      c.training = trainFromJson(*tr, "student.training");
  }
  if (auto d = j.find("distillation"); d != j.end()) distillationFromJson(*d, c);
  readOptional(j, "device", c.device, "experiment");
  readOptional(j, "threads", c.threads, "experiment");
  std::string precision = nameOf(c.precision);
  readOptional(j, "precision", precision, "experiment");
  c.precision = precisionNamed(precision);
  readOptional(j, "seed", c.seed, "experiment");
  validate(c);
  return c;
}

ExperimentConfig loadExperiment(const std::string& path) {
  return experimentFromJson(readTextFile(path, Text("the experiment file")));
}

std::vector<Text> changeDataset(ExperimentConfig& c, const std::string& source,
                                SettingsGiven given) {
  std::vector<Text> notes;
  if (source == c.data.source) return notes;
  c.data.source = source;
  if (!given.teacher && isBuiltinTeacher(c.teacher.file) &&
      c.teacher.file != builtinTeacherFor(source)) {
    const std::string own = builtinTeacherFor(source);
    if (!own.empty()) {
      notes.push_back(Text("the teacher is now %1, the built-in teacher of %2", {own, source}));
      c.teacher.file = own;
    } else {
      notes.push_back(
          Text("the built-in teacher %1 knows another dataset: the teacher %2 is trained here "
               "instead, for %3 epochs",
               {c.teacher.file, c.teacher.arch.name, std::to_string(c.teacher.training.epochs)}));
      c.teacher.file.clear();
    }
  }
  if (!given.limitTrain && c.data.limitTrain > 0)
    notes.push_back(Text("only the first %1 training images of %2 are used (a limit of 0 uses all)",
                         {std::to_string(c.data.limitTrain), source}));
  return notes;
}

std::string teacherTrainingKey(const ExperimentConfig& c) {
  const json j = json::parse(toJson(c));
  json key = {{"teacher", j["teacher"]},
              {"data", j["data"]},
              {"device", c.device},
              {"precision", j["precision"]}};
  key["data"].erase("hidden_classes");
  key["data"].erase("unlabelled");
  // The seed draws an image folder's test split and the labelled images.
  if (parseSource(c.data.source).kind == DatasetKind::kFolder || c.data.labelled != kAllLabelled)
    key["seed"] = c.seed;
  return key.dump();
}

std::optional<ExperimentConfig> baselineExperiment(ExperimentConfig c) {
  if (c.data.labelled == 0) return std::nullopt;
  c.method = "kd";
  c.methodSettings.clear();
  c.alpha = 1.0;
  return c;
}

void validate(const ExperimentConfig& c) {
  parseSource(c.data.source);
  if (!(c.alpha >= 0 && c.alpha <= 1))
    throw Error("alpha must be in [0, 1], not %1", {std::to_string(c.alpha)});
  if (!(c.temperature > 0) || !std::isfinite(c.temperature))
    throw Error("the temperature must be > 0, not %1", {std::to_string(c.temperature)});
  validateMethod(c);
  if (c.threads < 0) throw Error("threads must be >= 0 (0: all cores)");
  if (c.data.limitTrain < 0) throw Error("limit_train must be >= 0 (0: no limit)");
  if (!(c.data.trainFraction > 0 && c.data.trainFraction <= 1))
    throw Error("train_fraction must be in (0, 1]");
  if (!(c.data.testFraction > 0 && c.data.testFraction < 1))
    throw Error("test_fraction must be in (0, 1)");
  if (c.data.imageSize < 4 || c.data.imageSize > 512)
    throw Error("image_size must be between 4 and 512");
  const double l = c.data.labelled;
  if (l != kAllLabelled && !(l >= 0 && std::isfinite(l) && (l < 1 || l == std::floor(l))))
    throw Error(
        "data.labelled must be \"all\", a whole count of images, a fraction in (0, 1) or 0 "
        "(no label), not %1",
        {std::to_string(l)});
  if (c.teacher.file.empty()) validateTraining(c.teacher.training, Phase::kTeacher);
  validateTraining(c.training, Phase::kStudent);
}

void refuseSettingsWithoutEffect(const ExperimentConfig& c) {
  const DataConfig defaults;
  const DataSource source = parseSource(c.data.source);
  const bool folder = source.kind == DatasetKind::kFolder;
  if (!folder && (c.data.imageSize != defaults.imageSize || c.data.grayscale))
    throw Error(
        "data.image_size and grayscale act on image folders only; %1 has its own image size and "
        "channels",
        {c.data.source});
  if (!folder && c.data.testFraction != defaults.testFraction)
    throw Error("data.test_fraction acts on image folders only; %1 has its own test set",
                {c.data.source});
  if (c.teacher.file.empty() && c.teacher.allowOtherData)
    throw Error(
        "teacher.allow_other_data acts on a teacher file only; a teacher trained here learns "
        "this dataset");
  if (c.teacher.file.empty()) refuseTrainingWithoutEffect(c.teacher.training, "teacher.training");
  refuseTrainingWithoutEffect(c.training, "student.training");
  refuseLabelsWithoutEffect(c);
  refuseMethodSettingsWithoutEffect(c);
}

}  // namespace kd
