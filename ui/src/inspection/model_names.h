#pragma once
// What the inspection views call each model: in full as a map's title ("Distilled student"),
// briefly in rows and labels ("Student"). One place, so every view names them alike.
#include <QString>

#include "kd/inspection.h"

namespace kd::ui {

QString modelTitle(kd::InspectedModel model, bool brief);

}  // namespace kd::ui
