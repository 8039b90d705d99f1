#include "widgets/theme.h"

#include <qcustomplot.h>

#include <QApplication>

namespace kd::ui::theme {
namespace {

bool presentationOn = false;
const char* kBaseWidth = "kdBaseWidth";

}  // namespace

void setPresentation(bool on) { presentationOn = on; }

QColor categoryColour(int i) {
  static const QColor kCategories[] = {kBlue,   kOrange, kGreen, kVermillion,   kSkyBlue,
                                       kPurple, kYellow, kGrey,  {140, 86, 75}, {247, 129, 191}};
  constexpr int kCount = int(sizeof(kCategories) / sizeof(kCategories[0]));
  if (i >= 0 && i < kCount) return kCategories[i];
  return QColor::fromHsv((i * 47) % 360, 200, 200);
}

void stylePlot(QCustomPlot* plot) {
  // QCustomPlot sets a font of its own, which the application font does not reach.
  const QFont base = QApplication::font();
  plot->setFont(base);
  QFont small = base, bold = base;
  small.setPointSizeF(base.pointSizeF() * 0.9);
  bold.setBold(true);
  for (QCPAxis* axis : plot->axisRect()->axes()) {
    axis->setLabelFont(base);
    axis->setTickLabelFont(small);
  }
  plot->legend->setFont(small);
  for (int i = 0; i < plot->legend->itemCount(); ++i)
    if (QCPAbstractLegendItem* item = plot->legend->item(i)) item->setFont(small);
  for (QCPLayoutElement* element : plot->plotLayout()->elements(false))
    if (auto* title = qobject_cast<QCPTextElement*>(element)) title->setFont(bold);
  const double scale = presentationOn ? kPresentationLineScale : 1.0;
  for (int i = 0; i < plot->plottableCount(); ++i) {
    QCPAbstractPlottable* p = plot->plottable(i);
    if (!p->property(kBaseWidth).isValid()) p->setProperty(kBaseWidth, p->pen().widthF());
    QPen pen = p->pen();
    pen.setWidthF(p->property(kBaseWidth).toDouble() * scale);
    p->setPen(pen);
  }
  plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace kd::ui::theme
