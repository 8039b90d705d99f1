#include "experiment_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QThread>
#include <QVBoxLayout>
#include <cmath>

#include "arch_editor.h"
#include "dataset_strip.h"
#include "kd/arch_spec.h"
#include "kd/devices.h"
#include "kd/error.h"

namespace kd::ui {
namespace {

struct DatasetKind {
  const char* label;
  const char* prefix;  // source is prefix + ":" + folder, or just "fashion-mnist"
  kd::InputShape shape;
  int classes;
};
const DatasetKind kDatasets[] = {
    {"Fashion-MNIST (built-in)", "fashion-mnist", {1, 28, 28}, 10},
    {"MNIST (IDX folder)", "mnist", {1, 28, 28}, 10},
    {"CIFAR-10 (binary folder)", "cifar10", {3, 32, 32}, 10},
    {"CIFAR-100 (binary folder)", "cifar100", {3, 32, 32}, 100},
    {"Image folder (a sub-folder per class)", "folder", {3, 32, 32}, 2}};

QComboBox* presetBox(const QString& tip) {
  auto* box = new QComboBox;
  for (const auto& name : kd::presetNames()) box->addItem(QString::fromStdString(name));
  box->setToolTip(tip);
  return box;
}

// A form label whose mnemonic focuses `buddy` (a plain text label would show the '&').
QLabel* label(const QString& text, QWidget* buddy) {
  auto* l = new QLabel(text);
  l->setBuddy(buddy);
  return l;
}

template <typename Box>
Box* withTip(Box* box, const QString& tip) {
  box->setToolTip(tip);
  return box;
}

QString count(int64_t n) {
  if (n >= 1000000) return QString::number(n / 1e6, 'f', 2) + " M";
  if (n >= 1000) return QString::number(n / 1e3, 'f', 0) + " k";
  return QString::number(n);
}

QString describe(const kd::ModelSummary& s) {
  return QString("%1 parameters, %2 multiply-adds").arg(count(s.parameters), count(s.macs));
}

// A slider of 0..steps that moves with a spin box (value = slider / scale).
void couple(QSlider* slider, QDoubleSpinBox* spin, double scale) {
  QObject::connect(slider, &QSlider::valueChanged, spin, [spin, scale](int v) {
    if (std::lround(spin->value() * scale) != v) spin->setValue(v / scale);
  });
  QObject::connect(spin, &QDoubleSpinBox::valueChanged, slider,
                   [slider, scale](double v) { slider->setValue(int(std::lround(v * scale))); });
}

}  // namespace

ExperimentPanel::ExperimentPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  for (QWidget* group :
       {datasetGroup(), teacherGroup(), studentGroup(), distillationGroup(), trainingGroup()})
    layout->addWidget(group);
  layout->addStretch(1);
  setConfig(kd::defaultExperiment());
}

