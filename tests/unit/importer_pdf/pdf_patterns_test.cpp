// The table patterns of issue 16 on PDFs made by tests/fixtures/pdf/make_pattern_fixtures.py:
// each table against its expected grid (<name>.expected.tsv, written from the script's data and
// read against the printed page; tests/golden/README.md says how each was checked).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "pdf_fixture.hpp"

using trackport::Table;
using trackport::test::read_pdf_fixture;
using trackport::test::row_texts;
using Texts = std::vector<std::string>;

namespace {

// The script writes a line break inside a cell as "\\n".
std::string unescape_breaks(const std::string& cell) {
  std::string text;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == '\\' && i + 1 < cell.size() && cell[i + 1] == 'n') {
      text += '\n';
      ++i;
    } else {
      text += cell[i];
    }
  }
  return text;
}

std::vector<Texts> expected_grid(const std::string& name) {
  std::ifstream in(std::string(TRACKPORT_TEST_DIR) + "/fixtures/pdf/" + name + ".expected.tsv");
  REQUIRE(in);
  std::vector<Texts> rows;
  std::string line;
  while (std::getline(in, line)) {
    Texts row;
    std::stringstream cells(line);
    std::string cell;
    while (std::getline(cells, cell, '\t')) row.push_back(unescape_breaks(cell));
    if (!line.empty() && line.back() == '\t') row.emplace_back();
    rows.push_back(std::move(row));
  }
  return rows;
}

void check_rows(const Table& table, const std::vector<Texts>& expected, std::size_t from) {
  REQUIRE(table.rows.size() == expected.size());
  for (std::size_t r = from; r < expected.size(); ++r) {
    INFO("row " << r);
    CHECK(row_texts(table, r) == expected[r]);
  }
}

}  // namespace

TEST_CASE("pdf patterns: a table ruled only between its column groups is one table") {
  // Pattern 1 (one table cut in two) and 2 (two figure columns under each group header):
  // the label and total columns stand outside the drawn verticals.
  const auto doc = read_pdf_fixture("open_sides.pdf");
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  CHECK(table.headings == Texts{"Table 2: Headcount by area, group and sex, 2025"});
  check_rows(table, expected_grid("open_sides"), 0);
  // Each group header spans its two columns; Area and Total span both header rows.
  CHECK(table.rows[0][1].col_span == 2);
  CHECK(table.rows[0][3].col_span == 2);
  CHECK(table.rows[0][5].col_span == 2);
  CHECK(table.rows[0][0].row_span == 2);
  CHECK(table.rows[0][7].row_span == 2);
}

TEST_CASE("pdf patterns: close figure columns stay apart under group headers that span them") {
  // Pattern 2 in an unruled table: Castle's figures are 4 pt apart, under group headers that
  // cross the gap between the columns they name.
  const auto doc = read_pdf_fixture("close_columns.pdf");
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  const std::vector<Texts> expected = expected_grid("close_columns");
  check_rows(table, expected, 1);
  // Each group header stands centred over its three columns, with neither a rule nor a wider
  // gap to mark where a group starts: it spans the columns the line below names under it.
  CHECK(row_texts(table, 0) == expected[0]);
  CHECK(table.rows[0][1].col_span == 3);
  CHECK(table.rows[0][4].col_span == 3);
}

TEST_CASE("pdf patterns: ligature glyphs and a soft hyphen at a line's end are resolved") {
  // Pattern 6: "Con<fi>rm o<ffi>ce <fl>oor plans", and "Implemen<soft hyphen>" / "tation team".
  const auto doc = read_pdf_fixture("ligatures.pdf");
  REQUIRE(doc.tables.size() == 1);
  check_rows(doc.tables[0], expected_grid("ligatures"), 0);
}

TEST_CASE("pdf patterns: a table printed sideways on a portrait page reads as the page turned") {
  // Pattern 4: the same landscape table drawn with its text running up the page (unruled but
  // for a rule under the header) and running down it (every cell ruled).
  const std::vector<Texts> expected = expected_grid("sideways");
  for (const std::string name : {"sideways_up.pdf", "sideways_down.pdf"}) {
    INFO(name);
    const auto doc = read_pdf_fixture(name);
    REQUIRE(doc.tables.size() == 1);
    const Table& table = doc.tables[0];
    CHECK(table.headings ==
          Texts{"Table 7: Households placed in temporary accommodation, by ward"});
    check_rows(table, expected, 0);
    // Its box is where it stands on the portrait page (595 x 842 pt): taller than wide.
    REQUIRE(table.bbox.has_value());
    const auto [x1, y1, x2, y2] = *table.bbox;
    CHECK(x1 >= 0);
    CHECK(x2 <= 595);
    CHECK(y2 - y1 > 2 * (x2 - x1));
  }
}

