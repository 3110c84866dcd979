// trackport diff as a user runs it: two versions of a small tracker, edited by hand.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/sandbox.hpp"

namespace fs = std::filesystem;
using trackport::testing::Run;
using trackport::testing::Sandbox;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::string kHeader = "Ref,Priority,Action,Lead,Due,Status,Progress\n";
const std::string kQ1 =
    kHeader +
    "1.1,Health,Reduce the proportion of adults who drink above recommended levels,Anna Brook,"
    "Mar 2025,Amber,Campaign planned\n"
    "1.2,Health,Cut smoking in pregnancy through the stop smoking service,Sam Lee,Jun 2025,Green,"
    "On track\n"
    "2.1,Housing,Build 500 affordable homes on council land,Jo Khan,Dec 2026,Green,Sites found\n"
    "2.2,Housing,Bring 200 empty homes back into use,Jo Khan,Mar 2026,Red,Behind\n"
    "3.1,Economy,Increase the number of apprenticeships offered by the council,Ali Shah,Sep 2025,"
    "Amber,Recruiting\n";

// Q1 with 1.1 Amber -> Red, 2.2 Red -> Amber, and 2.1's text edited.
std::string edited_q1() {
  std::string text = kQ1;
  auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace("Mar 2025,Amber", "Mar 2025,Red");
  replace("Mar 2026,Red", "Mar 2026,Amber");
  replace("Build 500 affordable homes", "Build 600 affordable homes");
  return text;
}

}  // namespace

TEST_CASE("cli diff: reports exactly the edited statuses and text") {
  Sandbox box;
  box.write("q1.csv", kQ1);
  box.write("q2.csv", edited_q1());
  auto run = box.run("diff q1.csv q2.csv");
  INFO(run.out << run.err);
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  const auto lines = lines_of(run.out);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "q1.csv (5 items) → q2.csv (5 items): 5 matched");
  // Worst first: the item now Red before the one now Amber.
  CHECK(lines[1].starts_with("Amber → Red  "));
  CHECK(contains(lines[1], " 1.1 "));
  CHECK(contains(lines[1], "Reduce the proportion of adults who drink above recommended levels"));
  CHECK(lines[2].starts_with("Red → Amber  "));
  CHECK(contains(lines[2], " 2.2 "));
  CHECK(contains(lines[2], "Bring 200 empty homes back into use"));
  CHECK(lines[3] ==
        "changes: 2 status, 0 new, 0 dropped, 0 lead, 0 due, 1 text (--all lists them); "
        "0 progress updates");
}

TEST_CASE("cli diff: --all lists the text change with both versions") {
  Sandbox box;
  box.write("q1.csv", kQ1);
  box.write("q2.csv", edited_q1());
  auto run = box.run("diff q1.csv q2.csv --all");
  INFO(run.out << run.err);
  CHECK(run.status == 0);
  const auto lines = lines_of(run.out);
  auto heading = std::find(lines.begin(), lines.end(), "text changed:");
  REQUIRE(std::distance(heading, lines.end()) >= 4);
  CHECK(contains(heading[1], "2.1"));
  CHECK(heading[2] == "    was: Build 500 affordable homes on council land");
  CHECK(heading[3] == "    now: Build 600 affordable homes on council land");
  CHECK_FALSE(contains(run.out, "assessment changed"));
}

