#include "cli_options.h"

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <vector>

#include "kd/error.h"
#include "kd/experiment_runner.h"

namespace kd::cli {
namespace {

double number(const std::string& flag, const std::string& text) {
  try {
    size_t used = 0;
    double v = std::stod(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  throw Error(flag + " expects a number, not \"" + text + "\"");
}

int integer(const std::string& flag, const std::string& text) {
  double v = number(flag, text);
  if (v != double(int64_t(v))) throw Error(flag + " expects a whole number, not \"" + text + "\"");
  return int(v);
}

std::vector<int> integerList(const std::string& flag, const std::string& text) {
  std::vector<int> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) out.push_back(integer(flag, item));
  return out;
}

std::string readText(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot open " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool isPreset(const std::string& name) {
  for (const auto& p : presetNames())
    if (p == name) return true;
  return false;
}

void setTeacher(ExperimentConfig& c, const std::string& value) {
  if (isPreset(value)) {
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

using Setter = std::function<void(ExperimentConfig&, const std::string& flag, const std::string&)>;

const std::map<std::string, Setter>& setters() {
  static const std::map<std::string, Setter> table{
      {"--dataset", [](auto& c, auto&, auto& v) { c.data.source = v; }},
      {"--teacher", [](auto& c, auto&, auto& v) { setTeacher(c, v); }},
      {"--teacher-arch", [](auto& c, auto&, auto& v) { c.teacher.arch = archOption(v); }},
      {"--teacher-epochs",
       [](auto& c, auto& f, auto& v) { c.teacher.training.epochs = integer(f, v); }},
      {"--student", [](auto& c, auto&, auto& v) { c.student = archOption(v); }},
      {"--alpha", [](auto& c, auto& f, auto& v) { c.alpha = number(f, v); }},
      {"--temperature", [](auto& c, auto& f, auto& v) { c.temperature = number(f, v); }},
      {"--epochs", [](auto& c, auto& f, auto& v) { c.training.epochs = integer(f, v); }},
      {"--batch-size",
       [](auto& c, auto& f, auto& v) {
         c.training.batchSize = c.teacher.training.batchSize = integer(f, v);
       }},
      {"--lr", [](auto& c, auto& f, auto& v) { c.training.learningRate = number(f, v); }},
      {"--optimizer", [](auto& c, auto&, auto& v) { c.training.optimizer = v; }},
      {"--limit-train", [](auto& c, auto& f, auto& v) { c.data.limitTrain = integer(f, v); }},
      {"--hide-classes",
       [](auto& c, auto& f, auto& v) { c.data.hiddenClasses = integerList(f, v); }},
      {"--device", [](auto& c, auto&, auto& v) { c.device = v; }},
      {"--threads", [](auto& c, auto& f, auto& v) { c.threads = integer(f, v); }},
      {"--seed", [](auto& c, auto& f, auto& v) { c.seed = uint64_t(integer(f, v)); }},
  };
  return table;
}

}  // namespace

const char* usage() {
  return "usage: kdtrain [--config exp.json] [--dataset fashion-mnist|mnist:DIR|cifar10:DIR|"
         "cifar100:DIR|folder:DIR]\n"
         "               [--teacher PRESET|FILE] [--teacher-arch PRESET|FILE.json] "
         "[--teacher-epochs N]\n"
         "               [--student PRESET|FILE.json]\n"
         "               [--alpha A] [--temperature T] [--epochs N] [--batch-size B] [--lr LR]\n"
         "               [--optimizer sgd|adam|adamw] [--augment] [--limit-train N] "
         "[--hide-classes 3,5]\n"
         "               [--device auto|cpu|cuda] [--threads N] [--seed S] [--resume CKPT] "
         "[--out DIR]\n"
         "       kdtrain --inspect RUN_DIR\n"
         "With no flags: the built-in experiment (Fashion-MNIST, seed-teacher -> seed-student).\n"
         "--epochs, --lr and --optimizer set the student's training; --batch-size sets both.\n"
         "--teacher FILE: a workbench checkpoint, a TorchScript module, or a PyTorch state_dict\n"
         "  loaded into --teacher-arch (default seed-teacher).\n"
         "--resume continues the run recorded in a checkpoint (its experiment is read from it).\n"
         "--inspect prints a finished run's model card: accuracy, size, latency, outcomes.\n";
}

Options parse(int argc, char** argv) {
  Options o;
  o.config = defaultExperiment();
  std::vector<std::string> args(argv + 1, argv + argc);
  // --config and --resume come first, so that the other flags override them.
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--config") o.config = loadExperiment(args[i + 1]);
    if (args[i] == "--resume") {
      o.resumeFrom = args[i + 1];
      o.config = experimentOfCheckpoint(o.resumeFrom);
    }
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--help" || flag == "-h") {
      o.help = true;
    } else if (flag == "--augment") {
      o.config.data.augment = true;
    } else if (flag.rfind("--", 0) != 0) {
      throw Error("unexpected argument \"" + flag + "\" (see --help)");
    } else if (i + 1 >= args.size()) {
      throw Error(flag + " needs a value (see --help)");
    } else {
      const std::string& value = args[++i];
      if (flag == "--out") {
        o.outDir = value;
      } else if (flag == "--inspect") {
        o.inspectDir = value;
      } else if (auto it = setters().find(flag); it != setters().end()) {
        it->second(o.config, flag, value);
      } else if (flag != "--config" && flag != "--resume") {
        throw Error("unknown option " + flag + " (see --help)");
      }
    }
  }
  validate(o.config);
  return o;
}

}  // namespace kd::cli
