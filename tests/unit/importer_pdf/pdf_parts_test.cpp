// The PDF importer's parts on made-up input: cell text assembly, ruling lines and fills read from
// drawn paths, and joining tables across pages.
#include <catch2/catch.hpp>

#include "importers/pdf/bidi.hpp"
#include "importers/pdf/cell_fill.hpp"
#include "importers/pdf/cross_page.hpp"
#include "importers/pdf/partial_rules.hpp"
#include "importers/pdf/pdf_document.hpp"
#include "importers/pdf/text_extraction.hpp"
#include "pdf_fixture.hpp"

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
  // Lines right-aligned or centred one under the other start apart: whole words, each filling
  // its line in a column no wider than the longest.
  CHECK(cell_text({word("Students", 3, 0), word("assessed", 3 - 0.3 * 8, 9)}) ==
        "Students assessed");
  CHECK(cell_text({word("inhabitants", 0, 0), word("per", 3, 9), word("outlet", 23, 9)}) ==
        "inhabitants per outlet");
}

TEST_CASE("pdf text: a word ending short of its cell's right side is not joined to the next") {
  // "Sample" / "size" in a 60 pt header cell: "Sample" is the widest line but ends 25 pt short of
  // the cell's side, so the typesetter did not break a word there. In a 32 pt cell "Annua" fills
  // the line and "lly" carries it on.
  const std::vector<Word> header = {word("Sample", 2, 0), word("size", 2, 9)};
  CHECK(cell_text(header, Rect{0, 0, 60, 20}) == "Sample size");
  CHECK(cell_text({word("Annua", 2, 0), word("lly", 2, 9)}, Rect{0, 0, 30, 20}) == "Annually");
  // In the same cell "Halt" leaves room for more than a glyph: "days" wrapped as a whole word.
  CHECK(cell_text({word("Halt", 2, 0), word("days", 2, 9)}, Rect{0, 0, 30, 20}) == "Halt days");
  // Centred lines of nearly one width start half a point apart: whole words.
  CHECK(cell_text({word("please", 2.5, 0), word("choose", 2, 9)}, Rect{0, 0, 34, 20}) ==
        "please choose");
}

TEST_CASE("pdf text: right-to-left lines in logical order") {
  // poppler gives the glyphs as they stand, left to right: each word's letters turned round and
  // the words in turned order.
  CHECK(logical_order("\u05DD\u05DC\u05D5\u05E2 \u05DD\u05D5\u05DC\u05E9") ==
        "\u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD");  // shalom olam
  // marhaban bil-alam
  const std::string arabic_visual =
      "\u0645\u0644\u0627\u0639\u0644\u0627\u0628 \u0627\u0628\u062D\u0631\u0645";
  CHECK(logical_order(arabic_visual) ==
        "\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645");
  // Figures in a right-to-left line keep their own order.
  CHECK(logical_order("2025 \u05DF\u05D5\u05DB\u05D3\u05E2") ==
        "\u05E2\u05D3\u05DB\u05D5\u05DF 2025");
  // A bracket drawn mirrored already stands for the one written.
  CHECK(logical_order(")\u05DD\u05DC\u05D5\u05E2( \u05DD\u05D5\u05DC\u05E9") ==
        "\u05E9\u05DC\u05D5\u05DD (\u05E2\u05D5\u05DC\u05DD)");
  // A right-to-left line may start with a left-to-right word, which then stands at its right
  // end: "NHS mimen et hatochnit" (NHS funds the programme). Its ends differ, so only the layout
  // (the line flush with its cell's right side) tells it from a left-to-right line.
  const std::string nhs_visual =
      "\u05EA\u05D9\u05E0\u05DB\u05D5\u05EA\u05D4 \u05EA\u05D0 \u05DF\u05DE\u05DE\u05DE NHS";
  CHECK(logical_order(nhs_visual, LineDirection::right_to_left) ==
        "NHS \u05DE\u05DE\u05DE\u05DF \u05D0\u05EA "
        "\u05D4\u05EA\u05D5\u05DB\u05E0\u05D9\u05EA");
  // Where both ends are in one script the layout is not needed.
  CHECK(logical_order("\u05DD\u05D5\u05DC\u05E9 2025", LineDirection::left_to_right) ==
        "2025 \u05E9\u05DC\u05D5\u05DD");
  // In a left-to-right line only the right-to-left words are turned.
  CHECK(logical_order("Lead: \u05DD\u05DC\u05D5\u05E2 \u05DD\u05D5\u05DC\u05E9 (2 sites)") ==
        "Lead: \u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD (2 sites)");
  // A point under a letter stays after it.
  CHECK(logical_order("\u05D1\u05B8\u05D0") == "\u05D0\u05D1\u05B8");
  CHECK(logical_order("Caf\u00E9 (total) 1,204") == "Caf\u00E9 (total) 1,204");
}

