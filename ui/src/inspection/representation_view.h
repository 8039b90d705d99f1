#pragma once
// The Model card's "inside the models": same-class retrieval by each model's embedding
// (recall@1, recall@5, mAP over every test image) and the linear CKA of every teacher stage with
// every stage of the distilled student and of the no-KD baseline, as heat maps with their values
// (kd::RunInspector::representation, computed off the GUI thread by RunInspection).
#include <QWidget>

#include "kd/inspection.h"

class QLabel;
class QTableWidget;

namespace kd::ui {

class RepresentationView : public QWidget {
  Q_OBJECT

 public:
  explicit RepresentationView(QWidget* parent = nullptr);
  void clear();
  void setComputing();
  void setFailed(const QString& error);
  void setReport(const kd::RepresentationReport& report);

  QTableWidget* retrieval() const { return retrieval_; }
  // The CKA heat map of the student (0) or of the baseline (1).
  QTableWidget* similarity(int which) const { return similarity_[which]; }
  QLabel* status() const { return status_; }

 Q_SIGNALS:
  void contentChanged();  // figures shown or hidden: the width they need changed
 private:
  void fillSimilarity(int which, const std::vector<std::vector<double>>& cka);

  QLabel* status_;
  QTableWidget* retrieval_;
  QLabel* similarityTitles_[2];
  QTableWidget* similarity_[2];
};

}  // namespace kd::ui
