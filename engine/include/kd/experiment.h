#pragma once
// An experiment: data, teacher, student, distillation and training settings. The same JSON
// (versioned) drives the GUI and kdtrain; toJson() writes the fully resolved form.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kd/arch_spec.h"
#include "kd/catalogue.h"
#include "kd/text.h"

namespace kd {

constexpr double kAllLabelled = -1;

struct DataConfig {
  // A kind from datasetKinds() (catalogue.h), then ":" and its folder: "fashion-mnist" (the
  // Debian package), "mnist:DIR", "cifar10:DIR", "folder:DIR" (one sub-folder per class), ...
  std::string source = "fashion-mnist";
  int imageSize = 32;              // folder datasets are resized to imageSize x imageSize
  bool grayscale = false;          // folder datasets only
  double testFraction = 0.2;       // seeded test split for formats that have no test set
  int64_t limitTrain = 0;          // > 0: keep the first N training images
  double trainFraction = 1.0;      // < 1: keep a seeded random fraction of the training images
  std::vector<int> hiddenClasses;  // removed from the student's transfer set, kept in test
  bool augment = false;            // random crop with padding and horizontal flip
  // How many transfer images keep their label (docs/experiments.md, "Few labels"): kAllLabelled,
  // a count (whole, at least one a class), a fraction in (0, 1), or 0 for none. Chosen seeded
  // and stratified by class; the others are learnt from the teacher's answers alone.
  double labelled = kAllLabelled;
  std::string unlabelled;  // a folder of images added to the transfer set without labels
};

struct TrainConfig {
  int epochs = 10;
  int batchSize = 128;
  Optimizer optimizer = Optimizer::kSgd;
  double learningRate = 0.05;
  double momentum = 0.9;
  bool nesterov = false;
  double weightDecay = 5e-4;
  Schedule schedule = Schedule::kCosine;
  int stepEpochs = 5;  // step schedule: decay every stepEpochs
  double stepGamma = 0.1;
};

struct TeacherConfig {
  std::string file;  // a workbench checkpoint to load; empty: train `arch` here
  ArchSpec arch;
  TrainConfig training;
  // Distil from a teacher trained on other data, on purpose: a checkpoint whose classes are
  // not the dataset's, or a TorchScript or state_dict teacher no better than chance here, is
  // otherwise refused.
  bool allowOtherData = false;
};

struct ExperimentConfig {
  static constexpr int kVersion = 2;  // 2: distillation.method and settings
  DataConfig data;
  TeacherConfig teacher;
  ArchSpec student;
  TrainConfig training;      // the student's
  double alpha = 0.5;        // weight of the hard-label cross-entropy (README: why 0.5)
  double temperature = 4.0;  // softening of both distributions in the KD term
  // distillation.method (kd/methods.h) and its settings by key; a setting absent here has the
  // method's default. alpha acts with the methods that use it (kd) alone.
  std::string method = "kd";
  std::map<std::string, double> methodSettings;
  std::string device = "auto";  // auto | cpu | cuda | cuda:N
  int threads = 0;              // CPU intra-op threads; 0: all cores
  // Of every pass of the run: teacher training, the teacher's answers, student training and
  // evaluation (docs/experiments.md, "Precision"). Weights and checkpoints stay float32.
  Precision precision = Precision::kFp32;
  uint64_t seed = 42;
};

// The built-in experiment: the bundled pretrained teacher distilled into the seed student on
// the first 5,000 Fashion-MNIST images (docs/results.md: KD ahead of the no-KD baseline).
ExperimentConfig defaultExperiment();

// Hinton's omitted-class demonstration: the built-in pretrained teacher saw every class; the
// student's transfer set lacks `hiddenClass` (docs/results.md has the measurements behind the
// settings and the default class).
constexpr int kDemoHiddenClass = 9;  // Ankle boot: the clearest effect measured
ExperimentConfig omittedClassExperiment(int hiddenClass = kDemoHiddenClass);

std::string toJson(const ExperimentConfig& config);
// Missing keys keep their defaults. Throws kd::Error on malformed JSON, unknown keys' wrong
// types, an unsupported version or impossible values (see validate()).
ExperimentConfig experimentFromJson(const std::string& json);
ExperimentConfig loadExperiment(const std::string& path);

// The experiment moved to another dataset `source`, with the settings bound to the old one:
// a built-in teacher gives way to the new dataset's, or, where it has none, to the teacher
// architecture trained here; a limit on the training images stays. Returns what the user
// should be told (nothing when the dataset is the same).
// `given` names the settings the user sets alongside, which the move leaves to them.
struct SettingsGiven {
  bool teacher = false;
  bool limitTrain = false;
};
std::vector<Text> changeDataset(ExperimentConfig& config, const std::string& source,
                                SettingsGiven given = {});

// What shapes a teacher trained here, as a key: experiments with equal keys train the same
// teacher, so the window's next run and a sweep's later points load the one trained first. The
// teacher's settings, the data (but for the student's hidden classes), the device and the
// precision shape it; the seed varies the student only, except for image folders, where it also
// draws the test split.
std::string teacherTrainingKey(const ExperimentConfig& config);

// The no-KD baseline of an experiment: the same student from the labels alone (alpha 1). In a
// run of few labels it learns from the labelled images, for as many steps as the distilled
// student (the unlabelled images set the steps, nothing else). None for a run of no labels.
std::optional<ExperimentConfig> baselineExperiment(ExperimentConfig config);

// The method's setting `key`: the experiment's value, or the method's default.
double methodSetting(const ExperimentConfig& config, const std::string& key);

// The student learns from the labels alone: kd at alpha 1 (the baseline).
bool learnsFromLabelsAlone(const ExperimentConfig& config);

// Throws kd::Error with the first impossible setting (alpha outside [0,1], T <= 0, ...).
void validate(const ExperimentConfig& config);

// Throws kd::Error naming a setting that cannot act in this experiment's run (an image size on
// a dataset that is not an image folder, momentum without sgd, ...), and why. Checked before a
// new run starts (kdtrain, the window, each sweep point), not when a file is read: experiment
// files, run folders and checkpoints written before this rule still open and resume.
void refuseSettingsWithoutEffect(const ExperimentConfig& config);

}  // namespace kd
