// The HTML importer on hand-written fixtures (tests/fixtures/html/*.html) and on the encoding
// fixtures made by tests/fixtures/html/make_fixtures.py. Expected values are read off the
// fixtures, not copied from a run.
#include <catch2/catch.hpp>

#include <string>

#include "importers/html/html_charset.hpp"
#include "importers/html/html_importer.hpp"
#include "importers/html/html_parse.hpp"
#include "io/input.hpp"
#include "io/text_encoding.hpp"
#include "support/importer_checks.hpp"

using namespace trackport;
using trackport::test::has_warning;
using trackport::test::hex_fill;

namespace {

InputFile fixture(const std::string& name) {
  return read_input(std::string(TRACKPORT_TEST_DIR) + "/fixtures/html/" + name);
}

SourceDocument read_fixture(const std::string& name) {
  return make_html_importer()->read(fixture(name), ImportOptions{});
}

SourceDocument read_text(std::string html) {
  InputFile input{"inline.html", std::move(html), ""};
  return make_html_importer()->read(input, ImportOptions{});
}

std::string repeat(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

const std::string kCafe = "caf\u00e9 \u201cquoted\u201d \u2013 \u20ac5";

}  // namespace

TEST_CASE("html: identify", "[html]") {
  auto importer = make_html_importer();
  CHECK(importer->name() == "html");
  CHECK(importer->identify(fixture("structure.html")) == Match::content);
  CHECK(importer->identify(fixture("content.html")) == Match::content);
  CHECK(importer->identify(fixture("utf16.html")) == Match::content);
  CHECK(importer->identify(InputFile{"a.txt", "\xEF\xBB\xBF  <!-- x --><TABLE><tr>", ""}) ==
        Match::content);
  CHECK(importer->identify(InputFile{"a.htm", "hello", ""}) == Match::extension);
  CHECK(importer->identify(InputFile{"a.csv", "a,b\n1,2\n", ""}) == Match::no);
  CHECK(importer->identify(InputFile{"a.docx", "PK\x03\x04 <table>", ""}) == Match::no);
}

TEST_CASE("html: title and headings as section context", "[html]") {
  SourceDocument doc = read_fixture("structure.html");
  CHECK(doc.title == "Fixture Delivery Plan");  // the h1, not <title>
  REQUIRE(doc.tables.size() == 4);
  for (int i = 0; i < 4; ++i) CHECK(doc.tables[i].index == i + 1);
  // The only h1 is the title, not a section; the bold paragraph under it gives way to the h2.
  CHECK(doc.tables[0].headings ==
        std::vector<std::string>{"Part One", "Priority 1: Healthy lives"});
  CHECK(doc.tables[1].headings ==
        std::vector<std::string>{"Part One", "Priority 1: Healthy lives", "Key A: Legend"});
  CHECK(doc.tables[2].headings ==
        std::vector<std::string>{"Part One", "Priority 2: Safer streets"});
  CHECK(doc.tables[3].headings == std::vector<std::string>{"Part Two"});
}

TEST_CASE("html: several h1s are sections, the first doubling as the title", "[html]") {
  SourceDocument doc = read_text(
      "<h1>Priority 1</h1><table><tr><td>a</td></tr></table>"
      "<h1>Priority 2</h1><p><b>Objective 2a</b></p><table><tr><td>b</td></tr></table>");
  CHECK(doc.title == "Priority 1");
  REQUIRE(doc.tables.size() == 2);
  CHECK(doc.tables[0].headings == std::vector<std::string>{"Priority 1"});
  CHECK(doc.tables[1].headings == std::vector<std::string>{"Priority 2", "Objective 2a"});
}

TEST_CASE("html: <title> when there is no h1", "[html]") {
  SourceDocument doc = read_text(
      "<html><head><title>From the title</title></head><body><table><tr><td>x"
      "</td></tr></table></body></html>");
  CHECK(doc.title == "From the title");
  REQUIRE(doc.tables.size() == 1);
  CHECK(doc.tables[0].headings.empty());
}

TEST_CASE("html: a caption is the table's innermost heading", "[html]") {
  SourceDocument doc =
      read_text("<h2>Section</h2><table><caption>Key A: Risk</caption><tr><td>x</td></tr></table>");
  REQUIRE(doc.tables.size() == 1);
  CHECK(doc.tables[0].headings == std::vector<std::string>{"Section", "Key A: Risk"});
  CHECK(doc.tables[0].rows.size() == 1);
}

TEST_CASE("html: thead rows are marked as header rows", "[html]") {
  const Table t = read_fixture("structure.html").tables[0];
  REQUIRE(t.rows.size() == 7);
  CHECK(t.row_origins[0].header_marked);
  CHECK(t.text_at(0, 2) == "Status");
  for (std::size_t r = 1; r < t.rows.size(); ++r) CHECK_FALSE(t.row_origins[r].header_marked);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    CHECK(t.row_origins[r].number == static_cast<int>(r) + 1);
  }
  CHECK(t.addressing == Addressing::table_row);
}

