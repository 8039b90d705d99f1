#pragma once
// The experiment set-up: dataset, teacher, student, distillation and training settings, each
// with a one-sentence tooltip. config() and setConfig() convert to and from the engine's
// ExperimentConfig (the JSON that kdtrain reads). Every change re-checks the experiment and
// reports whether it can start, and why not.
#include <QWidget>

#include "kd/dataset_preview.h"
#include "kd/experiment.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedWidget;

namespace kd::ui {

class ArchEditor;
class DatasetStrip;
class LabelledField;
class MethodField;

class ExperimentPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ExperimentPanel(QWidget* parent = nullptr);

  kd::ExperimentConfig config() const;
  DatasetStrip* datasetStrip() const { return datasetStrip_; }
  ArchEditor* studentEditor() const { return studentEditor_; }
  void setConfig(const kd::ExperimentConfig& config);
  bool isValid() const { return problem_.isEmpty(); }
  // After the distillation run, train the same student without the teacher (alpha = 1); never
  // for a run that keeps no label (the box is then disabled and says why).
  bool runBaseline() const;
  void setRunBaseline(bool on);
  // Shown under the teacher's size once a run has measured it.
  void setTeacherResult(double testAccuracy);
  QString problem() const { return problem_; }  // empty when the experiment can start

 Q_SIGNALS:
  void changed();
  void validityChanged(bool valid, const QString& problem);
  // Another dataset moved the settings bound to the old one (kd::changeDataset): what changed.
  void noted(const QString& text);

 private:
  QWidget* datasetGroup();
  QWidget* teacherGroup();
  QWidget* studentGroup();
  QWidget* distillationGroup();
  QWidget* trainingGroup();
  static QString precisionTip();
  void recheck();
  void moveWithDataset();
  void explainDisabled(bool folder);
  void editTeacherLayers();
  void setTeacherArch(const kd::ArchSpec& arch, const std::string& customName);
  void checkAgainstDataset(const kd::ExperimentConfig& c, const kd::DatasetPreview& preview) const;
  void describeBuiltinTeacher(const std::string& source);
  void updateReadings(const kd::ExperimentConfig& c, const kd::DatasetPreview* preview);
  QString browseFolder(const QString& title);

  bool updating_ = false;
  QString problem_;
  QComboBox* datasetKind_;
  QLineEdit* datasetPath_;
  QPushButton* datasetBrowse_;
  QSpinBox* limitTrain_;
  LabelledField* labelled_;
  QDoubleSpinBox* trainFraction_;
  QSpinBox* imageSize_;
  QCheckBox* grayscale_;
  QLineEdit* hiddenClasses_;
  QCheckBox* augment_;
  int shownKind_ = -1;  // the dataset kind the teacher and limits were last set for
  DatasetStrip* datasetStrip_;
  QString previewedKey_;  // the dataset settings the strip last previewed
  QString teacherResult_;
  std::string customName_ = "custom";  // the name of a student that is no preset
  QComboBox* teacherSource_;
  QStackedWidget* teacherPages_;
  QComboBox* teacherPreset_;  // presets and "custom"
  kd::ArchSpec teacherArch_;  // what the teacher is, preset or custom
  QSpinBox* teacherEpochs_;
  QLineEdit* teacherFile_;
  QCheckBox* otherData_;  // teacher.allow_other_data
  QLabel* teacherInfo_;
  QLabel* builtinInfo_;
  QComboBox* studentPreset_;
  ArchEditor* studentEditor_;
  QLabel* studentInfo_;
  MethodField* method_;
  QSlider* alphaSlider_;
  QDoubleSpinBox* alpha_;
  double keptAlpha_ = kd::ExperimentConfig().alpha;  // kd's, while another method is chosen
  QSlider* temperatureSlider_;
  QDoubleSpinBox* temperature_;
  QLabel* distillationReading_;
  QCheckBox* baseline_;
  QComboBox* optimizer_;
  QDoubleSpinBox* learningRate_;
  QComboBox* schedule_;
  QDoubleSpinBox* weightDecay_;
  QSpinBox* batchSize_;
  QSpinBox* epochs_;
  QSpinBox* seed_;
  QComboBox* device_;
  QSpinBox* threads_;
  QComboBox* precision_;
  kd::ExperimentConfig base_;  // keeps the settings this panel does not show
};

}  // namespace kd::ui