QWidget* ExperimentPanel::datasetGroup() {
  datasetKind_ =
      withTip(new QComboBox, "Which images to learn from; Fashion-MNIST ships with the workbench.");
  for (const auto& k : kDatasets) datasetKind_->addItem(k.label);
  datasetPath_ = withTip(new QLineEdit, "The folder that holds the dataset's files.");
  datasetBrowse_ = new QPushButton("Browse\u2026");
  limitTrain_ =
      withTip(new QSpinBox,
              "Train on the first N images only (0: all of them); quick demos use a few thousand.");
  limitTrain_->setRange(0, 10000000);
  limitTrain_->setSpecialValueText("all");
  limitTrain_->setSingleStep(1000);
  trainFraction_ = withTip(new QDoubleSpinBox,
                           "Keep this random fraction of the training images (1: all of them).");
  trainFraction_->setRange(0.01, 1.0);
  trainFraction_->setSingleStep(0.05);
  imageSize_ =
      withTip(new QSpinBox, "Image-folder datasets are resized to this many pixels a side.");
  imageSize_->setRange(4, 512);
  grayscale_ = withTip(new QCheckBox("Grayscale"), "Read image-folder datasets in grayscale.");
  hiddenClasses_ = withTip(
      new QLineEdit,
      "Class numbers (e.g. 3,5) the student never sees in training; they stay in the test set.");
  hiddenClasses_->setPlaceholderText("none, or e.g. 3,5");
  augment_ =
      withTip(new QCheckBox("Augment (random shifts and flips)"),
              "Shift and mirror training images at random; the teacher then runs on every batch.");
  auto* path = new QHBoxLayout;
  path->addWidget(datasetPath_, 1);
  path->addWidget(datasetBrowse_);
  auto* box = new QGroupBox("Dataset");
  auto* form = new QFormLayout(box);
  form->addRow("&Source", datasetKind_);
  form->addRow(label("&Folder", datasetPath_), path);
  form->addRow("&Training images", limitTrain_);
  form->addRow("Fraction &kept", trainFraction_);
  auto* folderOptions = new QHBoxLayout;
  folderOptions->addWidget(imageSize_);
  folderOptions->addWidget(grayscale_);
  form->addRow(label("Image si&ze", imageSize_), folderOptions);
  form->addRow("&Hidden classes", hiddenClasses_);
  form->addRow(augment_);
  datasetStrip_ = new DatasetStrip;
  form->addRow(datasetStrip_);
  connect(datasetBrowse_, &QPushButton::clicked, this, [this] {
    QString dir = browseFolder("Dataset folder");
    if (!dir.isEmpty()) datasetPath_->setText(dir);
  });
  connect(datasetKind_, &QComboBox::currentIndexChanged, this, &ExperimentPanel::recheck);
  connect(datasetPath_, &QLineEdit::textChanged, this, &ExperimentPanel::recheck);
  connect(limitTrain_, &QSpinBox::valueChanged, this, &ExperimentPanel::recheck);
  connect(trainFraction_, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::recheck);
  connect(imageSize_, &QSpinBox::valueChanged, this, &ExperimentPanel::recheck);
  connect(grayscale_, &QCheckBox::toggled, this, &ExperimentPanel::recheck);
  connect(hiddenClasses_, &QLineEdit::textChanged, this, &ExperimentPanel::recheck);
  connect(augment_, &QCheckBox::toggled, this, &ExperimentPanel::recheck);
  return box;
}

QWidget* ExperimentPanel::teacherGroup() {
  teacherSource_ =
      withTip(new QComboBox, "Train a teacher here first, or load one trained earlier.");
  teacherSource_->addItems({"Train a preset here", "Load a file"});
  teacherPreset_ = presetBox("The teacher's architecture: usually a large network.");
  teacherEpochs_ =
      withTip(new QSpinBox, "How many passes over the training images the teacher gets.");
  teacherEpochs_->setRange(1, 1000);
  teacherFile_ = withTip(new QLineEdit,
                         "A workbench checkpoint, a TorchScript module or a PyTorch state_dict.");
  auto* browse = new QPushButton("Browse\u2026");
  teacherFileArch_ =
      presetBox("The architecture a PyTorch state_dict is loaded into (ignored for other files).");
  teacherInfo_ = new QLabel;
  teacherInfo_->setWordWrap(true);

  auto* train = new QWidget;
  auto* trainForm = new QFormLayout(train);
  trainForm->setContentsMargins(0, 0, 0, 0);
  trainForm->addRow("&Preset", teacherPreset_);
  trainForm->addRow("&Epochs", teacherEpochs_);
  auto* load = new QWidget;
  auto* loadForm = new QFormLayout(load);
  loadForm->setContentsMargins(0, 0, 0, 0);
  auto* fileRow = new QHBoxLayout;
  fileRow->addWidget(teacherFile_, 1);
  fileRow->addWidget(browse);
  loadForm->addRow(label("F&ile", teacherFile_), fileRow);
  loadForm->addRow("&Architecture", teacherFileArch_);
  teacherPages_ = new QStackedWidget;
  teacherPages_->addWidget(train);
  teacherPages_->addWidget(load);

  auto* box = new QGroupBox("Teacher");
  auto* form = new QFormLayout(box);
  form->addRow("&Teacher", teacherSource_);
  form->addRow(teacherPages_);
  form->addRow(teacherInfo_);
  connect(teacherSource_, &QComboBox::currentIndexChanged, teacherPages_,
          &QStackedWidget::setCurrentIndex);
  connect(browse, &QPushButton::clicked, this, [this] {
    QString f = QFileDialog::getOpenFileName(this, "Teacher file", teacherFile_->text(),
                                             "Teachers (*.ckpt *.pt *.pth);;All files (*)");
    if (!f.isEmpty()) teacherFile_->setText(f);
  });
  for (QComboBox* b : {teacherSource_, teacherPreset_, teacherFileArch_})
    connect(b, &QComboBox::currentIndexChanged, this, &ExperimentPanel::recheck);
  connect(teacherEpochs_, &QSpinBox::valueChanged, this, &ExperimentPanel::recheck);
  connect(teacherFile_, &QLineEdit::textChanged, this, &ExperimentPanel::recheck);
  return box;
}

