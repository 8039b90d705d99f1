#pragma once
// Docks folded away for a while, for one reason or more: presentation mode folds the
// experiment, log and runs docks; a demonstration's caption bar folds the log and runs docks
// (on a 720 px screen there is no room for both below the tabs). A dock comes back when the
// last reason that folded it ends, and only if it was shown before the first one began.
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

class QDockWidget;

namespace kd::ui {

class DockFolding : public QObject {  // a QObject for its parent, which owns it
 public:
  explicit DockFolding(QObject* parent = nullptr) : QObject(parent) {}

  void fold(const QString& reason, const QList<QDockWidget*>& docks);
  void unfold(const QString& reason);

 private:
  struct Fold {
    QSet<QString> reasons;
    bool wasShown = true;
  };
  QHash<QDockWidget*, Fold> folds_;
};

}  // namespace kd::ui
