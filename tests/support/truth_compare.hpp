// Comparing a converted document's JSON with a fixture's truth (a make_fixtures.py writes it: the
// items, indicators and risks a careful reader extracts), field by field.
#pragma once

#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace trackport::testing {

// Whitespace (a line break in a PDF cell is a space) and list bullets do not count.
inline std::string plain(std::string text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (text.compare(i, 3, "\u2022") == 0) {  // "•"
      i += 2;
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

inline std::string text_of(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string joined;
    for (const auto& part : value) joined += text_of(part) + "\n";
    return joined;
  }
  return value.dump();
}

inline void compare_item(const nlohmann::json& truth, const nlohmann::json& item) {
  for (const char* field : {"theme", "objective", "category", "ref", "text", "measure", "leads",
                            "partners", "progress", "status", "mitigation", "comments"}) {
    INFO(field);
    CHECK(plain(text_of(item.at(field))) == plain(text_of(truth.at(field))));
  }
  const std::string due = item.at("due").is_null() ? "" : text_of(item.at("due").at("raw"));
  CHECK(plain(due) == plain(text_of(truth.at("due_raw"))));
  // The assessments that rate, with who gave them and how they were read.
  std::vector<std::string> want, got;
  for (const auto& a : truth.at("assessments")) {
    want.push_back(text_of(a.at("by")) + "|" + text_of(a.at("rating")) + "|" +
                   text_of(a.at("from")));
  }
  for (const auto& a : item.at("assessments")) {
    if (a.at("rating") == "none") continue;
    got.push_back(text_of(a.at("by")) + "|" + text_of(a.at("rating")) + "|" +
                  text_of(a.at("from")));
  }
  CHECK(got == want);
  std::map<std::string, std::string> extra_want, extra_got;
  for (const auto& [header, value] : truth.at("extra").items()) extra_want[header] = plain(value);
  for (const auto& [header, value] : item.at("extra").items()) extra_got[header] = plain(value);
  CHECK(extra_got == extra_want);
}

}  // namespace trackport::testing