QWidget* ExperimentPanel::studentGroup() {
  studentPreset_ =
      presetBox("The student's architecture: a preset to start from, then edit it below.");
  studentPreset_->addItem("custom");
  studentEditor_ = new ArchEditor;
  studentInfo_ = new QLabel;
  studentInfo_->setWordWrap(true);
  auto* box = new QGroupBox("Student");
  auto* form = new QFormLayout(box);
  form->addRow("&Student", studentPreset_);
  form->addRow(studentEditor_);
  form->addRow(studentInfo_);
  connect(studentPreset_, &QComboBox::currentIndexChanged, this, [this] {
    if (updating_ || studentPreset_->currentText() == "custom") return;
    studentEditor_->setArch(kd::preset(studentPreset_->currentText().toStdString()));
    recheck();
  });
  connect(studentEditor_, &ArchEditor::changed, this, [this] {
    const QSignalBlocker block(studentPreset_);
    studentPreset_->setCurrentText("custom");
    recheck();
  });
  return box;
}

QWidget* ExperimentPanel::distillationGroup() {
  alphaSlider_ = withTip(new QSlider(Qt::Horizontal),
                         "How much the hard labels count against the teacher's soft targets.");
  alphaSlider_->setRange(0, 100);
  alpha_ = withTip(new QDoubleSpinBox, alphaSlider_->toolTip());
  alpha_->setRange(0, 1);
  alpha_->setSingleStep(0.05);
  temperatureSlider_ =
      withTip(new QSlider(Qt::Horizontal),
              "How much both distributions are softened before they are compared.");
  temperatureSlider_->setRange(1, 200);
  temperature_ = withTip(new QDoubleSpinBox, temperatureSlider_->toolTip());
  temperature_->setRange(0.1, 20);
  temperature_->setSingleStep(0.5);
  temperature_->setDecimals(1);
  couple(alphaSlider_, alpha_, 100);
  couple(temperatureSlider_, temperature_, 10);
  distillationReading_ = new QLabel;
  distillationReading_->setWordWrap(true);
  baseline_ = withTip(
      new QCheckBox("Then train a no-KD &baseline"),
      "After distilling, train the same student on the labels alone (alpha 1), to compare.");
  auto row = [](QSlider* s, QDoubleSpinBox* b) {
    auto* h = new QHBoxLayout;
    h->addWidget(s, 1);
    h->addWidget(b);
    return h;
  };
  auto* box = new QGroupBox("Distillation");
  auto* form = new QFormLayout(box);
  form->addRow(label("&Alpha", alphaSlider_), row(alphaSlider_, alpha_));
  form->addRow(label("Te&mperature", temperatureSlider_), row(temperatureSlider_, temperature_));
  form->addRow(distillationReading_);
  form->addRow(baseline_);
  connect(alpha_, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::recheck);
  connect(temperature_, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::recheck);
  return box;
}