TEST_CASE("pdf text: a cell's lines flush right read right to left where their ends differ") {
  // "mimen NHS" as drawn: the Hebrew word (its letters turned) left of "NHS". In a cell 0..100
  // it stands flush right in a right-to-left cell, flush left in a left-to-right one.
  const std::string mimen_visual = "\u05DF\u05DE\u05DE\u05DE";  // 8 bytes: 40 pt wide
  const auto line_at = [&](double x) {
    return std::vector<Word>{word(mimen_visual, x, 0), word("NHS", x + 43, 0)};
  };
  const std::string mimen = "\u05DE\u05DE\u05DE\u05DF";
  CHECK(cell_text(line_at(100 - 3 - 58), Rect{0, 0, 100, 12}) == "NHS " + mimen);
  CHECK(cell_text(line_at(3), Rect{0, 0, 100, 12}) == mimen + " NHS");
  // A centred line says nothing: read from its left.
  CHECK(cell_text(line_at(21), Rect{0, 0, 100, 12}) == mimen + " NHS");
}

TEST_CASE("pdf text: words on one baseline form a line, ordered left to right") {
  const auto lines = group_into_lines({word("b", 20, 0.5), word("a", 0, 0), word("c", 0, 12)});
  REQUIRE(lines.size() == 2);
  CHECK(line_text(lines[0]) == "a b");
  CHECK(line_text(lines[1]) == "c");
}

namespace {

// One 200 x 100 pt page drawing `content` (Helvetica as /F1), read by the importer's page reader.
PageContent read_drawing(const std::string& content) {
  const std::string pdf = trackport::test::pdf_of_objects(
      {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Resources << /Font << /F1 4 0 R "
       ">> >> /Contents 5 0 R >>",
       "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
       "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"});
  const Document document(pdf, std::nullopt);
  return document.read_page(1, PageReadLimits{}).value();
}

}  // namespace

TEST_CASE(
    "pdf rulings: thin dark strokes and bars are rules, but not fills, white or short lines") {
  // PDF y grows upwards: y 90 is 10 pt from the top of the 100 pt page.
  const PageContent page = read_drawing(
      "0 0 0 RG 1 w 10 90 m 190 90 l S\n"         // top rule
      "10 10 m 100 10 l 100.5 10 m 190 10 l S\n"  // bottom rule in two pieces, 0.5 pt apart
      "0 g 9.5 10 1 80 re f\n"                    // left rule as a thin filled bar
      "100 10 m 100 90 l 190 10 m 190 90 l S\n"   // middle and right rules
      "1 0 0 rg 100.5 50 89 39.5 re f\n"          // a red cell fill
      "1 1 1 RG 20 50 m 80 50 l S\n"              // a white line: not ink
      "0 0 0 RG 20 30 m 25 30 l S\n"              // too short to be a rule
      "0 0 0 RG 8 w 20 70 m 80 70 l S\n"          // a thick bar, not a rule
      "BT /F1 8 Tf 20 60 Td (Status) Tj ET");
  REQUIRE(page.rulings.horizontal.size() == 2);
  CHECK(page.rulings.horizontal[0].position == Approx(10));
  CHECK(page.rulings.horizontal[1].position == Approx(90));
  CHECK(page.rulings.horizontal[1].from == Approx(10));
  CHECK(page.rulings.horizontal[1].to == Approx(190));
  REQUIRE(page.rulings.vertical.size() == 3);
  CHECK(page.rulings.vertical[0].position == Approx(10));
  CHECK(page.rulings.vertical[1].position == Approx(100));
  CHECK(page.rulings.vertical[1].from == Approx(10));
  CHECK(page.rulings.vertical[1].to == Approx(90));
  REQUIRE(page.fills.size() == 1);
  CHECK(page.fills[0].colour == trackport::Rgb{255, 0, 0});
  CHECK(page.fills[0].box.y0 == Approx(10.5));
  REQUIRE(page.words.size() == 1);
  CHECK(page.words[0].text == "Status");
  CHECK(page.width == Approx(200));
  CHECK(page.height == Approx(100));
}

