// Round trip: the standard workbook is itself an input, and importing it gives back the same
// documents and items (so a data team can correct a workbook by hand and re-import it).
#include <xlsxwriter.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include "exporters/exporter.hpp"
#include "exporters/json/json_exporter.hpp"
#include "exporters/workbook/workbook_exporter.hpp"
#include "pipeline/convert.hpp"

namespace fs = std::filesystem;
using namespace trackport;

namespace {

// Every sample, and a document of each other format from the test fixtures.
std::vector<fs::path> round_trip_inputs() {
  const fs::path root(TRACKPORT_SOURCE_DIR);
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(root / "samples")) {
    if (entry.path().extension() != ".md") inputs.push_back(entry.path());
  }
  for (const char* fixture :
       {"tests/fixtures/docx/lo_spans.docx", "tests/fixtures/html/structure.html",
        "tests/fixtures/xlsx/features.xlsx", "tests/fixtures/pdf/fill_only.pdf",
        "tests/fixtures/pdf/split_rows.pdf"}) {
    inputs.push_back(root / fixture);
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

}  // namespace

TEST_CASE("round trip: standard workbook -> import -> the same model") {
  std::vector<Document> originals;
  for (const auto& input : round_trip_inputs()) {
    for (auto& document : convert_to_documents(input, {})) originals.push_back(std::move(document));
  }
  REQUIRE(originals.size() >= 8);
  auto workbook =
      fs::temp_directory_path() / ("trackport-round-trip-" + std::to_string(::getpid()) + ".xlsx");
  exporter_named("xlsx")->write_file(originals, workbook);
  auto read_back = convert_to_documents(workbook, {});
  fs::remove(workbook);

  REQUIRE(read_back.size() == originals.size());
  for (std::size_t d = 0; d < originals.size(); ++d) {
    INFO(originals[d].source.file);
    const auto want = document_to_json(originals[d]);
    const auto got = document_to_json(read_back[d]);
    CHECK(want["source"] == got["source"]);
    CHECK(want["mapping"] == got["mapping"]);
    CHECK(want["title"] == got["title"]);
    CHECK(want["organisation"] == got["organisation"]);
    REQUIRE(want["items"].size() == got["items"].size());
    for (std::size_t i = 0; i < want["items"].size(); ++i) {
      INFO("item " << i);
      CHECK(want["items"][i].dump(1) == got["items"][i].dump(1));
    }
    CHECK(want["warnings"] == got["warnings"]);
    CHECK(want["indicators"].dump(1) == got["indicators"].dump(1));
    CHECK(want["risks"].dump(1) == got["risks"].dump(1));
  }
}

namespace {

using namespace std::chrono_literals;

Location cells_at(const std::string& file, const std::string& sheet, const std::string& cells) {
  Location location;
  location.file = file;
  location.sheet = sheet;
  location.cells = cells;
  return location;
}

Location row_of(const std::string& file, int table, int row) {
  Location location;
  location.file = file;
  location.table = table;
  location.row = row;
  return location;
}

// Two documents with indicators and risks of every shape, text a "period: value" list could
// not hold, and one document with neither.
std::vector<Document> register_documents() {
  Document plan;
  plan.title = "Staffordshire Children and Young People's Plan";
  plan.source = {"plans/staffs.xlsx", "xlsx", "aaa"};
  plan.mapping = {"generic", 0.75, true};
  Item item;
  item.id = "1";
  item.text = "Reduce re-offending";
  item.source = cells_at("plans/staffs.xlsx", "Plan", "A2:F2");
  plan.items = {item};

  Indicator offenders;
  offenders.code = "NI 45";
  offenders.title = "Young offenders in education, training or employment";
  offenders.baseline = "70% (2008/09)";
  offenders.targets = {{"2010/11", "75%"}, {"2011/12", "80%; stretch: 85%"}};
  offenders.breakdown = {{"Cannock", "68%", {{"2010/11", "72%"}, {"2011/12", "74%"}}},
                         {"Lichfield: rural", "", {{"2011/12", "90%"}}},
                         {"Tamworth", "55%", {}}};
  offenders.source = cells_at("plans/staffs.xlsx", "Indicators", "A3:F9");
  Indicator quitters;  // periods the first indicator lacks, one before its own, one between
  quitters.code = "NI 123";
  quitters.title = "Smoking quitters";
  quitters.targets = {{"2009/10", "1,000"},
                      {"2010/11", "1,100"},
                      {"Q2: Jul-Sep", "300"},
                      {"2011/12", "1,200\n(provisional)"}};
  quitters.source = cells_at("plans/staffs.xlsx", "Indicators", "A12:F12");
  Indicator repeated;  // a period given twice, and one named like a column of the sheet
  repeated.title = "Repeated";
  repeated.baseline = "5";
  repeated.targets = {{"2010/11", "6"}, {"2010/11", "7"}, {"Location", "8"}};
  repeated.source = row_of("plans/staffs.docx", 3, 4);  // another file than the document's
  Indicator bare;
  bare.code = "NI 1";
  bare.source = cells_at("plans/staffs.xlsx", "Indicators", "A20");
  plan.indicators = {offenders, quitters, repeated, bare};

  Risk funding;
  funding.ref = "R1";
  funding.description = "Funding cut; services: reduced";
  funding.impact = "4";
  funding.likelihood = "3";
  funding.score = "12";
  funding.mitigation = "• Seek grants\n• Share services";
  funding.owner = "Director of Children's Services";
  funding.due = Due{"2013-14", 2013y / 4 / 1, 2014y / 3 / 31};
  funding.source = cells_at("plans/staffs.xlsx", "Risks", "A2:H2");
  Risk unscored;
  unscored.ref = "R2";
  unscored.description = "Staff turnover";
  unscored.impact = "High";
  unscored.likelihood = "Medium";
  unscored.owner = "HR";
  unscored.due = Due{"Ongoing", std::nullopt, std::nullopt};
  unscored.source = cells_at("plans/staffs.xlsx", "Risks", "A3:H3");
  Risk undated;
  undated.description = "Data quality";
  undated.score = "6";
  undated.source = cells_at("plans/staffs.xlsx", "Risks", "A4:H4");
  plan.risks = {funding, unscored, undated};

  Document report;
  report.title = "Progress report";
  report.source = {"reports/q2.pdf", "pdf", "bbb"};
  report.mapping = {"generic", 0.5, true};
  Indicator pages;
  pages.code = "NI 45";  // the same code and title as the other document's indicator
  pages.title = offenders.title;
  pages.targets = {{"2010/11", "76%"}};
  pages.breakdown = {{"Cannock", "60%", {{"2010/11", "65%"}}}};
  pages.source.file = "reports/q2.pdf";
  pages.source.page = "3-4";
  report.indicators = {pages};
  Risk paged;
  paged.ref = "R9";
  paged.description = "Winter pressures";
  paged.due = Due{"Dec-14", 2014y / 12 / 1, 2014y / 12 / 31};
  paged.source.file = "reports/q2.pdf";
  paged.source.page = "7";
  report.risks = {paged};

  Document plain;
  plain.source = {"plain.csv", "csv", "ccc"};
  plain.mapping = {"generic", 0.5, true};
  Item only;
  only.id = "r1";
  only.text = "Nothing else";
  only.source = row_of("plain.csv", 1, 2);
  plain.items = {only};
  return {plan, report, plain};
}

fs::path scratch_workbook(const char* name) {
  return fs::temp_directory_path() /
         ("trackport-" + std::string(name) + "-" + std::to_string(::getpid()) + ".xlsx");
}

}  // namespace

TEST_CASE("round trip: indicators and risks come back from the standard workbook") {
  const auto originals = register_documents();
  const auto workbook = scratch_workbook("registers");
  exporter_named("xlsx")->write_file(originals, workbook);
  const auto read_back = convert_to_documents(workbook, {});
  fs::remove(workbook);

  REQUIRE(read_back.size() == originals.size());
  for (std::size_t d = 0; d < originals.size(); ++d) {
    INFO(originals[d].source.file);
    REQUIRE(read_back[d].indicators.size() == originals[d].indicators.size());
    for (std::size_t i = 0; i < originals[d].indicators.size(); ++i) {
      INFO("indicator " << i);
      CHECK(document_to_json(read_back[d])["indicators"][i].dump(1) ==
            document_to_json(originals[d])["indicators"][i].dump(1));
    }
    REQUIRE(read_back[d].risks.size() == originals[d].risks.size());
    for (std::size_t r = 0; r < originals[d].risks.size(); ++r) {
      INFO("risk " << r);
      CHECK(document_to_json(read_back[d])["risks"][r].dump(1) ==
            document_to_json(originals[d])["risks"][r].dump(1));
    }
    CHECK(read_back[d] == originals[d]);
  }
}

namespace {

using Rows = std::vector<std::vector<std::string>>;

// A workbook of text cells, as a person might make or rearrange one.
void write_grid_workbook(const fs::path& path,
                         const std::vector<std::pair<std::string, Rows>>& sheets) {
  lxw_workbook* workbook = workbook_new(path.string().c_str());
  REQUIRE(workbook != nullptr);
  for (const auto& [name, rows] : sheets) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
    for (std::size_t row = 0; row < rows.size(); ++row) {
      for (std::size_t col = 0; col < rows[row].size(); ++col) {
        if (rows[row][col].empty()) continue;
        worksheet_write_string(sheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                               rows[row][col].c_str(), nullptr);
      }
    }
  }
  REQUIRE(workbook_close(workbook) == LXW_NO_ERROR);
}

const std::pair<std::string, Rows> kItemsSheet = {
    "Items", {{"Source", "Id", "Text", "Status", "Location"}, {"a.xlsx", "1", "Do it", "", ""}}};
const std::pair<std::string, Rows> kSourcesSheet = {
    "Sources",
    {{"File", "Format", "SHA-256"}, {"a.xlsx", "xlsx", "abc"}, {"b.xlsx", "xlsx", "def"}}};

}  // namespace

