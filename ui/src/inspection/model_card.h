#pragma once
// Teacher, student and (when trained) the no-KD baseline side by side: test accuracy,
// parameters, multiply-adds, file size, weights, measured latency per image, and a plot of
// accuracy against parameters, and beside it what each model learned inside (retrieval and
// layer similarity: RepresentationView).
#include <QWidget>
#include <optional>

#include "kd/experiment_runner.h"
#include "kd/predictions.h"

class QCustomPlot;
class QLabel;
class QTableWidget;

namespace kd::ui {

class RepresentationView;

class ModelCard : public QWidget {
  Q_OBJECT

 public:
  explicit ModelCard(QWidget* parent = nullptr);
  // A finished run's test-set predictions with their model facts.
  void setRun(const kd::Predictions& run);
  // The same student trained without the teacher (alpha 1); may come before or after setRun.
  void setBaseline(const kd::RunReport& baseline, int64_t fileBytes);
  // Hinton's omitted-class experiment: each hidden class's accuracy for teacher, student,
  // bias-corrected student and baseline (empty: the table is hidden).
  void setHiddenClasses(const std::vector<kd::HiddenClassReport>& hidden);
  QTableWidget* hiddenTable() const { return hiddenTable_; }
  // For one seed of a repeated experiment: the means and intervals over all its seeds.
  void setRepeats(const QString& summary);
  // A teacher of other data that the run allowed: what it knew (kd::RunInspector), shown as a
  // warning above the table; empty: none.
  void setTeacherTrainedOn(const QString& trainedOn);
  // A run of few labels (summary.json's labels_used of transfer_images): said above the table,
  // with the baseline's steps once it is known. All labelled: nothing is said.
  void setLabelsUsed(int64_t labelsUsed, int64_t transferImages);
  // The run's arithmetic (summary.json's precision, fp32 or bf16) and the CPU's bfloat16
  // instructions it saw, said under the table; an empty cpuFeatures (an older run): nothing.
  void setPrecision(const QString& precision, const QString& cpuFeatures);
  void clear();
  QTableWidget* table() const { return table_; }
  QLabel* note() const { return note_; }
  QCustomPlot* plot() const { return plot_; }
  RepresentationView* representation() const { return representation_; }

 private:
  struct Row {
    QString role;
    kd::ModelFacts facts;
    double accuracy = 0;
  };
  void refresh();
  void refreshHiddenClasses();
  void refreshTable(const std::vector<Row>& rows);
  void refreshPlot(const std::vector<Row>& rows);
  QString labelsText() const;
  QString precisionText() const;

  std::vector<Row> rows_;                               // teacher and distilled student
  std::optional<std::pair<double, int64_t>> baseline_;  // accuracy and file size
  std::optional<kd::RunReport> baselineReport_;
  std::vector<kd::HiddenClassReport> hidden_;
  QString repeats_;
  QString teacherTrainedOn_;
  int64_t labelsUsed_ = 0, transferImages_ = 0;
  QString precision_, cpuFeatures_;
  QTableWidget* table_;
  QLabel* hiddenTitle_;
  QTableWidget* hiddenTable_;
  QCustomPlot* plot_;
  RepresentationView* representation_;
  QLabel* note_;
};

}  // namespace kd::ui
