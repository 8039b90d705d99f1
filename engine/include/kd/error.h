#pragma once
// The one exception type the engine throws for bad input or impossible settings.
// Its message is written for the user: the UI shows it as is, the CLI prints it and exits 2.
#include <stdexcept>
#include <string>

namespace kd {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace kd