TEST_CASE("round trip: a sorted Indicators sheet keeps each area with its indicator") {
  const auto workbook = scratch_workbook("sorted");
  // Sorted by Area (blanks last, as Excel sorts): the areas come before their indicators.
  write_grid_workbook(
      workbook,
      {kItemsSheet,
       kSourcesSheet,
       {"Indicators",
        {{"Source", "Code", "Title", "Area", "Baseline", "2010/11", "2011/12", "Location"},
         {"a.xlsx", "NI 45", "Offenders", "Cannock", "68%", "72%", "", "a.xlsx!Ind!A2"},
         {"b.xlsx", "NI 45", "Offenders", "Rugeley", "", "", "50%", "b.xlsx!Ind!A9"},
         {"a.xlsx", "NI 8", "Orphan area", "Stafford", "1", "2", "", "a.xlsx!Ind!A7"},
         {"a.xlsx", "NI 45", "Offenders", "", "70%", "75%", "80%", "a.xlsx!Ind!A2"},
         {"b.xlsx", "NI 45", "Offenders", "", "", "76%", "", "b.xlsx!Ind!A9"},
         {"unknown.xlsx", "NI 1", "Not a listed source", "", "", "1", "", ""}}}});
  const auto documents = convert_to_documents(workbook, {});
  fs::remove(workbook);
  REQUIRE(documents.size() == 2);

  REQUIRE(documents[0].indicators.size() == 2);
  const Indicator& offenders = documents[0].indicators[0];
  CHECK(offenders.code == "NI 45");
  CHECK(offenders.baseline == "70%");
  CHECK(offenders.targets == std::vector<PeriodValue>{{"2010/11", "75%"}, {"2011/12", "80%"}});
  CHECK(offenders.breakdown ==
        std::vector<IndicatorBreakdown>{{"Cannock", "68%", {{"2010/11", "72%"}}}});
  CHECK(offenders.source == cells_at("a.xlsx", "Ind", "A2"));
  // An area with no indicator row of its own still comes back, under an indicator of its name.
  const Indicator& orphan = documents[0].indicators[1];
  CHECK(orphan.title == "Orphan area");
  CHECK(orphan.baseline.empty());
  CHECK(orphan.targets.empty());
  CHECK(orphan.breakdown == std::vector<IndicatorBreakdown>{{"Stafford", "1", {{"2010/11", "2"}}}});

  REQUIRE(documents[1].indicators.size() == 1);
  CHECK(documents[1].indicators[0].targets == std::vector<PeriodValue>{{"2010/11", "76%"}});
  CHECK(documents[1].indicators[0].breakdown ==
        std::vector<IndicatorBreakdown>{{"Rugeley", "", {{"2011/12", "50%"}}}});
}

