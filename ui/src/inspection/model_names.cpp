#include "inspection/model_names.h"

#include <QCoreApplication>

namespace kd::ui {

QString modelTitle(kd::InspectedModel model, bool brief) {
  switch (model) {
    case kd::InspectedModel::kTeacher:
      return QCoreApplication::translate("kd::ui::ModelNames", "Teacher");
    case kd::InspectedModel::kStudent:
      return brief ? QCoreApplication::translate("kd::ui::ModelNames", "Student")
                   : QCoreApplication::translate("kd::ui::ModelNames", "Distilled student");
    case kd::InspectedModel::kBaseline:
      return brief ? QCoreApplication::translate("kd::ui::ModelNames", "Baseline")
                   : QCoreApplication::translate("kd::ui::ModelNames", "No-KD baseline");
  }
  return {};
}

}  // namespace kd::ui
