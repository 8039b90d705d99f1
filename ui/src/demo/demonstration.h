#pragma once
// The Demo menu's guided demonstrations: each sets up an experiment with the bundled,
// pretrained teacher, runs it (3 minutes or less on 2 CPU cores), and walks the class through
// captions the presenter advances; each caption puts the window in the state it talks about
// (a tab, a filter, a temperature). docs/user-guide.md follows the same steps.
#include <QCoreApplication>
#include <QString>
#include <functional>
#include <vector>

#include "kd/experiment.h"

namespace kd::ui {

class MainWindow;

struct DemoStep {
  QString caption;           // rich text, read aloud or from the projector
  bool waitsForRun = false;  // Next stays disabled until the run (and baseline) finished
  std::function<void(MainWindow&)> show;  // the window state the caption describes
};

struct Demonstration {
  QString title;    // the Demo menu's entry, with its mnemonic
  QString summary;  // its tooltip
  kd::ExperimentConfig experiment;
  bool baseline = false;  // also train the no-KD baseline after the distillation
  std::vector<DemoStep> steps;
  Q_DECLARE_TR_FUNCTIONS(kd::ui::Demonstration)  // leaves the rest private: keep it last
};

// In the Demo menu's order: the temperature slider, a tiny student against its baseline, the
// class the student never saw, 100 labels.
std::vector<Demonstration> demonstrations();

}  // namespace kd::ui
