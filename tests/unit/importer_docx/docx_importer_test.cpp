// The docx importer on small documents made by tests/fixtures/docx/make_fixtures.py (python-docx
// plus raw WordprocessingML) and make_lo_fixture.sh (LibreOffice). Expected values are read off
// the fixture scripts, not copied from a run.
#include <catch2/catch.hpp>

#include <string>

#include "importers/docx/docx_grid.hpp"
#include "importers/docx/docx_importer.hpp"
#include "io/input.hpp"
#include "support/importer_checks.hpp"

using namespace trackport;
using trackport::test::has_warning;
using trackport::test::hex_fill;

namespace {

InputFile fixture(const std::string& name) {
  return read_input(std::string(TRACKPORT_TEST_DIR) + "/fixtures/docx/" + name);
}

SourceDocument read_fixture(const std::string& name) {
  auto importer = make_docx_importer();
  return importer->read(fixture(name), ImportOptions{});
}

std::string read_error(const std::string& name) {
  return test::read_error(*make_docx_importer(), fixture(name));
}

}  // namespace

TEST_CASE("docx: identify by content, extension and OLE signature", "[docx]") {
  auto importer = make_docx_importer();
  CHECK(importer->name() == "docx");
  CHECK(importer->identify(fixture("structure.docx")) == Match::content);
  CHECK(importer->identify(fixture("legacy.doc")) == Match::content);
  CHECK(importer->identify(fixture("junk.docx")) == Match::extension);
  InputFile text{"notes.txt", "just some text", ""};
  CHECK(importer->identify(text) == Match::no);
}

TEST_CASE("docx: title and headings as section context", "[docx]") {
  SourceDocument doc = read_fixture("structure.docx");
  CHECK(doc.title == "Fixture Delivery Plan");
  REQUIRE(doc.tables.size() == 3);
  CHECK(doc.tables[0].index == 1);
  // The Title paragraph is the document's title, not a section heading.
  CHECK(doc.tables[0].headings ==
        std::vector<std::string>{"Part One", "Priority 1: Healthy lives"});
  // A bold-only paragraph is context below the headings in force.
  CHECK(doc.tables[1].headings ==
        std::vector<std::string>{"Part One", "Priority 1: Healthy lives", "Key A: Legend"});
  // A new heading 2 replaces the old one and the bold paragraph under it.
  CHECK(doc.tables[2].headings ==
        std::vector<std::string>{"Part One", "Priority 2: Safer streets"});
  CHECK(doc.tables[2].addressing == Addressing::table_row);
}

TEST_CASE("docx: several Heading 1s are sections, the first doubling as the title", "[docx]") {
  SourceDocument doc = read_fixture("sections.docx");
  CHECK(doc.title == "Priority 1: Best start");
  REQUIRE(doc.tables.size() == 2);
  CHECK(doc.tables[0].headings == std::vector<std::string>{"Priority 1: Best start"});
  // The table's caption (alt text title) is the innermost context.
  CHECK(doc.tables[1].headings == std::vector<std::string>{"Priority 2: Families",
                                                           "Objective 2a: Parenting",
                                                           "Parenting actions"});
}

TEST_CASE("docx: header rows marked to repeat", "[docx]") {
  const Table table = read_fixture("structure.docx").tables[0];
  REQUIRE(table.rows.size() == 7);
  REQUIRE(table.row_origins.size() == 7);
  CHECK(table.row_origins[0].header_marked);
  CHECK(table.row_origins[1].header_marked);
  CHECK_FALSE(table.row_origins[2].header_marked);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    CHECK(table.row_origins[r].number == static_cast<int>(r) + 1);
  }
  CHECK(table.text_at(0, 1) == "Action");
  CHECK(table.text_at(1, 2) == "Status");
}

TEST_CASE("docx: vertical merge covers the rows below the restart cell", "[docx]") {
  const Table table = read_fixture("structure.docx").tables[0];
  const Cell& top = table.rows[3][0];
  CHECK(top.text == "2");
  CHECK(top.row_span == 2);
  const Cell& covered = table.rows[4][0];
  CHECK(covered.covered);
  CHECK(covered.origin_row == 3);
  CHECK(covered.origin_col == 0);
  CHECK(table.text_at(4, 0) == "2");
  CHECK(table.vertically_merged(4, 0));
  CHECK(table.text_at(4, 1) == "Swim more");
}

TEST_CASE("docx: gridSpan and gridBefore", "[docx]") {
  const Table table = read_fixture("structure.docx").tables[0];
  REQUIRE(table.column_count() == 3);
  CHECK(table.rows[5][0].text == "Spanning note");
  CHECK(table.rows[5][0].col_span == 2);
  CHECK(table.rows[5][1].covered);
  CHECK(table.rows[5][1].origin_col == 0);
  CHECK(table.text_at(5, 2) == "Blue");
  // gridBefore=1: the row starts in the second column.
  CHECK(table.rows[6][0].text.empty());
  CHECK_FALSE(table.rows[6][0].covered);
  CHECK(table.text_at(6, 1) == "Late start");
  CHECK(table.text_at(6, 2) == "Late status");
  CHECK(table.column_numbers == std::vector<int>{1, 2, 3});
}

