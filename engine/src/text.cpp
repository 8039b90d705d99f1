#include "kd/text.h"

namespace kd {

std::string fillPattern(const std::string& pattern, const std::vector<std::string>& values) {
  std::string out;
  out.reserve(pattern.size());
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char next = i + 1 < pattern.size() ? pattern[i + 1] : '\0';
    const std::size_t index = static_cast<std::size_t>(next - '1');
    if (pattern[i] == '%' && next >= '1' && next <= '9' && index < values.size()) {
      out += values[index];
      ++i;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

std::string Text::english() const {
  if (isValue()) return value_;
  std::vector<std::string> filled;
  filled.reserve(values_.size());
  for (const Text& v : values_) filled.push_back(v.english());
  return fillPattern(pattern_, filled);
}

}  // namespace kd
