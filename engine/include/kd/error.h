#pragma once
// The one exception type the engine throws for bad input or impossible settings. Its message
// is written for the user as a Text (kd/text.h): what() is the English sentence the CLI prints
// before it exits 2; the window shows text() in its own language.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "kd/text.h"

namespace kd {

class Error : public std::runtime_error {
 public:
  template <std::size_t N>
  explicit Error(const char (&pattern)[N], std::vector<Text> values = {})
      : Error(Text(pattern, std::move(values))) {}
  explicit Error(Text text) : std::runtime_error(text.english()), text_(std::move(text)) {}
  // A sentence assembled from pieces cannot be translated: give a pattern and its values.
  explicit Error(const std::string&) = delete;

  const Text& text() const { return text_; }

 private:
  Text text_;
};

}  // namespace kd
