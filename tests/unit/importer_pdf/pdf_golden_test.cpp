// Golden tests: small PDFs printed by LibreOffice from the .fodt sources in tests/fixtures/pdf
// (make_fixtures.sh). Expected values come from those sources.
#include <catch2/catch.hpp>

#include "pdf_fixture.hpp"

using trackport::Addressing;
using trackport::Rgb;
using trackport::SourceDocument;
using trackport::Table;
using trackport::test::read_pdf_fixture;
using trackport::test::row_texts;
using Texts = std::vector<std::string>;

namespace {

constexpr double kPointsPerCm = 72.0 / 2.54;
constexpr double kA4Long = 841.89, kA4Short = 595.28;

bool near(double a, double b, double tolerance = 2.5) {
  return std::abs(a - b) <= tolerance;
}

}  // namespace

TEST_CASE("pdf: a ruled table with its heading, wrapped and bulleted cells") {
  const SourceDocument doc = read_pdf_fixture("ruled.pdf");
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  CHECK(table.index == 1);
  CHECK(table.addressing == Addressing::page);
  CHECK(table.pages == "1");
  CHECK(table.headings == Texts{"Priority 1: Healthy lives"});
  REQUIRE(table.rows.size() == 4);
  REQUIRE(table.column_count() == 4);
  CHECK(row_texts(table, 0) == Texts{"Ref", "What we will do", "Lead officer", "Status"});
  CHECK(row_texts(table, 1) ==
        Texts{"1.1", "Open two new family hubs in the north of the city by March 2015",
              "Anna Brook, Children's Services", "Green"});
  CHECK(row_texts(table, 2) ==
        Texts{"1.2",
              "Support families into work:\n\u2022 run employment fairs in every ward\n\u2022 fund "
              "childcare for parents starting training courses",
              "Frances Potter, Economic Development", "Amber"});
  CHECK(row_texts(table, 3) ==
        Texts{"1.3", "Review school transport eligibility", "Dee Desgranges", "Red"});
  REQUIRE(table.row_origins.size() == 4);
  for (std::size_t r = 0; r < 4; ++r) {
    CHECK(table.row_origins[r].page == "1");
    CHECK(table.row_origins[r].number == static_cast<int>(r) + 1);
  }
  CHECK(table.column_numbers == std::vector<int>{1, 2, 3, 4});
}

TEST_CASE("pdf: boxes are PDF points with the origin at the bottom-left") {
  const Table table = read_pdf_fixture("ruled.pdf").tables.at(0);
  REQUIRE(table.bbox.has_value());
  const auto [x1, y1, x2, y2] = *table.bbox;
  // Left margin 1.5 cm; columns 1.5 + 7 + 4.5 + 3 cm.
  CHECK(near(x1, 1.5 * kPointsPerCm));
  CHECK(near(x2, 17.5 * kPointsPerCm));
  // The table sits in the upper half of the A4 page: large y values, y1 below y2.
  CHECK(y1 < y2);
  CHECK(y1 > kA4Long / 2);
  CHECK(y2 < kA4Long - 1.5 * kPointsPerCm);
  const auto& what = table.rows[0][1];
  REQUIRE(what.bbox.has_value());
  CHECK(near((*what.bbox)[0], 3.0 * kPointsPerCm));
  CHECK(near((*what.bbox)[2], 10.0 * kPointsPerCm));
  CHECK(near((*what.bbox)[3], y2));
  // Rows go down the page: row 1's box is below row 0's.
  CHECK((*table.rows[1][0].bbox)[3] <= (*table.rows[0][0].bbox)[1] + 0.5);
}

TEST_CASE("pdf: a rating given only by the cell's fill colour") {
  const Table table = read_pdf_fixture("fill_only.pdf").tables.at(0);
  REQUIRE(table.rows.size() == 4);
  CHECK(table.rows[1][3].text.empty());
  CHECK(table.rows[1][3].fill == Rgb{0x00, 0xB0, 0x50});
  CHECK(table.rows[2][3].fill == Rgb{0xFF, 0xC0, 0x00});
  CHECK(table.rows[3][3].fill == Rgb{0xFF, 0x00, 0x00});
  CHECK(table.rows[0][0].fill == Rgb{0xD9, 0xD9, 0xD9});  // the grey header
  CHECK_FALSE(table.rows[1][0].fill.has_value());         // white cells have no fill
  CHECK_FALSE(table.rows[2][1].fill.has_value());
}

