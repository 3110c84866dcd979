// Trackers in layouts no built-in mapping names (tests/fixtures/unseen, made by its
// make_fixtures.py with the truth a careful reader extracts): each converts, with no mapping
// given, to exactly its truth, field by field.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "exporters/json/json_exporter.hpp"
#include "pipeline/convert.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kUnseen = fs::path(TRACKPORT_TEST_DIR) / "fixtures" / "unseen";

// Documents whose layout needs what trackport does not read yet, with the reason. They must
// still convert; their fields are not compared.
const std::map<std::string, std::string> kKnownGaps = {};

// Whitespace (a line break in a PDF cell is a space) and list bullets do not count.
std::string plain(std::string text) {
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

std::string text_of(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string joined;
    for (const auto& part : value) joined += text_of(part) + "\n";
    return joined;
  }
  return value.dump();
}

void compare_item(const nlohmann::json& truth, const nlohmann::json& item) {
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

}  // namespace

TEST_CASE("unseen layouts convert, with no mapping given, to what a careful reader extracts") {
  std::size_t compared = 0;
  for (const auto& entry : fs::directory_iterator(kUnseen)) {
    const auto name = entry.path().filename().string();
    if (!name.ends_with(".truth.json")) continue;
    const fs::path input =
        kUnseen / name.substr(0, name.size() - std::string(".truth.json").size());
    {
      INFO(input.filename().string());
      std::ifstream in(entry.path());
      const auto truth = nlohmann::json::parse(in).at("items");
      const auto document = trackport::document_to_json(trackport::convert_file(input, {}));
      const auto& items = document.at("items");
      const auto gap = kKnownGaps.find(input.stem().string());
      if (gap != kKnownGaps.end()) {
        WARN(input.filename().string() << ": fields not compared: " << gap->second);
        CHECK(items.size() >= truth.size());
        continue;
      }
      CHECK(items.size() == truth.size());
      if (items.size() != truth.size()) continue;
      for (std::size_t i = 0; i < truth.size(); ++i) {
        INFO("item " << i + 1);
        compare_item(truth[i], items[i]);
      }
      ++compared;
    }
  }
  CHECK(compared == 27);
}
