#pragma once
// Loads a finished run's inspection (both models on the whole test set, a few seconds) off the
// GUI thread (BackgroundTask), so the window stays responsive. The destructor waits for a
// load in flight.
#include <QObject>
#include <QString>
#include <memory>

#include "app/background_task.h"
#include "kd/inspection.h"

Q_DECLARE_METATYPE(std::shared_ptr<kd::RunInspector>)

namespace kd::ui {

class InspectionLoader : public QObject {
  Q_OBJECT

 public:
  explicit InspectionLoader(QObject* parent = nullptr);
  void load(const QString& runDir);  // a newer request replaces the older one's result
  bool busy() const { return task_.busy(); }

 Q_SIGNALS:
  void loaded(std::shared_ptr<kd::RunInspector> inspector, const QString& runDir);
  void failed(const QString& error, const QString& runDir);
  void idle();  // no load running or waiting

 private:
  BackgroundTask task_;
};

}  // namespace kd::ui