TEST_CASE("html: rows of <th> at the top are header rows too", "[html]") {
  SourceDocument doc = read_text(
      "<table><tr><th>A</th><th>B</th></tr><tr><th>a</th><th>b</th></tr>"
      "<tr><td>1</td><td>2</td></tr><tr><th>A</th><th>B</th></tr></table>");
  const Table& t = doc.tables.at(0);
  REQUIRE(t.rows.size() == 4);
  CHECK(t.row_origins[0].header_marked);
  CHECK(t.row_origins[1].header_marked);
  CHECK_FALSE(t.row_origins[2].header_marked);
  CHECK_FALSE(t.row_origins[3].header_marked);  // a repeat further down: the mapping's call
}

TEST_CASE("html: rowspan and colspan", "[html]") {
  const Table t = read_fixture("structure.html").tables[0];
  REQUIRE(t.column_count() == 3);
  CHECK(t.rows[1][0].text == "1");
  CHECK(t.rows[1][0].row_span == 2);
  CHECK(t.rows[2][0].covered);
  CHECK(t.rows[2][0].origin_row == 1);
  CHECK(t.rows[2][0].origin_col == 0);
  CHECK(t.text_at(2, 0) == "1");
  CHECK(t.text_at(2, 1) == "Cycle more");  // placed after the covered position
  CHECK(t.rows[3][0].col_span == 2);
  CHECK(t.rows[3][1].covered);
  CHECK(t.text_at(3, 2) == "Red");
  // A 2 x 2 block: three covered positions, the next row's only cell goes to column 3.
  CHECK(t.rows[4][0].row_span == 2);
  CHECK(t.rows[4][0].col_span == 2);
  CHECK(t.rows[5][0].covered);
  CHECK(t.rows[5][1].covered);
  CHECK(t.rows[5][1].origin_row == 4);
  CHECK(t.text_at(5, 2) == "Blue");

  const Table whole = read_fixture("structure.html").tables[2];
  CHECK(whole.rows[0][0].row_span == 2);  // rowspan="0": to the end of the table
  CHECK(whole.text_at(1, 0) == "Whole");
  CHECK(whole.text_at(1, 1) == "b");

  const Table ragged = read_fixture("structure.html").tables[3];
  CHECK(ragged.column_count() == 4);  // short rows are padded
  CHECK(ragged.rows[1].size() == 4);
  CHECK(ragged.text_at(1, 3).empty());
}

TEST_CASE("html: cell fills", "[html]") {
  const Table t = read_fixture("structure.html").tables[0];
  CHECK(hex_fill(t, 1, 2) == "#92D050");  // style="background:#..."
  CHECK(hex_fill(t, 2, 2) == "#FFBF00");  // bgcolor
  CHECK(hex_fill(t, 3, 2) == "#C00000");  // background-color: rgb()
  CHECK(hex_fill(t, 4, 2) == "#FF0000");  // a colour name
  CHECK(hex_fill(t, 5, 2) == "#00B0F0");  // among Word's mso- declarations
  CHECK(hex_fill(t, 6, 0) == "#FFFF00");  // the row's bgcolor
  CHECK(hex_fill(t, 6, 2) == "#FFFF00");  // transparent shows the row's colour
  CHECK(hex_fill(t, 1, 1) == "none");
}

