// How a table's rows group and what its headings say: group rows at two levels, headings that
// name a part of the report rather than a theme, cards under headings, a header merged down over
// its sub-header, and the period in a document's subtitle.
#include <catch2/catch.hpp>

#include "mapping/engine.hpp"
#include "mapping/rows.hpp"
#include "support/table_builder.hpp"

using namespace trackport;
using trackport::testing::covered_by;
using trackport::testing::make_document;
using trackport::testing::make_table;

namespace {

constexpr Rgb kThemeFill{0x1F, 0x4E, 0x79};
constexpr Rgb kObjectiveFill{0xD9, 0xE2, 0xF3};

// A row whose one text is merged across the table's five columns, shaded.
std::vector<Cell> group_row(const std::string& text, Rgb fill, int row) {
  std::vector<Cell> cells(5);
  cells[0].text = text;
  cells[0].col_span = 5;
  cells[0].fill = fill;
  for (int col = 1; col < 5; ++col) cells[static_cast<std::size_t>(col)] = covered_by(row, 0);
  return cells;
}

std::vector<Cell> plain_row(std::initializer_list<std::string> texts) {
  std::vector<Cell> cells;
  for (const auto& text : texts) {
    Cell cell;
    cell.text = text;
    cells.push_back(std::move(cell));
  }
  return cells;
}

void add(Table& table, std::vector<Cell> cells) {
  const int number = static_cast<int>(table.rows.size()) + 1;
  table.add_row(std::move(cells), RowOrigin{number, "", false});
}

}  // namespace

TEST_CASE("a heading that names a part of the report is no theme") {
  CHECK(looks_like_report_part("12. DELIVERY PROGRESS"));
  CHECK(looks_like_report_part("7. Delivery progress"));
  CHECK(looks_like_report_part("3. Progress against actions"));
  CHECK(looks_like_report_part("Action plan"));
  CHECK_FALSE(looks_like_report_part("Priority 1: A thriving local economy"));
  CHECK_FALSE(looks_like_report_part("2. Reducing child poverty in rural areas"));
  CHECK_FALSE(looks_like_report_part("Improving outcomes for young people"));

  auto report_part = make_table({{"Ref", "Action", "Lead"}, {"1", "Do one", "Jo"}});
  report_part.headings = {"7. DELIVERY PROGRESS"};
  auto result = map_document(make_document({report_part}), "t.docx");
  REQUIRE(result.items.size() == 1);
  CHECK(result.items[0].theme.empty());

  auto priority = make_table({{"Ref", "Action", "Lead"}, {"1", "Do one", "Jo"}});
  priority.headings = {"Priority 2: Clean, green and safe neighbourhoods"};
  result = map_document(make_document({priority}), "t.docx");
  REQUIRE(result.items.size() == 1);
  CHECK(result.items[0].theme == "Priority 2: Clean, green and safe neighbourhoods");
}

TEST_CASE("group rows at two levels are themes and objectives, never items") {
  Table table = make_table({{"Ref", "Action", "Lead officer", "Due date", "RAG status"}});
  add(table, group_row("Theme A: A strong local economy", kThemeFill, 1));
  add(table, group_row("Objective A1: More people in good jobs", kObjectiveFill, 2));
  add(table, plain_row({"A1.1", "Run a jobs fair", "Jo Bell", "Mar-25", "Green"}));
  add(table, plain_row({"A1.2", "Open a skills hub", "Al Khan", "Jun-25", "Amber"}));
  add(table, group_row("Objective A2: Thriving town centres", kObjectiveFill, 5));
  add(table, plain_row({"A2.1", "Fill empty shops", "Sam Lee", "Dec-25", "Red"}));
  add(table, group_row("Theme B: Homes for everyone", kThemeFill, 7));
  add(table, group_row("Objective B1: More affordable homes", kObjectiveFill, 8));
  add(table, plain_row({"B1.1", "Build 200 homes", "Kim Roe", "Mar-26", "Green"}));

  auto result = map_document(make_document({table}), "t.xlsx");
  REQUIRE(result.items.size() == 4);
  CHECK(result.items[0].theme == "Theme A: A strong local economy");
  CHECK(result.items[0].objective == "Objective A1: More people in good jobs");
  CHECK(result.items[1].objective == "Objective A1: More people in good jobs");
  CHECK(result.items[2].theme == "Theme A: A strong local economy");
  CHECK(result.items[2].objective == "Objective A2: Thriving town centres");
  CHECK(result.items[3].theme == "Theme B: Homes for everyone");
  CHECK(result.items[3].objective == "Objective B1: More affordable homes");
  CHECK(result.items[3].ref == "B1.1");
}

