#include "cli_options.h"

#include <filesystem>
#include <fstream>
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

void setStudent(ExperimentConfig& c, const std::string& value) {
  c.student = isPreset(value) || !std::filesystem::exists(value) ? preset(value)
                                                                 : archFromJson(readText(value));
}

}  // namespace

const char* usage() {
  return "usage: kdtrain [--config exp.json] [--dataset fashion-mnist|mnist:DIR|cifar10:DIR|"
         "cifar100:DIR|folder:DIR]\n"
         "               [--teacher PRESET|CHECKPOINT] [--teacher-epochs N] [--student "
         "PRESET|FILE.json]\n"
         "               [--alpha A] [--temperature T] [--epochs N] [--batch-size B] [--lr LR]\n"
         "               [--optimizer sgd|adam|adamw] [--augment] [--limit-train N] "
         "[--hide-classes 3,5]\n"
         "               [--device auto|cpu|cuda] [--threads N] [--seed S] [--resume CKPT] "
         "[--out DIR]\n"
         "With no flags: the built-in experiment (Fashion-MNIST, seed-teacher -> seed-student).\n"
         "--epochs, --lr and --optimizer set the student's training; --batch-size sets both.\n"
         "--resume continues the run recorded in a checkpoint (its experiment is read from it).\n";
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
  ExperimentConfig& c = o.config;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--help" || flag == "-h") {
      o.help = true;
      continue;
    }
    if (flag == "--augment") {
      c.data.augment = true;
      continue;
    }
    if (flag.rfind("--", 0) != 0) throw Error("unexpected argument \"" + flag + "\" (see --help)");
    if (i + 1 >= args.size()) throw Error(flag + " needs a value (see --help)");
    const std::string value = args[++i];
    if (flag == "--config" || flag == "--resume")
      continue;
    else if (flag == "--dataset")
      c.data.source = value;
    else if (flag == "--teacher")
      setTeacher(c, value);
    else if (flag == "--teacher-epochs")
      c.teacher.training.epochs = integer(flag, value);
    else if (flag == "--student")
      setStudent(c, value);
    else if (flag == "--alpha")
      c.alpha = number(flag, value);
    else if (flag == "--temperature")
      c.temperature = number(flag, value);
    else if (flag == "--epochs")
      c.training.epochs = integer(flag, value);
    else if (flag == "--batch-size")
      c.training.batchSize = c.teacher.training.batchSize = integer(flag, value);
    else if (flag == "--lr")
      c.training.learningRate = number(flag, value);
    else if (flag == "--optimizer")
      c.training.optimizer = value;
    else if (flag == "--limit-train")
      c.data.limitTrain = integer(flag, value);
    else if (flag == "--hide-classes")
      c.data.hiddenClasses = integerList(flag, value);
    else if (flag == "--device")
      c.device = value;
    else if (flag == "--threads")
      c.threads = integer(flag, value);
    else if (flag == "--seed")
      c.seed = uint64_t(integer(flag, value));
    else if (flag == "--out")
      o.outDir = value;
    else
      throw Error("unknown option " + flag + " (see --help)");
  }
  validate(c);
  return o;
}

}  // namespace kd::cli