TEST_CASE("pdf rulings: a dark image stretched into a thin line is a rule, other images not") {
  // Some report engines draw every rule as a 1x1 image scaled into a line. PDF y grows upwards.
  const std::string black(1, '\0');
  const PageContent page = read_drawing(
      // a black inline image stretched along y 80
      "q 180 0 0 0.8 10 79.6 cm BI /W 1 /H 1 /CS /G /BPC 8 ID " + black +
      " EI Q\n"
      // a pale one along y 60: too light to rule
      "q 180 0 0 0.8 10 59.6 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \xe6 EI Q\n"
      // a stencil mask painted black, upright at x 150
      "0 g q 0.8 0 0 60 149.6 20 cm BI /W 1 /H 1 /IM true /BPC 1 ID " +
      black +
      " EI Q\n"
      // a black picture, not thin: neither a rule nor a cell fill
      "q 50 0 0 40 20 10 cm BI /W 1 /H 1 /CS /G /BPC 8 ID " +
      black +
      " EI Q\n"
      // a thin black image sheared off the axes: not a rule
      "q 100 20 0 0.8 80 30 cm BI /W 1 /H 1 /CS /G /BPC 8 ID " +
      black +
      " EI Q\n"
      "BT /F1 8 Tf 20 65 Td (Status) Tj ET");
  REQUIRE(page.rulings.horizontal.size() == 1);
  CHECK(page.rulings.horizontal[0].position == Approx(100 - 80));
  CHECK(page.rulings.horizontal[0].from == Approx(10));
  CHECK(page.rulings.horizontal[0].to == Approx(190));
  REQUIRE(page.rulings.vertical.size() == 1);
  CHECK(page.rulings.vertical[0].position == Approx(150));
  CHECK(page.rulings.vertical[0].from == Approx(100 - 80));
  CHECK(page.rulings.vertical[0].to == Approx(100 - 20));
  CHECK(page.fills.empty());
  // The text after the inline images is read: their data was consumed, not taken for content.
  REQUIRE(page.words.size() == 1);
  CHECK(page.words[0].text == "Status");
}

TEST_CASE("pdf rulings: white lines on a shaded block and gaps between shaded boxes rule") {
  // PDF y grows upwards; the page is 100 pt tall.
  const PageContent lines_on_block = read_drawing(
      "0.8 g 10 10 180 80 re f\n"       // a grey block
      "1 G 1.5 w 10 50 m 190 50 l S\n"  // a white line across it
      "100 10 m 100 90 l S\n"           // and one down it
      "1 G 20 95 m 180 95 l S\n"        // a white line on the white page: unseen
      "0.9 G 20 30 m 180 30 l S 0 G\n"  // a light grey line on grey: too faint
      "BT /F1 8 Tf 20 60 Td (Status) Tj ET");
  REQUIRE(lines_on_block.rulings.horizontal.size() == 1);
  CHECK(lines_on_block.rulings.horizontal[0].position == Approx(50));
  REQUIRE(lines_on_block.rulings.vertical.size() == 1);
  CHECK(lines_on_block.rulings.vertical[0].position == Approx(100));

  // Four shaded boxes, 2 pt apart: the gaps are rules, and the group's outer sides its frame.
  const PageContent boxes = read_drawing(
      "0.7 g 10 51 89 39 re f 101 51 89 39 re f\n"
      "0.85 g 10 10 89 39 re f 101 10 89 39 re f\n"
      "0.85 g 10 -40 30 30 re f\n"  // a box far below the others (off the page): no gap
      "BT /F1 8 Tf 20 60 Td (Status) Tj ET");
  REQUIRE(boxes.rulings.horizontal.size() == 3);
  CHECK(boxes.rulings.horizontal[0].position == Approx(10));
  CHECK(boxes.rulings.horizontal[1].position == Approx(50));
  CHECK(boxes.rulings.horizontal[1].from == Approx(10));
  CHECK(boxes.rulings.horizontal[1].to == Approx(190));
  CHECK(boxes.rulings.horizontal[2].position == Approx(90));
  REQUIRE(boxes.rulings.vertical.size() == 3);
  CHECK(boxes.rulings.vertical[0].position == Approx(10));
  CHECK(boxes.rulings.vertical[1].position == Approx(100));
  CHECK(boxes.rulings.vertical[1].from == Approx(10));
  CHECK(boxes.rulings.vertical[1].to == Approx(90));
  CHECK(boxes.rulings.vertical[2].position == Approx(190));
}