TEST_CASE("docx: cell content", "[docx]") {
  SourceDocument doc = read_fixture("content.docx");
  CHECK(doc.title == "Cell content");
  REQUIRE(doc.tables.size() == 1);
  const Table& t = doc.tables[0];
  SECTION("bullets and numbers") {
    CHECK(t.text_at(1, 1) == "Intro\n• first bullet\n• second bullet\n1. step one\n2. step two");
  }
  SECTION("tracked changes read as accepted") {
    CHECK(t.text_at(2, 1) == "kept inserted end");
  }
  SECTION("fields by their result") {
    CHECK(t.text_at(3, 1) == "Page 7 of 9\n1 May 2014");
  }
  SECTION("hyperlinks by their text") {
    CHECK(t.text_at(4, 1) == "See the council website now");
  }
  SECTION("tabs and breaks") {
    CHECK(t.text_at(5, 1) == "a b\nc");
  }
  SECTION("symbols and non-breaking hyphens") {
    CHECK(t.text_at(6, 1) == "• symbol bullet\nco-operate");
  }
  SECTION("spaces") {
    CHECK(t.text_at(7, 1) == "several spaces\nnon breaking\nafter a blank paragraph");
  }
}

TEST_CASE("docx: shading fills", "[docx]") {
  SourceDocument doc = read_fixture("fills.docx");
  CHECK(doc.title == "Fills (title from the core properties)");
  const Table t = doc.tables.at(0);
  REQUIRE(t.rows.size() == 8);
  CHECK(hex_fill(t, 0, 1) == "#C00000");
  CHECK(hex_fill(t, 1, 1) == "none");     // fill="auto"
  CHECK(hex_fill(t, 2, 1) == "#9BBB59");  // theme accent3
  // accent2 C0504D shaded to BF/FF: 192*191/255 = 143.8, 80*.749 = 59.9, 77*.749 = 57.7
  CHECK(hex_fill(t, 3, 1) == "#903C3A");
  // accent6 F79646 tinted 66/FF (40% kept): 255-8*.4, 255-105*.4, 255-185*.4; the theme wins
  // over the cached w:fill
  CHECK(hex_fill(t, 4, 1) == "#FCD5B5");
  CHECK(hex_fill(t, 5, 1) == "#00B050");  // solid pattern: the foreground colour
  CHECK(hex_fill(t, 6, 1) == "none");     // val="nil"
  CHECK(hex_fill(t, 7, 1) == "none");
  CHECK(hex_fill(t, 0, 0) == "none");
}

TEST_CASE("docx: content controls, text boxes and nested tables", "[docx]") {
  SourceDocument doc = read_fixture("containers.docx");
  // The text box is offered as DrawingML and as VML: its table must be read once.
  REQUIRE(doc.tables.size() == 3);
  CHECK(doc.tables[0].text_at(0, 0) == "SDT table");
  CHECK(doc.tables[1].text_at(0, 0) == "Text box table");
  const Table& outer = doc.tables[2];
  CHECK(doc.title == "Containers");  // the only heading 1
  CHECK(doc.tables[0].headings.empty());
  CHECK(outer.headings == std::vector<std::string>{"Milestones"});
  REQUIRE(outer.rows.size() == 3);
  // The nested table is flattened into its cell: one line per row, cells joined by " | ".
  CHECK(outer.text_at(1, 1) ==
        "Trajectory\n| Q1 | Q2\n2011/12 | 21.2 | 20.9\nAfter the nested table");
  CHECK(has_warning(doc, "nested-table-flattened", 3, 2));
  // A row in a row-level content control, a cell in a cell-level one.
  CHECK(outer.text_at(2, 0) == "16. Quitting");
  CHECK(outer.text_at(2, 1) == "Cell in a control");
}

