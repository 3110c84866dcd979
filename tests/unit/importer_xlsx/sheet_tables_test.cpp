#include <catch2/catch.hpp>

#include "grid/sheet_tables.hpp"
#include "io/input.hpp"
#include "unit/importer_xlsx/grid_text.hpp"

using namespace trackport;
using trackport::test::column_names;
using trackport::test::grid_lines;
using Lines = std::vector<std::string>;

namespace {

// row(4, {"A=text", "C=#FF0000"}): a fill-only cell is written as its colour.
SheetRow row(int number, std::vector<std::string> specs) {
  SheetRow out;
  out.number = number;
  for (const std::string& spec : specs) {
    auto equals = spec.find('=');
    Cell cell;
    std::string value = spec.substr(equals + 1);
    if (value.starts_with("#")) {
      cell.fill = parse_hex_colour(value);
    } else {
      cell.text = value;
    }
    out.columns.push_back(parse_cell_reference(spec.substr(0, equals)).column);
    out.cells.push_back(std::move(cell));
  }
  return out;
}

std::vector<Table> split(Sheet sheet, std::size_t budget = 1000) {
  sheet.name = "S";
  return sheet_to_tables(sheet, budget);
}

}  // namespace

TEST_CASE("sheet tables: cell and range references") {
  CHECK(parse_cell_reference("A1").column == 1);
  CHECK(parse_cell_reference("A1").row == 1);
  CHECK(parse_cell_reference("AB12").column == 28);
  CHECK(parse_cell_reference("$XFD$1048576").column == 16384);
  CHECK(parse_cell_reference("$XFD$1048576").row == 1048576);
  CHECK(parse_cell_reference("XFE1").column == 0);   // beyond Excel's last column
  CHECK(parse_cell_reference("A1048577").row == 0);  // beyond the last row
  CHECK(parse_cell_reference("1A").column == 0);
  SheetMerge merge = parse_range_reference("B4:A2");
  CHECK(merge.first_row == 2);
  CHECK(merge.first_column == 1);
  CHECK(merge.last_row == 4);
  CHECK(merge.last_column == 2);
  CHECK(parse_range_reference("nonsense").first_row == 0);
}

TEST_CASE("sheet tables: blank rows split tables; a one-cell line above becomes a heading") {
  Sheet sheet;
  sheet.rows = {row(1, {"A=Title"}),   row(3, {"A=Ref", "B=Action"}), row(4, {"A=1", "B=First"}),
                row(6, {"B=Section"}), row(8, {"B=Code", "D=Value"}), row(9, {"B=x", "D=2"})};
  auto tables = split(sheet);
  REQUIRE(tables.size() == 2);
  CHECK(tables[0].headings == Lines{"Title"});
  CHECK(tables[0].sheet == "S");
  CHECK(tables[0].addressing == Addressing::cells);
  CHECK(grid_lines(tables[0]) == Lines{"3: A=Ref | B=Action", "4: A=1 | B=First"});
  CHECK(tables[1].headings == Lines{"Section"});
  // Column C has nothing in the second table: it is left out, D keeps its letter.
  CHECK(column_names(tables[1]) == Lines{"B", "D"});
  CHECK(grid_lines(tables[1]) == Lines{"8: B=Code | D=Value", "9: B=x | D=2"});
}

TEST_CASE("sheet tables: consecutive headings stack outermost first; a last lone line stays") {
  Sheet sheet;
  sheet.rows = {row(1, {"A=Plan"}), row(3, {"A=Theme 1"}), row(5, {"A=h", "B=i"}),
                row(7, {"A=Notes at the end"})};
  auto tables = split(sheet);
  REQUIRE(tables.size() == 2);
  CHECK(tables[0].headings == Lines{"Plan", "Theme 1"});
  CHECK(grid_lines(tables[0]) == Lines{"5: A=h | B=i"});
  CHECK(tables[1].headings.empty());
  CHECK(grid_lines(tables[1]) == Lines{"7: A=Notes at the end"});
}

TEST_CASE("sheet tables: title rows directly above a header stay in the table") {
  Sheet sheet;
  sheet.rows = {row(1, {"A=Title"}), row(2, {"A=Ref", "B=Action"}), row(3, {"A=1", "B=x"})};
  auto tables = split(sheet);
  REQUIRE(tables.size() == 1);
  CHECK(tables[0].headings.empty());
  CHECK(grid_lines(tables[0]) == Lines{"1: A=Title", "2: A=Ref | B=Action", "3: A=1 | B=x"});
}

TEST_CASE("sheet tables: hidden rows are not blank separators") {
  Sheet sheet;
  sheet.rows = {row(1, {"A=h", "B=i"}), row(3, {"A=1", "B=2"})};
  sheet.hidden_rows = {2};
  auto tables = split(sheet);
  REQUIRE(tables.size() == 1);
  CHECK(grid_lines(tables[0]) == Lines{"1: A=h | B=i", "3: A=1 | B=2"});
}

