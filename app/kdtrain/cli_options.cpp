#include "cli_options.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "kd/catalogue.h"
#include "kd/devices.h"
#include "kd/error.h"
#include "kd/experiment_runner.h"
#include "kd/methods.h"

namespace kd::cli {
namespace {

std::string readText(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot open %1", {path});
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool isPreset(const std::string& name) {
  for (const auto& p : presetNames())
    if (p == name) return true;
  return false;
}

std::string presetList() {
  std::string out;
  for (const auto& p : presetNames()) out += (out.empty() ? "" : ", ") + p;
  return out;
}

void setTeacher(ExperimentConfig& c, const std::string& value) {
  if (value == "builtin") {
    c.teacher.file = builtinTeacherFor(c.data.source);
    if (c.teacher.file.empty())
      throw Error("there is no built-in teacher for the dataset %1", {c.data.source});
    teacherFilePath(c.teacher.file);  // throws when it is not installed
  } else if (isBuiltinTeacher(value)) {
    teacherFilePath(value);  // throws for an unknown name
    c.teacher.file = value;
  } else if (isPreset(value)) {
    c.teacher.arch = preset(value);
    c.teacher.file.clear();
  } else if (std::filesystem::is_regular_file(value)) {
    c.teacher.file = value;
  } else {
    preset(value);  // throws, listing the presets
  }
}

ArchSpec archOption(const std::string& value) {
  return isPreset(value) || !std::filesystem::exists(value) ? preset(value)
                                                            : archFromJson(readText(value));
}

double labelledOption(const std::string& value) {
  if (value == "all") return kAllLabelled;
  try {
    size_t used = 0;
    const double v = std::stod(value, &used);
    if (used == value.size()) return v;
  } catch (const std::exception&) {
  }
  throw Error("--labelled takes a count, a fraction in (0, 1), 0 or all, not \"%1\"", {value});
}

std::string methodList() {
  std::string out;
  for (const MethodInfo& m : distillationMethods()) {
    std::string keys;
    for (const MethodSetting& s : m.settings) keys += (keys.empty() ? "" : ", ") + s.key;
    out += "\n  " + m.name + ": " + m.title.english() + (keys.empty() ? "" : " (" + keys + ")");
  }
  return out;
}

// Another method starts from its own defaults: its reference temperature, none of the old
// method's settings (which it would refuse).
void setMethod(ExperimentConfig& c, const std::string& name) {
  const MethodInfo& method = methodNamed(name);  // throws, listing the methods
  if (name == c.method) return;
  c.method = name;
  c.methodSettings.clear();
  c.temperature = method.defaultTemperature;
}

void setMethodSetting(ExperimentConfig& c, const std::string& keyValue) {
  const size_t eq = keyValue.find('=');
  try {
    size_t used = 0;
    const std::string value = eq == std::string::npos ? "" : keyValue.substr(eq + 1);
    const double v = std::stod(value, &used);
    if (eq > 0 && used == value.size()) {
      const std::string key = keyValue.substr(0, eq);
      methodSettingNamed(methodNamed(c.method), key);  // throws, listing the method's settings
      c.methodSettings[key] = v;
      return;
    }
  } catch (const std::invalid_argument&) {
  } catch (const std::out_of_range&) {
  }
  throw Error("--method-setting takes KEY=NUMBER, e.g. nckd_weight=4, not \"%1\"", {keyValue});
}

// One declaration per option: its flag, help and how it changes the experiment. The changes
// are applied after the whole line is parsed, over --config or --resume, in this order.
class Declarations {
 public:
  explicit Declarations(CLI::App& app) : app_(app) {}

  template <typename T>
  CLI::Option* add(const std::string& flag, const std::string& help,
                   std::function<void(ExperimentConfig&, const T&)> apply) {
    auto value = std::make_shared<std::optional<T>>();
    changes_.push_back([value, apply](ExperimentConfig& c) {
      if (*value) apply(c, **value);
    });
    return app_.add_option_function<T>(
        flag, [value](const T& v) { *value = v; }, help);
  }
  void flag(const std::string& flag, const std::string& help,
            std::function<void(ExperimentConfig&)> apply) {
    auto set = std::make_shared<bool>(false);
    app_.add_flag_callback(
        flag, [set] { *set = true; }, help);
    changes_.push_back([set, apply](ExperimentConfig& c) {
      if (*set) apply(c);
    });
  }
  void apply(ExperimentConfig& c) const {
    for (const auto& change : changes_) change(c);
  }

 private:
  CLI::App& app_;
  std::vector<std::function<void(ExperimentConfig&)>> changes_;
};

void declareExperimentOptions(Declarations& d) {
  using C = ExperimentConfig;
  d.add<std::string>("--dataset", "the dataset: " + datasetSourceForms(),
                     [](C& c, const std::string& v) { c.data.source = v; });
  d.add<std::string>("--teacher",
                     "a preset trained here; builtin (the dataset's pretrained teacher) or "
                     "builtin:NAME; or a file: a workbench checkpoint, a TorchScript module, or "
                     "a PyTorch state_dict loaded into --teacher-arch",
                     setTeacher);
  d.add<std::string>("--teacher-arch", "the teacher's architecture: a preset or FILE.json",
                     [](C& c, const std::string& v) { c.teacher.arch = archOption(v); });
  d.add<int>("--teacher-epochs", "epochs of teacher training (a teacher trained here)",
             [](C& c, const int& v) { c.teacher.training.epochs = v; });
  d.flag("--teacher-other-data",
         "distill from a teacher file trained on other data, on purpose (otherwise refused)",
         [](C& c) { c.teacher.allowOtherData = true; });
  d.add<std::string>("--student", "the student's architecture: a preset or FILE.json",
                     [](C& c, const std::string& v) { c.student = archOption(v); });
  d.add<std::string>("--method",
                     "the distillation method (its reference temperature unless --temperature "
                     "is given), and its settings:" +
                         methodList(),
                     setMethod);
  d.add<std::vector<std::string>>(
       "--method-setting", "a setting of the method, KEY=VALUE (repeat, or separate with commas)",
       [](C& c, const std::vector<std::string>& v) {
         for (const std::string& kv : v) setMethodSetting(c, kv);
       })
      ->delimiter(',');
  d.add<double>("--alpha", "weight of the hard-label cross-entropy, in [0, 1] (kd only)",
                [](C& c, const double& v) { c.alpha = v; });
  d.add<double>("--temperature", "the distillation temperature T, > 0",
                [](C& c, const double& v) { c.temperature = v; });
  d.add<int>("--epochs", "epochs of student training",
             [](C& c, const int& v) { c.training.epochs = v; });
  d.add<int>("--batch-size", "images per step, for teacher and student",
             [](C& c, const int& v) { c.training.batchSize = c.teacher.training.batchSize = v; });
  d.add<double>("--lr", "the student's learning rate",
                [](C& c, const double& v) { c.training.learningRate = v; });
  d.add<std::string>(
      "--optimizer", "the student's optimizer: " + optimizerNames(),
      [](C& c, const std::string& v) { c.training.optimizer = optimizerNamed(v, "--optimizer"); });
  d.add<std::string>(
      "--schedule", "the student's learning-rate schedule: " + scheduleNames(),
      [](C& c, const std::string& v) { c.training.schedule = scheduleNamed(v, "--schedule"); });
  d.flag("--augment", "random crops and flips (the teacher then runs on every batch)",
         [](C& c) { c.data.augment = true; });
  d.add<int64_t>("--limit-train", "train on the first N images only",
                 [](C& c, const int64_t& v) { c.data.limitTrain = v; });
  d.add<std::string>("--labelled",
                     "transfer images that keep their label: a count, a fraction in (0, 1), 0 "
                     "(none: distillation alone) or all; drawn per class",
                     [](C& c, const std::string& v) { c.data.labelled = labelledOption(v); });
  d.add<std::string>("--unlabelled", "a folder of images added to the transfer set without labels",
                     [](C& c, const std::string& v) { c.data.unlabelled = v; });
  d.add<std::vector<int>>("--hide-classes", "classes the student never sees in training, e.g. 3,5",
                          [](C& c, const std::vector<int>& v) { c.data.hiddenClasses = v; })
      ->delimiter(',');
  d.add<std::string>("--device", "auto, cpu, cuda or cuda:N",
                     [](C& c, const std::string& v) { c.device = v; });
  d.add<int>("--threads", "CPU threads (0: all cores)", [](C& c, const int& v) { c.threads = v; });
  d.add<std::string>(
      "--precision",
      precisionNames() + " (auto: bf16 where the CPU has bfloat16 instructions; this one has " +
          cpuFeatures().text() + ")",
      [](C& c, const std::string& v) { c.precision = precisionNamed(v, "--precision"); });
  d.add<uint64_t>("--seed", "the seed of initialisation and data order",
                  [](C& c, const uint64_t& v) { c.seed = v; });
}

// A setting the run cannot honour is refused, never dropped: each check names the option and
// why it has no effect.
void refuseOptionsWithoutEffect(const CLI::App& app, const Options& o) {
  const auto given = [&app](const char* name) { return app.count(name) > 0; };
  if (given("--inspect"))
    for (const CLI::Option* option : app.get_options())
      if (option->count() > 0 && option->get_name() != "--inspect" &&
          option->get_name() != "--dry-run")
        throw Error("--inspect prints a finished run's card and takes no other option (%1)",
                    {option->get_name()});
  if (given("--embeddings")) {
    const std::set<std::string> mapOptions = {"--embeddings", "--out",      "--projection",
                                              "--map-images", "--map-seed", "--dry-run"};
    for (const CLI::Option* option : app.get_options())
      if (option->count() > 0 && mapOptions.count(option->get_name()) == 0)
        throw Error("--embeddings writes a finished run's maps and takes no other option (%1)",
                    {option->get_name()});
    if (!given("--out")) throw Error("--embeddings needs --out FILE.csv: where to write the maps");
  }
  for (const char* mapOption : {"--projection", "--map-images", "--map-seed"})
    if (given(mapOption) && !given("--embeddings"))
      throw Error("%1 shapes the maps of --embeddings only", {std::string(mapOption)});
  if (given("--config") && !o.resumeFrom.empty())
    throw Error(
        "--config has no effect with --resume: a run resumes with the experiment its "
        "checkpoint recorded");
  if (given("--dist-timeout") && !o.distributed)
    throw Error("--dist-timeout applies to a data-parallel run started by torchrun only");
  // A sweep's points may train the teacher the base loads (a swept teacher setting).
  std::vector<ExperimentConfig> runs;
  if (o.sweep)
    for (const SweepPoint& p : expandSweep(*o.sweep)) runs.push_back(p.config);
  else
    runs.push_back(o.config);
  const auto every = [&runs](auto loadsTeacher) {
    return std::all_of(runs.begin(), runs.end(), loadsTeacher);
  };
  const TeacherConfig& teacher = o.config.teacher;
  if (given("--teacher-epochs") &&
      every([](const ExperimentConfig& c) { return !c.teacher.file.empty(); }))
    throw Error(
        "--teacher-epochs sets the training of a teacher trained here, but the teacher is the "
        "file %1, used as it is: drop the option, or give --teacher PRESET to train one",
        {teacher.file});
  if (given("--teacher-arch") &&
      every([](const ExperimentConfig& c) { return isBuiltinTeacher(c.teacher.file); }))
    throw Error(
        "--teacher-arch has no effect on the built-in teacher %1, whose architecture is "
        "recorded in it",
        {teacher.file});
}

}  // namespace

Options parse(int argc, char** argv) {
  CLI::App app(
      "Runs a knowledge-distillation experiment headless. With no options: the "
      "built-in experiment (the pretrained resnet20 teacher -> seed-student on 5,000 "
      "Fashion-MNIST images).\n"
      "Presets: " +
          presetList() + ".",
      "kdtrain");
  app.get_formatter()->column_width(30);
  Options o;
  std::string configFile;
  app.add_option("--config", configFile, "an experiment file (JSON); options override it")
      ->check(CLI::ExistingFile);
  CLI::Option* resume =
      app.add_option("--resume", o.resumeFrom,
                     "continue the run recorded in a checkpoint (teacher.ckpt or student.ckpt); "
                     "with a sweep, no value: continue the sweep in --out")
          ->expected(0, 1);
  std::string sweepFile;
  std::vector<uint64_t> seeds;
  bool baseline = false;
  app.add_option("--sweep", sweepFile,
                 "run a sweep file (JSON: experiment, list, grid, seeds, baseline); options "
                 "change its experiment")
      ->check(CLI::ExistingFile);
  app.add_option("--seeds", seeds, "repeat over these seeds, e.g. 1,2,3,4,5")
      ->delimiter(',')
      ->check(CLI::Validator(
          [](std::string& seed) {
            const bool digits =
                !seed.empty() && seed.find_first_not_of("0123456789") == std::string::npos;
            return digits ? std::string() : "a seed is a whole number >= 0, not \"" + seed + "\"";
          },
          "SEED"));
  app.add_flag("--baseline", baseline,
               "also train the no-KD baseline for each seed (same initialisation and data order)");
  app.add_option("--out", o.outDir, "the run folder")->capture_default_str();
  app.add_flag("--dry-run", o.dryRun,
               "check the options, files and experiment (or sweep), say what would run, and "
               "stop: nothing is trained or written");
  app.add_option("--inspect", o.inspectDir,
                 "print a finished run's model card: accuracy, size, latency, outcomes");
  app.add_option("--embeddings", o.embeddingsDir,
                 "write a finished run's embedding maps (teacher, student, baseline) to --out "
                 "as CSV: model,index,x,y,label,prediction");
  std::string projection = "tsne";
  app.add_option("--projection", projection, "the maps of --embeddings: tsne or pca")
      ->check(CLI::IsMember({"tsne", "pca"}))
      ->capture_default_str();
  app.add_option("--map-images", o.map.images,
                 "the maps of --embeddings: how many test images, drawn by --map-seed (0: all)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--map-seed", o.map.seed, "the maps of --embeddings: which images are drawn")
      ->capture_default_str();
  int timeout = kDefaultDistributedTimeoutSeconds;
  app.add_option("--dist-timeout", timeout,
                 "started by torchrun: seconds a rank waits for the others before the run stops "
                 "with an error")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  Declarations declarations(app);
  declareExperimentOptions(declarations);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    o.help = true;
    o.helpText = app.help();
    return o;
  } catch (const CLI::ParseError& e) {
    throw Error("%1 (see --help)", {std::string(e.what())});
  }
  // The flags over an experiment; --dataset moves the settings bound to the old dataset with it
  // (changeDataset: the teacher, the training-image limit), once every other flag has acted,
  // and leaves those given on the command line to them.
  const auto applyFlags = [&](ExperimentConfig& c) {
    const std::string before = c.data.source;
    declarations.apply(c);
    if (app.count("--dataset") == 0) return;
    const std::string source = std::exchange(c.data.source, before);
    o.notes =
        changeDataset(c, source, {app.count("--teacher") > 0, app.count("--limit-train") > 0});
  };
  const bool repeated = !sweepFile.empty() || !seeds.empty() || baseline;
  if (resume->count() > 0 && o.resumeFrom.empty() && !repeated)
    throw Error(
        "--resume needs a checkpoint (teacher.ckpt or student.ckpt), or a sweep to "
        "continue (--sweep, --seeds or --baseline)");
  if (repeated && !o.resumeFrom.empty())
    throw Error("a sweep resumes from its folder: give --resume without a checkpoint");
  if (!sweepFile.empty()) {
    o.sweep = loadSweep(sweepFile);
    if (!configFile.empty()) o.sweep->base = loadExperiment(configFile);
    applyFlags(o.sweep->base);
  } else {
    o.config = !o.resumeFrom.empty() ? experimentOfCheckpoint(o.resumeFrom)
               : !configFile.empty() ? loadExperiment(configFile)
                                     : defaultExperiment();
    applyFlags(o.config);
    if (repeated) o.sweep = SweepSpec{o.config, {}, {}, {}, false};
  }
  if (o.sweep) {
    if (!seeds.empty()) o.sweep->seeds = seeds;
    o.sweep->baseline = o.sweep->baseline || baseline;
    o.sweep->base.seed = o.sweep->seeds.empty() ? o.sweep->base.seed : o.sweep->seeds.front();
    expandSweep(*o.sweep);  // every point checked before anything runs
    o.resumeSweep = resume->count() > 0;
    o.config = o.sweep->base;
  }
  validate(o.config);
  if (o.sweep && !o.resumeSweep)
    refuseSettingsWithoutEffect(*o.sweep);
  else if (!o.sweep && o.resumeFrom.empty())
    refuseSettingsWithoutEffect(o.config);
  o.distributed = distributedLaunchFromEnvironment();
  refuseOptionsWithoutEffect(app, o);
  o.map.projection = projection == "pca" ? MapProjection::kPca : MapProjection::kTsne;
  if (o.distributed) {
    o.distributed->timeoutSeconds = timeout;
    if (o.sweep)
      throw Error(
          "a sweep or a repeat (--sweep, --seeds, --baseline) runs in one process; "
          "start it without torchrun, or launch one experiment");
  }
  return o;
}

}  // namespace kd::cli
