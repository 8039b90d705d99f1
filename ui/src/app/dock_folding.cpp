#include "app/dock_folding.h"

#include <QDockWidget>

namespace kd::ui {

void DockFolding::fold(const QString& reason, const QList<QDockWidget*>& docks) {
  for (QDockWidget* dock : docks) {
    auto found = folds_.find(dock);
    if (found == folds_.end()) found = folds_.insert(dock, Fold{{}, !dock->isHidden()});
    found->reasons.insert(reason);
    dock->hide();
  }
}

void DockFolding::unfold(const QString& reason) {
  for (auto it = folds_.begin(); it != folds_.end();) {
    it->reasons.remove(reason);
    if (!it->reasons.isEmpty()) {
      ++it;
      continue;
    }
    if (it->wasShown) it.key()->show();
    it = folds_.erase(it);
  }
}

}  // namespace kd::ui
