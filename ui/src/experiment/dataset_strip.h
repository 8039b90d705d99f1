#pragma once
// A preview of the chosen dataset: its size and one sample image per class with the class
// name. Loading runs off the GUI thread (BackgroundTask); a newer request supersedes an older.
#include <QTimer>
#include <QWidget>
#include <optional>

#include "app/background_task.h"
#include "kd/dataset_preview.h"

class QGridLayout;
class QLabel;

namespace kd::ui {

class DatasetStrip : public QWidget {
  Q_OBJECT

 public:
  explicit DatasetStrip(QWidget* parent = nullptr);

  // Loads after a short pause, so that typing a path does not load every prefix.
  void request(const kd::DataConfig& config);
  int shownSamples() const { return shown_; }
  // The preview of the latest request; null while it loads or when it failed.
  const kd::DatasetPreview* preview() const { return preview_ ? &*preview_ : nullptr; }
  QString error() const { return error_; }  // why the latest request failed

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
  BackgroundTask task_;
  int request_ = 0;
  int shown_ = 0;
  std::optional<kd::DatasetPreview> preview_;
  QString error_;
};

}  // namespace kd::ui
