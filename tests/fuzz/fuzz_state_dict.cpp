// libFuzzer target over the state_dict reader: any input must load or fail with kd::Error.
// Built with clang, -fsanitize=fuzzer,address,undefined (scripts/run-fuzz.sh).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "kd/error.h"
#include "interop/state_dict_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<char> bytes(data, data + size);
  try {
    kd::readStateDict(bytes, "input");
  } catch (const kd::Error&) {
    // A clear refusal is the expected outcome for most inputs.
  }
  return 0;
}