namespace {

// split_rows.fodt and unruled_pages.fodt hold the same eight rows, ruled and unruled.
void check_housing_rows(const SourceDocument& doc) {
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  CHECK(table.pages == "1-4");
  CHECK(table.headings == Texts{"Housing actions"});
  // The header row and the eight rows of the source.
  REQUIRE(table.rows.size() == 9);
  CHECK(row_texts(table, 0) == Texts{"Ref", "Action", "Progress"});
  CHECK(table.row_origins[0].header_marked);
  std::string long_progress;
  for (int i = 1; i <= 30; ++i) {
    if (i > 1) long_progress += ' ';
    long_progress += "Sentence " + std::to_string(i) +
                     " of the long update on the housing programme, which keeps going.";
  }
  for (int i = 1; i <= 8; ++i) {
    const auto row = static_cast<std::size_t>(i);
    CHECK(table.rows[row][0].text == std::to_string(i));
    if (i == 6) {
      CHECK(table.rows[row][1].text == "Action number 6 with the long update");
      CHECK(table.rows[row][2].text == long_progress);
    } else {
      CHECK(table.rows[row][1].text ==
            "Action number " + std::to_string(i) + " for the delivery plan");
      CHECK(table.rows[row][2].text == "Short update " + std::to_string(i) + ".");
    }
  }
  // Row 6 starts on page 1 and ends on page 4; the page footers are not rows.
  CHECK(table.row_origins[6].page == "1-4");
  CHECK(table.row_origins[5].page == "1");
  CHECK(table.row_origins[7].page == "4");
  for (const auto& row : table.rows)
    for (const auto& cell : row)
      CHECK(cell.text.find("Delivery plan tracker") == std::string::npos);
}

}  // namespace

TEST_CASE("pdf: one table over four pages, header once, the cut row joined") {
  check_housing_rows(read_pdf_fixture("split_rows.pdf"));
}

TEST_CASE("pdf: an unruled table over four pages, pages of wrapped text only in between") {
  check_housing_rows(read_pdf_fixture("unruled_pages.pdf"));
}

TEST_CASE("pdf: two tables on one page, each under its own heading") {
  const SourceDocument doc = read_pdf_fixture("two_tables.pdf");
  REQUIRE(doc.tables.size() == 2);
  const Table& first = doc.tables[0];
  const Table& second = doc.tables[1];
  CHECK(first.index == 1);
  CHECK(second.index == 2);
  CHECK(first.headings == Texts{"Priority 2: Safer streets"});
  CHECK(second.headings == Texts{"Status key"});
  REQUIRE(first.rows.size() == 3);
  CHECK(row_texts(first, 0) == Texts{"Ref", "Action", "Owner"});
  CHECK(row_texts(first, 2) == Texts{"2.2", "Train volunteer wardens", "Community Safety"});
  REQUIRE(second.rows.size() == 3);
  CHECK(row_texts(second, 0) == Texts{"Status", "Meaning"});
  CHECK(row_texts(second, 2) == Texts{"Red", "Will not be met"});
  CHECK((*second.bbox)[3] < (*first.bbox)[1]);  // the second table is lower on the page
}

TEST_CASE("pdf: a landscape page") {
  const Table table = read_pdf_fixture("landscape.pdf").tables.at(0);
  CHECK(table.headings == Texts{"Priority 5: Partnership working"});
  REQUIRE(table.rows.size() == 3);
  CHECK(row_texts(table, 0) == Texts{"Ref", "Action", "Lead", "By when", "Status", "Comments"});
  CHECK(row_texts(table, 2) == Texts{"5.2", "Agree a joint commissioning plan with health partners",
                                     "Commissioning", "2013-14", "Amber",
                                     "Draft agreed by the board"});
  // Landscape A4: the table is wider than a portrait page and lies near its short top edge.
  const auto [x1, y1, x2, y2] = *table.bbox;
  CHECK(near(x2, 1.5 * kPointsPerCm + 23.5 * kPointsPerCm));
  CHECK(x2 > kA4Short);
  CHECK(y2 < kA4Short);
  CHECK(x1 < x2);
  CHECK(y1 < y2);
}

