#include "inspection/run_inspection.h"

#include "inspection/confusion_view.h"
#include "inspection/embedding_view.h"
#include "inspection/image_insides.h"
#include "inspection/inspection_loader.h"
#include "inspection/inspection_panel.h"
#include "inspection/model_card.h"
#include "inspection/representation_view.h"

namespace kd::ui {
namespace {

// Every model's attention maps (none where its layout is unknown) and nearest images.
std::vector<ModelInsides> insidesOf(kd::RunInspector& inspector, int64_t image) {
  std::vector<ModelInsides> insides;
  for (kd::InspectedModel model : inspector.embeddedModels()) {
    ModelInsides& m = insides.emplace_back();
    m.model = model;
    m.attention = inspector.attentionMaps(model, image);
    m.nearest = inspector.nearestImages(model, image, ImageInsides::kNearest);
  }
  return insides;
}

}  // namespace

RunInspection::RunInspection(InspectionPanel* predictions, ConfusionView* confusion,
                             ModelCard* card, EmbeddingView* embeddings, QObject* parent)
    : QObject(parent),
      predictions_(predictions),
      confusion_(confusion),
      card_(card),
      embeddings_(embeddings),
      loader_(new InspectionLoader(this)) {
  connect(predictions_, &InspectionPanel::predictionsChanged, this,
          [this] { confusion_->setPredictions(*predictions_->model()); });
  connect(confusion_, &ConfusionView::cellChosen, this, [this](kd::Role role, int t, int p) {
    predictions_->showCell(role, t, p);
    Q_EMIT cellChosen();
  });
  connect(embeddings_, &EmbeddingView::imagesChosen, predictions_, &InspectionPanel::showImages);
  connect(predictions_, &InspectionPanel::imageShown, embeddings_, &EmbeddingView::markImage);
  connect(loader_, &InspectionLoader::loaded, this, &RunInspection::loaded);
  connect(loader_, &InspectionLoader::idle, this, &RunInspection::idle);
  connect(loader_, &InspectionLoader::failed, this,
          [this](const QString& error, const QString& dir) {
            if (dir != runDir_) return;
            Q_EMIT log(tr("Cannot inspect %1: %2").arg(dir, error));
            Q_EMIT failed(error);
          });
}

bool RunInspection::loading() const { return loader_->busy(); }

void RunInspection::clear() {
  predictions_->clear();
  card_->clear();
  embeddings_->clear();
  inspector_.reset();
  runDir_.clear();
  inspected_ = false;
  Q_EMIT inspectedChanged();
}

void RunInspection::inspect(const QString& runDir) {
  runDir_ = runDir;
  Q_EMIT log(tr("Computing both models' predictions on every test image of %1\u2026").arg(runDir));
  loader_->load(runDir);
}

void RunInspection::loaded(std::shared_ptr<kd::RunInspector> inspector, const QString& runDir) {
  if (runDir != runDir_) return;  // a newer run was asked for meanwhile
  // The predictions share the inspector's lifetime; Grad-CAM runs on it on demand.
  PredictionsPtr data(inspector, &inspector->data());
  if (predictions_->snapshots() == 0)  // a run opened from disk: its recorded epochs
    for (const kd::Predictions& probe : inspector->probes())
      predictions_->addProbe(PredictionsPtr(inspector, &probe));
  predictions_->setFinal(
      data,
      [inspector](kd::Role role, int64_t image, int c) {
        return inspector->gradCam(role, image, c);
      },
      [inspector](int64_t image) { return insidesOf(*inspector, image); });
  card_->setRun(*data);
  inspector_ = inspector;
  computeRepresentation();
  embeddings_->setRun(data, [inspector](const kd::EmbeddingMapRequest& request,
                                        const std::function<bool(int, int)>& step) {
    return inspector->embeddingMaps(request, step);
  });
  card_->setHiddenClasses(inspector->hiddenClasses());
  card_->setTeacherTrainedOn(QString::fromStdString(inspector->teacherTrainedOn()));
  card_->setLabelsUsed(inspector->summary().labelsUsed, inspector->summary().transferImages);
  card_->setPrecision(QString::fromStdString(inspector->summary().precision),
                      QString::fromStdString(inspector->summary().cpuFeatures));
  std::vector<int> hidden;
  for (const auto& h : inspector->hiddenClasses()) hidden.push_back(h.classIndex);
  predictions_->setHiddenClasses(hidden);
  Q_EMIT log(tr("Predictions of both models on all %1 test images are in the Predictions tab "
                "(Ctrl+2).")
                 .arg(data->count));
  inspected_ = true;
  Q_EMIT inspectedChanged();
}

void RunInspection::computeRepresentation() {
  if (!inspector_) return;
  RepresentationView* view = card_->representation();
  view->setComputing();
  representationTask_.run(
      [this, inspector = inspector_, view]() -> std::function<void()> {
        kd::RepresentationReport report = inspector->representation();
        return [this, inspector, view, report] {
          if (inspector == inspector_) view->setReport(report);  // still the run in the tabs
        };
      },
      [this, inspector = inspector_, view](const QString& error) {
        if (inspector == inspector_) view->setFailed(error);
      });
}

void RunInspection::baselineAdded() {
  computeRepresentation();
  embeddings_->refresh();
}

}  // namespace kd::ui
