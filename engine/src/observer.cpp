#include "kd/observer.h"

namespace kd {

const char* phaseName(Phase phase) { return phase == Phase::kTeacher ? "teacher" : "student"; }

Text phaseWord(Phase phase) { return phase == Phase::kTeacher ? Text("teacher") : Text("student"); }

void RunControl::pause() { pause_ = true; }

void RunControl::resume() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pause_ = false;
  }
  wake_.notify_all();
}

void RunControl::cancel() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cancel_ = true;
  }
  wake_.notify_all();
}

bool RunControl::waitWhilePaused() {
  if (pause_.load()) {
    std::unique_lock<std::mutex> lock(mutex_);
    holding_ = true;
    wake_.wait(lock, [this] { return !pause_.load() || cancel_.load(); });
    holding_ = false;
  }
  return !cancel_.load();
}

}  // namespace kd
