#include "experiment/experiment_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
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
#include <utility>

#include "app/engine_text.h"
#include "app/language.h"
#include "experiment/arch_editor.h"
#include "experiment/dataset_strip.h"
#include "experiment/labelled_field.h"
#include "experiment/method_field.h"
#include "kd/arch_spec.h"
#include "kd/catalogue.h"
#include "kd/devices.h"
#include "kd/error.h"
#include "kd/methods.h"

namespace kd::ui {
namespace {

// A check of the panel's own fails like the engine's checks do, with a sentence already in the
// window's language.
[[noreturn]] void refuse(const QString& why) { throw kd::Error(kd::Text(why.toStdString())); }

const kd::DatasetKindInfo& kindAt(int index) { return kd::datasetKinds()[size_t(index)]; }

// A combo box of a catalogue's choices: the label shown, the value as item data.
template <typename E>
void fill(QComboBox* box, const std::vector<kd::Choice<E>>& choices) {
  for (const auto& c : choices) box->addItem(catalogueLabel(c.label), int(c.value));
}

template <typename E>
E chosen(const QComboBox* box) {
  return E(box->currentData().toInt());
}

template <typename E>
void choose(QComboBox* box, E value) {
  box->setCurrentIndex(box->findData(int(value)));
}

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

bool isPreset(const kd::ArchSpec& arch) {
  for (const auto& name : kd::presetNames())
    if (name == arch.name && kd::preset(name) == arch) return true;
  return false;
}

QString count(int64_t n) {
  if (n >= 1000000) return QString::number(n / 1e6, 'f', 2) + " M";
  if (n >= 1000) return QString::number(n / 1e3, 'f', 0) + " k";
  return QString::number(n);
}

QString describe(const kd::ModelSummary& s) {
  return ExperimentPanel::tr("%1 parameters, %2 multiply-adds")
      .arg(count(s.parameters), count(s.macs));
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
  datasetKind_ = withTip(new QComboBox,
                         tr("Which images to learn from; Fashion-MNIST ships with the workbench."));
  for (const auto& k : kd::datasetKinds()) datasetKind_->addItem(catalogueLabel(k.label));
  datasetKind_->setObjectName("datasetKind");
  datasetPath_ = withTip(new QLineEdit, tr("The folder that holds the dataset's files."));
  datasetPath_->setObjectName("datasetFolder");
  datasetBrowse_ = new QPushButton(tr("Browse\u2026"));
  limitTrain_ = withTip(
      new QSpinBox,
      tr("Train on the first N images only (0: all of them); quick demos use a few thousand."));
  limitTrain_->setRange(0, 10000000);
  limitTrain_->setSpecialValueText(tr("all"));
  limitTrain_->setSingleStep(1000);
  trainFraction_ = withTip(
      new QDoubleSpinBox, tr("Keep this random fraction of the training images (1: all of them)."));
  trainFraction_->setRange(0.01, 1.0);
  trainFraction_->setSingleStep(0.05);
  imageSize_ =
      withTip(new QSpinBox, tr("Image-folder datasets are resized to this many pixels a side."));
  imageSize_->setRange(4, 512);
  grayscale_ =
      withTip(new QCheckBox(tr("Grayscale")), tr("Read image-folder datasets in grayscale."));
  hiddenClasses_ = withTip(new QLineEdit, tr("Class numbers (e.g. 3,5) the student never sees in "
                                             "training; they stay in the test set."));
  hiddenClasses_->setPlaceholderText(tr("none, or e.g. 3,5"));
  augment_ = withTip(
      new QCheckBox(tr("Augment (random shifts and flips)")),
      tr("Shift and mirror training images at random; the teacher then runs on every batch."));
  auto* path = new QHBoxLayout;
  path->addWidget(datasetPath_, 1);
  path->addWidget(datasetBrowse_);
  auto* box = new QGroupBox(tr("Dataset"));
  auto* form = new QFormLayout(box);
  form->addRow(tr("&Source"), datasetKind_);
  form->addRow(label(tr("&Folder"), datasetPath_), path);
  form->addRow(tr("&Training images"), limitTrain_);
  form->addRow(tr("Fraction &kept"), trainFraction_);
  labelled_ = new LabelledField;
  form->addRow(label(tr("&Labelled images"), labelled_->spinBox()), labelled_);
  auto* folderOptions = new QHBoxLayout;
  folderOptions->addWidget(imageSize_);
  folderOptions->addWidget(grayscale_);
  form->addRow(label(tr("Image si&ze"), imageSize_), folderOptions);
  form->addRow(tr("&Hidden classes"), hiddenClasses_);
  form->addRow(augment_);
  datasetStrip_ = new DatasetStrip;
  form->addRow(datasetStrip_);
  connect(datasetBrowse_, &QPushButton::clicked, this, [this] {
    QString dir = browseFolder(tr("Dataset folder"));
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
  connect(labelled_, &LabelledField::changed, this, &ExperimentPanel::recheck);
  connect(datasetStrip_, &DatasetStrip::loaded, this, &ExperimentPanel::recheck);
  return box;
}

namespace {
// The teacher source combo's entries, in this order.
enum TeacherSource { kTrainHere, kTeacherFile, kBuiltinTeacher };
}  // namespace

QWidget* ExperimentPanel::teacherGroup() {
  teacherSource_ =
      withTip(new QComboBox, tr("Train a teacher here first, load one trained earlier, or use the "
                                "workbench's pretrained teacher (it distills at once)."));
  teacherSource_->addItems(
      {tr("Train a preset here"), tr("Load a file"), tr("Built-in, pretrained")});
  teacherSource_->setObjectName("teacherSource");
  teacherPreset_ = presetBox(
      tr("The teacher's architecture: trained here, or the one a PyTorch state_dict is loaded "
         "into (checkpoints and TorchScript files bring their own)."));
  teacherPreset_->addItem("custom");
  teacherPreset_->setObjectName("teacherArchitecture");
  auto* editTeacher = withTip(new QPushButton(tr("Edit &layers\u2026")),
                              tr("Change the teacher's architecture layer by layer."));
  teacherEpochs_ =
      withTip(new QSpinBox, tr("How many passes over the training images the teacher gets."));
  teacherEpochs_->setRange(1, 1000);
  teacherFile_ = withTip(
      new QLineEdit, tr("A workbench checkpoint, a TorchScript module or a PyTorch state_dict."));
  auto* browse = new QPushButton(tr("Browse\u2026"));
  otherData_ = new QCheckBox(tr("Trained on other data: allow it"));
  otherData_->setObjectName("teacherOtherData");
  teacherInfo_ = new QLabel;
  teacherInfo_->setWordWrap(true);

  auto* train = new QWidget;
  auto* trainForm = new QFormLayout(train);
  trainForm->setContentsMargins(0, 0, 0, 0);
  trainForm->addRow(tr("&Epochs"), teacherEpochs_);
  auto* load = new QWidget;
  auto* loadForm = new QFormLayout(load);
  loadForm->setContentsMargins(0, 0, 0, 0);
  auto* fileRow = new QHBoxLayout;
  fileRow->addWidget(teacherFile_, 1);
  fileRow->addWidget(browse);
  loadForm->addRow(label(tr("F&ile"), teacherFile_), fileRow);
  builtinInfo_ = new QLabel;
  builtinInfo_->setWordWrap(true);
  teacherPages_ = new QStackedWidget;
  teacherPages_->addWidget(train);
  teacherPages_->addWidget(load);
  teacherPages_->addWidget(builtinInfo_);

  auto* archRow = new QHBoxLayout;
  archRow->addWidget(teacherPreset_, 1);
  archRow->addWidget(editTeacher);
  auto* box = new QGroupBox(tr("Teacher"));
  auto* form = new QFormLayout(box);
  form->addRow(tr("&Teacher"), teacherSource_);
  form->addRow(label(tr("&Architecture"), teacherPreset_), archRow);
  form->addRow(teacherPages_);
  form->addRow(otherData_);
  form->addRow(teacherInfo_);
  connect(teacherSource_, &QComboBox::currentIndexChanged, teacherPages_,
          &QStackedWidget::setCurrentIndex);
  connect(browse, &QPushButton::clicked, this, [this] {
    QString f = QFileDialog::getOpenFileName(this, tr("Teacher file"), teacherFile_->text(),
                                             tr("Teachers (*.ckpt *.pt *.pth);;All files (*)"));
    if (!f.isEmpty()) teacherFile_->setText(f);
  });
  connect(teacherPreset_, &QComboBox::currentIndexChanged, this, [this] {
    if (updating_ || teacherPreset_->currentText() == "custom") return;
    teacherArch_ = kd::preset(teacherPreset_->currentText().toStdString());
    recheck();
  });
  connect(editTeacher, &QPushButton::clicked, this, &ExperimentPanel::editTeacherLayers);
  connect(teacherSource_, &QComboBox::currentIndexChanged, this, &ExperimentPanel::recheck);
  connect(teacherEpochs_, &QSpinBox::valueChanged, this, &ExperimentPanel::recheck);
  connect(teacherFile_, &QLineEdit::textChanged, this, &ExperimentPanel::recheck);
  connect(otherData_, &QCheckBox::toggled, this, &ExperimentPanel::recheck);
  return box;
}

void ExperimentPanel::editTeacherLayers() {
  QDialog dialog(this);
  dialog.setWindowTitle(tr("Teacher architecture"));
  auto* editor = new ArchEditor;
  if (const kd::DatasetPreview* p = datasetStrip_->preview())
    editor->setInput(p->shape, int(p->classes.size()));
  editor->setArch(teacherArch_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  auto* layout = new QVBoxLayout(&dialog);
  layout->addWidget(editor);
  layout->addWidget(buttons);
  if (dialog.exec() != QDialog::Accepted) return;
  // The name goes into experiment files: the same in every language.
  setTeacherArch(editor->arch(), teacherArch_.name == "custom" || isPreset(teacherArch_)
                                     ? std::string("custom teacher")
                                     : teacherArch_.name);
}

// Shows `arch` as its preset's name, or as "custom" (keeping `customName`) when it is none.
void ExperimentPanel::setTeacherArch(const kd::ArchSpec& arch, const std::string& customName) {
  teacherArch_ = arch;
  if (!isPreset(arch)) teacherArch_.name = customName;
  const QSignalBlocker block(teacherPreset_);
  teacherPreset_->setCurrentText(isPreset(arch) ? QString::fromStdString(arch.name) : "custom");
  recheck();
}

QWidget* ExperimentPanel::studentGroup() {
  studentPreset_ =
      presetBox(tr("The student's architecture: a preset to start from, then edit it below."));
  studentPreset_->addItem("custom");
  studentEditor_ = new ArchEditor;
  studentInfo_ = new QLabel;
  studentInfo_->setWordWrap(true);
  auto* box = new QGroupBox(tr("Student"));
  auto* form = new QFormLayout(box);
  form->addRow(tr("&Student"), studentPreset_);
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
  method_ = new MethodField;
  alphaSlider_ = withTip(new QSlider(Qt::Horizontal),
                         tr("How much the hard labels count against the teacher's soft targets."));
  alphaSlider_->setRange(0, 100);
  alpha_ = withTip(new QDoubleSpinBox, alphaSlider_->toolTip());
  alpha_->setRange(0, 1);
  alpha_->setSingleStep(0.05);
  temperatureSlider_ =
      withTip(new QSlider(Qt::Horizontal),
              tr("How much both distributions are softened before they are compared."));
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
      new QCheckBox(tr("Then train a no-KD &baseline")),
      tr("After distilling, train the same student on the labels alone (alpha 1), to compare."));
  auto row = [](QSlider* s, QDoubleSpinBox* b) {
    auto* h = new QHBoxLayout;
    h->addWidget(s, 1);
    h->addWidget(b);
    return h;
  };
  auto* box = new QGroupBox(tr("Distillation"));
  box->setObjectName("distillation");
  auto* form = new QFormLayout(box);
  form->addRow(label(tr("Met&hod"), method_->comboBox()), method_);
  form->addRow(label(tr("&Alpha"), alphaSlider_), row(alphaSlider_, alpha_));
  form->addRow(label(tr("Te&mperature"), temperatureSlider_),
               row(temperatureSlider_, temperature_));
  form->addRow(distillationReading_);
  form->addRow(baseline_);
  connect(alpha_, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::recheck);
  connect(temperature_, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::recheck);
  // Another method starts at its reference temperature; alpha weighs kd's terms alone, and the
  // alpha set for kd comes back when kd is chosen again. (The box is still enabled for the
  // method being left: methodChosen comes before the panel's recheck.)
  connect(method_, &MethodField::methodChosen, this, [this] {
    if (alpha_->isEnabled()) keptAlpha_ = alpha_->value();  // first: a new T rechecks the box
    const kd::MethodInfo& m = kd::methodNamed(method_->method());
    temperature_->setValue(m.defaultTemperature);
    alpha_->setValue(m.usesAlpha ? keptAlpha_ : kd::ExperimentConfig().alpha);
  });
  connect(method_, &MethodField::changed, this, &ExperimentPanel::recheck);
  return box;
}

// What the precisions do, and what this CPU offers (detected when the window starts).
QString ExperimentPanel::precisionTip() {
  const kd::CpuFeatures cpu = kd::cpuFeatures();
  return tr("The arithmetic of every pass, teacher and student, training and evaluation. "
            "bfloat16 (mixed) runs convolutions and matrix products in bfloat16 with float32 "
            "weights and loss: much faster on a CPU with bfloat16 instructions. Auto chooses "
            "bfloat16 where the CPU has them (on a GPU: float32).\nThis CPU: %1.")
      .arg(cpu.bf16() ? QString::fromStdString(cpu.text()) : tr("no bfloat16 instructions"));
}

QWidget* ExperimentPanel::trainingGroup() {
  optimizer_ =
      withTip(new QComboBox, tr("The rule that updates the student's weights after every batch."));
  fill(optimizer_, kd::optimizers());
  learningRate_ = withTip(new QDoubleSpinBox, tr("The size of each update step."));
  learningRate_->setDecimals(5);
  learningRate_->setRange(0.00001, 10);
  learningRate_->setSingleStep(0.005);
  schedule_ = withTip(new QComboBox, tr("How the learning rate changes over the epochs."));
  fill(schedule_, kd::schedules());
  weightDecay_ =
      withTip(new QDoubleSpinBox, tr("A pull of every weight towards zero, against overfitting."));
  weightDecay_->setDecimals(5);
  weightDecay_->setRange(0, 1);
  weightDecay_->setSingleStep(0.0001);
  batchSize_ =
      withTip(new QSpinBox, tr("How many images each update step looks at (teacher and student)."));
  batchSize_->setRange(1, 8192);
  epochs_ = withTip(new QSpinBox, tr("How many passes over the training images the student gets."));
  epochs_->setRange(1, 1000);
  seed_ = withTip(new QSpinBox, tr("The same seed, device and threads give the same numbers."));
  seed_->setRange(0, 1000000000);
  device_ = withTip(new QComboBox,
                    tr("Where training runs: CUDA when this LibTorch has it, else the CPU."));
  for (const auto& d : kd::availableDevices()) device_->addItem(QString::fromStdString(d));
  threads_ = withTip(new QSpinBox, tr("CPU threads for training (0: every core)."));
  threads_->setRange(0, QThread::idealThreadCount());
  threads_->setSpecialValueText(tr("all (%1)").arg(QThread::idealThreadCount()));
  precision_ = withTip(new QComboBox, precisionTip());
  fill(precision_, kd::precisions());
  auto* box = new QGroupBox(tr("Student training"));
  auto* form = new QFormLayout(box);
  form->addRow(tr("&Optimizer"), optimizer_);
  form->addRow(tr("&Learning rate"), learningRate_);
  form->addRow(tr("Sc&hedule"), schedule_);
  form->addRow(tr("&Weight decay"), weightDecay_);
  form->addRow(tr("&Batch size"), batchSize_);
  form->addRow(tr("E&pochs"), epochs_);
  form->addRow(tr("Se&ed"), seed_);
  form->addRow(tr("&Device"), device_);
  form->addRow(tr("Th&reads"), threads_);
  form->addRow(tr("Precisio&n"), precision_);
  for (QComboBox* b : {optimizer_, schedule_, device_, precision_})
    connect(b, &QComboBox::currentIndexChanged, this, &ExperimentPanel::recheck);
  for (QDoubleSpinBox* b : {learningRate_, weightDecay_})
    connect(b, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::recheck);
  for (QSpinBox* b : {batchSize_, epochs_, seed_, threads_})
    connect(b, &QSpinBox::valueChanged, this, &ExperimentPanel::recheck);
  return box;
}

kd::ExperimentConfig ExperimentPanel::config() const {
  kd::ExperimentConfig c = base_;
  c.data.source = kd::sourceText(
      {kindAt(datasetKind_->currentIndex()).value, datasetPath_->text().trimmed().toStdString()});
  c.data.limitTrain = limitTrain_->value();
  c.data.hiddenClasses.clear();
  for (const QString& part : hiddenClasses_->text().split(',', Qt::SkipEmptyParts)) {
    bool ok = false;
    int v = part.trimmed().toInt(&ok);
    c.data.hiddenClasses.push_back(ok ? v : -1);  // -1: refused by the check, with its message
  }
  c.data.augment = augment_->isChecked();
  c.data.trainFraction = trainFraction_->value();
  c.data.labelled = labelled_->labelled();
  // What acts on image folders only keeps its default elsewhere (its controls are disabled).
  const bool folder = kindAt(datasetKind_->currentIndex()).isImageFolder;
  const kd::DataConfig defaults;
  c.data.imageSize = folder ? imageSize_->value() : defaults.imageSize;
  c.data.grayscale = folder && grayscale_->isChecked();
  if (!folder) c.data.testFraction = defaults.testFraction;
  c.teacher.arch = teacherArch_;
  c.teacher.file.clear();
  if (teacherSource_->currentIndex() == kTeacherFile)
    c.teacher.file = teacherFile_->text().trimmed().toStdString();
  if (teacherSource_->currentIndex() == kBuiltinTeacher) {
    const kd::BuiltinTeacher* builtin = kd::builtinTeacherOf(c.data.source);
    // No built-in teacher for this dataset: the name alone, refused by recheck's message.
    c.teacher.file = kd::kBuiltinPrefix + std::string(builtin ? builtin->name : "");
    if (builtin) c.teacher.arch = kd::preset(builtin->arch);
  }
  c.teacher.allowOtherData =
      teacherSource_->currentIndex() != kTrainHere && otherData_->isChecked();
  c.teacher.training.epochs = teacherEpochs_->value();
  c.teacher.training.batchSize = batchSize_->value();
  c.student = studentEditor_->arch();
  c.student.name = studentPreset_->currentText() == "custom"
                       ? customName_
                       : studentPreset_->currentText().toStdString();
  c.alpha = alpha_->value();
  c.temperature = temperature_->value();
  method_->applyTo(c);
  c.training.optimizer = chosen<kd::Optimizer>(optimizer_);
  c.training.learningRate = learningRate_->value();
  c.training.schedule = chosen<kd::Schedule>(schedule_);
  c.training.weightDecay = weightDecay_->value();
  c.training.batchSize = batchSize_->value();
  c.training.epochs = epochs_->value();
  c.seed = uint64_t(seed_->value());
  c.device = device_->currentText().toStdString();
  c.threads = threads_->value();
  c.precision = chosen<kd::Precision>(precision_);
  return c;
}

void ExperimentPanel::setConfig(const kd::ExperimentConfig& c) {
  updating_ = true;
  base_ = c;
  const kd::DataSource source = kd::parseSource(c.data.source);
  const auto& kinds = kd::datasetKinds();
  for (size_t i = 0; i < kinds.size(); ++i)
    if (kinds[i].value == source.kind) datasetKind_->setCurrentIndex(shownKind_ = int(i));
  datasetPath_->setText(QString::fromStdString(source.folder));
  limitTrain_->setValue(int(c.data.limitTrain));
  QStringList hidden;
  for (int h : c.data.hiddenClasses) hidden << QString::number(h);
  hiddenClasses_->setText(hidden.join(','));
  augment_->setChecked(c.data.augment);
  trainFraction_->setValue(c.data.trainFraction);
  labelled_->setLabelled(c.data.labelled);
  imageSize_->setValue(c.data.imageSize);
  grayscale_->setChecked(c.data.grayscale);
  teacherSource_->setCurrentIndex(c.teacher.file.empty()                 ? kTrainHere
                                  : kd::isBuiltinTeacher(c.teacher.file) ? kBuiltinTeacher
                                                                         : kTeacherFile);
  if (!kd::isBuiltinTeacher(c.teacher.file))
    teacherFile_->setText(QString::fromStdString(c.teacher.file));
  teacherArch_ = c.teacher.arch;
  teacherPreset_->setCurrentText(
      isPreset(c.teacher.arch) ? QString::fromStdString(c.teacher.arch.name) : "custom");
  teacherEpochs_->setValue(c.teacher.training.epochs);
  otherData_->setChecked(c.teacher.allowOtherData);
  studentEditor_->setArch(c.student);
  const bool studentIsPreset = isPreset(c.student);
  studentPreset_->setCurrentText(studentIsPreset ? QString::fromStdString(c.student.name)
                                                 : "custom");
  if (!studentIsPreset) customName_ = c.student.name.empty() ? "custom" : c.student.name;
  method_->setFrom(c);
  alpha_->setValue(c.alpha);
  temperature_->setValue(c.temperature);
  choose(optimizer_, c.training.optimizer);
  learningRate_->setValue(c.training.learningRate);
  choose(schedule_, c.training.schedule);
  weightDecay_->setValue(c.training.weightDecay);
  batchSize_->setValue(c.training.batchSize);
  epochs_->setValue(c.training.epochs);
  seed_->setValue(int(c.seed));
  if (device_->findText(QString::fromStdString(c.device)) < 0)  // e.g. a file made on a GPU machine
    device_->addItem(QString::fromStdString(c.device));
  device_->setCurrentText(QString::fromStdString(c.device));
  threads_->setValue(c.threads);
  choose(precision_, c.precision);
  updating_ = false;
  recheck();
}

void ExperimentPanel::updateReadings(const kd::ExperimentConfig& c,
                                     const kd::DatasetPreview* preview) {
  const bool usesAlpha = kd::methodNamed(c.method).usesAlpha;
  alphaSlider_->setEnabled(usesAlpha);
  alpha_->setEnabled(usesAlpha);
  const bool temperatureActs = kd::temperatureActs(c);
  temperatureSlider_->setEnabled(temperatureActs);
  temperature_->setEnabled(temperatureActs);
  const double a = alpha_->value();
  QString alpha = a >= 0.995   ? tr("hard labels only: no distillation (the baseline)")
                  : a <= 0.005 ? tr("teacher only: the labels are ignored")
                  : std::abs(a - 0.5) < 0.005 ? tr("half hard labels, half teacher")
                                              : tr("%1% hard labels, %2% teacher")
                                                    .arg(std::lround(a * 100))
                                                    .arg(100 - std::lround(a * 100));
  const QString softening = !temperatureActs
                                ? tr("it softens Hinton's term, which kd_weight 0 leaves out")
                            : temperature_->value() <= 1.0
                                ? tr("the teacher's own probabilities")
                                : tr("softened teacher probabilities; small classes show more");
  distillationReading_->setText(
      usesAlpha ? tr("<b>alpha %1</b>: %2.<br><b>T %3</b>: %4.")
                      .arg(a, 0, 'f', 2)
                      .arg(alpha)
                      .arg(temperature_->value(), 0, 'f', 1)
                      .arg(softening)
                : tr("<b>%1</b>: %2<br><b>T %3</b>: %4. Alpha is kd's: this method weighs its "
                     "terms with the settings above.")
                      .arg(QString::fromStdString(c.method))
                      .arg(method_->copies())
                      .arg(temperature_->value(), 0, 'f', 1)
                      .arg(softening));
  labelled_->showCounts(preview, c.data, c.seed);
  if (!preview) {
    teacherInfo_->setText(tr("Reading the dataset\u2026"));
    studentInfo_->setText(tr("Reading the dataset\u2026"));
    return;
  }
  const kd::InputShape& shape = preview->shape;
  const int classes = int(preview->classes.size());
  const bool load = teacherSource_->currentIndex() == kTeacherFile;
  kd::ModelSummary teacher, student;
  bool teacherKnown = !load || QFileInfo(teacherFile_->text()).suffix() != "ckpt";
  describeBuiltinTeacher(c.data.source);
  teacherPreset_->setEnabled(teacherSource_->currentIndex() != kBuiltinTeacher);
  try {
    teacher = kd::summarize(c.teacher.arch, shape, classes);
    const QString custom =
        teacherPreset_->currentText() == "custom"
            ? tr("Custom \u201c%1\u201d: ").arg(QString::fromStdString(c.teacher.arch.name))
            : QString();
    teacherInfo_->setText(
        (teacherKnown ? custom + describe(teacher) : tr("Architecture from the checkpoint.")) +
        teacherResult_);
  } catch (const kd::Error& e) {
    teacherInfo_->setText(tr("<span style='color:#b00020'>%1</span>").arg(engineText(e)));
  }
  try {
    student = kd::summarize(c.student, shape, classes);
    QString ratio = teacher.parameters && teacherKnown
                        ? tr(", %1x smaller than the teacher")
                              .arg(double(teacher.parameters) / student.parameters, 0, 'f', 1)
                        : QString();
    studentInfo_->setText(describe(student) + ratio);
  } catch (const kd::Error& e) {
    studentInfo_->setText(tr("<span style='color:#b00020'>%1</span>").arg(engineText(e)));
  }
}

// The dataset's shape and classes come from the engine's preview of it: while it loads,
// the checks that need them wait; a dataset that cannot be read cannot start.
void ExperimentPanel::recheck() {
  if (updating_) return;
  moveWithDataset();
  const kd::DatasetKindInfo& kind = kindAt(datasetKind_->currentIndex());
  datasetPath_->setEnabled(kind.needsFolder);
  datasetBrowse_->setEnabled(kind.needsFolder);
  explainDisabled(kind.isImageFolder);
  const kd::ExperimentConfig c = config();
  const QString previewKey = QString("%1|%2|%3")
                                 .arg(QString::fromStdString(c.data.source))
                                 .arg(kind.isImageFolder ? c.data.imageSize : 0)
                                 .arg(kind.isImageFolder && c.data.grayscale);
  const bool hasFolder = !kind.needsFolder || !datasetPath_->text().trimmed().isEmpty();
  if (previewKey != previewedKey_ && hasFolder) {
    previewedKey_ = previewKey;
    datasetStrip_->request(c.data);
  }
  const kd::DatasetPreview* preview = datasetStrip_->preview();
  if (preview) studentEditor_->setInput(preview->shape, int(preview->classes.size()));
  updateReadings(c, preview);
  QString problem;
  try {
    kd::validate(c);
    kd::refuseSettingsWithoutEffect(c);
    if (!hasFolder) refuse(tr("choose the dataset's folder"));
    if (!datasetStrip_->error().isEmpty())
      refuse(tr("the dataset cannot be read: %1").arg(datasetStrip_->error()));
    const auto devices = kd::availableDevices();
    if (std::find(devices.begin(), devices.end(), c.device) == devices.end())
      refuse(tr("this machine has no device \"%1\"").arg(QString::fromStdString(c.device)));
    if (teacherSource_->currentIndex() == kTeacherFile && !QFileInfo(teacherFile_->text()).isFile())
      refuse(tr("choose the teacher's file"));
    if (teacherSource_->currentIndex() == kBuiltinTeacher) {
      if (!kd::builtinTeacherOf(c.data.source))
        refuse(
            tr("the built-in teacher knows Fashion-MNIST only: train or load a teacher for "
               "this dataset"));
      kd::teacherFilePath(c.teacher.file);  // throws when it is not installed
    }
    if (preview) checkAgainstDataset(c, *preview);
  } catch (const kd::Error& e) {
    problem = engineText(e);
  }
  const bool changedValidity = problem != problem_;
  problem_ = problem;
  if (changedValidity) Q_EMIT validityChanged(problem_.isEmpty(), problem_);
  Q_EMIT changed();
}

// Another kind of dataset chosen: the settings bound to the old one move with it, by the
// engine's rule (kdtrain --dataset follows it too), and the window is told what changed.
void ExperimentPanel::moveWithDataset() {
  const int kind = datasetKind_->currentIndex();
  if (kind == shownKind_) return;
  const int before = std::exchange(shownKind_, kind);
  if (before < 0) return;
  kd::ExperimentConfig c = config();
  const std::string source = c.data.source;
  c.data.source = kd::sourceText({kindAt(before).value, ""});
  if (teacherSource_->currentIndex() == kBuiltinTeacher)
    c.teacher.file = kd::builtinTeacherFor(c.data.source);
  QStringList notes;
  for (const kd::Text& note : kd::changeDataset(c, source)) notes << engineText(note);
  if (teacherSource_->currentIndex() == kBuiltinTeacher && c.teacher.file.empty()) {
    updating_ = true;
    teacherSource_->setCurrentIndex(kTrainHere);
    teacherArch_ = c.teacher.arch;
    teacherPreset_->setCurrentText(QString::fromStdString(c.teacher.arch.name));
    updating_ = false;
  }
  if (!notes.isEmpty()) Q_EMIT noted(notes.join(tr("; ")));
}

// Controls that cannot act are disabled, and their tooltips say why.
void ExperimentPanel::explainDisabled(bool folder) {
  imageSize_->setEnabled(folder);
  grayscale_->setEnabled(folder);
  const QString own =
      tr("Only image folders are resized or read in grayscale: this dataset has "
         "its own image size and channels.");
  imageSize_->setToolTip(
      folder ? tr("Image-folder datasets are resized to this many pixels a side.") : own);
  grayscale_->setToolTip(folder ? tr("Read image-folder datasets in grayscale.") : own);
  const bool file = teacherSource_->currentIndex() != kTrainHere;
  otherData_->setEnabled(file);
  otherData_->setToolTip(
      file ? tr("Distill from this teacher even if it was trained on other data (other classes, "
                "or no better than chance here); without this such a teacher is refused.")
           : tr("A teacher trained here learns this dataset: there is no other data to allow."));
  const bool labels = labelled_->labelled() != 0;
  baseline_->setEnabled(labels);
  baseline_->setToolTip(
      labels ? tr("After distilling, train the same student on the labels alone (alpha 1), to "
                  "compare.")
             : tr("The baseline learns from labels alone, and this run keeps none (Labelled "
                  "images 0): there is nothing to train it on."));
}

void ExperimentPanel::checkAgainstDataset(const kd::ExperimentConfig& c,
                                          const kd::DatasetPreview& preview) const {
  const int classes = int(preview.classes.size());
  for (int h : c.data.hiddenClasses)
    if (h < 0 || h >= classes)
      refuse(tr("hidden classes are numbers from 0 to %1").arg(classes - 1));
  if (c.teacher.file.empty()) kd::summarize(c.teacher.arch, preview.shape, classes);
  kd::summarize(c.student, preview.shape, classes);
  if (!labelled_->problem().isEmpty()) refuse(labelled_->problem());  // counted in the readings
}

void ExperimentPanel::describeBuiltinTeacher(const std::string& source) {
  const kd::BuiltinTeacher* t = kd::builtinTeacherOf(source);
  if (!t) {
    builtinInfo_->setText(tr("No built-in teacher for this dataset."));
    return;
  }
  builtinInfo_->setText(
      tr("%1 trained on Fashion-MNIST with the command in docs/experiments.md; %2 "
         "of %3 test images right (%4%).")
          .arg(t->arch)
          .arg(t->testCorrect)
          .arg(t->testImages)
          .arg(100.0 * double(t->testCorrect) / double(t->testImages), 0, 'f', 2));
}

void ExperimentPanel::setTeacherResult(double testAccuracy) {
  teacherResult_ = tr("<br>Test accuracy %1% (last run).").arg(100 * testAccuracy, 0, 'f', 2);
  recheck();
}

bool ExperimentPanel::runBaseline() const {
  return baseline_->isChecked() && labelled_->labelled() != 0;  // no label: none to train
}

void ExperimentPanel::setRunBaseline(bool on) { baseline_->setChecked(on); }

QString ExperimentPanel::browseFolder(const QString& title) {
  return QFileDialog::getExistingDirectory(this, title, datasetPath_->text());
}

}  // namespace kd::ui
