// Every kind of table a plan holds (tests/fixtures/structure, made by its make_fixtures.py with
// the truth a careful reader extracts): two-row headers, group rows at two levels, cards, keys,
// indicator tables with breakdowns, risk registers, an action plan with a progress table that
// refers back to it. Each converts, with no mapping given, to exactly its truth: the items, the
// indicators, the risks and the period, field by field, in docx, pdf and xlsx alike.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "exporters/json/json_exporter.hpp"
#include "pipeline/convert.hpp"
#include "support/truth_compare.hpp"

namespace fs = std::filesystem;
using trackport::testing::compare_item;
using trackport::testing::plain;
using trackport::testing::text_of;

namespace {

const fs::path kStructure = fs::path(TRACKPORT_TEST_DIR) / "fixtures" / "structure";

std::string field(const nlohmann::json& object, const char* name) {
  const auto it = object.find(name);
  return it == object.end() ? "" : plain(text_of(*it));
}

// "2010/11=74%" a target, in order.
std::vector<std::string> targets_of(const nlohmann::json& owner) {
  std::vector<std::string> targets;
  for (const auto& target : owner.at("targets"))
    targets.push_back(field(target, "period") + "=" + field(target, "value"));
  return targets;
}

void compare_indicator(const nlohmann::json& truth, const nlohmann::json& indicator) {
  for (const char* name : {"code", "title", "baseline"}) {
    INFO(name);
    CHECK(field(indicator, name) == field(truth, name));
  }
  CHECK(targets_of(indicator) == targets_of(truth));
  CHECK(indicator.at("breakdown").size() == truth.at("breakdown").size());
  if (indicator.at("breakdown").size() != truth.at("breakdown").size()) return;
  for (std::size_t i = 0; i < truth.at("breakdown").size(); ++i) {
    const auto& want = truth.at("breakdown")[i];
    const auto& got = indicator.at("breakdown")[i];
    INFO("area " << field(want, "area"));
    CHECK(field(got, "area") == field(want, "area"));
    CHECK(field(got, "baseline") == field(want, "baseline"));
    CHECK(targets_of(got) == targets_of(want));
  }
}

void compare_risk(const nlohmann::json& truth, const nlohmann::json& risk) {
  for (const char* name :
       {"ref", "description", "impact", "likelihood", "score", "mitigation", "owner"}) {
    INFO(name);
    CHECK(field(risk, name) == field(truth, name));
  }
  const std::string due = risk.at("due").is_null() ? "" : field(risk.at("due"), "raw");
  CHECK(due == field(truth, "due_raw"));
}

template <typename Compare>
void compare_all(const nlohmann::json& truth, const nlohmann::json& got, const char* what,
                 Compare compare) {
  INFO(what);
  CHECK(got.size() == truth.size());
  if (got.size() != truth.size()) return;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    INFO(what << " " << i + 1);
    compare(truth[i], got[i]);
  }
}

}  // namespace

TEST_CASE("every kind of table a plan holds converts, with no mapping, to what a reader extracts") {
  std::size_t compared = 0;
  for (const auto& entry : fs::directory_iterator(kStructure)) {
    const auto name = entry.path().filename().string();
    if (!name.ends_with(".truth.json")) continue;
    const fs::path input =
        kStructure / name.substr(0, name.size() - std::string(".truth.json").size());
    INFO(input.filename().string());
    std::ifstream in(entry.path());
    const auto truth = nlohmann::json::parse(in);
    const auto document = trackport::document_to_json(trackport::convert_file(input, {}));
    CHECK(field(document, "period") == field(truth, "period"));
    compare_all(truth.at("items"), document.at("items"), "item", compare_item);
    compare_all(truth.at("indicators"), document.at("indicators"), "indicator", compare_indicator);
    compare_all(truth.at("risks"), document.at("risks"), "risk", compare_risk);
    ++compared;
  }
  CHECK(compared == 36);  // 12 fixtures, each as docx, pdf and xlsx
}
