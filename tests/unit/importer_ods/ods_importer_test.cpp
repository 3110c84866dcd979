#include <catch2/catch.hpp>

#include "importers/ods/ods_importer.hpp"
#include "io/input.hpp"
#include "support/importer_checks.hpp"
#include "unit/importer_xlsx/grid_text.hpp"
#include "unit/io/zip_writer.hpp"

using namespace trackport;
using trackport::test::column_names;
using trackport::test::grid_lines;
using trackport::test::make_zip;
using Lines = std::vector<std::string>;

namespace {

std::string fixture_path(const std::string& name) {
  return std::string(TRACKPORT_TEST_DIR) + "/fixtures/ods/" + name;
}

InputFile fixture(const std::string& name) {
  return read_input(fixture_path(name));
}

InputFile in_memory(std::string bytes, std::string name = "test.ods") {
  return test::in_memory(std::move(bytes), std::move(name));
}

SourceDocument read(const InputFile& input, ImportOptions options = {}) {
  return make_ods_importer()->read(input, options);
}

std::string read_error(const InputFile& input, ImportOptions options = {}) {
  return test::read_error(*make_ods_importer(), input, options);
}

std::string package_with_content(const std::string& content) {
  return make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", true},
                   {"content.xml", content}});
}

const char* kNamespaces = R"(xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
                          R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" )"
                          R"(xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0")";

std::string content_with_rows(const std::string& rows) {
  return std::string("<?xml version=\"1.0\"?><office:document-content ") + kNamespaces +
         "><office:body><office:spreadsheet><table:table table:name=\"T\">" + rows +
         "</table:table></office:spreadsheet></office:body></office:document-content>";
}

}  // namespace

TEST_CASE("ods: identify") {
  auto importer = make_ods_importer();
  CHECK(importer->name() == "ods");
  CHECK(importer->identify(fixture("features.ods")) == Match::content);
  InputFile renamed = fixture("handmade.ods");
  renamed.path = "data.zip";
  CHECK(importer->identify(renamed) == Match::content);
  CHECK(importer->identify(in_memory("text", "a.ods")) == Match::extension);
  CHECK(importer->identify(in_memory("text", "a.csv")) == Match::no);
  std::string odt = make_zip({{"mimetype", "application/vnd.oasis.opendocument.text", true}});
  CHECK(importer->identify(in_memory(odt, "a.odt")) == Match::no);
}

TEST_CASE("ods: features.ods (LibreOffice's own output) gives the same grid as the xlsx") {
  SourceDocument doc = read(fixture("features.ods"));
  CHECK(doc.title == "Feature workbook");
  REQUIRE(doc.tables.size() == 3);
  const Table& plan = doc.tables[0];
  CHECK(plan.sheet == "Plan");
  CHECK(plan.addressing == Addressing::cells);
  CHECK(plan.headings == Lines{"Delivery Plan 2013-16"});
  CHECK(column_names(plan) == Lines{"A", "B", "C", "D", "E", "G"});
  CHECK(
      grid_lines(plan) ==
      Lines{
          "3: A=Ref | B=Theme | C=Action | D=Due | E=Status | G=Progress",
          "4: A=1 | B=Healthy lives {3x1} | C=\xE2\x80\xA2 first line\n\xE2\x80\xA2 second line | "
          "D=Mar-13 | E=#C00000 | G=overdue",
          "5: A=2 | B^ | C=Second action | D=31/03/2014 | E=#FF0000 | G=50%",
          // LibreOffice shows Excel's built-in short date the US way: the text is its text:p
          "6: A=3.5 | B^ | C=Third action | D=12/1/2013 | E=#F79646 | G=TRUE",
          "8: A=4a | B=Safer | C=Fourth | D=2013-14 | E=#808080 | G=#404040",
      });
  CHECK(doc.tables[1].headings == Lines{"Section two"});
  CHECK(grid_lines(doc.tables[1]) ==
        Lines{"12: A=Indicator | B=Baseline | C=Target", "13: A=NI 45 | B=12 | C=15 #D99694"});
  CHECK(doc.tables[2].sheet == "Cover");
  CHECK(grid_lines(doc.tables[2]) == Lines{"3: A=Some notes"});
  REQUIRE(doc.warnings.size() == 4);
  CHECK(doc.warnings[0].message == "hidden column F skipped (sheet 'Plan')");
  CHECK(doc.warnings[1].message == "hidden row 7 skipped (sheet 'Plan')");
  CHECK(doc.warnings[2].message == "hidden sheet 'Secret' skipped");
  CHECK(doc.warnings[3].message == "hidden sheet 'VeryHidden' skipped");
  CHECK(doc.warnings[3].location.file == fixture_path("features.ods"));
}

