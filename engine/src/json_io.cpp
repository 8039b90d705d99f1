#include "json_io.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "kd/error.h"

namespace kd {

std::string readTextFile(const std::string& path, const Text& what) {
  std::ifstream in(path);
  if (!in) throw Error("cannot open %1 %2", {what, path});
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

size_t editDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

void checkFormatVersion(const nlohmann::json& file, int newest, const Text& what) {
  const auto v = file.find("version");
  if (v == file.end()) return;
  if (!v->is_number_integer() || v->get<int64_t>() < 1)
    throw Error("%1 has an unknown format version %2", {what, v->dump()});
  if (v->get<int64_t>() > newest)
    throw Error(
        "%1 was written by a newer KD Workbench (format version %2; this build reads up to "
        "version %3)",
        {what, v->dump(), std::to_string(newest)});
}

void checkKeys(const nlohmann::json& object, std::initializer_list<const char*> known,
               const std::string& context) {
  if (!object.is_object()) return;  // readOptional reports the wrong type
  for (const auto& item : object.items()) {
    const std::string& key = item.key();
    if (std::any_of(known.begin(), known.end(), [&](const char* k) { return key == k; })) continue;
    const char* closest = *std::min_element(known.begin(), known.end(), [&](auto a, auto b) {
      return editDistance(key, a) < editDistance(key, b);
    });
    throw Error("unknown key \"%1\"; did you mean \"%2\"?",
                {context + "." + key, std::string(closest)});
  }
}

std::string shortNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace kd
