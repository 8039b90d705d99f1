#pragma once
#include "kd/error.h"

namespace kd {

template <typename T>
void readOptional(const nlohmann::json& object, const char* key, T& out,
                  const std::string& context) {
  auto it = object.find(key);
  if (it == object.end()) return;
  try {
    out = it->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw Error("%1 has the wrong type: %2", {context + "." + key, it->dump()});
  }
}

}  // namespace kd