TEST_CASE("round trip: an Indicators sheet written before the period columns is read") {
  const auto workbook = scratch_workbook("legacy");
  write_grid_workbook(
      workbook, {kItemsSheet,
                 kSourcesSheet,
                 {"Indicators",
                  {{"Source", "Code", "Title", "Baseline", "Targets", "Breakdown", "Location"},
                   {"a.xlsx", "NI 45", "Offenders", "70%", "2010/11: 75%\n2011/12: 80%",
                    "Cannock: baseline 68%; 2010/11: 72%\nRugeley: 2011/12: 50%\nTamworth:",
                    "a.xlsx!Indicators!A2:F2"}}}});
  const auto documents = convert_to_documents(workbook, {});
  fs::remove(workbook);
  REQUIRE(documents.size() == 2);
  REQUIRE(documents[0].indicators.size() == 1);
  const Indicator& offenders = documents[0].indicators[0];
  CHECK(offenders.targets == std::vector<PeriodValue>{{"2010/11", "75%"}, {"2011/12", "80%"}});
  CHECK(offenders.breakdown ==
        std::vector<IndicatorBreakdown>{{"Cannock", "68%", {{"2010/11", "72%"}}},
                                        {"Rugeley", "", {{"2011/12", "50%"}}},
                                        {"Tamworth", "", {}}});
  CHECK(offenders.source == cells_at("a.xlsx", "Indicators", "A2:F2"));
  CHECK(documents[1].indicators.empty());
}