TEST_CASE("docx: LibreOffice's vMerge, gridSpan, shading and header rows", "[docx]") {
  SourceDocument doc = read_fixture("lo_spans.docx");
  REQUIRE(doc.tables.size() == 1);
  const Table& t = doc.tables[0];
  CHECK(doc.title == "LibreOffice fixture");
  CHECK(t.headings == std::vector<std::string>{"Converted by LibreOffice"});
  REQUIRE(t.rows.size() == 5);
  REQUIRE(t.column_count() == 3);
  CHECK(t.row_origins[0].header_marked);
  CHECK_FALSE(t.row_origins[1].header_marked);
  CHECK(t.text_at(0, 0) == "Theme");
  CHECK(hex_fill(t, 0, 0) == "#D9D9D9");
  CHECK(t.rows[1][0].row_span == 3);
  for (std::size_t r = 1; r <= 3; ++r) CHECK(t.text_at(r, 0) == "Shared theme");
  CHECK(t.vertically_merged(3, 0));
  CHECK(t.text_at(1, 1) == "• First\n• Also first");
  CHECK(hex_fill(t, 1, 2) == "#C00000");
  CHECK(hex_fill(t, 2, 2) == "#FFBF00");
  CHECK(hex_fill(t, 3, 2) == "#92D050");
  CHECK(t.text_at(3, 2).empty());
  CHECK(t.rows[4][0].col_span == 2);
  CHECK(t.text_at(4, 1) == "Wide cell");
  CHECK(t.text_at(4, 2) == "none");
}

TEST_CASE("docx: bad inputs give one-line errors", "[docx][bad]") {
  CHECK(read_error("encrypted.docx").starts_with("password-protected or encrypted document"));
  std::string legacy = read_error("legacy.doc");
  CHECK(legacy.find("soffice --headless --convert-to docx") != std::string::npos);
  CHECK(read_error("empty.docx") == "empty file");
  CHECK(read_error("junk.docx") == "not a ZIP container");
  CHECK(read_error("truncated.docx").starts_with("truncated or corrupt ZIP"));
  CHECK(read_error("doctype.docx").find("DOCTYPE") != std::string::npos);
  for (const char* name : {"encrypted.docx", "legacy.doc", "truncated.docx", "doctype.docx"}) {
    CHECK(read_error(name).find('\n') == std::string::npos);
    CHECK(read_error(name).find(name) == std::string::npos);
  }
}

TEST_CASE("docx: tables nested 5,000 deep are cut short with a warning", "[docx][bad]") {
  SourceDocument doc = read_fixture("deep.docx");
  REQUIRE(doc.tables.size() == 1);
  CHECK(has_warning(doc, "nesting-too-deep"));
}

TEST_CASE("docx: runs, hyperlinks and content controls nested 2,000 deep", "[docx][bad]") {
  SourceDocument doc = read_fixture("deep-inline.docx");
  // The table inside 2,000 content controls is beyond the depth limit; the one after is read,
  // its deeply nested text cut short.
  REQUIRE(doc.tables.size() == 1);
  CHECK(has_warning(doc, "nesting-too-deep"));
  CHECK(doc.tables[0].rows.size() == 1);
}

TEST_CASE("docx: a ZIP that is not a Word document", "[docx][bad]") {
  // The xlsx fixture of another importer would do, but tests stay within their own fixtures:
  // make a package whose main part is not WordprocessingML by reading a docx with no document.
  auto importer = make_docx_importer();
  InputFile zip_only{"x.docx", std::string("PK\x05\x06", 4) + std::string(18, '\0'), ""};
  CHECK_THROWS_AS(importer->read(zip_only, ImportOptions{}), InputError);
}

TEST_CASE("docx: Subtitle paragraphs before the first table are the subtitle", "[docx]") {
  // tests/fixtures/structure/make_fixtures.py: Title, then a Subtitle, then a key and a table.
  auto importer = make_docx_importer();
  SourceDocument doc =
      importer->read(read_input(std::string(TRACKPORT_TEST_DIR) + "/fixtures/structure/key.docx"),
                     ImportOptions{});
  CHECK(doc.title == "Wyreside District Council \u2013 Climate Emergency Action Plan 2022-25");
  CHECK(doc.subtitle == "Progress against actions, March 2024");
  // A document without one has none.
  CHECK(read_fixture("structure.docx").subtitle.empty());
}

TEST_CASE("docx: gridSpans are counted against the memory budget as the grid grows", "[docx]") {
  docx::WordTable source;
  for (int r = 0; r < 40; ++r) {
    docx::WordRow row;
    for (int c = 0; c < 20; ++c) row.cells.push_back({"x", {}, {}, 30000, {}});
    source.rows.push_back(row);
  }
  MemoryBudget budget(std::size_t{64} << 20);
  CHECK_THROWS_AS(docx::layout_word_table(source, 1, 50'000'000, budget), InputError);
  // A table that fits is laid out whole, padding included.
  docx::WordTable fits;
  fits.rows.resize(2);
  fits.rows[0].cells.push_back({"wide", {}, {}, 3, {}});
  fits.rows[1].cells.push_back({"narrow", {}, {}, 1, {}});
  MemoryBudget enough(std::size_t{1} << 20);
  const Table table = docx::layout_word_table(fits, 1, 100, enough);
  CHECK(table.column_count() == 3);
  CHECK(enough.used() >= 6 * sizeof(Cell));
}
