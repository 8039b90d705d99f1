#pragma once
// Whether a teacher from a file knows this run's data. A checkpoint records the classes it was
// trained for: other classes are refused, although every shape may fit (a Fashion-MNIST
// teacher on MNIST digits). TorchScript and state_dict teachers record none: one no better than
// chance on the test set is refused after its first evaluation. teacher.allow_other_data lets
// either teach on purpose; the run's summary then says what the teacher knows.
#include <cstdint>
#include <string>
#include <vector>

namespace kd {

// Returns "" when the classes match (or the teacher records none), else what the summary
// records: "SOURCE: class, class, ...". Throws kd::Error unless `allow`.
std::string checkTeacherClasses(const std::string& file, const std::string& trainedOn,
                                const std::vector<std::string>& teacherClasses,
                                const std::string& source, const std::vector<std::string>& classes,
                                bool allow);

// The highest accuracy a teacher that guesses would reach by luck on `testImages` images of
// `classes` classes: chance plus five of its standard errors (a guesser passes it with odds
// under 1 in 3 million), at least one point.
double chanceBar(int classes, int64_t testImages);

// Returns "" when `accuracy` is above chanceBar, else "chance" (for the summary). Throws
// kd::Error unless `allow`.
std::string checkTeacherAboveChance(const std::string& file, double accuracy, int classes,
                                    int64_t testImages, bool allow);

}  // namespace kd