TEST_CASE("sheet tables: a fill-only row is blank; fill-only cells inside a table are kept") {
  Sheet sheet;
  sheet.rows = {row(1, {"A=h", "B=Status"}), row(2, {"A=1", "B=#FF0000"}),
                row(3, {"A=#00FF00", "B=#00FF00"}), row(4, {"A=x", "B=y"})};
  auto tables = split(sheet);
  REQUIRE(tables.size() == 2);
  CHECK(grid_lines(tables[0]) == Lines{"1: A=h | B=Status", "2: A=1 | B=#FF0000"});
  CHECK(grid_lines(tables[1]) == Lines{"4: A=x | B=y"});
}

TEST_CASE("sheet tables: a vertical merge holds its rows together and covers them") {
  Sheet sheet;
  // Row 3 is not in the file at all, but the theme merged over A2:A4 passes through it.
  sheet.rows = {row(1, {"A=Theme", "B=Action"}), row(2, {"A=Healthy", "B=one"}),
                row(4, {"B=three"})};
  sheet.merges = {{2, 1, 4, 1}};
  auto tables = split(sheet);
  REQUIRE(tables.size() == 1);
  const Table& t = tables[0];
  CHECK(grid_lines(t) ==
        Lines{"1: A=Theme | B=Action", "2: A=Healthy {3x1} | B=one", "3: A^", "4: A^ | B=three"});
  CHECK(t.rows[2][0].origin_row == 1);
  CHECK(t.rows[2][0].origin_col == 0);
  CHECK(t.text_at(3, 0) == "Healthy");
  CHECK(t.vertically_merged(3, 0));
}

TEST_CASE("sheet tables: merge spans count only the columns and rows the table keeps") {
  Sheet sheet;
  // A1:C1 merged, column C empty but for the merge (kept: its span is the merge's), column E
  // empty throughout (dropped), row 2 hidden.
  sheet.rows = {row(1, {"A=Header"}), row(3, {"A=a", "B=b", "D=d", "F=f"})};
  sheet.hidden_rows = {2};
  sheet.merges = {{1, 1, 1, 3}, {3, 4, 3, 6}};
  auto tables = split(sheet);
  REQUIRE(tables.size() == 1);
  CHECK(column_names(tables[0]) == Lines{"A", "B", "C", "D", "E", "F"});
  CHECK(grid_lines(tables[0]) ==
        Lines{"1: A=Header {1x3} | B^ | C^", "3: A=a | B=b | D=d {1x3} | E^ | F^"});
}

TEST_CASE("sheet tables: a merge keeps its columns inside the table, never widens it") {
  // A1:B2 merged over an otherwise empty column B, with C used: col_span 2 (issue 15).
  Sheet sheet;
  sheet.rows = {row(1, {"A=Theme", "C=Action"}), row(2, {"C=More"})};
  sheet.merges = {{1, 1, 2, 2}};
  auto tables = split(sheet);
  REQUIRE(tables.size() == 1);
  CHECK(grid_lines(tables[0]) == Lines{"1: A=Theme {2x2} | B^ | C=Action", "2: A^ | B^ | C=More"});
  // A header merged over two columns at the table's right edge keeps both: C1:D1 beside A1.
  Sheet edge;
  edge.rows = {row(1, {"A=Ref", "C=2013/14 RAG"}), row(2, {"A=1", "C=Green"})};
  edge.merges = {{1, 3, 1, 4}};
  auto edges = split(edge);
  REQUIRE(edges.size() == 1);
  CHECK(grid_lines(edges[0]) == Lines{"1: A=Ref | C=2013/14 RAG {1x2} | D^", "2: A=1 | C=Green"});
  // A title merged over A1:H1 above one used column stays one column wide.
  Sheet title;
  title.rows = {row(1, {"A=Plan 2013-16"}), row(2, {"A=Update June 2014"})};
  title.merges = {{1, 1, 1, 8}, {2, 1, 2, 8}};
  auto titles = split(title);
  REQUIRE(titles.size() == 1);
  CHECK(column_names(titles[0]) == Lines{"A"});
}

TEST_CASE("sheet tables: overlapping merges (a hostile file) stay bounded") {
  Sheet sheet;
  sheet.rows = {row(1, {"A=a", "B=b"}), row(2, {"A=c", "B=d"})};
  for (int i = 0; i < 100; ++i) sheet.merges.push_back({1, 1, 1048576, 16384});
  std::size_t budget = 50;
  sheet.name = "S";
  CHECK_THROWS_WITH(sheet_to_tables(sheet, budget), "too many merged cells");
}

TEST_CASE("sheet tables: a huge merge only touches the table's own cells") {
  Sheet sheet;
  sheet.rows = {row(1, {"A=x"}), row(2, {"A=y", "B=z"})};
  sheet.merges = {{1, 1, 1048576, 16384}};
  auto tables = split(sheet);
  REQUIRE(tables.size() == 1);
  CHECK(grid_lines(tables[0]) == Lines{"1: A=x {2x2} | B^", "2: A^ | B^"});
}

TEST_CASE("sheet tables: an empty sheet gives no tables; the cell budget is enforced") {
  CHECK(split(Sheet{}).empty());
  Sheet sheet;
  sheet.rows = {row(1, {"A=1", "B=2", "C=3"}), row(2, {"A=4", "B=5", "C=6"})};
  CHECK_THROWS_AS(split(sheet, 5), InputError);
  std::size_t budget = 6;
  sheet.name = "S";
  CHECK(sheet_to_tables(sheet, budget).size() == 1);
  CHECK(budget == 0);
}
