#include "exporters/workbook/workbook_exporter.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <sstream>

#include "sample_documents.hpp"
#include "xlsx_package.hpp"

namespace trackport {
namespace {

using test::cell;
using test::XlsxPackage;
using Strings = std::vector<std::string>;

// A fresh directory under the system temp dir, removed with its contents at the end.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("trackport-exporters-test-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

XlsxPackage written(const TempDir& dir, const std::vector<Document>& documents) {
  const auto path = dir / "out.xlsx";
  WorkbookExporter{}.write_file(documents, path);
  return XlsxPackage(path);
}

// The texts of one row's cells from column A on, "" for blank cells, up to the last given.
Strings row_texts(const XlsxPackage& package, const pugi::xml_document& sheet, int row,
                  std::size_t columns) {
  Strings texts;
  for (std::size_t column = 0; column < columns; ++column) {
    const std::string reference =
        std::string(1, static_cast<char>('A' + column)) + std::to_string(row);
    texts.push_back(test::cell_text(package, sheet, reference).value_or(""));
  }
  return texts;
}

Strings attribute_values(const pugi::xpath_node_set& nodes, const char* attribute) {
  Strings values;
  for (const auto& node : nodes) values.emplace_back(node.node().attribute(attribute).value());
  return values;
}

TEST_CASE("the workbook's sheets, in order", "[workbook]") {
  TempDir dir;
  CHECK(written(dir, {test::sample_plan()}).sheet_names() ==
        Strings{"Items", "Extra", "Assessments", "Indicators", "Risks", "Summary", "Sources",
                "Warnings"});
  CHECK(written(dir, {test::sample_tracker()}).sheet_names() ==
        Strings{"Items", "Extra", "Assessments", "Summary", "Sources", "Warnings"});
  CHECK(written(dir, {}).sheet_names() ==
        Strings{"Items", "Extra", "Assessments", "Summary", "Sources", "Warnings"});
}

TEST_CASE("the Items sheet: header, values, location labels", "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan()});
  const auto items = package.sheet("Items");
  CHECK(row_texts(package, items, 1, 24) ==
        Strings{"Theme",     "Ref",       "Text",         "Status",     "Due",      "Leads",
                "Progress",  "Objective", "Category",     "Measure",    "Baseline", "Target",
                "Due start", "Due end",   "Partners",     "Mitigation", "Comments", "officer",
                "chair",     "Q1",        "Organisation", "Id",         "Source",   "Location"});
  CHECK(row_texts(package, items, 2, 24) ==
        Strings{"Healthy lives",
                "1.1",
                "• Reduce smoking\n• Promote \"healthy\" eating, walking",
                "Amber/Green",
                "Mar-13",
                "Jo Smith\nPublic Health",
                "On track",
                "(i) We will reduce smoking",
                "Key Actions",
                "Fewer smokers",
                "",
                "",
                "41334",
                "41364",
                "NHS Rotherham",
                "",
                "None",
                "Green",
                "Amber",
                "",
                "Rotherham MBC",
                "1.1",
                "plans/rotherham.xlsx",
                "plans/rotherham.xlsx!Plan!A7:J9"});
  CHECK(test::cell_text(package, items, "E3") == "Annually");
  CHECK(!cell(items, "M3"));  // no dates for "Annually"
  CHECK(test::cell_text(package, items, "D3") == "Red");
  CHECK(test::cell_text(package, items, "T3") == "Red");
  CHECK(test::cell_text(package, items, "X3") == "plan.docx table 2 row 5");
  CHECK(!cell(items, "D4"));  // status none: blank
  CHECK(test::cell_text(package, items, "X4") == "plan.pdf p. 3-4");
  CHECK(test::cell_text(package, items, "X5") == "plan.pdf p. 3");
  CHECK(!cell(items, "A6"));
}

TEST_CASE("Due start and Due end are Excel dates", "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan()});
  const auto items = package.sheet("Items");
  const auto start = cell(items, "M2");
  REQUIRE(start);
  CHECK(std::string(start.attribute("t").value()).empty());  // a number, not a string
  CHECK(start.child("v").text().as_int() == 41334);          // 2013-03-01
  CHECK(test::number_format(package, start) == "yyyy-mm-dd");
  CHECK(test::number_format(package, cell(items, "N2")) == "yyyy-mm-dd");
}

TEST_CASE("a due date Excel cannot hold is written as ISO text", "[workbook]") {
  Document document;
  Item item;
  item.due = Due{"1066", std::chrono::year{1066} / 10 / 14, std::nullopt};
  document.items = {item};
  TempDir dir;
  const auto package = written(dir, {document});
  const auto items = package.sheet("Items");
  CHECK(test::cell_text(package, items, "M2") == "1066-10-14");
  CHECK(std::string(cell(items, "M2").attribute("t").value()) == "inlineStr");
}

TEST_CASE("the Items sheet is a usable table: frozen header, filter, widths", "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan()});
  const auto items = package.sheet("Items");
  const auto worksheet = items.child("worksheet");
  // The header row and Theme and Ref stay in view: the panes split at C2, the Text column.
  const auto pane = worksheet.child("sheetViews").child("sheetView").child("pane");
  CHECK(std::string(pane.attribute("state").value()) == "frozen");
  CHECK(pane.attribute("xSplit").as_int() == 2);
  CHECK(pane.attribute("ySplit").as_int() == 1);
  CHECK(std::string(pane.attribute("topLeftCell").value()) == "C2");
  // An Excel Table over the header and the item rows, whose filter is the sheet's.
  const auto table = package.table("Items");
  REQUIRE(table);
  CHECK(std::string(table->child("table").attribute("ref").value()) == "A1:X5");
  CHECK(std::string(table->child("table").child("autoFilter").attribute("ref").value()) == "A1:X5");
  CHECK(!worksheet.child("autoFilter"));

  // Column C (Text) is wider than the minimum and no column passes the cap.
  double text_width = 0;
  for (auto column : worksheet.child("cols").children("col")) {
    const double width = column.attribute("width").as_double();
    CHECK(width >= 8);
    CHECK(width <= 61);  // Excel stores 60 characters as 60.7 or so
    if (column.attribute("min").as_int() == 3) text_width = width;
  }
  CHECK(text_width > 20);
}

// The width Excel stores for a 1-based column, 0 when the column has none.
double column_width(const pugi::xml_document& sheet, int column) {
  for (auto col : sheet.child("worksheet").child("cols").children("col")) {
    if (col.attribute("min").as_int() == column) return col.attribute("width").as_double();
  }
  return 0;
}

TEST_CASE("a column is as wide as its longest line in characters, 10 to 60", "[workbook]") {
  Document document;
  Item wide;
  wide.id = std::string(30, 'x');
  wide.theme = "\u00e9\u00e9\u00e9\u00e9\u00e9";  // five characters, ten bytes
  std::string accents;
  for (int i = 0; i < 40; ++i) accents += "\u00e9";
  wide.text = "short\n" + accents + "\nshort";
  wide.progress = std::string(200, 'y');
  Item narrow;
  narrow.id = "y";
  narrow.text = std::string(20, 'z');
  document.items = {wide, narrow};
  TempDir dir;
  const auto items = written(dir, {document}).sheet("Items");
  // Two characters more for the filter button; Excel stores n characters as n.71 or so.
  CHECK(column_width(items, 19) == Approx(32.7).margin(0.3));  // Id
  CHECK(column_width(items, 1) == Approx(10.7).margin(0.3));   // Theme: the minimum, 8 + 2
  CHECK(column_width(items, 3) == Approx(42.7).margin(0.3));   // Text: 40 "é", not 80 bytes
  CHECK(column_width(items, 7) == Approx(60.7).margin(0.3));   // Progress: the maximum
}

TEST_CASE("Status and assessment columns take the RAG list and fills", "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan()});
  const auto items = package.sheet("Items");
  const auto worksheet = items.child("worksheet");

  const auto validations = worksheet.select_nodes("dataValidations/dataValidation");
  CHECK(attribute_values(validations, "sqref") == Strings{"D2:D5", "R2:T5"});
  for (const auto& validation : validations) {
    CHECK(std::string(validation.node().attribute("type").value()) == "list");
    CHECK(validation.node().attribute("allowBlank").as_bool());
    CHECK(std::string(validation.node().child("formula1").text().get()) ==
          "\"Red,Amber/Red,Amber,Amber/Green,Green,Blue\"");
  }

  const auto formats = worksheet.select_nodes("conditionalFormatting");
  CHECK(attribute_values(formats, "sqref") == Strings{"D2:D5", "R2:T5"});
  Strings status_rules;
  for (auto rule : formats.first().node().children("cfRule")) {
    CHECK(std::string(rule.attribute("type").value()) == "cellIs");
    CHECK(std::string(rule.attribute("operator").value()) == "equal");
    status_rules.emplace_back(rule.child("formula").text().get());
  }
  CHECK(status_rules == Strings{"\"Red\"", "\"Amber/Red\"", "\"Amber\"", "\"Amber/Green\"",
                                "\"Green\"", "\"Blue\""});
  // Each rule has a fill (a dxf) in the styles.
  const auto styles = package.xml("xl/styles.xml");
  const auto fills = styles.select_nodes("/styleSheet/dxfs/dxf/fill");
  CHECK(fills.size() == 6);
}

TEST_CASE("the Extra sheet has one row per extra value", "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan()});
  const auto extra = package.sheet("Extra");
  CHECK(row_texts(package, extra, 1, 4) == Strings{"Source", "Id", "Header", "Value"});
  CHECK(row_texts(package, extra, 2, 4) ==
        Strings{"plans/rotherham.xlsx", "1.1", "RAG last quarter", "A"});
  // "£10,000" is money as printed: a number cell whose format prints it so again.
  CHECK(row_texts(package, extra, 3, 4) ==
        Strings{"plans/rotherham.xlsx", "1.1", "Budget", "10000"});
  CHECK(std::string(cell(extra, "D3").attribute("t").value()).empty());  // a number
  CHECK(test::number_format(package, cell(extra, "D3")) == "\"£\"#,##0");
  // "A" is text, as is every Id.
  CHECK(std::string(cell(extra, "D2").attribute("t").value()) == "inlineStr");
  CHECK(!cell(extra, "A4"));
}

TEST_CASE("the Sources sheet has one row per document", "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan(), test::sample_tracker()});
  const auto sources = package.sheet("Sources");
  CHECK(row_texts(package, sources, 1, 19) ==
        Strings{"File", "Format", "SHA-256", "Title", "Organisation", "Period", "Mapping", "Score",
                "Auto", "Items", "Red", "Amber/Red", "Amber", "Amber/Green", "Green", "Blue",
                "None", "Warnings", "Note"});
  // The sample plan's four items: one red, one amber/green, two without a rating.
  CHECK(row_texts(package, sources, 2, 18) ==
        Strings{"plans/rotherham.xlsx", "xlsx", "9f86d081884c7d659a2feaa0c55ad015",
                "Rotherham Children and Young People’s Action Plan 2013 – 2016", "Rotherham MBC",
                "", "rotherham-action-plan", "0.875", "1", "4", "1", "0", "0", "1", "0", "0", "2",
                "1"});
  CHECK(std::string(cell(sources, "I2").attribute("t").value()) == "b");
  CHECK(row_texts(package, sources, 3, 18) ==
        Strings{"sheffield.csv", "csv", "", "Sheffield progress tracker", "", "Quarter two",
                "generic", "0.5", "0", "1", "0", "0", "0", "0", "1", "0", "0", "0"});
}

TEST_CASE("the Warnings sheet has one row per warning", "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan()});
  const auto warnings = package.sheet("Warnings");
  CHECK(row_texts(package, warnings, 1, 4) == Strings{"Source", "Code", "Message", "Location"});
  CHECK(row_texts(package, warnings, 2, 4) ==
        Strings{"plans/rotherham.xlsx", "unmapped-column",
                "Column \"Budget\" was not mapped; kept in extra.",
                "plans/rotherham.xlsx!Plan!K6"});
}

TEST_CASE("the Summary sheet counts ratings per source and theme", "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan()});
  const auto summary = package.sheet("Summary");
  CHECK(row_texts(package, summary, 1, 10) == Strings{"Source", "Theme", "Red", "Amber/Red",
                                                      "Amber", "Amber/Green", "Green", "Blue",
                                                      "None", "Total"});
  CHECK(row_texts(package, summary, 2, 10) ==
        Strings{"plans/rotherham.xlsx", "Healthy lives", "1", "0", "0", "1", "0", "0", "0", "2"});
  CHECK(row_texts(package, summary, 3, 10) ==
        Strings{"plans/rotherham.xlsx", "Safe", "0", "0", "0", "0", "0", "0", "2", "2"});
  CHECK(row_texts(package, summary, 4, 10) ==
        Strings{"Total", "", "1", "0", "0", "1", "0", "0", "2", "4"});
}

TEST_CASE("the Indicators and Risks sheets", "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan()});
  const auto indicators = package.sheet("Indicators");
  // A column per target period; the breakdown's areas on rows of their own under the indicator.
  CHECK(row_texts(package, indicators, 1, 9) == Strings{"Source", "Code", "Title", "Area",
                                                        "Baseline", "2010/11", "2011/12",
                                                        "Location", ""});
  CHECK(row_texts(package, indicators, 2, 8) ==
        Strings{"plans/rotherham.xlsx", "NI 45", "Young offenders in education", "", "0.7", "0.75",
                "0.8", "plans/rotherham.xlsx!Indicators!A2:F2"});
  CHECK(row_texts(package, indicators, 3, 8) ==
        Strings{"plans/rotherham.xlsx", "NI 45", "Young offenders in education", "Cannock", "0.68",
                "0.72", "", "plans/rotherham.xlsx!Indicators!A2:F2"});
  // The percentages are numbers shown as percentages, as the source printed them.
  for (const char* reference : {"E2", "F2", "G2", "E3", "F3"}) {
    INFO(reference);
    CHECK(test::number_format(package, cell(indicators, reference)) == "0%");
  }
  CHECK(row_texts(package, indicators, 4, 8) == Strings(8, ""));
  const auto risks = package.sheet("Risks");
  CHECK(row_texts(package, risks, 1, 12) == Strings{"Source", "Ref", "Description", "Impact",
                                                    "Likelihood", "Score", "Mitigation", "Owner",
                                                    "Due", "Due start", "Due end", "Location"});
  CHECK(row_texts(package, risks, 2, 12) ==
        Strings{"plans/rotherham.xlsx", "R1", "Funding cut", "4", "3", "12", "Seek grants",
                "Director", "2013-14", "41365", "41729", "plans/rotherham.xlsx!Risks!A2:H2"});
}

TEST_CASE("many items are written in order in constant-memory mode", "[workbook]") {
  Document document;
  document.source.file = "many.xlsx";
  for (int i = 1; i <= 5000; ++i) {
    Item item;
    item.id = "r" + std::to_string(i);
    item.text = "Commitment " + std::to_string(i);
    item.status = i % 2 == 0 ? Rating::green : Rating::red;
    document.items.push_back(item);
  }
  TempDir dir;
  const auto package = written(dir, {document});
  const auto items = package.sheet("Items");
  REQUIRE(package.table("Items"));
  CHECK(std::string(package.table("Items")->child("table").attribute("ref").value()) ==
        "A1:U5001");  // 20 fixed columns and Location, no assessment columns
  CHECK(test::cell_text(package, items, "S2") == "r1");
  CHECK(test::cell_text(package, items, "C5001") == "Commitment 5000");
  CHECK(test::cell_text(package, items, "D5001") == "Green");
  CHECK(test::cell_text(package, items, "D5000") == "Red");
  const auto summary = package.sheet("Summary");
  CHECK(row_texts(package, summary, 3, 10) ==
        Strings{"Total", "", "2500", "0", "0", "0", "2500", "0", "0", "5000"});
}

TEST_CASE("every sheet prints A4 landscape, one page wide, the header on every page",
          "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan()});
  const auto workbook = package.xml("xl/workbook.xml");
  const auto names = package.sheet_names();
  for (std::size_t index = 0; index < names.size(); ++index) {
    const std::string& name = names[index];
    INFO(name);
    const auto sheet = package.sheet(name);  // the nodes below live as long as their document
    const auto worksheet = sheet.child("worksheet");
    const auto setup = worksheet.child("pageSetup");
    CHECK(std::string(setup.attribute("orientation").value()) == "landscape");
    CHECK(setup.attribute("paperSize").as_int() == 9);  // A4
    // One page wide (fitToWidth defaults to 1), as many pages long as it takes.
    CHECK(setup.attribute("fitToWidth").as_int(1) == 1);
    CHECK(std::string(setup.attribute("fitToHeight").value()) == "0");
    CHECK(worksheet.child("sheetPr").child("pageSetUpPr").attribute("fitToPage").as_bool());
    CHECK(std::string(worksheet.child("headerFooter").child("oddFooter").text().get()) ==
          "&CPage &P of &N");
    // The header row repeats on every printed page.
    const auto titles = workbook.select_node(
        ("/workbook/definedNames/definedName[@name='_xlnm.Print_Titles'][@localSheetId='" +
         std::to_string(index) + "']")
            .c_str());
    REQUIRE(titles);
    CHECK(std::string(titles.node().text().get()) == name + "!$1:$1");
  }
}

// The ht attribute of a row, 0 when the row has none (the default height).
double row_height(const pugi::xml_document& sheet, int row) {
  for (auto node : sheet.child("worksheet").child("sheetData").children("row")) {
    if (node.attribute("r").as_int() == row) return node.attribute("ht").as_double();
  }
  return 0;
}

TEST_CASE("a row is as high as its wrapped text needs, 15 points a line, up to 409", "[workbook]") {
  Document document;
  Item three_lines;
  three_lines.text = "one\ntwo\nthree";
  Item long_line;
  long_line.progress = std::string(200, 'y');  // in a 60-wide column: 54 a line, 4 lines
  Item short_line;
  short_line.text = "one line";
  Item many_lines;
  for (int i = 0; i < 100; ++i) many_lines.leads.push_back("Lead " + std::to_string(i));
  Item not_wrapped;
  not_wrapped.id = "an id\nwith two lines";  // Id is not a wrapped column
  document.items = {three_lines, long_line, short_line, many_lines, not_wrapped};
  TempDir dir;
  const auto items = written(dir, {document}).sheet("Items");
  CHECK(row_height(items, 1) == 0);  // the header
  CHECK(row_height(items, 2) == 45);
  CHECK(row_height(items, 3) == 60);
  CHECK(row_height(items, 4) == 0);
  CHECK(row_height(items, 5) == 409);
  CHECK(row_height(items, 6) == 0);
  CHECK(std::string(items.child("worksheet")
                        .child("sheetData")
                        .find_child_by_attribute("row", "r", "2")
                        .attribute("customHeight")
                        .value()) == "1");
}

TEST_CASE("the Summary sheet's Total row is its table's total row, out of the filter",
          "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan()});
  const auto summary = package.sheet("Summary");
  REQUIRE(test::cell_text(package, summary, "A4") == "Total");
  const auto table = package.table("Summary");
  REQUIRE(table);
  const auto node = table->child("table");
  CHECK(std::string(node.attribute("ref").value()) == "A1:J4");
  CHECK(node.attribute("totalsRowCount").as_int() == 1);
  CHECK(std::string(node.child("autoFilter").attribute("ref").value()) == "A1:J3");
  const auto columns = node.child("tableColumns");
  CHECK(std::string(columns.first_child().attribute("totalsRowLabel").value()) == "Total");
  CHECK(std::string(columns.find_child_by_attribute("tableColumn", "name", "Red")
                        .attribute("totalsRowFunction")
                        .value()) == "sum");
  // The sums as Excel writes them, with their values for readers that do not calculate.
  CHECK(std::string(cell(summary, "C4").child("f").text().get()) == "SUBTOTAL(109,[Red])");
  CHECK(std::string(cell(summary, "C4").child("v").text().get()) == "1");
  CHECK(std::string(cell(summary, "J4").child("f").text().get()) == "SUBTOTAL(109,[Total])");
  CHECK(std::string(cell(summary, "J4").child("v").text().get()) == "4");
  CHECK(!summary.child("worksheet").child("autoFilter"));
}

TEST_CASE("every sheet is an Excel Table named after it, in one style, over its rows",
          "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan(), test::sample_tracker()});
  const std::map<std::string, std::string> ranges = {
      {"Items", "A1:X6"}, {"Extra", "A1:D3"},   {"Assessments", "A1:G4"}, {"Indicators", "A1:H3"},
      {"Risks", "A1:L2"}, {"Summary", "A1:J5"}, {"Sources", "A1:S3"},     {"Warnings", "A1:D2"}};
  for (const auto& name : package.sheet_names()) {
    INFO(name);
    const auto table = package.table(name);
    REQUIRE(table);
    const auto node = table->child("table");
    CHECK(std::string(node.attribute("name").value()) == name);
    CHECK(std::string(node.attribute("displayName").value()) == name);
    CHECK(std::string(node.child("tableStyleInfo").attribute("name").value()) ==
          "TableStyleMedium2");
    CHECK(std::string(node.attribute("ref").value()) == ranges.at(name));
    // Each column's name is its header cell's text.
    const auto sheet = package.sheet(name);
    int column = 0;
    for (auto table_column : node.child("tableColumns").children("tableColumn")) {
      const std::string reference = std::string(1, static_cast<char>('A' + column++)) + "1";
      CHECK(test::cell_text(package, sheet, reference) ==
            std::string(table_column.attribute("name").value()));
    }
  }
  CHECK(package.sheet_names().size() == ranges.size());
}

TEST_CASE("a sheet with no rows is a table of one empty row", "[workbook]") {
  Document document;
  document.source.file = "empty.xlsx";
  TempDir dir;
  const auto package = written(dir, {document});
  const auto table = package.table("Items");
  REQUIRE(table);
  CHECK(std::string(table->child("table").attribute("ref").value()) == "A1:U2");
  CHECK(!cell(package.sheet("Items"), "A2"));
}

TEST_CASE("assessment and period columns alike, or named like a fixed column, are numbered",
          "[workbook]") {
  Document document;
  document.source.file = "alike.xlsx";
  Item item;
  item.id = "1";
  item.text = "Do it";
  item.assessments = {{"Status", Rating::red, "R", RatingSource::text, ""},
                      {"status", Rating::green, "G", RatingSource::text, ""},
                      {"Status (2)", Rating::amber, "A", RatingSource::text, ""},
                      {"Q1 (1)", Rating::amber, "A", RatingSource::text, ""},
                      {"", Rating::amber, "A", RatingSource::text, ""}};
  document.items = {item};
  Indicator indicator;
  indicator.code = "NI 1";
  indicator.targets = {{"2010/11", "1"}, {"2010/11", "2"}, {"Location", "3"}};
  document.indicators = {indicator};
  TempDir dir;
  const auto package = written(dir, {document});
  const auto items = package.sheet("Items");
  // Theme .. Comments are A..Q; the assessment columns follow.
  CHECK(row_texts(package, items, 1, 22) ==
        Strings{"Theme",      "Ref",      "Text",       "Status",     "Due",
                "Leads",      "Progress", "Objective",  "Category",   "Measure",
                "Baseline",   "Target",   "Due start",  "Due end",    "Partners",
                "Mitigation", "Comments", "Status (2)", "status (3)", "Status (2) (1)",
                "Q1 (1) (1)", " (1)"});
  const auto indicators = package.sheet("Indicators");
  CHECK(row_texts(package, indicators, 1, 9) == Strings{"Source", "Code", "Title", "Area",
                                                        "Baseline", "2010/11", "2010/11 (2)",
                                                        "Location (2)", "Location"});
  REQUIRE(package.table("Items"));
  REQUIRE(package.table("Indicators"));
}

TEST_CASE("each item's Source links to its row of the Sources sheet", "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan(), test::sample_tracker()});
  const auto items = package.sheet("Items");
  const auto links = items.child("worksheet").child("hyperlinks");
  // Source is column W (after the 17 leading columns, the assessment columns, Organisation, Id).
  const auto first = links.find_child_by_attribute("hyperlink", "ref", "W2");
  REQUIRE(first);
  CHECK(std::string(first.attribute("location").value()) == "Sources!A2");
  CHECK(test::cell_text(package, items, "W2") == "plans/rotherham.xlsx");
  const auto last = links.find_child_by_attribute("hyperlink", "ref", "W6");
  REQUIRE(last);
  CHECK(std::string(last.attribute("location").value()) == "Sources!A3");
  CHECK(test::cell_text(package, items, "W6") == "sheffield.csv");
  CHECK(std::distance(links.children("hyperlink").begin(), links.children("hyperlink").end()) == 5);
}

TEST_CASE("past Excel's 65,530 links a sheet, an item's Source is plain text", "[workbook]") {
  Document document;
  document.source.file = "many.xlsx";
  for (int i = 1; i <= 65532; ++i) {
    Item item;
    item.id = std::to_string(i);
    document.items.push_back(std::move(item));
  }
  TempDir dir;
  const auto package = written(dir, {document});
  const auto items = package.sheet("Items");
  const auto links = items.child("worksheet").child("hyperlinks");
  CHECK(std::distance(links.children("hyperlink").begin(), links.children("hyperlink").end()) ==
        65530);
  // Source is column T here (no assessment columns).
  CHECK(links.find_child_by_attribute("hyperlink", "ref", "T65531"));
  CHECK(!links.find_child_by_attribute("hyperlink", "ref", "T65532"));
  CHECK(test::cell_text(package, items, "T65532") == "many.xlsx");
  CHECK(test::cell_text(package, items, "T65533") == "many.xlsx");
}

// The chart part of a sheet's drawing.
std::string chart_xml(const XlsxPackage& package, const std::string& sheet) {
  const auto drawings = package.sheet_relationship_targets(sheet, "drawing");
  REQUIRE(drawings.size() == 1);
  const auto slash = drawings[0].rfind('/');
  const auto rels =
      drawings[0].substr(0, slash) + "/_rels/" + drawings[0].substr(slash + 1) + ".rels";
  const auto relationships = package.xml(rels);
  std::string target =
      relationships.child("Relationships").child("Relationship").attribute("Target").value();
  REQUIRE(target.rfind("../", 0) == 0);
  return package.entry("xl/" + target.substr(3));
}

TEST_CASE("the Summary sheet has a chart of each source's ratings, from the data under its table",
          "[workbook]") {
  TempDir dir;
  Document skipped;  // a source that gave no items (skipped, failed or empty) is no bar
  skipped.source.file = "notes.doc";
  const auto package = written(dir, {test::sample_plan(), skipped, test::sample_tracker()});
  const std::string chart = chart_xml(package, "Summary");
  CHECK(chart.find("<c:barDir val=\"bar\"/>") != std::string::npos);
  CHECK(chart.find("<c:grouping val=\"stacked\"/>") != std::string::npos);
  // The table: the sample plan's two themes and the tracker's one (rows 2-4), the total row (5);
  // a blank row, then the chart's data: its header (7) and a row per source with items.
  const auto summary = package.sheet("Summary");
  CHECK(row_texts(package, summary, 5, 1) == Strings{"Total"});
  CHECK(row_texts(package, summary, 6, 9) == Strings(9, ""));
  // The counts stand under the table's count columns (C to I).
  CHECK(row_texts(package, summary, 7, 9) == Strings{"Charted source", "", "Red", "Amber/Red",
                                                     "Amber", "Amber/Green", "Green", "Blue",
                                                     "None"});
  CHECK(row_texts(package, summary, 8, 9) ==
        Strings{"plans/rotherham.xlsx", "", "1", "0", "0", "1", "0", "0", "2"});
  CHECK(row_texts(package, summary, 9, 9) ==
        Strings{"sheffield.csv", "", "0", "0", "0", "0", "1", "0", "0"});
  CHECK(!cell(summary, "A10"));
  // A series per rating, its name the data's header, one bar per source with items.
  for (const char* range : {"Summary!$C$7", "Summary!$I$7", "Summary!$A$8:$A$9",
                            "Summary!$C$8:$C$9", "Summary!$I$8:$I$9"}) {
    INFO(range);
    CHECK(chart.find(range) != std::string::npos);
  }
  CHECK(chart.find("Sources!") == std::string::npos);
  CHECK(chart.find("Items by status, per source<") != std::string::npos);
  CHECK(chart.find("FF0000") != std::string::npos);  // red bars for Red
}

TEST_CASE("the chart shows the first 30 sources and says so", "[workbook]") {
  std::vector<Document> documents;
  for (int i = 1; i <= 31; ++i) {
    Document document;
    document.source.file = "plan" + std::to_string(i) + ".xlsx";
    Item item;
    item.id = "1";
    item.status = Rating::green;
    document.items = {item};
    documents.push_back(std::move(document));
  }
  TempDir dir;
  const auto package = written(dir, documents);
  const std::string chart = chart_xml(package, "Summary");
  // 31 table rows (2-32), the total row (33), a blank row, the data's header (35), 30 sources.
  CHECK(chart.find("Summary!$A$36:$A$65") != std::string::npos);
  CHECK(chart.find("Items by status, per source (the first 30 of 31 sources with items; the "
                   "Sources sheet has them all)") != std::string::npos);
}

TEST_CASE("no chart when no source has items", "[workbook]") {
  Document document;
  document.source.file = "empty.xlsx";
  TempDir dir;
  const auto package = written(dir, {document});
  CHECK(package.sheet_relationship_targets("Summary", "drawing").empty());
}

TEST_CASE("a value over Excel's 32,767 characters fills its cell and goes on in Continued",
          "[workbook]") {
  Document document;
  document.source.file = "long.xlsx";
  Item item;
  item.id = "long";
  item.text = std::string(70000, 'x');
  item.source = {"long.xlsx", "Plan", "C9", 0, 0, ""};
  Item accents;  // 20,000 characters in 40,000 bytes: it fits
  accents.id = "accents";
  for (int i = 0; i < 20000; ++i) accents.progress += "\u00e9";
  Item faces;  // 17,000 characters outside the BMP: 34,000 UTF-16 units
  faces.id = "faces";
  for (int i = 0; i < 17000; ++i) faces.progress += "\U0001F600";
  Item words;  // cut between two letters, never beside a space
  words.id = "words";
  for (int i = 0; i < 4000; ++i) words.comments += "word " + std::to_string(i) + " ";
  words.comments += "end";
  document.items = {item, accents, faces, words};
  TempDir dir;
  const auto package = written(dir, {document});
  const auto items = package.sheet("Items");
  CHECK(test::cell_text(package, items, "C2") == std::string(32767, 'x'));
  CHECK(test::cell_text(package, items, "G3") == accents.progress);
  const auto faces_cell = test::cell_text(package, items, "G4");
  REQUIRE(faces_cell);
  CHECK(faces_cell->size() == 16383 * 4);  // 32,766 units: one more face would be 32,768
  const auto words_cell = test::cell_text(package, items, "Q5");
  REQUIRE(words_cell);
  CHECK(words_cell->size() <= 32767);
  CHECK(words_cell->size() > 32767 - 2000);
  CHECK(std::isalnum(static_cast<unsigned char>(words_cell->back())));

  // The rest, in parts that fit, each naming the cell it continues.
  const auto continued = package.sheet("Continued");
  CHECK(row_texts(package, continued, 1, 5) == Strings{"Source", "Sheet", "Cell", "Part", "Text"});
  CHECK(row_texts(package, continued, 2, 4) == Strings{"long.xlsx", "Items", "C2", "2"});
  CHECK(test::cell_text(package, continued, "E2") == std::string(32767, 'x'));
  CHECK(row_texts(package, continued, 3, 4) == Strings{"long.xlsx", "Items", "C2", "3"});
  CHECK(test::cell_text(package, continued, "E3") == std::string(70000 - 2 * 32767, 'x'));
  CHECK(row_texts(package, continued, 4, 4) == Strings{"", "Items", "G4", "2"});
  CHECK(*faces_cell + *test::cell_text(package, continued, "E4") == faces.progress);
  CHECK(row_texts(package, continued, 5, 4) == Strings{"", "Items", "Q5", "2"});
  CHECK(*words_cell + *test::cell_text(package, continued, "E5") == words.comments);
  CHECK(!cell(continued, "A6"));
  REQUIRE(package.table("Continued"));

  const auto warnings = package.sheet("Warnings");
  CHECK(row_texts(package, warnings, 2, 4) ==
        Strings{"long.xlsx", "cell-continued",
                "The Text cell of the Items sheet holds 70,000 characters, more than the 32,767 "
                "an Excel cell holds: the cell has the first of them and the Continued sheet the "
                "rest, on rows that name the cell; trackport reads them back as one text, and "
                "the .json and .sqlite outputs hold it whole.",
                "long.xlsx!Plan!C9"});
  CHECK(row_texts(package, warnings, 3, 2) == Strings{"long.xlsx", "cell-continued"});
  CHECK(test::cell_text(package, warnings, "C3")
            ->find("Progress cell of the Items sheet holds "
                   "17,000 characters") != std::string::npos);
  CHECK(row_texts(package, warnings, 4, 2) == Strings{"long.xlsx", "cell-continued"});
  CHECK(!cell(warnings, "A5"));
}

TEST_CASE("no Continued sheet when every value fits its cell", "[workbook]") {
  TempDir dir;
  const auto package = written(dir, {test::sample_plan()});
  const auto names = package.sheet_names();
  CHECK(std::find(names.begin(), names.end(), "Continued") == names.end());
}

TEST_CASE("write() streams the same workbook bytes a file would hold", "[workbook]") {
  TempDir dir;
  std::ostringstream out;
  WorkbookExporter{}.write({test::sample_plan()}, out);
  const auto path = dir / "streamed.xlsx";
  std::ofstream(path, std::ios::binary) << out.str();
  CHECK(XlsxPackage(path).sheet_names().front() == "Items");
  CHECK_FALSE(WorkbookExporter{}.can_stream());
}

TEST_CASE("an unwritable workbook path throws", "[workbook]") {
  TempDir dir;
  CHECK_THROWS_WITH(
      WorkbookExporter{}.write_file({test::sample_plan()}, dir / "missing-dir/out.xlsx"),
      Catch::Matchers::Contains("cannot open") && Catch::Matchers::Contains("missing-dir"));
}

TEST_CASE("a workbook libxlsxwriter refuses throws and leaves no file", "[workbook]") {
  // More assessment columns than Excel's 16,384 columns.
  Document document;
  Item item;
  for (int i = 0; i < 16400; ++i) {
    item.assessments.push_back({"Q" + std::to_string(i), Rating::red, "R", RatingSource::text, ""});
  }
  document.items = {item};
  TempDir dir;
  const auto path = dir / "too-wide.xlsx";
  CHECK_THROWS_WITH(WorkbookExporter{}.write_file({document}, path),
                    Catch::Matchers::Contains("writing the workbook"));
  CHECK_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace trackport

namespace trackport {
namespace {

// Every part but docProps/core.xml (the time of writing) of two workbooks, compared.
void check_same_parts(const std::filesystem::path& expected, const std::filesystem::path& actual) {
  const XlsxPackage want(expected), got(actual);
  for (const auto& sheet : want.sheet_names()) {
    INFO(sheet);
    CHECK(got.entry(want.sheet_part(sheet)) == want.entry(want.sheet_part(sheet)));
  }
  CHECK(got.sheet_names() == want.sheet_names());
  for (const char* part : {"xl/styles.xml", "xl/workbook.xml", "[Content_Types].xml"}) {
    INFO(part);
    CHECK(got.entry(part) == want.entry(part));
  }
}

}  // namespace

TEST_CASE("the workbook written document by document, or item by item, is the whole write's",
          "[workbook]") {
  TempDir dir;
  const std::vector<Document> documents = {test::sample_plan(), test::sample_tracker()};
  WorkbookExporter exporter;
  exporter.write_file(documents, dir / "whole.xlsx");

  auto writer = exporter.open_file_writer(dir / "batch.xlsx");
  for (const auto& document : documents) writer->append(document);
  writer->finish();
  check_same_parts(dir / "whole.xlsx", dir / "batch.xlsx");

  // One document streamed: its organisation known only at the end (a mapping may set it).
  exporter.write_file({documents.front()}, dir / "one.xlsx");
  auto stream = exporter.stream_document_to_file(dir / "streamed.xlsx");
  Document so_far = documents.front();
  so_far.items.clear();
  so_far.organisation = "not yet known";
  stream->begin(so_far);
  for (const auto& item : documents.front().items) stream->item(item);
  Document finished = documents.front();
  finished.items.clear();
  stream->finish(finished);
  check_same_parts(dir / "one.xlsx", dir / "streamed.xlsx");
}

TEST_CASE("a workbook's rows wait in temporary files, not in memory: a writer holds no document",
          "[workbook]") {
  TempDir dir;
  auto writer = WorkbookExporter{}.open_file_writer(dir / "out.xlsx");
  {
    // The document is gone before finish(): the writer kept what it needs of it.
    Document document = test::sample_plan();
    document.organisation = "Kept Council";
    writer->append(document);
  }
  writer->finish();
  const XlsxPackage package(dir / "out.xlsx");
  const auto sources = package.sheet("Sources");
  CHECK(test::cell_text(package, sources, "E2") == "Kept Council");
}

}  // namespace trackport

namespace trackport {
namespace {

TEST_CASE("a sheet past its rows goes on in parts, each an Excel Table with the header",
          "[workbook]") {
  // Excel's 1,048,576 rows, made 10 here: 25 items are Items, Items (2) and Items (3); their one
  // extra value each the same in Extra; a long value of item 23 continues from Items (3)!C4.
  Document document;
  document.source.file = "big.xlsx";
  for (int i = 1; i <= 25; ++i) {
    Item item;
    item.id = std::to_string(i);
    item.text = "Commitment " + item.id;
    item.extra = {{"Budget", "£" + item.id}};
    if (i == 23) item.text = std::string(40000, 'x');
    document.items.push_back(std::move(item));
  }
  TempDir dir;
  const auto path = dir / "parts.xlsx";
  WorkbookBuilder builder(path, 10);
  builder.add(document);
  builder.close();
  const XlsxPackage package(path);
  CHECK(package.sheet_names() == Strings{"Items", "Items (2)", "Items (3)", "Extra", "Extra (2)",
                                         "Extra (3)", "Assessments", "Summary", "Sources",
                                         "Warnings", "Continued"});
  const auto text_column = 3;  // C
  for (const auto& [sheet, first, rows, table] :
       std::vector<std::tuple<std::string, int, int, std::string>>{
           {"Items", 1, 10, "Items"},
           {"Items (2)", 11, 10, "Items_2"},
           {"Items (3)", 21, 5, "Items_3"}}) {
    INFO(sheet);
    const auto part = package.sheet(sheet);
    CHECK(row_texts(package, part, 1, text_column) == Strings{"Theme", "Ref", "Text"});
    CHECK(test::cell_text(package, part, "C2") ==
          (first == 21 ? std::string("Commitment 21") : "Commitment " + std::to_string(first)));
    CHECK(!cell(part, "C" + std::to_string(rows + 2)));
    const auto part_table = package.table(sheet);
    REQUIRE(part_table);
    CHECK(std::string(part_table->child("table").attribute("name").value()) == table);
  }
  CHECK(test::cell_text(package, package.sheet("Items (3)"), "C6") == "Commitment 25");
  const auto extra = package.sheet("Extra (3)");
  CHECK(row_texts(package, extra, 6, 2) == Strings{"big.xlsx", "25"});
  const auto continued = package.sheet("Continued");
  CHECK(row_texts(package, continued, 2, 4) == Strings{"", "Items (3)", "C4", "2"});
}

}  // namespace
}  // namespace trackport
