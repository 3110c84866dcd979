// The PDF importer's parts on made-up input: cell text assembly, ruling-line detection in an
// image, and joining tables across pages.
#include <catch2/catch.hpp>

#include "importers/pdf/cross_page.hpp"
#include "importers/pdf/ruling_lines.hpp"
#include "importers/pdf/text_extraction.hpp"

using namespace trackport::pdf;

namespace {

// A word of 8 pt text, 10 pt tall boxes, 5 pt a character.
Word word(const std::string& text, double x, double y) {
  Word w;
  w.text = text;
  w.box = {x, y, x + 5.0 * static_cast<double>(text.size()), y + 10};
  w.font_size = 8;
  return w;
}

}  // namespace

TEST_CASE("pdf text: wrapped lines join with a space, bullets and paragraphs start lines") {
  // Lines 9 pt apart; the third starts with a bullet; the fifth comes after a paragraph gap.
  std::vector<Word> words = {word("Support", 0, 0), word("families", 40, 0), word("into", 0, 9),
                             word("work:", 25, 9),  word("\u2022", 0, 18),   word("run", 8, 18),
                             word("fairs", 30, 18), word("weekly", 8, 27),   word("Next", 0, 41),
                             word("steps", 25, 41)};
  CHECK(cell_text(words) == "Support families into work:\n\u2022 run fairs weekly\nNext steps");
}

TEST_CASE("pdf text: a word broken in a narrow column is joined back") {
  // A 25 pt column: "Annua" fills it, "lly" carries on; "Mar-" then "13" after a hyphen.
  CHECK(cell_text({word("Annua", 0, 0), word("lly", 0, 9)}) == "Annually");
  CHECK(cell_text({word("Mar-", 0, 0), word("13", 0, 9)}) == "Mar-13");
  // A whole word that fits the line is not glued to the next one.
  CHECK(cell_text({word("Annua", 0, 0), word("in", 0, 9), word("June", 0, 18)}) == "Annuain June");
  CHECK(cell_text({word("Sure", 0, 0), word("Start", 25, 0), word("board", 0, 9)}) ==
        "Sure Start board");
}

TEST_CASE("pdf text: words on one baseline form a line, ordered left to right") {
  const auto lines = group_into_lines({word("b", 20, 0.5), word("a", 0, 0), word("c", 0, 12)});
  REQUIRE(lines.size() == 2);
  CHECK(line_text(lines[0]) == "a b");
  CHECK(line_text(lines[1]) == "c");
}

TEST_CASE("pdf rulings: long thin strokes are rules, text and fills are not") {
  Raster raster;
  raster.width = 200;
  raster.height = 100;
  raster.argb.assign(200 * 100, 0xffffffffu);
  const auto paint = [&](int x0, int y0, int x1, int y1, std::uint32_t colour) {
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) raster.argb[static_cast<std::size_t>(y) * 200 + x] = colour;
  };
  paint(10, 10, 190, 11, 0xff000000u);   // top rule
  paint(10, 90, 190, 91, 0xff000000u);   // bottom rule
  paint(10, 10, 11, 91, 0xff000000u);    // left rule
  paint(100, 10, 101, 91, 0xff000000u);  // middle rule
  paint(189, 10, 190, 91, 0xff000000u);  // right rule
  paint(101, 11, 189, 50, 0xffff0000u);  // a red cell fill
  paint(20, 60, 80, 61, 0xff000000u);    // an underline inside a word box: text, not a rule
  const Rulings rulings = find_rulings(raster, {Rect{18, 52, 82, 62}});
  REQUIRE(rulings.horizontal.size() == 2);
  CHECK(rulings.horizontal[0].position == Approx(10.5));
  CHECK(rulings.horizontal[1].position == Approx(90.5));
  CHECK(rulings.horizontal[0].from <= 11);
  CHECK(rulings.horizontal[0].to >= 189);
  REQUIRE(rulings.vertical.size() == 3);
  CHECK(rulings.vertical[1].position == Approx(100.5));
}

namespace {

PageCell page_cell(int row, int col, std::string text, int row_span = 1) {
  PageCell cell;
  cell.row = row;
  cell.col = col;
  cell.row_span = row_span;
  cell.text = std::move(text);
  cell.box = {col * 100.0, 100.0 + row * 50.0, col * 100.0 + 100, 100.0 + (row + row_span) * 50.0};
  return cell;
}

PageLayout page_with(int number, std::vector<PageCell> cells, int rows) {
  PageLayout page;
  page.number = number;
  page.width = 300;
  page.height = 800;
  page.crop = {0, 0, 300, 800};
  PageTable table;
  table.page = number;
  table.ruled = true;
  table.rows = rows;
  table.cols = 3;
  table.col_edges = {0, 100, 200, 300};
  table.box = {0, 100, 300, 100.0 + rows * 50.0};
  table.cells = std::move(cells);
  page.tables.push_back(std::move(table));
  return page;
}

}  // namespace