TEST_CASE("cli diff: new, dropped, lead and due changes are listed") {
  Sandbox box;
  box.write("q1.csv", kQ1);
  std::string q2 = kHeader +
                   "1.1,Health,Reduce the proportion of adults who drink above recommended levels,"
                   "Sam Lee,Mar 2025,Amber,Campaign planned\n"
                   "1.2,Health,Cut smoking in pregnancy through the stop smoking service,Sam Lee,"
                   "Sep 2025,Green,On track\n"
                   "2.1,Housing,Build 500 affordable homes on council land,Jo Khan,Dec 2026,Green,"
                   "Sites found\n"
                   "2.2,Housing,Bring 200 empty homes back into use,Jo Khan,Mar 2026,Red,Behind\n"
                   "4.1,Economy,Open two family hubs,Ali Shah,Sep 2025,Green,Open\n";
  box.write("q2.csv", q2);
  auto run = box.run("diff q1.csv q2.csv");
  INFO(run.out << run.err);
  CHECK(run.status == 0);
  const auto lines = lines_of(run.out);
  auto after = [&](const std::string& heading) {
    auto found = std::find(lines.begin(), lines.end(), heading);
    REQUIRE(std::distance(found, lines.end()) >= 2);
    return found[1];
  };
  CHECK(contains(after("new:"), "Green"));
  CHECK(contains(after("new:"), "4.1"));
  CHECK(contains(after("new:"), "Open two family hubs"));
  CHECK(contains(after("dropped:"), "Amber"));
  CHECK(contains(after("dropped:"), "3.1"));
  CHECK(contains(after("lead changed:"), "1.1"));
  CHECK(contains(after("due changed:"), "1.2"));
  CHECK(contains(run.out, "    Anna Brook → Sam Lee\n"));
  CHECK(contains(run.out, "    Jun 2025 → Sep 2025\n"));
  CHECK(contains(run.out, "changes: 0 status, 1 new, 1 dropped, 1 lead, 1 due, 0 text;"));
}

TEST_CASE("cli diff: -o writes the changes as a workbook or as JSON, nothing half-written") {
  Sandbox box;
  box.write("q1.csv", kQ1);
  box.write("q2.csv", edited_q1());
  auto workbook = box.run("diff q1.csv q2.csv -o changes.xlsx");
  CHECK(workbook.status == 0);
  CHECK(fs::file_size(box.path("changes.xlsx")) > 1000);
  CHECK(Sandbox::slurp(box.path("changes.xlsx")).starts_with("PK"));

  auto json_run = box.run("diff q1.csv q2.csv -o changes.json");
  CHECK(json_run.status == 0);
  const auto json = nlohmann::json::parse(Sandbox::slurp(box.path("changes.json")));
  CHECK(json["counts"]["status"] == 2);
  CHECK(json["counts"]["text"] == 1);
  CHECK(json["counts"]["new"] == 0);
  REQUIRE(json["changes"].size() == 3);
  CHECK(json["changes"][0]["new_item"]["ref"] == "1.1");
  CHECK(json["changes"][0]["new"] == "red");
  CHECK(json["changes"][1]["new_item"]["ref"] == "2.2");
  CHECK(json["changes"][2]["change"] == "text");
  CHECK(json["changes"][2]["new"] == "Build 600 affordable homes on council land");
  CHECK(box.files() ==
        std::vector<std::string>{"changes.json", "changes.xlsx", "q1.csv", "q2.csv"});
}

TEST_CASE("cli diff: an unreadable input exits 1 naming it; usage errors exit 2") {
  Sandbox box;
  box.write("q1.csv", kQ1);
  auto missing = box.run("diff q1.csv no-such.csv -o out.xlsx");
  CHECK(missing.status == 1);
  CHECK(missing.err == "trackport: no-such.csv: no such file\n");
  CHECK_FALSE(fs::exists(box.path("out.xlsx")));
  for (const char* arguments :
       {"diff", "diff q1.csv", "diff q1.csv q1.csv q1.csv", "diff q1.csv q1.csv -o out.docx",
        "diff q1.csv q1.csv --frob", "diff q1.csv q1.csv -m no-such-mapping"}) {
    INFO(arguments);
    auto run = box.run(arguments);
    CHECK(run.status == 2);
    CHECK(run.err.starts_with("trackport: "));
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  }
  CHECK(box.run("diff --help").status == 0);
}

TEST_CASE("cli diff: a file against itself has no changes and exits 0") {
  Sandbox box;
  box.write("q1.csv", kQ1);
  auto run = box.run("diff q1.csv q1.csv");
  CHECK(run.status == 0);
  CHECK(lines_of(run.out).size() == 2);
  CHECK(contains(run.out, "changes: 0 status, 0 new, 0 dropped, 0 lead, 0 due, 0 text; "));
}