TEST_CASE("round trip: the Items sheet is read by header, in the old column order and the new") {
  // Before the workbook opened on Theme, Items began Source, Id, Organisation; it has no
  // Assessments sheet here, so the ratings come from the columns after Comments.
  const Rows old_order = {
      {"Source", "Id", "Organisation", "Theme", "Ref", "Text", "Due", "Due start", "Leads",
       "Progress", "Status", "Comments", "officer", "Q1", "Location"},
      {"a.xlsx", "1.1", "Rotherham MBC", "Healthy lives", "1.1", "Reduce smoking", "Mar-13",
       "2013-03-01", "Jo Smith\nPublic Health", "On track", "Amber/Green", "None", "Green", "Red",
       "a.xlsx!Plan!A7:J9"}};
  const Rows new_order = {
      {"Theme", "Ref", "Text", "Status", "Due", "Leads", "Progress", "Due start", "Comments",
       "officer", "Q1", "Organisation", "Id", "Source", "Location"},
      {"Healthy lives", "1.1", "Reduce smoking", "Amber/Green", "Mar-13", "Jo Smith\nPublic Health",
       "On track", "2013-03-01", "None", "Green", "Red", "Rotherham MBC", "1.1", "a.xlsx",
       "a.xlsx!Plan!A7:J9"}};
  for (const auto& [name, rows] : std::vector<std::pair<std::string, Rows>>{
           {"old-order", old_order}, {"new-order", new_order}}) {
    INFO(name);
    const auto workbook = scratch_workbook(name.c_str());
    write_grid_workbook(workbook, {{"Items", rows}, kSourcesSheet});
    const auto documents = convert_to_documents(workbook, {});
    fs::remove(workbook);
    REQUIRE(documents.size() == 2);
    REQUIRE(documents[0].items.size() == 1);
    const Item& item = documents[0].items[0];
    CHECK(item.id == "1.1");
    CHECK(item.theme == "Healthy lives");
    CHECK(item.ref == "1.1");
    CHECK(item.text == "Reduce smoking");
    CHECK(item.status == Rating::amber_green);
    REQUIRE(item.due);
    CHECK(item.due->raw == "Mar-13");
    CHECK(item.due->start == std::chrono::year{2013} / 3 / 1);
    CHECK(item.leads == std::vector<std::string>{"Jo Smith", "Public Health"});
    CHECK(item.progress == "On track");
    CHECK(item.comments == "None");
    CHECK(item.source == cells_at("a.xlsx", "Plan", "A7:J9"));
    REQUIRE(item.assessments.size() == 2);
    CHECK(item.assessments[0].by == "officer");
    CHECK(item.assessments[0].rating == Rating::green);
    CHECK(item.assessments[1].by == "Q1");
    CHECK(item.assessments[1].rating == Rating::red);
    CHECK(documents[1].items.empty());
  }
}