TEST_CASE("ods: handmade.ods: lists, repeats, spans, styles, hidden parts") {
  SourceDocument doc = read(fixture("handmade.ods"));
  CHECK(doc.title.empty());
  REQUIRE(doc.tables.size() == 2);
  const Table& lists = doc.tables[0];
  CHECK(lists.sheet == "Lists");
  CHECK(lists.headings == Lines{"Title"});
  CHECK(column_names(lists) == Lines{"A", "B", "D"});
  CHECK(grid_lines(lists) ==
        Lines{
            "3: A=Item | B=Notes | D=Status",
            // a row span; a list with a nested item; D4's style inherits red from styles.xml
            "4: A=one {2x1} | B=\xE2\x80\xA2 first\n\xE2\x80\xA2 second\n\xE2\x80\xA2 nested | "
            "D=#FF0000",
            // a line break and trailing text:s spaces; a "transparent" background is no fill
            "5: A^ | B=line1\nline2 | D=x",
            // a row repeated twice holding a cell repeated twice
            "6: A=rep | B=rep",
            "7: A=rep | B=rep",
            // row 8 is collapsed; B9's annotation is not its text
            "9: A=after hidden | B=Mar-13",
        });
  const Table& second = doc.tables[1];
  CHECK(second.sheet == "Second");
  CHECK(grid_lines(second) == Lines{"1: A=x {1x2} | B^", "2: A=y | B=3"});
  REQUIRE(doc.warnings.size() == 3);
  CHECK(doc.warnings[0].code == "hidden-column");
  CHECK(doc.warnings[0].message == "hidden column C skipped (sheet 'Lists')");
  CHECK(doc.warnings[1].code == "hidden-row");
  CHECK(doc.warnings[1].message == "hidden row 8 skipped (sheet 'Lists')");
  CHECK(doc.warnings[2].code == "hidden-sheet");
  CHECK(doc.warnings[2].message == "hidden sheet 'Hidden' skipped");
}

TEST_CASE("ods: bad input") {
  CHECK(read_error(in_memory("")) == "empty file (an ODS spreadsheet is a ZIP container)");
  CHECK(read_error(in_memory("a,b\n1,2\n")) == "not an ODS spreadsheet (not a ZIP container)");
  CHECK(read_error(fixture("encrypted.ods")) ==
        "password-protected or encrypted ODS spreadsheet; remove the password in LibreOffice "
        "and save again");
  InputFile whole = fixture("features.ods");
  CHECK(read_error(in_memory(whole.bytes.substr(0, whole.bytes.size() / 2)))
            .starts_with("truncated or corrupt ZIP"));
  std::string odt = make_zip({{"mimetype", "application/vnd.oasis.opendocument.text", true}});
  CHECK(read_error(in_memory(odt)) ==
        "not a spreadsheet: the OpenDocument package is application/vnd.oasis.opendocument.text");
  CHECK(read_error(in_memory(
            make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", true}}))) ==
        "not an ODS spreadsheet (no content.xml)");
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]>" +
                       content_with_rows("<table:table-row/>");
  CHECK(read_error(in_memory(package_with_content(laughs))) ==
        "part content.xml has a DOCTYPE declaration (refused: possible entity-expansion attack)");
  CHECK(read_error(in_memory(package_with_content("<a><b></a>"))).starts_with("malformed XML"));
}

TEST_CASE("ods: repeated rows with content are bounded by the cell limit") {
  std::string rows =
      "<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell "
      "table:number-columns-repeated=\"1000\" office:value-type=\"string\"><text:p>x</text:p>"
      "</table:table-cell></table:table-row>";
  ImportOptions options;
  options.max_cells = 100000;
  CHECK(read_error(in_memory(package_with_content(content_with_rows(rows))), options) ==
        "too many cells (over the cell limit, or --table-memory)");
  // Under the default limit, the repeats themselves are capped: a few bytes cannot ask for
  // a billion cells.
  CHECK(read_error(in_memory(package_with_content(content_with_rows(rows)))) ==
        "too many repeated cells with content (over 2000000)");
}

TEST_CASE("ods: a 50,000-character cell and an empty sheet") {
  std::string words;
  for (int i = 0; i < 10000; ++i) words += "word ";
  std::string rows = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>" +
                     words + "</text:p></table:table-cell></table:table-row>";
  SourceDocument doc = read(in_memory(package_with_content(content_with_rows(rows))));
  REQUIRE(doc.tables.size() == 1);
  CHECK(doc.tables[0].rows[0][0].text.size() == 49999);
  doc = read(in_memory(package_with_content(
      content_with_rows("<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell "
                        "table:number-columns-repeated=\"16384\"/></table:table-row>"))));
  CHECK(doc.tables.empty());
  CHECK(doc.warnings.empty());
}

TEST_CASE("ods: mangled content.xml gives a result or an InputError, never a crash") {
  const std::string base = content_with_rows(
      R"(<table:table-column table:visibility="collapse"/>)"
      R"(<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-spanned="2" )"
      R"(table:number-columns-repeated="3" office:value-type="string"><text:p>a<text:s text:c="2"/>b</text:p>)"
      R"(<text:list><text:list-item><text:p>i</text:p></text:list-item></text:list></table:table-cell>)"
      R"(<table:covered-table-cell/></table:table-row>)"
      R"(<table:table-row table:visibility="collapse"><table:table-cell><text:p>h</text:p></table:table-cell></table:table-row>)");
  const std::string noise = "<>/\"=&;#x0 :9";
  unsigned state = 54321;  // a fixed LCG: the same mangling every run
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return (state >> 8) & 0xFFFFFF;
  };
  int errors = 0;
  for (int round = 0; round < 300; ++round) {
    std::string xml = base;
    int edits = 1 + static_cast<int>(next() % 4);
    for (int e = 0; e < edits; ++e) {
      std::size_t at = next() % xml.size();
      if (next() % 5 == 0) {
        xml.resize(at);
        if (xml.empty()) xml = "<";
      } else {
        xml[at] = noise[next() % noise.size()];
      }
    }
    try {
      read(in_memory(package_with_content(xml)));
    } catch (const InputError&) {
      ++errors;
    }
  }
  CHECK(errors > 0);
}

