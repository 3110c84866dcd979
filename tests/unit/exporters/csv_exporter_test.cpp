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
      "Due start,Due end,Leads,Partners,Progress,Status,Mitigation,Comments,Q1,Location,"
      "extra: Notes,extra: Budget\r\n"
      "a.xlsx,1,\"Org, Ltd\",T,,,,\"Say \"\"hi\"\", then go\",,,,Mar-13,2013-03-01,2013-03-31,"
      "\"Ann\nBob\",,,Red,,,Amber/Green,a.xlsx!S1!A2:B2,\"line1\r\nline2\",\r\n"
      "a.xlsx,2,\"Org, Ltd\",,,,,plain,,,,,,,,,,,,,,a.xlsx!S1!A3:B3,,5\r\n";
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
  CHECK(text.find(",officer,chair,Q1,Location,extra: RAG last quarter,extra: Budget\r\n") !=
        std::string::npos);
  CHECK(text.find("plan.docx table 2 row 5") != std::string::npos);
  CHECK(text.find("plan.pdf p. 3-4") != std::string::npos);
  CHECK(text.find("\r\nsheffield.csv,r1,,,,,,Poverty proofing,") != std::string::npos);
}

TEST_CASE("the csv exporter writes only the header for no documents", "[csv]") {
  const std::string text = exported({});
  CHECK(text.rfind("\xEF\xBB\xBFSource,Id,", 0) == 0);
  CHECK(text.find("Comments,Location\r\n") != std::string::npos);
}

}  // namespace
}  // namespace trackport