QWidget* ExperimentPanel::trainingGroup() {
  optimizer_ =
      withTip(new QComboBox, "The rule that updates the student's weights after every batch.");
  optimizer_->addItems({"sgd", "adam", "adamw"});
  learningRate_ = withTip(new QDoubleSpinBox, "The size of each update step.");
  learningRate_->setDecimals(5);
  learningRate_->setRange(0.00001, 10);
  learningRate_->setSingleStep(0.005);
  schedule_ = withTip(new QComboBox, "How the learning rate changes over the epochs.");
  schedule_->addItems({"none", "step", "cosine"});
  weightDecay_ =
      withTip(new QDoubleSpinBox, "A pull of every weight towards zero, against overfitting.");
  weightDecay_->setDecimals(5);
  weightDecay_->setRange(0, 1);
  weightDecay_->setSingleStep(0.0001);
  batchSize_ =
      withTip(new QSpinBox, "How many images each update step looks at (teacher and student).");
  batchSize_->setRange(1, 8192);
  epochs_ = withTip(new QSpinBox, "How many passes over the training images the student gets.");
  epochs_->setRange(1, 1000);
  seed_ = withTip(new QSpinBox, "The same seed, device and threads give the same numbers.");
  seed_->setRange(0, 1000000000);
  device_ =
      withTip(new QComboBox, "Where training runs: CUDA when this LibTorch has it, else the CPU.");
  for (const auto& d : kd::availableDevices()) device_->addItem(QString::fromStdString(d));
  threads_ = withTip(new QSpinBox, "CPU threads for training (0: every core).");
  threads_->setRange(0, QThread::idealThreadCount());
  threads_->setSpecialValueText(QString("all (%1)").arg(QThread::idealThreadCount()));
  auto* box = new QGroupBox("Student training");
  auto* form = new QFormLayout(box);
  form->addRow("&Optimizer", optimizer_);
  form->addRow("&Learning rate", learningRate_);
  form->addRow("Sc&hedule", schedule_);
  form->addRow("&Weight decay", weightDecay_);
  form->addRow("&Batch size", batchSize_);
  form->addRow("E&pochs", epochs_);
  form->addRow("Se&ed", seed_);
  form->addRow("&Device", device_);
  form->addRow("Th&reads", threads_);
  for (QComboBox* b : {optimizer_, schedule_, device_})
    connect(b, &QComboBox::currentIndexChanged, this, &ExperimentPanel::recheck);
  for (QDoubleSpinBox* b : {learningRate_, weightDecay_})
    connect(b, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::recheck);
  for (QSpinBox* b : {batchSize_, epochs_, seed_, threads_})
    connect(b, &QSpinBox::valueChanged, this, &ExperimentPanel::recheck);
  return box;
}

kd::ExperimentConfig ExperimentPanel::config() const {
  kd::ExperimentConfig c = base_;
  const DatasetKind& kind = kDatasets[datasetKind_->currentIndex()];
  c.data.source = kind.prefix;
  if (datasetKind_->currentIndex() > 0 || !datasetPath_->text().isEmpty())
    c.data.source += ":" + datasetPath_->text().trimmed().toStdString();
  c.data.limitTrain = limitTrain_->value();
  c.data.hiddenClasses.clear();
  for (const QString& part : hiddenClasses_->text().split(',', Qt::SkipEmptyParts)) {
    bool ok = false;
    int v = part.trimmed().toInt(&ok);
    c.data.hiddenClasses.push_back(ok ? v : -1);  // -1: refused by the check, with its message
  }
  c.data.augment = augment_->isChecked();
  c.data.trainFraction = trainFraction_->value();
  c.data.imageSize = imageSize_->value();
  c.data.grayscale = grayscale_->isChecked();
  const bool load = teacherSource_->currentIndex() == 1;
  c.teacher.file = load ? teacherFile_->text().trimmed().toStdString() : "";
  c.teacher.arch =
      kd::preset((load ? teacherFileArch_ : teacherPreset_)->currentText().toStdString());
  c.teacher.training.epochs = teacherEpochs_->value();
  c.teacher.training.batchSize = batchSize_->value();
  c.student = studentEditor_->arch();
  c.student.name = studentPreset_->currentText() == "custom"
                       ? customName_
                       : studentPreset_->currentText().toStdString();
  c.alpha = alpha_->value();
  c.temperature = temperature_->value();
  c.training.optimizer = optimizer_->currentText().toStdString();
  c.training.learningRate = learningRate_->value();
  c.training.schedule = schedule_->currentText().toStdString();
  c.training.weightDecay = weightDecay_->value();
  c.training.batchSize = batchSize_->value();
  c.training.epochs = epochs_->value();
  c.seed = uint64_t(seed_->value());
  c.device = device_->currentText().toStdString();
  c.threads = threads_->value();
  return c;
}