TEST_CASE("ods: content bigger than the streaming window reads every row, in order") {
  // About 9 MB of content.xml, so rows straddle the 4 MiB windows. Row r holds "r<r>" in A.
  std::string rows;
  const int count = 60000;
  for (int r = 1; r <= count; ++r) {
    rows += "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>r" +
            std::to_string(r) +
            "</text:p></table:table-cell><table:table-cell "
            "table:number-columns-repeated=\"1023\"/></table:table-row><!-- padding padding "
            "padding padding padding padding padding padding padding padding padding -->";
  }
  std::string content = content_with_rows(rows);
  REQUIRE(content.size() > (std::size_t{8} << 20));
  SourceDocument doc = read(in_memory(package_with_content(content)));
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  REQUIRE(table.rows.size() == static_cast<std::size_t>(count));
  bool all_match = true;
  for (int r = 1; r <= count && all_match; ++r) {
    all_match = table.row_origins[static_cast<std::size_t>(r - 1)].number == r &&
                table.rows[static_cast<std::size_t>(r - 1)][0].text == "r" + std::to_string(r);
  }
  CHECK(all_match);
}

TEST_CASE("ods: content.xml that stops in the middle is truncated") {
  std::string content = content_with_rows(
      "<table:table-row><table:table-cell><text:p>a</text:p></table:table-cell></table:table-row>");
  std::string cut = content.substr(0, content.find("</table:table-row>") + 5);
  CHECK(read_error(in_memory(package_with_content(cut))) == "content.xml is truncated");
}

TEST_CASE("ods: spans and lists nested a million deep are read without recursion") {
  constexpr int kDepth = 1'000'000;
  std::string spans;
  for (int i = 0; i < kDepth; ++i) spans += "<text:span>";
  spans += "deep";
  for (int i = 0; i < kDepth; ++i) spans += "</text:span>";
  // Lists: each item holds a paragraph and the next list.
  std::string lists;
  for (int i = 0; i < kDepth; ++i) lists += "<text:list><text:list-item><text:p>i</text:p>";
  for (int i = 0; i < kDepth; ++i) lists += "</text:list-item></text:list>";
  const std::string rows = "<table:table-row><table:table-cell><text:p>" + spans +
                           "</text:p></table:table-cell><table:table-cell>" + lists +
                           "</table:table-cell></table:table-row>";
  // Stored, not deflated: so regular a text would look like a ZIP bomb.
  SourceDocument doc =
      read(in_memory(make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", true},
                               {"content.xml", content_with_rows(rows), true}})));
  REQUIRE(doc.tables.size() == 1);
  CHECK(doc.tables[0].rows[0][0].text == "deep");
  const std::string& list = doc.tables[0].rows[0][1].text;
  CHECK(list.starts_with("\u2022 i\n\u2022 i\n"));
  CHECK(static_cast<int>(std::count(list.begin(), list.end(), '\n')) == kDepth - 1);
}