TEST_CASE("pdf: an unruled table keeps a wrapped cell in one cell") {
  const SourceDocument doc = read_pdf_fixture("unruled.pdf");
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  CHECK(table.headings == Texts{"Priority 3: Money matters"});
  REQUIRE(table.rows.size() == 4);
  CHECK(row_texts(table, 0) == Texts{"Ref", "Action", "Lead", "Due"});
  CHECK(row_texts(table, 1) ==
        Texts{"3.1",
              "Improve the take-up of free school meals by writing to every eligible family and "
              "working with schools to make applications simple",
              "Schools Team", "Sep-13"});
  CHECK(row_texts(table, 2) == Texts{"3.2", "Expand the credit union", "Finance", "Dec-13"});
  CHECK(row_texts(table, 3) == Texts{"3.3",
                                     "Run a winter fuel campaign with housing associations and "
                                     "advice agencies across the city",
                                     "Advice Services", "Nov-13"});
}

TEST_CASE("pdf: a joined row is reported as a warning with its pages") {
  const SourceDocument doc = read_pdf_fixture("split_rows.pdf");
  REQUIRE(doc.warnings.size() == 1);
  CHECK(doc.warnings[0].code == "row-continued-across-page");
  CHECK(doc.warnings[0].location.page == "1-4");
  CHECK(doc.warnings[0].location.row == 7);
  CHECK(doc.warnings[0].location.file.find("split_rows.pdf") != std::string::npos);
}

TEST_CASE("pdf: an unruled table whose key cells wrap onto lines starting with capitals") {
  const SourceDocument doc = read_pdf_fixture("unruled_wrapped.pdf");
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  CHECK(table.headings == Texts{"Priority Action 4a: Health of under 5s"});
  REQUIRE(table.rows.size() == 4);
  CHECK(row_texts(table, 0) == Texts{"Action", "Lead", "Due"});
  CHECK(row_texts(table, 1) ==
        Texts{"Continue the development of the Infant Mortality Action Plan across Leeds, "
              "including the Reducing Infant Mortality Demonstration Sites and Leeds Teaching "
              "Hospitals",
              "Sharon Yellin (NHS)", "Mar-13"});
  CHECK(row_texts(table, 2) ==
        Texts{"Establish Leeds Early Start Service bringing together Health Visiting and "
              "Children Centre Practitioners",
              "Jane Mischenko", "2013"});
  CHECK(row_texts(table, 3) ==
        Texts{"Secure the Family Nurse Partnership", "Sam Prince", "Dec-12"});
}

TEST_CASE("pdf: two columns of running text around an unruled table are not table rows") {
  const SourceDocument doc = read_pdf_fixture("two_column_text.pdf");
  REQUIRE(doc.tables.size() == 1);
  const Table& table = doc.tables[0];
  CHECK(table.headings == Texts{"Priority 3: Money matters"});
  REQUIRE(table.rows.size() == 4);
  CHECK(row_texts(table, 0) == Texts{"Ref", "Action", "Lead", "Due"});
  CHECK(row_texts(table, 3) == Texts{"3.3",
                                     "Run a winter fuel campaign with housing associations and "
                                     "advice agencies across the city",
                                     "Advice Services", "Nov-13"});
}

TEST_CASE("pdf: a portrait page turned to landscape by /Rotate reads as displayed") {
  const Table turned = read_pdf_fixture("rotated_page.pdf").tables.at(0);
  const Table wide = read_pdf_fixture("landscape.pdf").tables.at(0);
  CHECK(turned.headings == wide.headings);
  REQUIRE(turned.rows.size() == 3);
  for (std::size_t r = 0; r < 3; ++r) CHECK(row_texts(turned, r) == row_texts(wide, r));
  // Boxes are in the displayed page's frame, origin bottom-left, as the ICDAR ground truth has
  // them for rotated pages: the same as for the page printed landscape.
  for (std::size_t i = 0; i < 4; ++i) CHECK(near((*turned.bbox)[i], (*wide.bbox)[i], 1.0));
}