TEST_CASE("pdf patterns: header cells written bottom to top read along their lines") {
  // Pattern 4: "Number of" / "registered voters" in two lines side by side, each read upwards,
  // in a ruled table and in the same table without rules.
  for (const std::string name : {"vertical_headers.pdf", "vertical_headers_unruled.pdf"}) {
    INFO(name);
    const auto doc = read_pdf_fixture(name);
    REQUIRE(doc.tables.size() == 1);
    check_rows(doc.tables[0], expected_grid("vertical_headers"), 0);
  }
}

TEST_CASE("pdf patterns: a multi-line record is one row, a run of one-line records is not one") {
  // Pattern 3: the date and amount columns hold one value a record, so a line without them
  // belongs to a record, figures ("Q1 2025/26,") and capitals ("Networks Ltd") and all. Cells
  // at the top of their records at one line pitch throughout, unruled and ruled only between
  // columns (the rules say nothing about where a record ends); centred in their records with
  // space between records; at the foot of their records (the date on a record's last line).
  const std::vector<Texts> expected = expected_grid("wrapped_rows");
  for (const std::string name : {"wrapped_rows.pdf", "wrapped_rows_ruled.pdf",
                                 "wrapped_rows_centred.pdf", "wrapped_rows_foot.pdf"}) {
    INFO(name);
    const auto doc = read_pdf_fixture(name);
    REQUIRE(doc.tables.size() == 1);
    CHECK(doc.tables[0].headings == Texts{"Payments over 500 pounds, April 2025"});
    check_rows(doc.tables[0], expected, 0);
  }
}

TEST_CASE("pdf patterns: a label wrapped above its figures is one row, section labels are not") {
  // Pattern 3: "Murder and nonnegligent" / "manslaughter 10.0 0.9 9.1" (the figures on the
  // label's last line, which goes on in lower case); "Violent crime" and "Property crime" are
  // rows of their own with no figures.
  const auto doc = read_pdf_fixture("label_rows.pdf");
  REQUIRE(doc.tables.size() == 1);
  check_rows(doc.tables[0], expected_grid("label_rows"), 0);
}

TEST_CASE("pdf patterns: dates stacked in a column without row rules stay in their rows") {
  // Pattern 3: the date column has no rules between rows, so the grid merges it down all six;
  // each date stands level with its own row's text (and one row has none).
  const auto doc = read_pdf_fixture("stacked_dates.pdf");
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  check_rows(table, expected_grid("stacked_dates"), 0);
  for (std::size_t r = 0; r < table.rows.size(); ++r) CHECK(table.rows[r][0].row_span == 1);
}

TEST_CASE("pdf patterns: a table ruled inside a cell stays in that cell") {
  // Pattern 5: two update cells each hold a small quarterly table, one drawn across the cell
  // with the cell's own side rules, one inset; each is flattened into its cell (a line a row,
  // " | " between cells, the text around it on lines of its own), never rows of the outer table.
  const auto doc = read_pdf_fixture("nested_tables.pdf");
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  CHECK(table.headings == Texts{"Progress against milestones, June 2014"});
  check_rows(table, expected_grid("nested_tables"), 0);
  REQUIRE(table.column_count() == 4);
}

TEST_CASE("pdf patterns: a row cut by a page break inside a merged cell is rejoined") {
  // Pattern 5: the theme cell is merged down its rows on both pages and its text runs on over
  // the break ("across children's" / "services"), as does row 1.3's action (its reference and
  // lead ended on page 1).
  const auto doc = read_pdf_fixture("merged_break.pdf");
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  CHECK(table.pages == "1-2");
  check_rows(table, expected_grid("merged_break"), 0);
  CHECK(table.rows[1][0].row_span == 4);
  CHECK(table.row_origins[3].page == "1-2");
  CHECK(table.row_origins[4].page == "2");
}

TEST_CASE("pdf patterns: a priority heading and the line under it, a spanning header row") {
  // Pattern 5: the italic line of leads under the bold heading is not part of the heading;
  // "Involvement of pupils in", centred over the three figure columns, is the table's first row
  // and spans them.
  const auto doc = read_pdf_fixture("priority_headings.pdf");
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  CHECK(table.headings == Texts{"PRIORITY 2: Every child ready for school"});
  check_rows(table, expected_grid("priority_headings"), 0);
  CHECK(table.rows[0][1].col_span == 3);
}

