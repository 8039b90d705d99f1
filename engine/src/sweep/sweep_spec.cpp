// The sweep file: reading, writing, and expanding it into points.
#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "json_io.h"
#include "kd/error.h"
#include "kd/methods.h"
#include "kd/sweep.h"

namespace kd {
namespace {

using ordered = nlohmann::ordered_json;
using nlohmann::json;

std::string fullPath(const std::string& setting) {
  for (const auto& [alias, path] : settingAliases())
    if (alias == setting) return path;
  return setting;
}

// The setting's value as a folder-safe word: 0.5, lenet5, 3-5.
std::string valueWord(const std::string& valueJson) {
  std::string word = valueLabel(valueJson);
  for (char& c : word)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '+') c = '-';
  return word;
}

// A point of another method starts from that method's temperature and settings (the base's
// belong to its own method); alpha stays where the method weighs by it. The settings a point
// gives apply over these, the method first (applySettings).
void startFromMethodDefaults(json& distillation, const std::string& name) {
  const MethodInfo& method = methodNamed(name);
  json settings = json::object();
  for (const MethodSetting& s : method.settings) settings[s.key] = s.defaultValue;
  distillation["settings"] = settings;
  distillation["temperature"] = method.defaultTemperature;
  if (!method.usesAlpha) distillation.erase("alpha");
}

// The experiment JSON with one setting replaced; the key path must exist in the resolved form.
void applySetting(json& experiment, const Setting& setting) {
  json* node = &experiment;
  std::string rest = setting.first, walked;
  while (true) {
    const size_t dot = rest.find('.');
    const std::string key = rest.substr(0, dot);
    if (!node->is_object() || !node->contains(key)) {
      std::string keys;
      if (node->is_object())
        for (const auto& item : node->items()) keys += (keys.empty() ? "" : ", ") + item.key();
      throw Error("unknown setting \"%1\": %2 has %3",
                  {setting.first, walked.empty() ? Text("the experiment") : Text(walked), keys});
    }
    walked += (walked.empty() ? "" : ".") + key;
    node = &(*node)[key];
    if (dot == std::string::npos) break;
    rest = rest.substr(dot + 1);
  }
  const json value = json::parse(setting.second);
  if (setting.first == "distillation.method" && value.is_string() && *node != value)
    startFromMethodDefaults(experiment["distillation"], value.get<std::string>());
  *node = value;
  // Any other teacher setting describes a teacher trained here, not the base's file.
  if (setting.first.rfind("teacher.", 0) == 0 && setting.first != "teacher.file" &&
      setting.first != "teacher.allow_other_data")
    experiment["teacher"].erase("file");
}

std::vector<Setting> settingsOf(const ordered& object, const Text& context) {
  if (!object.is_object()) throw Error("%1 must be an object of settings", {context});
  std::vector<Setting> out;
  for (const auto& item : object.items()) {
    if (item.key() == "seed")
      throw Error("%1: give seeds as the sweep's \"seeds\" list", {context});
    out.emplace_back(fullPath(item.key()), item.value().dump());
  }
  return out;
}

ExperimentConfig baseOf(const ordered& j, const std::string& baseDir) {
  auto e = j.find("experiment");
  if (e == j.end()) return defaultExperiment();
  if (e->is_string()) {
    std::filesystem::path path(e->get<std::string>());
    if (path.is_relative()) path = std::filesystem::path(baseDir) / path;
    return experimentFromJson(readTextFile(path.string(), Text("the sweep's experiment file")));
  }
  return experimentFromJson(e->dump());
}

}  // namespace

const std::vector<Setting>& settingAliases() {
  static const std::vector<Setting> aliases = {
      {"method", "distillation.method"},
      {"alpha", "distillation.alpha"},
      {"temperature", "distillation.temperature"},
      {"T", "distillation.temperature"},
      {"student", "student.arch"},
      {"teacher", "teacher.arch"},
      {"lr", "student.training.learning_rate"},
      {"epochs", "student.training.epochs"},
      {"optimizer", "student.training.optimizer"},
      {"batch_size", "student.training.batch_size"},
      {"teacher_epochs", "teacher.training.epochs"},
      {"limit_train", "data.limit_train"},
      {"train_fraction", "data.train_fraction"},
      {"hidden_classes", "data.hidden_classes"},
      {"labelled", "data.labelled"},
      {"augment", "data.augment"},
  };
  return aliases;
}

std::string settingLabel(const std::string& path) {
  for (const auto& [alias, full] : settingAliases())
    if (full == path) return alias;
  return path.substr(path.rfind('.') + 1);
}

std::string valueLabel(const std::string& valueJson) {
  const json v = json::parse(valueJson);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) return v.value("name", std::string("custom"));
  if (!v.is_array()) return v.dump();
  if (v.empty()) return "none";
  std::string label;
  for (const auto& item : v) label += (label.empty() ? "" : ",") + item.dump();
  return label;
}