namespace {

// One grid row of three columns, 0..60, 60..120, 120..180, 100 pt tall, holding `words`.
std::vector<CellWords> grid_row(const std::vector<std::vector<Word>>& words) {
  std::vector<CellWords> cells;
  for (int c = 0; c < 3; ++c) {
    CellWords cell;
    cell.cell.row = 0;
    cell.cell.col = c;
    cell.cell.box = {60.0 * c, 0, 60.0 * (c + 1), 100};
    cell.words = words[static_cast<std::size_t>(c)];
    cells.push_back(std::move(cell));
  }
  return cells;
}

}  // namespace

TEST_CASE("pdf partial rules: entries a blank line apart split a row under a label") {
  // Lines 11 pt apart, 10 pt tall; a blank line leaves 12 pt between two.
  int rows = 1;
  auto labelled = grid_row({{word("Group:", 2, 0), word("Parks", 2, 22), word("Roads", 2, 44)},
                            {word("Plant", 62, 22), word("Mend", 62, 44)},
                            {word("Done", 122, 22), word("Late", 122, 44)}});
  split_aligned_rows(labelled, rows);
  CHECK(rows == 3);
  // Two paragraphs in the key and beside it, no label: one row written in two paragraphs.
  rows = 1;
  auto one_entry = grid_row({{word("1.1", 2, 0), word("High", 2, 22)},
                             {word("Plant", 62, 0)},
                             {word("Done", 122, 0), word("Next", 122, 22)}});
  split_aligned_rows(one_entry, rows);
  CHECK(rows == 1);
  // A second paragraph of a cell with no key beside it stays in its entry.
  rows = 1;
  auto continued = grid_row({{word("Group:", 2, 0), word("Parks", 2, 22), word("Roads", 2, 66)},
                             {word("Plant", 62, 22), word("Mend", 62, 66)},
                             {word("Done", 122, 22), word("More", 122, 44)}});
  split_aligned_rows(continued, rows);
  REQUIRE(rows == 3);
  const auto parks_progress = std::find_if(continued.begin(), continued.end(), [](const auto& c) {
    return c.cell.row == 1 && c.cell.col == 2;
  });
  REQUIRE(parks_progress != continued.end());
  CHECK(parks_progress->words.size() == 2);  // "Done" and "More"
}

TEST_CASE("pdf fills: the topmost fill covering most of a cell is its background") {
  const std::vector<FilledRect> fills = {{{0, 0, 200, 100}, {255, 255, 255}},
                                         {{10, 10, 50, 30}, {0, 176, 80}},
                                         {{50, 10, 90, 30}, {255, 192, 0}},
                                         {{55, 12, 60, 14}, {255, 0, 0}}};
  CHECK(solid_fill(fills, {10, 10, 50, 30}) == trackport::Rgb{0, 176, 80});
  CHECK(solid_fill(fills, {50, 10, 90, 30}) == trackport::Rgb{255, 192, 0});  // a spot is not
  CHECK_FALSE(solid_fill(fills, {100, 10, 140, 30}).has_value());             // white page
  CHECK_FALSE(solid_fill(fills, {30, 10, 70, 30}).has_value());  // half and half: neither
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