TEST_CASE("cli diff: documents in a database and trackport JSON compare like their sources") {
  Sandbox box;
  box.write("q1.csv", kQ1);
  box.write("q2.csv", edited_q1());
  REQUIRE(box.run("convert q1.csv -o tracker.sqlite --quiet").status == 0);
  REQUIRE(box.run("convert q2.csv -o tracker.sqlite --quiet").status == 0);
  REQUIRE(box.run("convert q1.csv -o q1.json --quiet").status == 0);
  const auto from_files = lines_of(box.run("diff q1.csv q2.csv").out);
  REQUIRE(from_files.size() == 4);

  auto from_database = box.run("diff tracker.sqlite:q1.csv tracker.sqlite:q2.csv");
  INFO(from_database.out << from_database.err);
  CHECK(from_database.status == 0);
  CHECK(lines_of(from_database.out) == from_files);

  auto from_json = box.run("diff q1.json q2.csv");
  CHECK(from_json.status == 0);
  CHECK(lines_of(from_json.out) == from_files);

  auto unknown = box.run("diff tracker.sqlite:q1.csv tracker.sqlite:q3.csv");
  CHECK(unknown.status == 1);
  CHECK(unknown.err.starts_with("trackport: tracker.sqlite:q3.csv: "));
  CHECK(std::count(unknown.err.begin(), unknown.err.end(), '\n') == 1);
  // Two documents: which one is meant?
  auto ambiguous = box.run("diff tracker.sqlite q2.csv");
  CHECK(ambiguous.status == 1);
  CHECK(ambiguous.err.starts_with("trackport: tracker.sqlite: holds 2 documents"));
}

TEST_CASE("cli diff: an edited tracker reports exactly its edits, in any format") {
  // samples/ holds the same Sheffield plan as a styled workbook and as Word-exported HTML.
  const fs::path samples = fs::path(TRACKPORT_SOURCE_DIR) / "samples";
  Sandbox box;
  std::string html = Sandbox::slurp(samples / "sheffield-tracker-word.html");
  auto replace_first = [&](const std::string& from, const std::string& to) {
    const auto at = html.find(from);
    REQUIRE(at != std::string::npos);
    html.replace(at, from.size(), to);
  };
  // The first Amber item (the checklist and toolkit), then the first Green item (support key
  // services), read from the HTML by hand, and one text.
  replace_first(R"(background:#FFC000">Amber</td>)", R"(background:#FF0000">Red</td>)");
  replace_first(R"(background:#00B050">Green</td>)", R"(background:#FFC000">Amber</td>)");
  replace_first("offer child care to the parents", "offer free child care to the parents");
  box.write("q2.html", html);

  // The same plan as a spreadsheet, then as the very HTML that was edited.
  for (const char* old_file : {"sheffield-tracker-styled.xlsx", "sheffield-tracker-word.html"}) {
    INFO(old_file);
    auto run = box.run("diff '" + (samples / old_file).string() + "' q2.html --all");
    INFO(run.out << run.err);
    CHECK(run.status == 0);
    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() == 8);
    CHECK(lines[0].ends_with(" (12 items) → q2.html (12 items): 12 matched"));
    CHECK(lines[1].starts_with("Amber → Red  "));
    CHECK(contains(lines[1], "establish a checklist and accompanying toolkit"));
    CHECK(lines[2].starts_with("Green → Amber  "));
    CHECK(contains(lines[2], "support key services and organisations"));
    CHECK(lines[3] == "text changed:");
    CHECK(contains(lines[5], "was: • offer child care to the parents"));
    CHECK(contains(lines[6], "now: • offer free child care to the parents"));
    CHECK(lines[7] ==
          "changes: 2 status, 0 new, 0 dropped, 0 lead, 0 due, 1 text; 0 progress updates");
  }
}
