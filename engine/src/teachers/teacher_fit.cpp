#include "teachers/teacher_fit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "kd/error.h"

namespace kd {
namespace {

std::string classList(const std::vector<std::string>& classes) {
  std::string out;
  for (size_t i = 0; i < classes.size() && i < 5; ++i) out += (i ? ", " : "") + classes[i];
  return classes.size() > 5 ? out + " (" + std::to_string(classes.size()) + " in all)" : out;
}

std::string percent(double fraction) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f%%", 100 * fraction);
  return text;
}

}  // namespace

std::string checkTeacherClasses(const std::string& file, const std::string& trainedOn,
                                const std::vector<std::string>& teacherClasses,
                                const std::string& source, const std::vector<std::string>& classes,
                                bool allow) {
  if (teacherClasses.empty() || teacherClasses == classes) return "";
  const std::string known =
      (trainedOn.empty() ? "" : trainedOn + ": ") + classList(teacherClasses);
  if (!allow)
    throw Error(
        "the teacher %1 was trained on %2; this dataset, %3, has %4. A teacher of other classes "
        "passes on answers about other things: choose one trained on this dataset, or allow it "
        "on purpose (teacher.allow_other_data, kdtrain --teacher-other-data)",
        {file, known, source, classList(classes)});
  return known;
}

double chanceBar(int classes, int64_t testImages) {
  const double chance = 1.0 / classes;
  const double standardError = std::sqrt(chance * (1 - chance) / double(testImages));
  return chance + std::max(0.01, 5 * standardError);
}

std::string checkTeacherAboveChance(const std::string& file, double accuracy, int classes,
                                    int64_t testImages, bool allow) {
  const double bar = chanceBar(classes, testImages);
  if (accuracy > bar) return "";
  if (!allow)
    throw Error(
        "the teacher %1 gets %2 of this dataset's test images right, no better than chance (%3 "
        "for %4 classes; up to %5 by luck on %6 images): it was likely trained on other data, or "
        "it expects its input prepared otherwise (normalisation, channel order, image size). "
        "Allow it on purpose with teacher.allow_other_data (kdtrain --teacher-other-data)",
        {file, percent(accuracy), percent(1.0 / classes), std::to_string(classes), percent(bar),
         std::to_string(testImages)});
  return "chance";
}

}  // namespace kd
