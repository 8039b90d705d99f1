#pragma once
// A finished run in the inspection tabs: its predictions loaded off the GUI thread, then handed
// to the Predictions gallery (with its recorded epochs when opened from disk), the confusion
// matrices, the Model card and the Embeddings tab; a confusion cell chosen, or images chosen on
// the maps, filter the gallery, and the gallery's image is marked on the maps.
#include <QObject>
#include <QString>
#include <memory>

#include "app/background_task.h"

namespace kd {
class RunInspector;
}

namespace kd::ui {

class ConfusionView;
class EmbeddingView;
class InspectionLoader;
class InspectionPanel;
class ModelCard;

class RunInspection : public QObject {
  Q_OBJECT

 public:
  RunInspection(InspectionPanel* predictions, ConfusionView* confusion, ModelCard* card,
                EmbeddingView* embeddings, QObject* parent = nullptr);

  // Loads `runDir` into the tabs; a newer request replaces an older one's result.
  void inspect(const QString& runDir);
  // Empties the tabs for a new run.
  void clear();
  bool loading() const;
  // The run last asked for is in the tabs.
  bool inspected() const { return inspected_; }
  // The run folder gained its no-KD baseline: its map and figures join the others.
  void baselineAdded();

 Q_SIGNALS:
  void log(const QString& text);
  void inspectedChanged();
  void failed(const QString& error);  // the run last asked for could not be loaded
  void idle();                        // no load running or waiting
  void cellChosen();                  // a confusion cell filtered the gallery

 private:
  void loaded(std::shared_ptr<kd::RunInspector> inspector, const QString& runDir);
  void computeRepresentation();

  InspectionPanel* predictions_;
  ConfusionView* confusion_;
  ModelCard* card_;
  EmbeddingView* embeddings_;
  InspectionLoader* loader_;
  std::shared_ptr<kd::RunInspector> inspector_;  // of the run in the tabs
  BackgroundTask representationTask_;
  QString runDir_;  // the run whose inspection was asked for last
  bool inspected_ = false;
};

}  // namespace kd::ui
