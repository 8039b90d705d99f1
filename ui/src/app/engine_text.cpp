#include "app/engine_text.h"

#include <QCoreApplication>
#include <string>
#include <vector>

namespace kd::ui {

QString engineText(const kd::Text& text) {
  if (text.isValue()) return QString::fromStdString(text.value());
  const QString pattern = QCoreApplication::translate("kd::EngineText", text.pattern());
  std::vector<std::string> values;
  values.reserve(text.values().size());
  for (const kd::Text& v : text.values()) values.push_back(engineText(v).toStdString());
  // The engine's own filling: one pass, so a value's "%1" is never read as a place marker.
  return QString::fromStdString(kd::fillPattern(pattern.toStdString(), values));
}

}  // namespace kd::ui
