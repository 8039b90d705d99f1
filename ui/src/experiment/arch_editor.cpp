#include "experiment/arch_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app/engine_text.h"
#include "kd/error.h"

namespace kd::ui {
namespace {

// In kd::Pool order; the index is the value.
const char* kPools[] = {QT_TRANSLATE_NOOP("kd::ui::ArchEditor", "none"),
                        QT_TRANSLATE_NOOP("kd::ui::ArchEditor", "max"),
                        QT_TRANSLATE_NOOP("kd::ui::ArchEditor", "avg")};

QSpinBox* spin(int low, int high, int step, int value) {
  auto* s = new QSpinBox;
  s->setRange(low, high);
  s->setSingleStep(step);
  s->setValue(value);
  s->setFrame(false);
  return s;
}

// A checkbox centred in its cell.
QWidget* centred(QCheckBox* box) {
  auto* cell = new QWidget;
  auto* layout = new QHBoxLayout(cell);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setAlignment(Qt::AlignCenter);
  layout->addWidget(box);
  return cell;
}

QCheckBox* checkIn(QWidget* cell) { return cell->findChild<QCheckBox*>(); }

}  // namespace

ArchEditor::ArchEditor(QWidget* parent) : QWidget(parent) {
  table_ = new QTableWidget(0, kColumns);
  table_->setHorizontalHeaderLabels(
      {tr("Ch"), "K", "S", "BN", tr("Pool"), tr("Res"), tr("Output")});
  const QString tips[kColumns] = {tr("Output channels"),
                                  tr("Kernel size (odd)"),
                                  tr("Stride"),
                                  tr("Batch normalisation"),
                                  tr("2x2 pooling after the layer"),
                                  tr("Residual block (two convolutions and a shortcut)"),
                                  tr("The layer's output: channels x height x width")};
  for (int c = 0; c < kColumns; ++c) table_->horizontalHeaderItem(c)->setToolTip(tips[c]);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setToolTip(
      tr("Convolution layers, first to last. BN: batchnorm; Pool: 2x2 after the layer; "
         "Res: a residual block of two convolutions."));
  table_->setMinimumHeight(150);
  auto* add = new QPushButton(tr("&Add layer"));
  auto* remove = new QPushButton(tr("Re&move"));
  auto* up = new QPushButton(tr("Up"));
  auto* down = new QPushButton(tr("Down"));
  add->setToolTip(tr("Add a convolution layer after the selected one."));
  remove->setToolTip(tr("Remove the selected layer."));
  up->setToolTip(tr("Move the selected layer one up."));
  down->setToolTip(tr("Move the selected layer one down."));
  hidden_ = new QLineEdit;
  hidden_->setPlaceholderText(tr("e.g. 512, 128 (none: straight to the classifier)"));
  hidden_->setToolTip(
      tr("Widths of the fully connected layers between the convolutions and the classifier."));
  dropout_ = new QDoubleSpinBox;
  dropout_->setRange(0, 0.95);
  dropout_->setSingleStep(0.05);
  dropout_->setToolTip(tr("The fraction of hidden units switched off at random in training."));
  globalPool_ = new QCheckBox(tr("Global average pool"));
  globalPool_->setToolTip(
      tr("Average each channel over the image before the fully connected layers."));

  auto* buttons = new QHBoxLayout;
  for (QPushButton* b : {add, remove, up, down}) buttons->addWidget(b);
  auto* form = new QFormLayout;
  form->addRow(tr("Hidden widths"), hidden_);
  form->addRow(tr("Dropout"), dropout_);
  form->addRow(globalPool_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(table_);
  layout->addLayout(buttons);
  layout->addLayout(form);

  connect(add, &QPushButton::clicked, this, &ArchEditor::addLayer);
  connect(remove, &QPushButton::clicked, this, &ArchEditor::removeLayer);
  connect(up, &QPushButton::clicked, this, [this] { moveLayer(-1); });
  connect(down, &QPushButton::clicked, this, [this] { moveLayer(1); });
  connect(hidden_, &QLineEdit::textChanged, this, &ArchEditor::edited);
  connect(dropout_, &QDoubleSpinBox::valueChanged, this, &ArchEditor::edited);
  connect(globalPool_, &QCheckBox::toggled, this, &ArchEditor::edited);
}

void ArchEditor::insertRow(int row, const kd::ConvLayerSpec& spec) {
  table_->insertRow(row);
  auto* channels = spin(1, 4096, 8, spec.channels);
  auto* kernel = spin(1, 11, 2, spec.kernel);
  auto* stride = spin(1, 4, 1, spec.stride);
  auto* pool = new QComboBox;
  for (const char* p : kPools) pool->addItem(tr(p));
  pool->setCurrentIndex(int(spec.pool));
  pool->setFrame(false);
  auto* bn = new QCheckBox;
  bn->setChecked(spec.batchnorm);
  auto* residual = new QCheckBox;
  residual->setChecked(spec.residual);
  table_->setCellWidget(row, kChannels, channels);
  table_->setCellWidget(row, kKernel, kernel);
  table_->setCellWidget(row, kStride, stride);
  table_->setCellWidget(row, kBatchnorm, centred(bn));
  table_->setCellWidget(row, kPool, pool);
  table_->setCellWidget(row, kResidual, centred(residual));
  auto* output = new QTableWidgetItem;
  output->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  table_->setItem(row, kOutput, output);
  for (QSpinBox* s : {channels, kernel, stride})
    connect(s, &QSpinBox::valueChanged, this, &ArchEditor::edited);
  connect(pool, &QComboBox::currentIndexChanged, this, &ArchEditor::edited);
  for (QCheckBox* c : {bn, residual}) connect(c, &QCheckBox::toggled, this, &ArchEditor::edited);
}

kd::ConvLayerSpec ArchEditor::layerAt(int row) const {
  kd::ConvLayerSpec c;
  c.channels = static_cast<QSpinBox*>(table_->cellWidget(row, kChannels))->value();
  c.kernel = static_cast<QSpinBox*>(table_->cellWidget(row, kKernel))->value();
  c.stride = static_cast<QSpinBox*>(table_->cellWidget(row, kStride))->value();
  c.batchnorm = checkIn(table_->cellWidget(row, kBatchnorm))->isChecked();
  c.pool = kd::Pool(static_cast<QComboBox*>(table_->cellWidget(row, kPool))->currentIndex());
  c.residual = checkIn(table_->cellWidget(row, kResidual))->isChecked();
  return c;
}

kd::ArchSpec ArchEditor::arch() const {
  kd::ArchSpec a;
  a.name = "custom";
  for (int r = 0; r < table_->rowCount(); ++r) a.convs.push_back(layerAt(r));
  for (const QString& part : hidden_->text().split(',', Qt::SkipEmptyParts)) {
    bool ok = false;
    int width = part.trimmed().toInt(&ok);
    a.hidden.push_back(ok ? width : 0);  // 0 is refused by the summary, with its message
  }
  a.dropout = dropout_->value();
  a.globalAvgPool = globalPool_->isChecked();
  return a;
}

void ArchEditor::setArch(const kd::ArchSpec& a) {
  updating_ = true;
  table_->setRowCount(0);
  for (const auto& c : a.convs) insertRow(table_->rowCount(), c);
  QStringList widths;
  for (int w : a.hidden) widths << QString::number(w);
  hidden_->setText(widths.join(", "));
  dropout_->setValue(a.dropout);
  globalPool_->setChecked(a.globalAvgPool);
  updating_ = false;
  refreshShapes();
}

void ArchEditor::setInput(const kd::InputShape& shape, int classes) {
  input_ = shape;
  classes_ = classes;
  refreshShapes();
}

void ArchEditor::refreshShapes() {
  // Each row's output from the layers up to it; the first that cannot be built is flagged.
  kd::ArchSpec prefix;
  bool broken = false;
  for (int r = 0; r < table_->rowCount(); ++r) {
    QTableWidgetItem* item = table_->item(r, kOutput);
    prefix.convs.push_back(layerAt(r));
    if (broken) {
      item->setText("\u2014");
      item->setForeground(Qt::gray);
      continue;
    }
    try {
      const auto shape = kd::summarize(prefix, input_, classes_).layers[size_t(r)].outputShape;
      item->setText(QString("%1 x %2 x %3").arg(shape[0]).arg(shape[1]).arg(shape[2]));
      item->setForeground(palette().text());
      item->setToolTip({});
    } catch (const kd::Error& e) {
      broken = true;
      item->setText(tr("too small"));
      item->setForeground(QColor(176, 0, 32));
      item->setToolTip(engineText(e));
    }
  }
}

void ArchEditor::edited() {
  if (updating_) return;
  refreshShapes();
  Q_EMIT changed();
}

void ArchEditor::addLayer() {
  const int row = table_->currentRow() >= 0 ? table_->currentRow() + 1 : table_->rowCount();
  kd::ConvLayerSpec spec;
  if (row > 0) spec.channels = layerAt(row - 1).channels;
  insertRow(row, spec);
  table_->selectRow(row);
  edited();
}

void ArchEditor::removeLayer() {
  const int row = table_->currentRow();
  if (row < 0) return;
  table_->removeRow(row);
  edited();
}

void ArchEditor::moveLayer(int offset) {
  const int row = table_->currentRow(), target = row + offset;
  if (row < 0 || target < 0 || target >= table_->rowCount()) return;
  const kd::ConvLayerSpec spec = layerAt(row);
  updating_ = true;
  table_->removeRow(row);
  insertRow(target, spec);
  updating_ = false;
  table_->selectRow(target);
  edited();
}

}  // namespace kd::ui