TEST_CASE("round trip: assessments and periods named alike, or like a fixed column, come back") {
  // Excel Tables need distinct column names: the workbook numbers such headers ("Status (2)")
  // and the reader turns them back into the names.
  Document document;
  document.source = {"alike.xlsx", "xlsx", "abc"};
  Item item;
  item.id = "1";
  item.text = "Do it";
  item.source = cells_at("alike.xlsx", "Plan", "A2:F2");
  item.assessments = {{"Status", Rating::red, "R", RatingSource::text, ""},
                      {"status", Rating::green, "G", RatingSource::text, ""},
                      {"Status (2)", Rating::amber, "A", RatingSource::text, ""},
                      {"Q1 (1)", Rating::amber, "A", RatingSource::text, ""},
                      {"", Rating::blue, "B", RatingSource::text, ""}};
  document.items = {item};
  Indicator indicator;
  indicator.code = "NI 1";
  indicator.title = "Visits";
  indicator.targets = {{"2010/11", "1"},  {"2010/11", "2"},     {"Location", "3"},
                       {"Baseline", "4"}, {"2011/12 (2)", "5"}, {"2011/12", "6"}};
  indicator.source = cells_at("alike.xlsx", "Indicators", "A2:F2");
  document.indicators = {indicator};

  const auto workbook = scratch_workbook("alike");
  exporter_named("xlsx")->write_file({document}, workbook);
  const auto read_back = convert_to_documents(workbook, {});
  fs::remove(workbook);
  REQUIRE(read_back.size() == 1);
  CHECK(document_to_json(read_back[0]).dump(1) == document_to_json(document).dump(1));
  CHECK(read_back[0] == document);
}

TEST_CASE("round trip: without an Assessments sheet, numbered rating headers read as their names") {
  const auto workbook = scratch_workbook("numbered");
  write_grid_workbook(
      workbook, {{"Items",
                  {{"Source", "Id", "Text", "Status", "Comments", "Status (2)", "status (3)",
                    "Status (2) (1)", "Q1 (2)", "Organisation", "Location"},
                   {"a.xlsx", "1", "Do it", "Red", "", "Green", "Amber", "Blue", "Red", "", ""}}},
                 kSourcesSheet});
  const auto documents = convert_to_documents(workbook, {});
  fs::remove(workbook);
  REQUIRE(documents.size() == 2);
  REQUIRE(documents[0].items.size() == 1);
  const auto& assessments = documents[0].items[0].assessments;
  REQUIRE(assessments.size() == 4);
  CHECK(assessments[0].by == "Status");
  CHECK(assessments[0].rating == Rating::green);
  CHECK(assessments[1].by == "status");
  CHECK(assessments[2].by == "Status (2)");
  // "Q1" is no fixed column and no name before it: "Q1 (2)" is a name of its own.
  CHECK(assessments[3].by == "Q1 (2)");
}

TEST_CASE("round trip: values longer than an Excel cell come back whole") {
  Document document;
  document.source = {"long.xlsx", "xlsx", "abc"};
  Item item;
  item.id = "1";
  item.source = cells_at("long.xlsx", "Plan", "A2:F2");
  for (int i = 0; i < 9000; ++i) item.text += "Line " + std::to_string(i) + " of the plan\n";
  item.text += "The end";
  for (int i = 0; i < 17000; ++i) item.progress += "\U0001F600";  // no letters to cut between
  item.extra = {{"Notes", std::string(40000, 'n')}};
  item.assessments = {{"Q1", Rating::red, "R", RatingSource::text, std::string(33000, 'c')}};
  document.items = {item};
  Risk risk;
  risk.ref = "R1";
  risk.description = std::string(50000, 'd');
  risk.source = cells_at("long.xlsx", "Risks", "A2:H2");
  document.risks = {risk};
  document.title = std::string(40000, 't');

  const auto workbook = scratch_workbook("long");
  exporter_named("xlsx")->write_file({document}, workbook);
  const auto read_back = convert_to_documents(workbook, {});
  fs::remove(workbook);
  REQUIRE(read_back.size() == 1);
  REQUIRE(read_back[0].items.size() == 1);
  CHECK(read_back[0].items[0].text == item.text);
  CHECK(read_back[0].items[0].progress == item.progress);
  CHECK(read_back[0] == document);
}