TEST_CASE("pdf pages: a continued table loses its repeated header and joins its cut row") {
  std::vector<PageLayout> pages;
  pages.push_back(page_with(
      3,
      {page_cell(0, 0, "Theme"), page_cell(0, 1, "Action"), page_cell(0, 2, "Progress"),
       page_cell(1, 0, "Housing", 2), page_cell(1, 1, "Build homes"), page_cell(1, 2, "Started on"),
       page_cell(2, 1, "Repair roofs"), page_cell(2, 2, "Half of the")},
      3));
  pages.push_back(page_with(
      4,
      {page_cell(0, 0, "Theme"), page_cell(0, 1, "Action"), page_cell(0, 2, "Progress"),
       page_cell(1, 0, ""), page_cell(1, 1, ""), page_cell(1, 2, "roofs are done"),
       page_cell(2, 0, "", 2), page_cell(2, 1, "Insulate lofts"), page_cell(2, 2, "Planned"),
       page_cell(3, 1, "Fit boilers"), page_cell(3, 2, "Tendering")},
      4));
  const auto tables = join_tables(pages);
  REQUIRE(tables.size() == 1);
  const auto& table = tables[0];
  CHECK(table.pages == "3-4");
  REQUIRE(table.rows.size() == 5);  // header, 2 rows from page 3, 2 new rows from page 4
  CHECK(table.row_origins[0].header_marked);
  CHECK(table.text_at(2, 1) == "Repair roofs");
  CHECK(table.text_at(2, 2) == "Half of the roofs are done");
  CHECK(table.row_origins[2].page == "3-4");
  CHECK(table.text_at(3, 1) == "Insulate lofts");
  CHECK(table.row_origins[3].page == "4");
  // The Theme cell merged over rows on page 3 carries on over the rows of page 4.
  CHECK(table.text_at(3, 0) == "Housing");
  CHECK(table.text_at(4, 0) == "Housing");
  CHECK(table.rows[1][0].row_span == 4);
  // Boxes are turned to PDF's bottom-left origin: row 1 of page 3 spans y 150..200 from the top.
  REQUIRE(table.rows[1][1].bbox.has_value());
  CHECK((*table.rows[1][1].bbox)[1] == Approx(600));
  CHECK((*table.rows[1][1].bbox)[3] == Approx(650));
}

TEST_CASE("pdf pages: a table under a heading on the next page is a new table") {
  std::vector<PageLayout> pages;
  pages.push_back(
      page_with(1, {page_cell(0, 0, "A"), page_cell(0, 1, "B"), page_cell(0, 2, "C")}, 1));
  pages.push_back(
      page_with(2, {page_cell(0, 0, "D"), page_cell(0, 1, "E"), page_cell(0, 2, "F")}, 1));
  pages[1].tables[0].headings = {"Priority 2"};
  const auto tables = join_tables(pages);
  REQUIRE(tables.size() == 2);
  CHECK(tables[1].headings == std::vector<std::string>{"Priority 2"});
  CHECK(tables[1].pages == "2");
}

TEST_CASE("pdf pages: a merged cell running through the cut row carries on below it") {
  std::vector<PageLayout> pages;
  pages.push_back(page_with(
      1,
      {page_cell(0, 0, "Theme"), page_cell(0, 1, "Action"), page_cell(0, 2, "Progress"),
       page_cell(1, 0, "Housing"), page_cell(1, 1, "Build homes"), page_cell(1, 2, "Started on")},
      2));
  // Page 2: the Theme cell is merged over the cut row and the next row, and holds no text.
  pages.push_back(
      page_with(2,
                {page_cell(0, 0, "Theme"), page_cell(0, 1, "Action"), page_cell(0, 2, "Progress"),
                 page_cell(1, 0, "", 2), page_cell(1, 1, ""), page_cell(1, 2, "the estate"),
                 page_cell(2, 1, "Repair roofs"), page_cell(2, 2, "Planned")},
                3));
  const auto tables = join_tables(pages);
  REQUIRE(tables.size() == 1);
  const auto& table = tables[0];
  REQUIRE(table.rows.size() == 3);
  CHECK(table.text_at(1, 2) == "Started on the estate");
  CHECK(table.row_origins[1].page == "1-2");
  CHECK(table.text_at(2, 1) == "Repair roofs");
  CHECK(table.text_at(2, 0) == "Housing");
  CHECK(table.vertically_merged(2, 0));
}

TEST_CASE("pdf pages: a new row under a merged key is not taken for a cut row") {
  std::vector<PageLayout> pages;
  pages.push_back(page_with(
      1,
      {page_cell(0, 0, "Theme"), page_cell(0, 1, "Action"), page_cell(0, 2, "Progress"),
       page_cell(1, 0, "Housing"), page_cell(1, 1, "Build homes"), page_cell(1, 2, "Started")},
      2));
  pages.push_back(
      page_with(2,
                {page_cell(0, 0, "Theme"), page_cell(0, 1, "Action"), page_cell(0, 2, "Progress"),
                 page_cell(1, 0, ""), page_cell(1, 1, "Repair roofs"), page_cell(1, 2, "Planned")},
                2));
  const auto tables = join_tables(pages);
  REQUIRE(tables.size() == 1);
  REQUIRE(tables[0].rows.size() == 3);
  CHECK(tables[0].text_at(1, 2) == "Started");
  CHECK(tables[0].text_at(2, 1) == "Repair roofs");
  CHECK(tables[0].row_origins[2].page == "2");
}
