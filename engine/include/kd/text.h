#pragma once
// Words for the user that a window can show in its own language. A Text is an English pattern
// with place markers %1..%9 and the values that fill them ("the teacher file %1 does not exist"
// with the path). A pattern is a string literal, so Qt's lupdate finds it in the engine's code
// (scripts/update-translations.sh); a value is either shown as it is (any std::string: a path,
// a number, a name) or is itself a Text, a phrase translated in its turn. The engine never
// translates: english() is what kdtrain prints and what Error::what() says.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace kd {

class Text {
 public:
  template <std::size_t N>
  explicit Text(const char (&pattern)[N], std::vector<Text> values = {})
      : pattern_(pattern), values_(std::move(values)) {}
  Text(std::string value) : value_(std::move(value)) {}  // NOLINT: a value, shown as is

  bool isValue() const { return pattern_ == nullptr; }
  const char* pattern() const { return pattern_; }  // null for a value
  const std::string& value() const { return value_; }
  const std::vector<Text>& values() const { return values_; }
  std::string english() const;

 private:
  const char* pattern_ = nullptr;
  std::string value_;
  std::vector<Text> values_;
};

// The pattern with each %N (1..9) replaced by values[N-1], in one pass: a value's own "%1"
// stays as it is, and so does a marker without a value.
std::string fillPattern(const std::string& pattern, const std::vector<std::string>& values);

}  // namespace kd
