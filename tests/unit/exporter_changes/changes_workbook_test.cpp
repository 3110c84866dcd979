// The changes workbook and JSON, read back independently of the code that wrote them.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

#include "compare/compare.hpp"
#include "exporters/changes/changes_json.hpp"
#include "exporters/changes/changes_workbook.hpp"
#include "xlsx_reader.hpp"

using namespace trackport;
namespace fs = std::filesystem;

namespace {

Item item(std::string ref, std::string text, Rating status, std::string sheet, std::string cells) {
  Item made;
  made.id = "item-" + ref;
  made.ref = std::move(ref);
  made.text = std::move(text);
  made.status = status;
  made.theme = "Health";
  made.source = Location{sheet + ".xlsx", sheet, std::move(cells), 0, 0, ""};
  return made;
}

const std::string kSmoke = "Reduce smoking in pregnancy";
const std::string kDrink = "Reduce the proportion of adults who drink above recommended levels";
const std::string kJobs = "Increase the number of apprenticeships offered by the council";
const std::string kHomes = "Build 500 affordable homes on council land";

// Ref 1 goes Green -> Red, ref 2 changes lead, ref 3 is dropped and ref 4 is new.
Comparison sample_comparison() {
  Document before;
  before.source.file = "q1.xlsx";
  before.period = "2024 Q1";
  before.items = {item("1", kSmoke, Rating::green, "Q1", "A2:F2"),
                  item("2", kDrink, Rating::amber, "Q1", "A3:F3"),
                  item("3", kJobs, Rating::green, "Q1", "A4:F4")};
  before.items[1].leads = {"Anna Brook"};
  Document after;
  after.source.file = "q2.xlsx";
  after.period = "2024 Q2";
  after.items = {item("1", kSmoke, Rating::red, "Q2", "A2:F2"),
                 item("2", kDrink, Rating::amber, "Q2", "A3:F3"),
                 item("4", kHomes, Rating::amber_green, "Q2", "A4:F4")};
  after.items[1].leads = {"Sam Lee"};
  return compare_documents(before, after);
}

class TempFile {
 public:
  explicit TempFile(const std::string& name)
      : path_(fs::temp_directory_path() /
              ("trackport-changes-" + std::to_string(::getpid()) + "-" + name)) {}
  ~TempFile() { fs::remove(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

constexpr const char* kRed = "FFFF0000";
constexpr const char* kGreen = "FF00B050";
constexpr const char* kAmberGreen = "FF92D050";

}  // namespace

TEST_CASE("changes workbook: one row per change, with RAG fills on the statuses") {
  TempFile file("changes.xlsx");
  write_changes_workbook(sample_comparison(), file.path());
  test::XlsxReader workbook(file.path());
  CHECK(workbook.sheet_names() == std::vector<std::string>{"Changes", "Summary"});
  const auto sheet = workbook.sheet("Changes");

  const std::vector<std::string> headers = {"Change", "Ref", "Theme",        "Text",
                                            "Old",    "New", "Old location", "New location"};
  for (std::size_t column = 0; column < headers.size(); ++column) {
    const std::string reference = std::string(1, static_cast<char>('A' + column)) + "1";
    CHECK(sheet.text(reference) == headers[column]);
  }
  CHECK(sheet.frozen_below == "A2");
  CHECK(sheet.autofilter == "A1:H5");
  CHECK(sheet.width_count == headers.size());

  // The status move first.
  CHECK(sheet.text("A2") == "status");
  CHECK(sheet.text("B2") == "1");
  CHECK(sheet.text("C2") == "Health");
  CHECK(sheet.text("D2") == kSmoke);
  CHECK(sheet.text("E2") == "Green");
  CHECK(sheet.fill("E2") == kGreen);
  CHECK(sheet.text("F2") == "Red");
  CHECK(sheet.fill("F2") == kRed);
  CHECK(sheet.text("G2") == "Q1!A2:F2");
  CHECK(sheet.text("H2") == "Q2!A2:F2");

  CHECK(sheet.text("A3") == "new");
  CHECK(sheet.text("B3") == "4");
  CHECK(sheet.text("D3") == kHomes);
  CHECK_FALSE(sheet.text("E3"));
  CHECK(sheet.text("F3") == "Amber/Green");
  CHECK(sheet.fill("F3") == kAmberGreen);
  CHECK_FALSE(sheet.text("G3"));
  CHECK(sheet.text("H3") == "Q2!A4:F4");

  CHECK(sheet.text("A4") == "dropped");
  CHECK(sheet.text("B4") == "3");
  CHECK(sheet.text("D4") == kJobs);
  CHECK(sheet.text("E4") == "Green");
  CHECK(sheet.fill("E4") == kGreen);
  CHECK_FALSE(sheet.text("F4"));
  CHECK(sheet.text("G4") == "Q1!A4:F4");

  CHECK(sheet.text("A5") == "lead");
  CHECK(sheet.text("B5") == "2");
  CHECK(sheet.text("E5") == "Anna Brook");
  CHECK(sheet.fill("E5") == "");
  CHECK(sheet.text("F5") == "Sam Lee");

  CHECK_FALSE(sheet.text("A6"));
}

TEST_CASE("changes workbook: the Summary counts changes and status movements") {
  TempFile file("summary.xlsx");
  write_changes_workbook(sample_comparison(), file.path());
  const auto sheet = test::XlsxReader(file.path()).sheet("Summary");
  CHECK(sheet.text("B2") == "q1.xlsx");
  CHECK(sheet.text("C2") == "q2.xlsx");
  CHECK(sheet.text("B3") == "2024 Q1");
  CHECK(sheet.text("B4") == "3");
  CHECK(sheet.text("C4") == "3");
  CHECK(sheet.text("A5") == "Matched");
  CHECK(sheet.text("B5") == "2");

  CHECK(sheet.text("A7") == "Change");
  const std::vector<std::pair<std::string, std::string>> counts = {
      {"status", "1"}, {"new", "1"},     {"dropped", "1"},    {"lead", "1"},    {"due", "0"},
      {"text", "0"},   {"measure", "0"}, {"assessment", "0"}, {"progress", "0"}};
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const std::string row = std::to_string(8 + i);
    CHECK(sheet.text("A" + row) == counts[i].first);
    CHECK(sheet.text("B" + row) == counts[i].second);
  }

  // Old statuses down column A from row 20 (Red .. None), new ones across row 19 from B.
  CHECK(sheet.text("A19") == "Old \\ New");
  CHECK(sheet.text("B19") == "Red");
  CHECK(sheet.fill("B19") == kRed);
  CHECK(sheet.text("H19") == "None");
  CHECK(sheet.text("A24") == "Green");
  CHECK(sheet.fill("A24") == kGreen);
  CHECK(sheet.text("B24") == "1");  // Green -> Red
  CHECK(sheet.text("D22") == "1");  // Amber -> Amber
  CHECK(sheet.text("B20") == "0");
  CHECK(sheet.text("F24") == "0");  // nothing stayed Green
}

TEST_CASE("changes workbook: an unwritable path is an error, not a silent success") {
  const fs::path missing = fs::temp_directory_path() / "trackport-no-such-dir" / "x" / "c.xlsx";
  CHECK_THROWS_AS(write_changes_workbook(sample_comparison(), missing), std::runtime_error);
}

TEST_CASE("changes JSON: counts, both items and the status matrix") {
  const auto json = comparison_to_json(sample_comparison());
  CHECK(json["old"]["file"] == "q1.xlsx");
  CHECK(json["new"]["period"] == "2024 Q2");
  CHECK(json["matched"] == 2);
  CHECK(json["counts"]["status"] == 1);
  CHECK(json["counts"]["new"] == 1);
  CHECK(json["counts"]["text"] == 0);
  REQUIRE(json["changes"].size() == 4);
  const auto& move = json["changes"][0];
  CHECK(move["change"] == "status");
  CHECK(move["old"] == "green");
  CHECK(move["new"] == "red");
  CHECK(move["old_item"]["ref"] == "1");
  CHECK(move["old_item"]["location"]["sheet"] == "Q1");
  CHECK(move["new_item"]["location"]["cells"] == "A2:F2");
  const auto& added = json["changes"][1];
  CHECK(added["change"] == "new");
  CHECK(added["old"].is_null());
  CHECK(added["old_item"].is_null());
  CHECK(added["new"] == "amber-green");
  CHECK(json["changes"][3]["old"] == "Anna Brook");
  CHECK(json["status_matrix"]["green"]["red"] == 1);
  CHECK(json["status_matrix"]["amber"]["amber"] == 1);
  CHECK_FALSE(json["status_matrix"].contains("red"));
}
