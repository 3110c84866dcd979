#include "exporters/csv/csv_exporter.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "sample_documents.hpp"

namespace trackport {
namespace {

using namespace std::chrono_literals;

std::string exported(const std::vector<Document>& documents) {
  std::ostringstream out;
  CsvExporter{}.write(documents, out);
  return out.str();
}

Document quoting_document() {
  Document document;
  document.organisation = "Org, Ltd";
  document.period = "Q2";
  document.source.file = "a.xlsx";

  Item quoted;
  quoted.id = "1";
  quoted.theme = "T";
  quoted.text = "Say \"hi\", then go";
  quoted.due = Due{"Mar-13", 2013y / 3 / 1, 2013y / 3 / 31};
  quoted.leads = {"Ann", "Bob"};
  quoted.status = Rating::red;
  quoted.assessments = {{"Q1", Rating::amber_green, "A/G", RatingSource::text, ""}};
  quoted.extra = {{"Notes", "line1\r\nline2"}};
  quoted.source.file = "a.xlsx";
  quoted.source.sheet = "S1";
  quoted.source.cells = "A2:B2";

  Item plain;
  plain.id = "2";
  plain.text = "plain";
  plain.extra = {{"Budget", "5"}};
  plain.source.file = "a.xlsx";
  plain.source.sheet = "S1";
  plain.source.cells = "A3:B3";

  document.items = {quoted, plain};
  return document;
}

TEST_CASE("csv_field quotes only what RFC 4180 requires", "[csv]") {
  CHECK(csv_field("plain text") == "plain text");
  CHECK(csv_field("") == "");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("carriage\rreturn") == "\"carriage\rreturn\"");
  CHECK(csv_field("£10 – “smart”") == "£10 – “smart”");
}

TEST_CASE("the csv exporter writes a BOM, the Items columns and CRLF rows", "[csv]") {
  const std::string expected =
      "\xEF\xBB\xBF"
      "Source,Id,Organisation,Theme,Objective,Category,Ref,Text,Measure,Baseline,Target,Due,"
      "Due start,Due end,Leads,Partners,Progress,Status,Mitigation,Comments,Period,Title,"
      "Assessments,Extra,Location\r\n"
      "a.xlsx,1,\"Org, Ltd\",T,,,,\"Say \"\"hi\"\", then go\",,,,Mar-13,2013-03-01,2013-03-31,"
      "\"Ann\nBob\",,,Red,,,Q2,,"
      "\"[{\"\"by\"\":\"\"Q1\"\",\"\"rating\"\":\"\"amber-green\"\",\"\"raw\"\":\"\"A/G\"\","
      "\"\"from\"\":\"\"text\"\",\"\"commentary\"\":\"\"\"\"}]\","
      "\"{\"\"Notes\"\":\"\"line1\\r\\nline2\"\"}\",a.xlsx!S1!A2:B2\r\n"
      "a.xlsx,2,\"Org, Ltd\",,,,,plain,,,,,,,,,,,,,Q2,,[],"
      "\"{\"\"Budget\"\":\"\"5\"\"}\",a.xlsx!S1!A3:B3\r\n";
  CHECK(exported({quoting_document()}) == expected);
}

TEST_CASE("the csv exporter puts every document's items in one table", "[csv]") {
  const std::string text = exported({test::sample_plan(), test::sample_tracker()});
  // Header + 4 + 1 rows; the sample has no CR inside values, so CRLFs count the rows.
  std::size_t rows = 0;
  for (std::size_t at = text.find("\r\n"); at != std::string::npos;
       at = text.find("\r\n", at + 2)) {
    ++rows;
  }
  CHECK(rows == 6);
  // The same columns whatever the documents hold.
  CHECK(text.find(",Comments,Period,Title,Assessments,Extra,Location\r\n") != std::string::npos);
  CHECK(text.rfind(exported({}), 0) == 0);
  CHECK(text.find("plan.docx table 2 row 5") != std::string::npos);
  CHECK(text.find("plan.pdf p. 3-4") != std::string::npos);
  CHECK(text.find("\r\nsheffield.csv,r1,,,,,,Poverty proofing,") != std::string::npos);
}

TEST_CASE("csv_field finds what needs quoting at any position", "[csv]") {
  for (char special : {',', '"', '\r', '\n'}) {
    for (std::size_t at = 0; at <= 20; ++at) {
      std::string value(20, 'x');
      value.insert(at, 1, special);
      std::string expected = value;
      if (special == '"') expected.insert(at, 1, '"');
      INFO("byte " << static_cast<int>(special) << " at " << at);
      CHECK(csv_field(value) == "\"" + expected + "\"");
    }
  }
  CHECK(csv_field(std::string(40, 'x') + "\xE2\x80\x93") == std::string(40, 'x') + "\xE2\x80\x93");
  CHECK(csv_field("\"\"") == "\"\"\"\"\"\"");
}

TEST_CASE("a header repeated within one row keeps every value, numbered as in JSON", "[csv]") {
  Document document;
  Item repeated;
  repeated.extra = {{"N", "a"}, {"B", "b"}, {"N", "c"}};
  Item empty_first;
  empty_first.extra = {{"N", ""}, {"N", "x"}};
  Item only_b;
  only_b.extra = {{"B", "1,5"}};
  document.items = {repeated, empty_first, only_b};
  const std::string text = exported({document});
  CHECK(text.find(",\"{\"\"N\"\":\"\"a\"\",\"\"B\"\":\"\"b\"\",\"\"N (2)\"\":\"\"c\"\"}\",\r\n") !=
        std::string::npos);
  CHECK(text.find(",\"{\"\"N\"\":\"\"\"\",\"\"N (2)\"\":\"\"x\"\"}\",\r\n") != std::string::npos);
  CHECK(text.find(",\"{\"\"B\"\":\"\"1,5\"\"}\",\r\n") != std::string::npos);
}

TEST_CASE("the csv exporter writes output bigger than its buffer whole", "[csv]") {
  Document document;
  for (int n = 0; n < 30000; ++n) {
    Item item;
    item.id = std::to_string(n);
    item.text = "Item " + std::to_string(n) + ", with a comma and some more text to fill the row";
    document.items.push_back(item);
  }
  const std::string text = exported({document});
  CHECK(text.size() > 2'000'000);
  std::size_t rows = 0;
  for (std::size_t at = text.find("\r\n"); at != std::string::npos;
       at = text.find("\r\n", at + 2)) {
    ++rows;
  }
  CHECK(rows == 30001);
  CHECK(text.find("\r\n,12345,,,,,,\"Item 12345, with a comma") != std::string::npos);
  CHECK(text.size() - text.rfind("\r\n,29999,") < 200);
}

TEST_CASE("the csv exporter writes only the header for no documents", "[csv]") {
  const std::string text = exported({});
  CHECK(text.rfind("\xEF\xBB\xBFSource,Id,", 0) == 0);
  CHECK(text.find("Comments,Period,Title,Assessments,Extra,Location\r\n") != std::string::npos);
}

std::string exported_table(const std::vector<Document>& documents, std::string_view table) {
  const auto exporter = CsvExporter{}.for_table(table);
  REQUIRE(exporter != nullptr);
  std::ostringstream out;
  exporter->write(documents, out);
  return out.str();
}

TEST_CASE("the csv exporter offers the items, indicators and risks tables", "[csv]") {
  const CsvExporter items;
  CHECK(items.table() == CsvTable::items);
  CHECK(items.tables() == std::vector<std::string_view>{"items", "indicators", "risks"});
  for (auto table : {CsvTable::items, CsvTable::indicators, CsvTable::risks}) {
    const auto chosen = items.for_table(csv_table_name(table));
    REQUIRE(chosen != nullptr);
    CHECK(chosen->name() == "csv");
    CHECK(dynamic_cast<const CsvExporter&>(*chosen).table() == table);
    CHECK(csv_table_named(csv_table_name(table)) == table);
  }
  CHECK(items.for_table("Indicators") == nullptr);
  CHECK(items.for_table("nosuch") == nullptr);
  CHECK_FALSE(csv_table_named("").has_value());
  // The items table is the default, written as before.
  CHECK(exported_table({quoting_document()}, "items") == exported({quoting_document()}));
  // Formats that hold every table in one output offer no choice.
  for (const auto& exporter : exporters()) {
    if (exporter->name() != "csv") CHECK(exporter->tables().empty());
  }
}

TEST_CASE("the indicators csv: a row per indicator and per area, targets as JSON", "[csv]") {
  const std::string expected =
      "\xEF\xBB\xBF"
      "Source,Code,Title,Area,Baseline,Targets,Location\r\n"
      "plans/rotherham.xlsx,NI 45,Young offenders in education,,70%,"
      "\"[{\"\"period\"\":\"\"2010/11\"\",\"\"value\"\":\"\"75%\"\"},"
      "{\"\"period\"\":\"\"2011/12\"\",\"\"value\"\":\"\"80%\"\"}]\","
      "plans/rotherham.xlsx!Indicators!A2:F2\r\n"
      "plans/rotherham.xlsx,NI 45,Young offenders in education,Cannock,68%,"
      "\"[{\"\"period\"\":\"\"2010/11\"\",\"\"value\"\":\"\"72%\"\"}]\","
      "plans/rotherham.xlsx!Indicators!A2:F2\r\n";
  CHECK(exported_table({test::sample_plan()}, "indicators") == expected);
  // No indicators: the header alone, the same one.
  CHECK(exported_table({test::sample_tracker()}, "indicators") ==
        "\xEF\xBB\xBFSource,Code,Title,Area,Baseline,Targets,Location\r\n");
}

TEST_CASE("the indicators csv keeps each document's own periods, quoting their text", "[csv]") {
  Document first;
  first.source.file = "a.xlsx";
  Indicator quitters;
  quitters.code = "NI 123";
  quitters.title = "Quitters, adults";
  quitters.targets = {{"2010/11", "1,100"}, {"2012/13", "1,300"}};
  quitters.source.file = "a.xlsx";
  quitters.source.page = "2";
  first.indicators = {quitters};
  Document second;
  second.source.file = "b.docx";
  Indicator offenders;
  offenders.code = "NI 45";
  offenders.baseline = "70%";
  offenders.targets = {{"2009/10", "68%"}, {"2011/12", "say \"80%\""}};
  offenders.breakdown = {{"Cannock", "", {}}};
  offenders.source.file = "b.docx";
  offenders.source.table = 2;
  offenders.source.row = 3;
  second.indicators = {offenders};
  const std::string expected =
      "\xEF\xBB\xBF"
      "Source,Code,Title,Area,Baseline,Targets,Location\r\n"
      "a.xlsx,NI 123,\"Quitters, adults\",,,"
      "\"[{\"\"period\"\":\"\"2010/11\"\",\"\"value\"\":\"\"1,100\"\"},"
      "{\"\"period\"\":\"\"2012/13\"\",\"\"value\"\":\"\"1,300\"\"}]\",a.xlsx p. 2\r\n"
      "b.docx,NI 45,,,70%,"
      "\"[{\"\"period\"\":\"\"2009/10\"\",\"\"value\"\":\"\"68%\"\"},"
      "{\"\"period\"\":\"\"2011/12\"\",\"\"value\"\":\"\"say \\\"\"80%\\\"\"\"\"}]\","
      "b.docx table 2 row 3\r\n"
      "b.docx,NI 45,,Cannock,,[],b.docx table 2 row 3\r\n";
  CHECK(exported_table({first, second}, "indicators") == expected);
}

TEST_CASE("the risks csv: a row per risk, due dates as ISO text", "[csv]") {
  Document document = test::sample_plan();
  Risk unscored;
  unscored.ref = "R2";
  unscored.description = "Staff turnover, \"high\"";
  unscored.impact = "High";
  unscored.likelihood = "Low";
  unscored.owner = "HR\nFinance";
  unscored.due = Due{"Ongoing", std::nullopt, std::nullopt};
  unscored.source.file = "plan.pdf";
  unscored.source.page = "3-4";
  Risk bare;
  bare.description = "Data quality";
  document.risks.push_back(unscored);
  document.risks.push_back(bare);
  const std::string expected =
      "\xEF\xBB\xBF"
      "Source,Ref,Description,Impact,Likelihood,Score,Mitigation,Owner,Due,Due start,Due end,"
      "Location\r\n"
      "plans/rotherham.xlsx,R1,Funding cut,4,3,12,Seek grants,Director,2013-14,2013-04-01,"
      "2014-03-31,plans/rotherham.xlsx!Risks!A2:H2\r\n"
      "plans/rotherham.xlsx,R2,\"Staff turnover, \"\"high\"\"\",High,Low,,,\"HR\nFinance\","
      "Ongoing,,,plan.pdf p. 3-4\r\n"
      "plans/rotherham.xlsx,,Data quality,,,,,,,,,\r\n";
  CHECK(exported_table({document, test::sample_tracker()}, "risks") == expected);
}

}  // namespace
}  // namespace trackport
