#pragma once
// A preview of the chosen dataset: its size and one sample image per class with the class
// name. Loading runs on a worker thread; a newer request supersedes an older one.
#include <QThread>
#include <QTimer>
#include <QWidget>

#include "kd/dataset_preview.h"

class QGridLayout;
class QLabel;

namespace kd::ui {

class DatasetStrip : public QWidget {
  Q_OBJECT

 public:
  explicit DatasetStrip(QWidget* parent = nullptr);
  ~DatasetStrip() override;

  // Loads after a short pause, so that typing a path does not load every prefix.
  void request(const kd::DataConfig& config);
  int shownSamples() const { return shown_; }

 Q_SIGNALS:
  void loaded(bool ok);

 private:
  void startLoading();
  void show(int request, const kd::DatasetPreview& preview);
  void showError(int request, const QString& error);
  void clearGrid();

  QLabel* info_;
  QGridLayout* grid_;
  QTimer debounce_;
  kd::DataConfig pending_;
  QThread* thread_ = nullptr;
  int request_ = 0;
  int shown_ = 0;
};

}  // namespace kd::ui