TEST_CASE("html: css colours", "[html]") {
  CHECK(parse_css_colour("#92d050") == Rgb{0x92, 0xD0, 0x50});
  CHECK(parse_css_colour("#fc0") == Rgb{0xFF, 0xCC, 0x00});
  CHECK(parse_css_colour("rgb(0, 176, 80)") == Rgb{0, 176, 80});
  CHECK(parse_css_colour("Silver") == Rgb{192, 192, 192});
  CHECK(parse_css_colour("92D050") == Rgb{0x92, 0xD0, 0x50});
  CHECK_FALSE(parse_css_colour("transparent"));
  CHECK_FALSE(parse_css_colour("windowtext"));
  CHECK_FALSE(parse_css_colour(""));
  CHECK(background_from_style("border:none;background:#C00000 none;mso-x:1") ==
        Rgb{0xC0, 0x00, 0x00});
  CHECK_FALSE(background_from_style("border:solid windowtext 1.0pt"));
}

TEST_CASE("html: cell content", "[html]") {
  SourceDocument doc = read_fixture("content.html");
  REQUIRE(doc.tables.size() == 1);  // the nested table is not a table of its own
  const Table& t = doc.tables[0];
  REQUIRE(t.rows.size() == 9);
  SECTION("lists") {
    CHECK(t.text_at(0, 1) == "Intro\n• first bullet\n• second\nline\n1. step one\n2. step two");
  }
  SECTION("Word's list paragraphs") {
    CHECK(t.text_at(1, 1) == "• Word bullet\n3. Word number");
  }
  SECTION("&nbsp; and <o:p>") {
    CHECK(t.text_at(2, 1) == "a b\nc");
  }
  SECTION("inline markup and source line breaks") {
    CHECK(t.text_at(3, 1) == "one bold word and a line break in the source");
  }
  SECTION("hidden text") {
    CHECK(t.text_at(4, 1) == "shown");
  }
  SECTION("a bullet already in the text is not doubled") {
    CHECK(t.text_at(5, 1) == "• already bulleted");
  }
  SECTION("nested tables flattened") {
    CHECK(t.text_at(6, 1) == "Trajectory\n| Q1 | Q2\n2011/12 | 21.2 | 20.9\nAfter");
    CHECK(has_warning(doc, "nested-table-flattened", 1, 7));
  }
  SECTION("paragraphs and lists inside list entries") {
    CHECK(t.text_at(7, 1) == "• para in item\n• Parent entry\n• Child");
  }
  SECTION("entities") {
    CHECK(t.text_at(8, 1) == "R&D <5% caf\u00e9 \u2013 done");
  }
}

TEST_CASE("html: character encodings", "[html]") {
  SECTION("declared windows-1252") {
    SourceDocument doc = read_fixture("cp1252.html");
    CHECK(doc.tables.at(0).text_at(0, 0) == kCafe);
    CHECK(doc.warnings.empty());
  }
  SECTION("undeclared, not UTF-8: Windows-1252 with a warning") {
    SourceDocument doc = read_fixture("undeclared-1252.html");
    CHECK(doc.tables.at(0).text_at(0, 0) == kCafe);
    CHECK(has_warning(doc, "encoding-guessed"));
  }
  SECTION("a UTF-8 BOM wins over the declaration") {
    SourceDocument doc = read_fixture("utf8-bom.html");
    CHECK(doc.tables.at(0).text_at(0, 0) == kCafe);
    CHECK(doc.warnings.empty());
  }
  SECTION("UTF-16 with a BOM") {
    SourceDocument doc = read_fixture("utf16.html");
    CHECK(doc.tables.at(0).text_at(0, 0) == kCafe);
  }
  SECTION("helpers") {
    CHECK(declared_charset("<meta charset='ISO-8859-1'>") == "iso-8859-1");
    CHECK(declared_charset("<META http-equiv=Content-Type content=\"text/html; charset=utf-8\">") ==
          "utf-8");
    CHECK(declared_charset("<p>no meta</p>").empty());
    CHECK(is_valid_utf8("caf\xC3\xA9"));
    CHECK_FALSE(is_valid_utf8("caf\xE9"));
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));  // overlong '/'
    CHECK(windows_1252_to_utf8("\x80\x93\x94") == "\u20ac\u201c\u201d");
  }
}