TEST_CASE("round trip: a Continued row whose cell is no longer a long text is not joined to it") {
  const auto workbook = scratch_workbook("unjoined");
  write_grid_workbook(workbook, {kItemsSheet,
                                 kSourcesSheet,
                                 {"Continued",
                                  {{"Source", "Sheet", "Cell", "Part", "Text"},
                                   {"a.xlsx", "Items", "C2", "2", "and the rest"}}}});
  const auto documents = convert_to_documents(workbook, {});
  fs::remove(workbook);
  REQUIRE(documents.size() == 2);
  REQUIRE(documents[0].items.size() == 1);
  CHECK(documents[0].items[0].text == "Do it");
  REQUIRE(documents[0].warnings.size() == 1);
  CHECK(documents[0].warnings[0].code == "cell-continued");
  CHECK(documents[0].warnings[0].message.find("cell C2 of the Items sheet") != std::string::npos);
}

TEST_CASE("round trip: numbers, percentages and money typed as numbers come back as printed") {
  // Every value here is one the workbook writes as a number cell with a format of its own; read
  // back, each must print exactly as the source printed it. The mixed ones stay text.
  const std::vector<std::string> printed = {
      "42",     "0",   "1250.50", "1,250,000", "-3.5", "0.05",      "75%",  "12.5%",
      "0.125%", "-4%", "£1,200",  "£3.50",     "$15",  "€2,000.75", "-£40", "123456789012345",
      "2019",   "007", "1.2.3",   "2019-20",   "12 %", "Q1",        "1,23"};
  Document document;
  document.source = {"numbers.xlsx", "xlsx", "abc"};
  for (std::size_t i = 0; i < printed.size(); ++i) {
    Item item;
    item.id = std::to_string(i + 1);
    item.text = "Commitment " + item.id;
    item.measure = printed[i];
    item.baseline = printed[(i + 1) % printed.size()];
    item.target = printed[(i + 2) % printed.size()];
    item.progress = printed[(i + 3) % printed.size()];
    item.extra = {{"Budget", printed[(i + 4) % printed.size()]}};
    item.source = cells_at("numbers.xlsx", "Plan", "A" + std::to_string(i + 2));
    document.items.push_back(std::move(item));
  }
  Indicator indicator;
  indicator.code = "NI 1";
  indicator.title = "An indicator";
  indicator.baseline = "68.5%";
  indicator.targets = {{"2024/25", "70%"}, {"2025/26", "1,000"}};
  indicator.source = cells_at("numbers.xlsx", "Indicators", "A2:D2");
  document.indicators = {indicator};
  Risk risk;
  risk.ref = "R1";
  risk.description = "A risk";
  risk.impact = "4";
  risk.likelihood = "3";
  risk.score = "12";
  risk.source = cells_at("numbers.xlsx", "Risks", "A2:F2");
  document.risks = {risk};

  const auto workbook = scratch_workbook("numbers");
  exporter_named("xlsx")->write_file({document}, workbook);
  const auto read_back = convert_to_documents(workbook, {});
  fs::remove(workbook);
  REQUIRE(read_back.size() == 1);
  REQUIRE(read_back[0].items.size() == document.items.size());
  for (std::size_t i = 0; i < document.items.size(); ++i) {
    INFO("item " << i + 1);
    CHECK(document_to_json(read_back[0])["items"][i].dump(1) ==
          document_to_json(document)["items"][i].dump(1));
  }
  CHECK(read_back[0] == document);
}

TEST_CASE("round trip: a workbook whose sheets went on in parts reads back whole") {
  // Excel's 1,048,576 rows made 10: 25 items in Items, Items (2) and Items (3), their extra
  // values in Extra's parts, a long value continued from Items (3), all back as they were.
  Document document;
  document.source = {"big.xlsx", "xlsx", "abc"};
  for (int i = 1; i <= 25; ++i) {
    Item item;
    item.id = std::to_string(i);
    item.text = i == 23 ? std::string(40000, 'x') : "Commitment " + item.id;
    item.status = i % 2 == 0 ? Rating::green : Rating::red;
    item.extra = {{"Budget", "£" + item.id}};
    item.source = cells_at("big.xlsx", "Plan", "A" + std::to_string(i + 1));
    document.items.push_back(std::move(item));
  }
  const auto workbook = scratch_workbook("parts");
  WorkbookBuilder builder(workbook, 10);
  builder.add(document);
  builder.close();
  const auto read_back = convert_to_documents(workbook, {});
  fs::remove(workbook);
  REQUIRE(read_back.size() == 1);
  REQUIRE(read_back[0].items.size() == 25);
  CHECK(read_back[0].items[22].text == document.items[22].text);
  CHECK(read_back[0] == document);
}