void ExperimentPanel::setConfig(const kd::ExperimentConfig& c) {
  updating_ = true;
  base_ = c;
  const QString source = QString::fromStdString(c.data.source);
  const QString prefix = source.section(':', 0, 0);
  int kind = 0;
  for (int i = 0; i < int(std::size(kDatasets)); ++i)
    if (prefix == kDatasets[i].prefix) kind = i;
  datasetKind_->setCurrentIndex(kind);
  datasetPath_->setText(source.contains(':') ? source.section(':', 1) : QString());
  limitTrain_->setValue(int(c.data.limitTrain));
  QStringList hidden;
  for (int h : c.data.hiddenClasses) hidden << QString::number(h);
  hiddenClasses_->setText(hidden.join(','));
  augment_->setChecked(c.data.augment);
  trainFraction_->setValue(c.data.trainFraction);
  imageSize_->setValue(c.data.imageSize);
  grayscale_->setChecked(c.data.grayscale);
  teacherSource_->setCurrentIndex(c.teacher.file.empty() ? 0 : 1);
  teacherFile_->setText(QString::fromStdString(c.teacher.file));
  teacherPreset_->setCurrentText(QString::fromStdString(c.teacher.arch.name));
  teacherFileArch_->setCurrentText(QString::fromStdString(c.teacher.arch.name));
  teacherEpochs_->setValue(c.teacher.training.epochs);
  studentEditor_->setArch(c.student);
  bool isPreset = false;
  for (const auto& name : kd::presetNames())
    isPreset = isPreset || (name == c.student.name && kd::preset(name) == c.student);
  studentPreset_->setCurrentText(isPreset ? QString::fromStdString(c.student.name) : "custom");
  if (!isPreset) customName_ = c.student.name.empty() ? "custom" : c.student.name;
  alpha_->setValue(c.alpha);
  temperature_->setValue(c.temperature);
  optimizer_->setCurrentText(QString::fromStdString(c.training.optimizer));
  learningRate_->setValue(c.training.learningRate);
  schedule_->setCurrentText(QString::fromStdString(c.training.schedule));
  weightDecay_->setValue(c.training.weightDecay);
  batchSize_->setValue(c.training.batchSize);
  epochs_->setValue(c.training.epochs);
  seed_->setValue(int(c.seed));
  if (device_->findText(QString::fromStdString(c.device)) < 0)  // e.g. a file made on a GPU machine
    device_->addItem(QString::fromStdString(c.device));
  device_->setCurrentText(QString::fromStdString(c.device));
  threads_->setValue(c.threads);
  updating_ = false;
  recheck();
}

