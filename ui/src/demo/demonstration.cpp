#include "demo/demonstration.h"

#include <QListView>
#include <QTabWidget>

#include "inspection/confusion_view.h"
#include "inspection/embedding_view.h"
#include "curves/curves_widget.h"
#include "inspection/inspection_panel.h"
#include "app/main_window.h"
#include "inspection/model_card.h"
#include "inspection/prediction_detail.h"
#include "inspection/prediction_model.h"

namespace kd::ui {
namespace {

constexpr int kPullover = 2;  // Fashion-MNIST's class 2

// The tab whose page is (or holds) `page`.
void showPage(MainWindow& w, QWidget* page) {
  for (int i = 0; i < w.tabs()->count(); ++i)
    if (w.tabs()->widget(i) == page || w.tabs()->widget(i)->isAncestorOf(page))
      w.tabs()->setCurrentIndex(i);
}

void showCurves(MainWindow& w) { showPage(w, w.curves()); }
void showModelCard(MainWindow& w) { showPage(w, w.modelCard()); }
void showEmbeddings(MainWindow& w) {
  w.inspection()->showImages({});  // the whole gallery again, for a choice on the maps
  showPage(w, w.embeddings());
}

// The Predictions tab on the first image the filters leave, softened at temperature t.
void showImageAt(MainWindow& w, double t) {
  showPage(w, w.inspection());
  QListView* gallery = w.inspection()->gallery();
  if (!gallery->currentIndex().isValid() && gallery->model()->rowCount() > 0)
    gallery->setCurrentIndex(gallery->model()->index(0, 0));
  w.inspection()->detail()->setTemperature(t);
}

// The same, with the plot the caption talks about (at T = 1, or softened) scrolled into view:
// on a 720 px screen the detail view shows the image and its Grad-CAM maps first.
void showPlotAt(MainWindow& w, double t, bool softened) {
  showImageAt(w, t);
  w.inspection()->revealInDetail(w.inspection()->detail()->barPlot(softened));
}

// The gallery of what the student has not learned yet, the first such image open.
void showStudentWrongTeacherRight(MainWindow& w) {
  w.inspection()->setFilterKind(GalleryFilter::kStudentWrongTeacherRight);
  showImageAt(w, 4.0);
}

Demonstration darkKnowledge() {
  Demonstration d;
  d.title = Demonstration::tr("&Dark knowledge: the temperature slider");
  d.summary = Demonstration::tr(
      "What a teacher's softened answers say beyond the right class: one image at T = 1, 4 "
      "and 20");
  d.experiment = kd::defaultExperiment();
  d.experiment.training.epochs = 5;  // the student only has to exist: this is about the teacher
  d.steps = {
      {Demonstration::tr(
           "The teacher, a resnet20 trained on all 60,000 images, gets 94.4% of the test images "
           "right. A small student trains for a few epochs beside it so that we can compare their "
           "answers. <i>Wait until the run has finished.</i>"),
       true, showCurves},
      {Demonstration::tr(
           "One pullover from the test set. At <b>T = 1</b> (the top plot) the teacher is almost "
           "certain: nearly all its probability is on one class, which is all a label says."),
       false,
       [](MainWindow& w) {
         w.inspection()->setTrueClass(kPullover);
         showPlotAt(w, 1.0, false);
       }},
      {Demonstration::tr(
           "The same answer <b>softened at T = 4</b> (the lower plot), the temperature the student "
           "learns at: the wrong classes now get visible probability. Which of them get the most?"),
       false, [](MainWindow& w) { showPlotAt(w, 4.0, true); }},
      {Demonstration::tr(
           "At <b>T = 20</b> the distribution is nearly flat, yet the wrong classes keep their "
           "order: the teacher has learned which classes look alike. This ranking is the "
           "<b>dark knowledge</b> a student copies and a label cannot give. Drag the slider."),
       false, [](MainWindow& w) { showPlotAt(w, 20.0, true); }},
      {Demonstration::tr(
           "The confusion matrices show the same similarities over all 10,000 test images: "
           "the teacher's mistakes fall between pullover, coat, shirt and T-shirt."),
       false, [](MainWindow& w) { showPage(w, w.confusion()); }},
  };
  return d;
}

Demonstration tinyStudent() {
  Demonstration d;
  d.title = Demonstration::tr("A &tiny student learns from a big teacher");
  d.summary = Demonstration::tr(
      "The built-in experiment: a student with 25 times fewer multiply-adds than its teacher, "
      "trained on 5,000 images with and without the teacher's soft answers");
  d.experiment = kd::defaultExperiment();
  d.baseline = true;
  d.steps = {
      {Demonstration::tr(
           "The student needs 25 times fewer multiply-adds than the teacher. It trains on only "
           "5,000 images, first on the teacher's soft answers and the labels (alpha 0.5, T 4), "
           "then "
           "once more on the labels alone: the <b>no-KD baseline</b>. Watch the test accuracy. "
           "<i>A minute or two.</i>"),
       true, showCurves},
      {Demonstration::tr(
           "The distilled student's test accuracy against the baseline's (the square markers). "
           "Over five seeds the distilled student was ahead every time, by 1.2 points on average "
           "(docs/results.md); a single run, like this one, can differ."),
       false, showCurves},
      {Demonstration::tr(
           "Size, speed and accuracy side by side: the teacher, the distilled student and the same "
           "student trained without the teacher."),
       false, showModelCard},
      {Demonstration::tr(
           "Where do they still disagree? The images the teacher gets right and the student does "
           "not: what the student has not learned (yet)."),
       false, showStudentWrongTeacherRight},
      {Demonstration::tr(
           "Inside the networks: each model's map of 2,000 test images (t-SNE of its last "
           "features), turned to match. Near points are images the model finds alike. On each "
           "of five seeds the distilled student's same-class retrieval (mAP) beat the "
           "baseline's, by 5.3 points on average (docs/results.md); one run can differ. Drag a "
           "rectangle to see those images in the gallery."),
       false, showEmbeddings},
  };
  return d;
}

Demonstration omittedClass() {
  Demonstration d;
  d.title = Demonstration::tr("A &class the student never saw");
  d.summary = Demonstration::tr(
      "Hinton's omitted-class experiment: the student never sees one class, learns it from the "
      "pretrained teacher's soft answers, and is compared with a student trained without them");
  d.experiment = kd::omittedClassExperiment();
  d.baseline = true;
  d.steps = {
      {Demonstration::tr(
           "The student never sees a single <b>ankle boot</b>: they are taken out of its training "
           "images. The teacher saw every class. Then the same student trains without the "
           "teacher, as a baseline. <i>A minute or two.</i>"),
       true, showCurves},
      {Demonstration::tr(
           "The hidden class in the Model card: the raw student almost never answers 'ankle boot' "
           "(nothing rewarded that answer), yet after raising one number, the class's output "
           "bias, it recognises most of them. The baseline, without the teacher, gets none."),
       false, showModelCard},
      {Demonstration::tr(
           "Every ankle boot of the test set. T is the teacher's answer, S the raw student's: what "
           "the student learned about ankle boots came from the teacher's soft answers on "
           "sneakers, sandals and the other classes."),
       false,
       [](MainWindow& w) {
         w.inspection()->setTrueClass(kd::kDemoHiddenClass);
         showImageAt(w, 20.0);
       }},
  };
  return d;
}

// A teacher's answers standing in for labels: 100 labelled images of the 5,000.
Demonstration fewLabels() {
  Demonstration d;
  d.title = Demonstration::tr("Only &100 labels");
  d.summary = Demonstration::tr(
      "100 labelled images and 4,900 without a label: the pretrained teacher labels the rest, "
      "against a student trained on the 100 labels alone");
  d.experiment = kd::defaultExperiment();
  d.experiment.data.labelled = 100;
  d.baseline = true;
  d.steps = {
      {Demonstration::tr(
           "Labels are costly; images are not. Of these 5,000 training images only <b>100 keep "
           "their label</b>, 10 of each class. The student learns those labels and the teacher's "
           "answers on all 5,000. Then the same student trains on the 100 labelled images alone, "
           "for as many steps: the <b>baseline</b>. <i>A minute or two.</i>"),
       true, showCurves},
      {Demonstration::tr(
           "The distilled student's test accuracy against the baseline's (the square markers). "
           "Over five seeds the distilled student reached 88.9% and the baseline 70.7% "
           "(docs/results.md); a single run, like this one, can differ."),
       false, showCurves},
      {Demonstration::tr(
           "The Model card says how many labels each student used. The teacher's answers on the "
           "4,900 images without a label were worth 18 points; with no label at all the "
           "student still reached 88.7%, with all 5,000 labels 88.1%."),
       false, showModelCard},
      {Demonstration::tr(
           "Where the student is still wrong and the teacher right: what more labels, or more "
           "images for the teacher to label, would teach."),
       false, showStudentWrongTeacherRight},
  };
  return d;
}

}  // namespace

std::vector<Demonstration> demonstrations() {
  std::vector<Demonstration> all{darkKnowledge(), tinyStudent(), omittedClass(), fewLabels()};
  // bf16 where the CPU has it: no accuracy lost over 5 seeds (docs/results.md, "Precision"), and
  // the class waits less (README, "Four demonstrations").
  for (Demonstration& d : all) d.experiment.precision = kd::Precision::kAuto;
  return all;
}

}  // namespace kd::ui