TEST_CASE("pdf patterns: right-to-left text reads in logical order") {
  // Pattern 6: Hebrew and Arabic cells typeset by LibreOffice (make_rtl_fixture.sh); poppler
  // gives their glyphs left to right as they stand. Figures in a Hebrew cell, brackets in an
  // Arabic one and a Hebrew name after an English label keep the order they were written in. A
  // right-aligned Hebrew cell starting with "NHS" reads from the right, a left-aligned English
  // one starting with a Hebrew name from the left.
  const auto doc = read_pdf_fixture("rtl_text.pdf");
  REQUIRE(doc.tables.size() == 1);
  CHECK(doc.tables[0].headings == Texts{"Languages spoken at home"});
  check_rows(doc.tables[0], expected_grid("rtl_text"), 0);
}

TEST_CASE("pdf patterns: a currency sign apart from its amount is part of it") {
  // Pattern 6 ("$ 71.15"): accounting layout puts the sign at the money cell's left and the
  // amount at its right, a gap wider than between columns; the sign is no column of its own,
  // whether printed on every row or on the first and total rows only. Figures with spaces
  // between their thousands ("1 097 233") stay one cell.
  const auto doc = read_pdf_fixture("money_columns.pdf");
  REQUIRE(doc.tables.size() == 1);
  check_rows(doc.tables[0], expected_grid("money_columns"), 0);
  // Signs in a column headed apart from the amounts' are a column of their own.
  const auto headed = read_pdf_fixture("currency_column.pdf");
  REQUIRE(headed.tables.size() == 1);
  check_rows(headed.tables[0], expected_grid("currency_column"), 0);
}

TEST_CASE("pdf patterns: group headers left-aligned over their columns span them") {
  // Pattern 2: "Revenue" and "Capital" start where their first column's figures start, not
  // centred over the group; each spans Plan, Paid and Left up to the next group.
  const auto doc = read_pdf_fixture("left_groups.pdf");
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  check_rows(table, expected_grid("left_groups"), 0);
  CHECK(table.rows[0][1].col_span == 3);
  CHECK(table.rows[0][4].col_span == 3);
  CHECK(table.rows[1][1].col_span == 1);
}

TEST_CASE("pdf patterns: rules drawn as images, or shown only by shading, rule the table") {
  // One delivery-plan table three ways: every rule a 1x1 black image scaled into a line (image
  // XObjects across, inline images down); shaded boxes, one a cell, with white gaps between
  // them; one shaded block with white lines over it. The themes are merged down two rows each
  // and centred on the rule between them.
  for (const char* name : {"image_rules", "shaded_cells", "white_rules"}) {
    INFO(name);
    const auto doc = read_pdf_fixture(std::string(name) + ".pdf");
    REQUIRE(doc.tables.size() == 1);
    const Table& table = doc.tables[0];
    check_rows(table, expected_grid(name), 0);
    CHECK(table.rows[1][0].row_span == 2);
    CHECK(table.rows[3][0].row_span == 2);
  }
}

TEST_CASE("pdf patterns: entries set apart by blank lines in a grid row are rows of their own") {
  // Pattern 3: rules only around each group; in it a label alone, then entries a blank line
  // apart, each key level with its cells' first lines. A second paragraph of a cell, or of a
  // key below the other cells' text, stays in its entry.
  const auto doc = read_pdf_fixture("grouped_entries.pdf");
  REQUIRE(doc.tables.size() == 1);
  check_rows(doc.tables[0], expected_grid("grouped_entries"), 0);
}

TEST_CASE("pdf patterns: a group's label centred beside its lines of figures spans them") {
  // Pattern 3: groups ruled around, three lines of figures each by level; each group's label
  // over two lines of its own, centred beside them and level with none, spans the three rows.
  const auto doc = read_pdf_fixture("centred_labels.pdf");
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  check_rows(table, expected_grid("centred_labels"), 0);
  CHECK(table.rows[1][0].row_span == 3);
  CHECK(table.rows[4][0].row_span == 3);
}

TEST_CASE("pdf patterns: bullets from a font with boxes three lines tall keep their lines") {
  // Pattern 6: each bullet's text box reaches into the lines above and below; the items stay
  // one a line in reading order, a wrapped item's hanging line joins it, and the bulleted list
  // under the table is running text, not a table of bullets and words.
  const auto doc = read_pdf_fixture("tall_bullets.pdf");
  REQUIRE(doc.tables.size() == 1);
  check_rows(doc.tables[0], expected_grid("tall_bullets"), 0);
}
