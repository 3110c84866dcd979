// Mappings a team keeps: mapping folders, --mapping given twice, and `mappings suggest`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/sandbox.hpp"

namespace fs = std::filesystem;
using trackport::testing::Sandbox;

namespace {

const std::string kSample =
    fs::path(TRACKPORT_SOURCE_DIR) / "samples" / "sheffield-tracker-extract.csv";

// A team's mapping for the Sheffield layout: recognised by its own headers, it must win over the
// built-in sheffield-child-poverty mapping that also recognises them.
constexpr const char* kTeamMapping = R"(name: team-sheffield
recognise:
  required: ["What will we do?", "Status*"]
columns:
  - {header: "What will we do?", field: text}
  - {header: "Status*", field: rating, by: officer}
)";

std::string mapping_name(const std::string& json_text) {
  return nlohmann::json::parse(json_text).at(0).at("mapping").at("name").get<std::string>();
}

nlohmann::json items_of(const std::string& json_text) {
  return nlohmann::json::parse(json_text).at(0).at("items");
}

}  // namespace

TEST_CASE("cli: a kept mapping recognised by its recognise block wins over a built-in") {
  Sandbox box;
  box.write("team/sheffield.yaml", kTeamMapping);
  auto builtin = box.run("convert '" + kSample + "' -o - --format json --quiet");
  REQUIRE(builtin.status == 0);
  CHECK(mapping_name(builtin.out) == "sheffield-child-poverty");

  auto given = box.run("convert '" + kSample + "' -o - --format json --quiet --mappings team");
  REQUIRE(given.status == 0);
  CHECK(mapping_name(given.out) == "team-sheffield");
  // Its rules come first; the dictionary still places what it does not name.
  auto items = items_of(given.out);
  CHECK(items.at(0).at("assessments").at(0).at("by") == "officer");
  CHECK_FALSE(items.at(0).at("leads").empty());

  auto listed = box.run("convert '" + kSample + "' -o - --format json --quiet",
                        "TRACKPORT_MAPPINGS='" + box.path("team").string() + "'");
  CHECK(mapping_name(listed.out) == "team-sheffield");

  box.write(".config/trackport/mappings/sheffield.yaml", kTeamMapping);
  auto configured = box.run("convert '" + kSample + "' -o - --format json --quiet");
  CHECK(mapping_name(configured.out) == "team-sheffield");

  auto list = box.run("mappings list --mappings team");
  CHECK(list.status == 0);
  CHECK(list.out.find("team-sheffield") != std::string::npos);
  // By name, as --mapping and a trackport.yaml name built-in mappings.
  auto named = box.run("convert '" + kSample +
                       "' -o - --format json --quiet --mappings team --mapping team-sheffield");
  CHECK(named.status == 0);
}

TEST_CASE("cli: a bad kept mapping, a missing folder and --mapping twice are usage errors") {
  Sandbox box;
  box.write("team/broken.yaml", "name: broken\ncolumns:\n  - {header: X, field: nonsense}\n");
  auto broken = box.run("convert '" + kSample + "' -o out.json --mappings team");
  CHECK(broken.status == 2);
  CHECK(broken.err.find("broken.yaml:3:") != std::string::npos);
  CHECK_FALSE(fs::exists(box.path("out.json")));

  auto missing = box.run("convert '" + kSample + "' -o out.json --mappings no-such-folder");
  CHECK(missing.status == 2);
  CHECK(missing.err.find("no-such-folder") != std::string::npos);

  auto twice = box.run("convert '" + kSample + "' -o out.json --mapping generic --mapping generic");
  CHECK(twice.status == 2);
  CHECK(twice.err.find("--mapping is given twice") != std::string::npos);
}

TEST_CASE("cli: mappings suggest writes a mapping that check accepts and that converts the same") {
  Sandbox box;
  // A layout no mapping names: only the dictionary and the columns' content place it.
  box.write("plan.csv",
            "Ask,Who,Deadline,How are we doing,Colour,Budget\n"
            "Open two new family hubs in the north of the borough,Jane Smith,31/03/2025,"
            "Both sites have been agreed and the first opened in May 2024,Green,120\n"
            "Recruit twelve foster carers through the new campaign,Head of Fostering,Q4 2024/25,"
            "Seven carers have been approved so far and five are in assessment,Amber,45\n"
            "Reduce the number of young people not in education or training,Ali Khan,Mar-25,"
            "The rate has fallen to 4.1% but is still above the regional average,Red,300\n");
  auto suggest = box.run("mappings suggest plan.csv -o plan.yaml");
  REQUIRE(suggest.status == 0);
  const std::string yaml = Sandbox::slurp(box.path("plan.yaml"));
  CHECK(yaml.find("header: \"Ask\"  # content: 3 of 3 values are sentences") != std::string::npos);
  CHECK(yaml.find("field: text") != std::string::npos);
  CHECK(box.run("mappings check plan.yaml").status == 0);

  auto automatic = box.run("convert plan.csv -o - --format json --quiet");
  auto forced = box.run("convert plan.csv -o - --format json --quiet --mapping plan.yaml");
  REQUIRE(automatic.status == 0);
  REQUIRE(forced.status == 0);
  CHECK(items_of(automatic.out) == items_of(forced.out));
  CHECK(items_of(forced.out).at(0).at("progress") ==
        "Both sites have been agreed and the first opened in May 2024");
}

TEST_CASE("cli: --period and a folder's trackport.yaml set the reporting period") {
  Sandbox box;
  auto given =
      box.run("convert '" + kSample + "' -o - --format json --quiet --period 'Quarter two'");
  REQUIRE(given.status == 0);
  auto json = nlohmann::json::parse(given.out);
  REQUIRE(json.is_array());  // a .json output is always an array of documents
  CHECK(json.at(0).at("period") == "Quarter two");

  box.write("returns/trackport.yaml", "organisation: Sheffield City Council\nperiod: Q3 2013/14\n");
  fs::copy_file(kSample, box.path("returns/tracker.csv"));
  auto folder = box.run("convert returns -o - --format json --quiet");
  REQUIRE(folder.status == 0);
  CHECK(nlohmann::json::parse(folder.out).at(0).at("period") == "Q3 2013/14");
  // Given on the command line, it wins over the folder's.
  auto both = box.run("convert returns -o - --format json --quiet --period 'Q4 2013/14'");
  CHECK(nlohmann::json::parse(both.out).at(0).at("period") == "Q4 2013/14");
}