SweepSpec sweepFromJson(const std::string& text, const std::string& baseDir) {
  ordered j;
  try {
    j = ordered::parse(text);
  } catch (const ordered::parse_error& e) {
    throw Error("the sweep is not valid JSON: %1", {std::string(e.what())});
  }
  if (!j.is_object()) throw Error("the sweep must be a JSON object");
  for (const auto& item : j.items())
    if (item.key() != "version" && item.key() != "experiment" && item.key() != "list" &&
        item.key() != "grid" && item.key() != "seeds" && item.key() != "baseline")
      throw Error(
          "unknown key \"%1\" in the sweep (keys: version, experiment, list, grid, seeds, "
          "baseline)",
          {item.key()});
  checkFormatVersion(nlohmann::json::parse(text), SweepSpec::kVersion, Text("the sweep"));
  SweepSpec spec;
  spec.base = baseOf(j, baseDir);
  if (auto l = j.find("list"); l != j.end()) {
    if (!l->is_array()) throw Error("the sweep's \"list\" must be an array of objects");
    for (const auto& entry : *l) spec.list.push_back(settingsOf(entry, Text("a \"list\" entry")));
  }
  if (auto g = j.find("grid"); g != j.end()) {
    for (const auto& [setting, value] : settingsOf(*g, std::string("\"grid\""))) {
      const ordered values = ordered::parse(value);
      if (!values.is_array() || values.empty())
        throw Error("grid setting \"%1\" needs a non-empty array of values", {setting});
      std::vector<std::string> texts;
      for (const auto& v : values) texts.push_back(v.dump());
      spec.grid.emplace_back(setting, texts);
    }
  }
  if (auto s = j.find("seeds"); s != j.end()) {
    if (!s->is_array() || !std::all_of(s->begin(), s->end(), [](const ordered& seed) {
          return seed.is_number_unsigned();
        }))
      throw Error("the sweep's \"seeds\" must be a list of whole numbers >= 0");
    spec.seeds = s->get<std::vector<uint64_t>>();
  }
  if (auto b = j.find("baseline"); b != j.end()) {
    if (!b->is_boolean()) throw Error("the sweep's \"baseline\" must be true or false");
    spec.baseline = b->get<bool>();
  }
  expandSweep(spec);  // every point's experiment is checked now, not mid-sweep
  return spec;
}

void refuseSettingsWithoutEffect(const SweepSpec& spec) {
  bool someBaseline = false;
  for (const SweepPoint& p : expandSweep(spec)) {
    try {
      refuseSettingsWithoutEffect(p.config);
    } catch (const Error& e) {
      throw Error("sweep point %1: %2", {p.name, e.text()});
    }
    someBaseline = someBaseline || baselineExperiment(p.config).has_value();
  }
  if (spec.baseline && !someBaseline)
    throw Error(
        "baseline: the no-KD baseline learns from labels alone, and no point keeps a label "
        "(data.labelled 0)");
}

SweepSpec loadSweep(const std::string& path) {
  return sweepFromJson(readTextFile(path, Text("the sweep file")),
                       std::filesystem::path(path).parent_path().string());
}

std::string toJson(const SweepSpec& spec) {
  ordered j;
  j["version"] = SweepSpec::kVersion;
  j["experiment"] = ordered::parse(toJson(spec.base));
  if (!spec.list.empty()) {
    j["list"] = ordered::array();
    for (const auto& entry : spec.list) {
      ordered o = ordered::object();
      for (const auto& [setting, value] : entry) o[setting] = ordered::parse(value);
      j["list"].push_back(o);
    }
  }
  if (!spec.grid.empty()) {
    j["grid"] = ordered::object();
    for (const auto& [setting, values] : spec.grid) {
      ordered a = ordered::array();
      for (const auto& v : values) a.push_back(ordered::parse(v));
      j["grid"][setting] = a;
    }
  }
  j["seeds"] = spec.seeds;
  j["baseline"] = spec.baseline;
  return j.dump(2) + "\n";
}

std::vector<SweepPoint> expandSweep(const SweepSpec& spec) {
  const std::vector<std::vector<Setting>> entries =
      spec.list.empty() ? std::vector<std::vector<Setting>>{{}} : spec.list;
  size_t combinations = 1;
  for (const auto& axis : spec.grid) combinations *= axis.second.size();
  const json base = json::parse(toJson(spec.base));
  std::vector<SweepPoint> points;
  for (const auto& entry : entries) {
    for (size_t combination = 0; combination < combinations; ++combination) {
      SweepPoint p;
      p.settings = entry;
      size_t rest = combination;
      std::vector<Setting> gridSettings;
      for (auto axis = spec.grid.rbegin(); axis != spec.grid.rend(); ++axis) {
        gridSettings.insert(gridSettings.begin(),
                            {axis->first, axis->second[rest % axis->second.size()]});
        rest /= axis->second.size();
      }
      for (const auto& s : gridSettings) {
        for (const auto& e : entry)
          if (e.first == s.first)
            throw Error("setting \"%1\" is both in the list and in the grid", {s.first});
        p.settings.push_back(s);
      }
      json experiment = base;
      for (const bool method : {true, false})
        for (const auto& s : p.settings)
          if ((s.first == "distillation.method") == method) applySetting(experiment, s);
      char index[16];
      std::snprintf(index, sizeof index, "%02zu", points.size() + 1);
      p.name = index;
      for (const auto& [setting, value] : p.settings)
        p.name += "_" + settingLabel(setting) + "=" + valueWord(value);
      if (p.name.size() > 100) p.name.resize(100);
      try {
        p.config = experimentFromJson(experiment.dump());
      } catch (const Error& e) {
        throw Error("sweep point %1: %2", {p.name, e.text()});
      }
      points.push_back(std::move(p));
    }
  }
  return points;
}

}  // namespace kd