TEST_CASE("html: bad inputs", "[html][bad]") {
  SECTION("an empty file") {
    CHECK_THROWS_AS(read_fixture("empty.html"), InputError);
  }
  SECTION(
      "text without one tag, and binary bytes, are no page: one line, not a document of "
      "nothing") {
    CHECK_THROWS_WITH(read_text("x"), "not an HTML page (no markup in it)");
    CHECK_THROWS_WITH(read_text("Ref, Action\n1 < 2, a > b\n"),
                      "not an HTML page (no markup in it)");
    CHECK_THROWS_WITH(read_text(std::string(4096, '\0')), "not an HTML page (binary content)");
    std::string binary;
    for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 7919) % 256);
    CHECK_THROWS_WITH(read_text(binary), "not an HTML page (binary content)");
    // A fragment with one tag and no table is a page (it gives no tables, and a warning later).
    CHECK_NOTHROW(read_text("<p>Nothing to report this quarter</p>"));
  }
  SECTION("10,000 nested elements around a table") {
    SourceDocument doc = read_text("<html><body>" + repeat("<div>", 10000) +
                                   "<table><tr><td>deep</td></tr></table>" +
                                   repeat("</div>", 10000) + "</body></html>");
    CHECK(has_warning(doc, "nesting-too-deep"));
  }
  SECTION("10,000 nested tables") {
    SourceDocument doc = read_text(repeat("<table><tr><td>", 10000) + "x");
    REQUIRE(doc.tables.size() == 1);
    CHECK(has_warning(doc, "nesting-too-deep"));
  }
  SECTION("10,000 nested inline tags in a cell") {
    SourceDocument doc =
        read_text("<table><tr><td>" + repeat("<b>", 10000) + "bold" + "</td></tr></table>");
    REQUIRE(doc.tables.size() == 1);
  }
  SECTION("binary junk") {
    std::string junk;
    for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919) % 251));
    CHECK_THROWS_WITH(read_text(junk), "not an HTML page (binary content)");
  }
  SECTION("a huge colspan is clamped") {
    SourceDocument doc = read_text("<table><tr><td colspan=99999999>x</td></tr></table>");
    REQUIRE(doc.tables.size() == 1);
    CHECK(doc.tables[0].column_count() == 1000);
  }
  SECTION("the cell limit") {
    InputFile input{"a.html", "<table><tr><td colspan=100>x</td></tr><tr><td>y</td></tr></table>",
                    ""};
    ImportOptions options;
    options.max_cells = 150;
    CHECK_THROWS_AS(make_html_importer()->read(input, options), InputError);
  }
}

TEST_CASE("html: spans that multiply a small page fail fast on the memory budget") {
  // 900 KB of colspan="1000": 40 million cells, 2.8 GB and 70 s before the budget in bytes.
  std::string row = "<tr>";
  for (int i = 0; i < 50; ++i) row += "<td colspan=1000>x</td>";
  row += "</tr>";
  std::string html = "<table>";
  for (int i = 0; i < 800; ++i) html += row;
  html += "</table>";
  InputFile input{"spans.html", html, ""};
  try {
    make_html_importer()->read(input, ImportOptions{});
    FAIL("read a 40-million-cell grid");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          "its tables would take more than 256 MB of memory (--table-memory)");
  }
  // The same page with a larger budget than it needs reads; with a small one it does not.
  InputFile small{"small.html", "<table><tr><td colspan=1000>x</td></tr></table>", ""};
  ImportOptions options;
  options.max_table_bytes = std::size_t{1} << 20;
  CHECK(make_html_importer()->read(small, options).tables[0].column_count() == 1000);
  options.max_table_bytes = 1000;
  CHECK_THROWS_AS(make_html_importer()->read(small, options), InputError);
}
