#pragma once
// nlohmann-json conversions shared by the engine's config readers and writers.
#include <initializer_list>
#include <nlohmann/json.hpp>

#include "kd/arch_spec.h"
#include "kd/text.h"

namespace kd {

nlohmann::json archToJsonValue(const ArchSpec& arch);
ArchSpec archFromJsonValue(const nlohmann::json& value);
nlohmann::json parseJson(const std::string& text, const Text& what);
// A whole text file; throws kd::Error "cannot open WHAT PATH" when it cannot be read.
std::string readTextFile(const std::string& path, const Text& what);

// Throws kd::Error for a key of `object` that is not in `known`, naming the closest known one
// (a typo must not silently keep a default).
void checkKeys(const nlohmann::json& object, std::initializer_list<const char*> known,
               const std::string& context);

// Checks the "version" of a workbench file against the newest version this build reads:
// files written before versions were recorded have none and are version 1; a newer or
// unknown version throws kd::Error naming `what` and the version.
void checkFormatVersion(const nlohmann::json& file, int newest, const Text& what);

// A setting's value as a message or summary writes it: "0.1", "8", "1e-05" (%g).
std::string shortNumber(double value);

// Reads key into out when present; a wrong type throws kd::Error naming `context.key`.
template <typename T>
void readOptional(const nlohmann::json& object, const char* key, T& out,
                  const std::string& context);

}  // namespace kd

#include "json_io_inl.h"
