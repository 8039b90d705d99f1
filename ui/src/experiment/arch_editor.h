#pragma once
// Edits an architecture layer by layer: a table of convolution layers (channels, kernel,
// stride, batchnorm, pooling, residual) with each layer's output shape, then the hidden
// widths, dropout and global average pooling. A layer that cannot be built is flagged in its
// row.
#include <QWidget>

#include "kd/arch_spec.h"

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;
class QTableWidget;

namespace kd::ui {

class ArchEditor : public QWidget {
  Q_OBJECT

 public:
  explicit ArchEditor(QWidget* parent = nullptr);

  kd::ArchSpec arch() const;  // named "custom"; the caller names presets
  void setArch(const kd::ArchSpec& arch);
  void setInput(const kd::InputShape& shape, int classes);
  QTableWidget* table() const { return table_; }

 public Q_SLOTS:
  void addLayer();
  void removeLayer();
  void moveLayer(int offset);

 Q_SIGNALS:
  void changed();

 private:
  enum Column { kChannels, kKernel, kStride, kBatchnorm, kPool, kResidual, kOutput, kColumns };
  void insertRow(int row, const kd::ConvLayerSpec& spec);
  kd::ConvLayerSpec layerAt(int row) const;
  void refreshShapes();
  void edited();

  QTableWidget* table_;
  QLineEdit* hidden_;
  QDoubleSpinBox* dropout_;
  QCheckBox* globalPool_;
  kd::InputShape input_;
  int classes_ = 10;
  bool updating_ = false;
};

}  // namespace kd::ui