void ExperimentPanel::updateReadings(const kd::ExperimentConfig& c, const kd::InputShape& shape,
                                     int classes) {
  const double a = alpha_->value();
  QString alpha = a >= 0.995                  ? "hard labels only: no distillation (the baseline)"
                  : a <= 0.005                ? "teacher only: the labels are ignored"
                  : std::abs(a - 0.5) < 0.005 ? "half hard labels, half teacher"
                                              : QString("%1% hard labels, %2% teacher")
                                                    .arg(std::lround(a * 100))
                                                    .arg(100 - std::lround(a * 100));
  distillationReading_->setText(
      QString("<b>alpha %1</b>: %2.<br><b>T %3</b>: %4.")
          .arg(a, 0, 'f', 2)
          .arg(alpha)
          .arg(temperature_->value(), 0, 'f', 1)
          .arg(temperature_->value() <= 1.0
                   ? "the teacher's own probabilities"
                   : "softened teacher probabilities; small classes show more"));
  const bool load = teacherSource_->currentIndex() == 1;
  kd::ModelSummary teacher, student;
  bool teacherKnown = !load || QFileInfo(teacherFile_->text()).suffix() != "ckpt";
  try {
    teacher = kd::summarize(c.teacher.arch, shape, classes);
    teacherInfo_->setText(
        (teacherKnown ? describe(teacher) : QString("Architecture from the checkpoint.")) +
        teacherResult_);
  } catch (const kd::Error& e) {
    teacherInfo_->setText(QString("<span style='color:#b00020'>%1</span>").arg(e.what()));
  }
  try {
    student = kd::summarize(c.student, shape, classes);
    QString ratio = teacher.parameters && teacherKnown
                        ? QString(", %1x smaller than the teacher")
                              .arg(double(teacher.parameters) / student.parameters, 0, 'f', 1)
                        : QString();
    studentInfo_->setText(describe(student) + ratio);
  } catch (const kd::Error& e) {
    studentInfo_->setText(QString("<span style='color:#b00020'>%1</span>").arg(e.what()));
  }
}

void ExperimentPanel::recheck() {
  if (updating_) return;
  const DatasetKind& kind = kDatasets[datasetKind_->currentIndex()];
  datasetPath_->setEnabled(datasetKind_->currentIndex() > 0);
  datasetBrowse_->setEnabled(datasetKind_->currentIndex() > 0);
  const bool folder = std::string(kind.prefix) == "folder";
  imageSize_->setEnabled(folder);
  grayscale_->setEnabled(folder);
  const kd::InputShape shape = folder ? kd::InputShape{grayscale_->isChecked() ? 1 : 3,
                                                       imageSize_->value(), imageSize_->value()}
                                      : kind.shape;
  studentEditor_->setInput(shape, kind.classes);
  const kd::ExperimentConfig c = config();
  updateReadings(c, shape, kind.classes);
  const QString source = QString::fromStdString(c.data.source);
  if (source != previewedSource_ &&
      (datasetKind_->currentIndex() == 0 || !datasetPath_->text().trimmed().isEmpty())) {
    previewedSource_ = source;
    datasetStrip_->request(c.data);
  }
  QString problem;
  try {
    kd::validate(c);
    if (datasetKind_->currentIndex() > 0 && datasetPath_->text().trimmed().isEmpty())
      throw kd::Error("choose the dataset's folder");
    for (int h : c.data.hiddenClasses)
      if (h < 0 || h >= kind.classes)
        throw kd::Error("hidden classes are numbers from 0 to " + std::to_string(kind.classes - 1));
    const auto devices = kd::availableDevices();
    if (std::find(devices.begin(), devices.end(), c.device) == devices.end())
      throw kd::Error("this machine has no device \"" + c.device + "\"");
    if (teacherSource_->currentIndex() == 1 && !QFileInfo(teacherFile_->text()).isFile())
      throw kd::Error("choose the teacher's file");
    if (c.teacher.file.empty()) kd::summarize(c.teacher.arch, shape, kind.classes);
    kd::summarize(c.student, shape, kind.classes);
  } catch (const kd::Error& e) {
    problem = QString::fromStdString(e.what());
  }
  const bool changedValidity = problem != problem_;
  problem_ = problem;
  if (changedValidity) Q_EMIT validityChanged(problem_.isEmpty(), problem_);
  Q_EMIT changed();
}

void ExperimentPanel::setTeacherResult(double testAccuracy) {
  teacherResult_ = QString("<br>Test accuracy %1% (last run).").arg(100 * testAccuracy, 0, 'f', 2);
  recheck();
}

bool ExperimentPanel::runBaseline() const { return baseline_->isChecked(); }

void ExperimentPanel::setRunBaseline(bool on) { baseline_->setChecked(on); }

QString ExperimentPanel::browseFolder(const QString& title) {
  return QFileDialog::getExistingDirectory(this, title, datasetPath_->text());
}

}  // namespace kd::ui