TEST_CASE("a heading line between cards groups the cards below it") {
  auto table = make_table({{"Priority 1: A thriving local economy", ""},
                           {"Ref", "1.1"},
                           {"Action", "Run a jobs fair"},
                           {"Lead officer", "Jo Bell"},
                           {"RAG", "Green"},
                           {"Ref", "1.2"},
                           {"Action", "Open a skills hub"},
                           {"Lead officer", "Al Khan"},
                           {"RAG", "Amber"},
                           {"Priority 2: Homes for everyone", ""},
                           {"Ref", "2.1"},
                           {"Action", "Build 200 homes"},
                           {"Lead officer", "Kim Roe"},
                           {"RAG", "Red"}});
  auto result = map_document(make_document({table}), "t.docx");
  REQUIRE(result.items.size() == 3);
  CHECK(result.items[0].ref == "1.1");
  CHECK(result.items[0].theme == "Priority 1: A thriving local economy");
  CHECK(result.items[1].theme == "Priority 1: A thriving local economy");
  CHECK(result.items[1].status == Rating::amber);
  CHECK(result.items[2].theme == "Priority 2: Homes for everyone");
  CHECK(result.items[2].leads == std::vector<std::string>{"Kim Roe"});
}

TEST_CASE("headers merged down over a sub-header row keep their names; quarters rate by Q") {
  Table table;
  table.index = 1;
  table.addressing = Addressing::table_row;
  std::vector<Cell> top = plain_row({"Ref", "Action", "2013/14 RAG", "", "", ""});
  top[0].row_span = 2;
  top[1].row_span = 2;
  top[2].col_span = 4;
  for (std::size_t col = 3; col < 6; ++col) top[col] = covered_by(0, 2);
  add(table, std::move(top));
  std::vector<Cell> sub = plain_row({"", "", "Q1", "Q2", "Q3", "Q4"});
  sub[0] = covered_by(0, 0);
  sub[1] = covered_by(0, 1);
  add(table, std::move(sub));
  add(table, plain_row({"1", "Run a jobs fair", "G", "A", "", ""}));

  auto result = map_document(make_document({table}), "t.docx");
  REQUIRE(result.items.size() == 1);
  const Item& item = result.items[0];
  CHECK(item.ref == "1");
  CHECK(item.text == "Run a jobs fair");
  REQUIRE(item.assessments.size() >= 2);
  CHECK(item.assessments[0].by == "Q1");
  CHECK(item.assessments[1].by == "Q2");
  CHECK(item.status == Rating::amber);  // the latest quarter given
}

TEST_CASE("the period is read from the document's subtitle when nothing nearer says it") {
  auto table = make_table({{"Ref", "Action", "Progress"}, {"1", "Do one", "Done"}});
  SourceDocument document = make_document({table});
  document.title = "Council Plan 2023-27";
  document.subtitle = "Progress against actions, March 2024";
  auto result = map_document(document, "t.docx");
  CHECK(result.period == "March 2024");

  document.subtitle = "Prepared by the policy team";
  CHECK(map_document(document, "t.docx").period.empty());
}

TEST_CASE("an overview of counts is no items, whichever way round it is printed") {
  auto down = make_table({{"Status", "Number of actions"},
                          {"Green", "12"},
                          {"Amber", "5"},
                          {"Red", "1"},
                          {"Total", "18"}},
                         1);
  auto across = make_table({{"Priority", "Green", "Amber", "Red", "Total"},
                            {"Economy", "4", "2", "0", "6"},
                            {"Homes", "3", "1", "1", "5"}},
                           2);
  auto actions = make_table({{"Ref", "Action", "Lead officer", "RAG status"},
                             {"1", "Run a jobs fair", "Jo Bell", "Green"},
                             {"2", "Open a skills hub", "Al Khan", "Amber"}},
                            3);
  auto result = map_document(make_document({down, across, actions}), "t.csv");
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].text == "Run a jobs fair");
  CHECK(decide_table(down).kind == TableKind::overview);
  CHECK(decide_table(across).kind != TableKind::items);
}

TEST_CASE("a report keyed on refs alone updates the plan it refers to, nothing dropped") {
  auto plan =
      make_table({{"Action ref", "What we will do", "Responsible", "Deadline"},
                  {"CP1", "Adopt a housing allocations policy", "Head of Housing", "Jun-24"},
                  {"CP2", "Launch a business grant scheme", "Economic Development", "Sep-24"}},
                 1);
  auto report = make_table({{"Action ref", "Q3 progress", "RAG"},
                            {"CP1", "Policy adopted by Cabinet in July.", "Green"},
                            {"CP2", "12 grants awarded.", "Amber"}},
                           2);
  auto result = map_document(make_document({plan, report}), "t.csv");
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].text == "Adopt a housing allocations policy");
  CHECK(result.items[0].due->raw == "Jun-24");
  CHECK(result.items[0].progress == "Policy adopted by Cabinet in July.");
  CHECK(result.items[0].status == Rating::green);
  CHECK(result.items[1].status == Rating::amber);
}
