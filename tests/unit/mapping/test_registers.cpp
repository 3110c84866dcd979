#include <catch2/catch.hpp>

#include "mapping/engine.hpp"
#include "mapping/registers.hpp"
#include "support/table_builder.hpp"

using namespace trackport;
using trackport::testing::covered_by;
using trackport::testing::make_table;

namespace {

// Merges `rows` x `cols` cells from (row, col): the top-left keeps its text and gets the spans,
// the positions it covers point back to it.
void merge(Table& table, std::size_t row, std::size_t col, int rows, int cols) {
  table.rows[row][col].row_span = rows;
  table.rows[row][col].col_span = cols;
  for (std::size_t r = row; r < row + static_cast<std::size_t>(rows); ++r) {
    for (std::size_t c = col; c < col + static_cast<std::size_t>(cols); ++c) {
      if (r == row && c == col) continue;
      table.rows[r][c] = covered_by(static_cast<int>(row), static_cast<int>(col));
    }
  }
}

const Mapping& dictionary() {
  return generic_mapping();
}

// The block form of an indicator: code and title, then "Baseline | Targets" over the periods,
// then the values.
Table indicator_block() {
  auto table = make_table({
      {"NI No. 45 LAA",
       "Indicator Title: Young offenders' engagement in suitable education, training and "
       "employment",
       "", ""},
      {"Baseline (Year & Source)", "Targets", "", ""},
      {"", "Yr 1 2010/11", "Yr 2 2011/12", "Yr 3 2012/13"},
      {"71.2% (2008/09, YOT)", "73%", "75%", "77%"},
  });
  merge(table, 0, 1, 1, 3);  // the title over the other columns
  merge(table, 1, 0, 2, 1);  // "Baseline" down over the row of periods
  merge(table, 1, 1, 1, 3);  // "Targets" over the three periods
  return table;
}

}  // namespace

TEST_CASE("an indicator table in rows gives one indicator per row, with targets by period") {
  auto table = make_table({
      {"Code", "Indicator", "Baseline", "Target 2024/25", "Target 2025/26"},
      {"CS01", "Children in low income families", "18.2%", "17.5%", "17%"},
      {"CS02", "Households in temporary accommodation", "412", "380", "350"},
      {"CS03", "Young people not in education, employment or training", "4.1%", "3.9%", ""},
  });
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::indicators);
  CHECK(register_header_row(table, dictionary()) == 0u);

  auto read = read_register(table, dictionary(), "plan.docx");
  CHECK(read.kind == RegisterKind::indicators);
  CHECK_FALSE(read.blocks);
  CHECK(read.first_data_row == 1u);
  CHECK(read.unplaced.empty());
  REQUIRE(read.indicators.size() == 3);

  const Indicator& first = read.indicators[0];
  CHECK(first.code == "CS01");
  CHECK(first.title == "Children in low income families");
  CHECK(first.baseline == "18.2%");
  CHECK(first.targets == std::vector<PeriodValue>{{"2024/25", "17.5%"}, {"2025/26", "17%"}});

  CHECK(read.indicators[1].code == "CS02");
  CHECK(read.indicators[1].targets ==
        std::vector<PeriodValue>{{"2024/25", "380"}, {"2025/26", "350"}});
  // A blank target is no target: only the period with a value is listed.
  CHECK(read.indicators[2].targets == std::vector<PeriodValue>{{"2024/25", "3.9%"}});
  CHECK(read.breakdown.empty());
  CHECK(read.risks.empty());
}

TEST_CASE(
    "an indicator table's header may sit below a title, and columns it cannot name are "
    "listed") {
  auto table = make_table({
      {"Performance indicators"},
      {},
      {"PI Code", "Indicator", "Baseline", "Target", "Comments"},
      {"HS1", "Homes built", "240", "300", "On course"},
  });
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::indicators);
  CHECK(register_header_row(table, dictionary()) == 2u);
  auto read = read_register(table, dictionary(), "plan.docx");
  CHECK(read.first_data_row == 3u);
  CHECK(read.unplaced == std::vector<std::string>{"Comments"});
  REQUIRE(read.indicators.size() == 1);
  CHECK(read.indicators[0].code == "HS1");
  CHECK(read.indicators[0].title == "Homes built");
  CHECK(read.indicators[0].baseline == "240");
  // A bare "Target" names no period: the header is all there is to call it by.
  CHECK(read.indicators[0].targets == std::vector<PeriodValue>{{"Target", "300"}});
}

TEST_CASE("an indicator in block form gives one indicator with its code, title and targets") {
  auto table = indicator_block();
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::indicators);
  // The header is "Baseline | Targets", below the block's code and title.
  CHECK(register_header_row(table, dictionary()) == 1u);

  auto read = read_register(table, dictionary(), "laa.docx");
  CHECK(read.blocks);
  CHECK(read.first_data_row == 3u);  // below the row of periods
  REQUIRE(read.indicators.size() == 1);
  const Indicator& indicator = read.indicators[0];
  // "NI No. 45 LAA" is national indicator 45: the "No." and the "LAA" (the agreement it is in)
  // are not part of the code.
  CHECK(indicator.code == "NI 45");
  CHECK(indicator.title ==
        "Young offenders' engagement in suitable education, training and employment");
  CHECK(indicator.baseline == "71.2% (2008/09, YOT)");
  CHECK(indicator.targets ==
        std::vector<PeriodValue>{{"2010/11", "73%"}, {"2011/12", "75%"}, {"2012/13", "77%"}});
}

TEST_CASE("a section heading merged across an indicator table is not an indicator") {
  // The heading is one cell over the whole row: it has no title, baseline or targets, and its
  // text is no code.
  auto table = make_table({
      {"Code", "Indicator", "Baseline", "Target 2024/25"},
      {"Healthier communities", "", "", ""},
      {"HC1", "Adults who are physically active", "61%", "64%"},
  });
  merge(table, 1, 0, 1, 4);
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::indicators);
  auto read = read_register(table, dictionary(), "plan.docx");
  INFO("first indicator's code: " << (read.indicators.empty() ? "" : read.indicators[0].code));
  REQUIRE(read.indicators.size() == 1);
  CHECK(read.indicators[0].code == "HC1");
}

TEST_CASE("a block's code may be given with a colon") {
  auto table = make_table({
      {"PI Ref: CS12", "Indicator Title: Adults in employment", ""},
      {"Baseline", "Target 2011/12", "Target 2012/13"},
      {"62%", "64%", "66%"},
  });
  merge(table, 0, 1, 1, 2);
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::indicators);
  auto read = read_register(table, dictionary(), "plan.docx");
  CHECK(read.blocks);
  REQUIRE(read.indicators.size() == 1);
  CHECK(read.indicators[0].code == "CS12");
  CHECK(read.indicators[0].title == "Adults in employment");
  CHECK(read.indicators[0].baseline == "62%");
  CHECK(read.indicators[0].targets ==
        std::vector<PeriodValue>{{"2011/12", "64%"}, {"2012/13", "66%"}});
}

TEST_CASE("a locality table is a breakdown: each area with its baseline and targets") {
  auto table = make_table({
      {"Locality", "Baseline (Year & Source)", "Targets", "", ""},
      {"", "", "Yr 1 2010/11", "Yr 2 2011/12", "Yr 3 2012/13"},
      {"North", "68% (2008/09)", "70%", "72%", "74%"},
      {"South", "74% (2008/09)", "75%", "76%", "77%"},
      {"East", "65% (2008/09)", "67%", "", "71%"},
  });
  merge(table, 0, 0, 2, 1);
  merge(table, 0, 1, 2, 1);
  merge(table, 0, 2, 1, 3);
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::breakdown);
  CHECK(register_header_row(table, dictionary()) == 0u);

  auto read = read_register(table, dictionary(), "laa.docx");
  CHECK(read.kind == RegisterKind::breakdown);
  CHECK(read.first_data_row == 2u);
  CHECK(read.indicators.empty());
  REQUIRE(read.breakdown.size() == 3);
  CHECK(read.breakdown[0] ==
        IndicatorBreakdown{"North",
                           "68% (2008/09)",
                           {{"2010/11", "70%"}, {"2011/12", "72%"}, {"2012/13", "74%"}}});
  CHECK(read.breakdown[1].area == "South");
  CHECK(read.breakdown[1].baseline == "74% (2008/09)");
  CHECK(read.breakdown[1].targets.size() == 3);
  // A blank target is left out, the periods of the others kept.
  CHECK(read.breakdown[2].targets ==
        std::vector<PeriodValue>{{"2010/11", "67%"}, {"2012/13", "71%"}});
  CHECK(read.breakdown_of.empty());  // nothing above the header names an indicator
}

TEST_CASE("a row of bare periods under a merged Targets is the periods, not an area") {
  // The periods are printed as "2010/11", not "Yr 1 2010/11": the row is still the periods.
  auto table = make_table({
      {"Locality", "Baseline", "Targets", "", ""},
      {"", "", "2010/11", "2011/12", "2012/13"},
      {"North", "68%", "70%", "72%", "74%"},
      {"South", "74%", "75%", "76%", "77%"},
  });
  merge(table, 0, 0, 2, 1);
  merge(table, 0, 1, 2, 1);
  merge(table, 0, 2, 1, 3);
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::breakdown);
  auto read = read_register(table, dictionary(), "laa.docx");
  CHECK(read.first_data_row == 2u);
  REQUIRE(read.breakdown.size() == 2);  // not a third "Locality" area read from the periods
  CHECK(read.breakdown[0] ==
        IndicatorBreakdown{
            "North", "68%", {{"2010/11", "70%"}, {"2011/12", "72%"}, {"2012/13", "74%"}}});
}

TEST_CASE("a breakdown names the indicator it is of when a line above its header gives a code") {
  auto table = make_table({
      {"NI 45 by locality", "", ""},
      {"Locality", "Baseline", "Target 2011/12"},
      {"North", "68%", "70%"},
  });
  merge(table, 0, 0, 1, 3);
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::breakdown);
  CHECK(register_header_row(table, dictionary()) == 1u);
  auto read = read_register(table, dictionary(), "laa.docx");
  CHECK(read.breakdown_of == "NI 45");
  REQUIRE(read.breakdown.size() == 1);
  CHECK(read.breakdown[0].targets == std::vector<PeriodValue>{{"2011/12", "70%"}});
}

TEST_CASE("a caption's table number is not taken for the indicator a breakdown is of") {
  auto table = make_table({
      {"Table 3 - breakdown by locality", "", ""},
      {"Locality", "Baseline", "Target 2011/12"},
      {"North", "68%", "70%"},
  });
  merge(table, 0, 0, 1, 3);
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::breakdown);
  auto read = read_register(table, dictionary(), "laa.docx");
  CHECK(read.breakdown.size() == 1);
  // "Table 3" is the caption's number, not an indicator code.
  INFO("breakdown_of: " << read.breakdown_of);
  CHECK(read.breakdown_of.empty());
}

TEST_CASE(
    "a risk register gives one risk per row with its impact, likelihood, mitigation, owner "
    "and date") {
  auto table = make_table({
      {"Ref", "Risk", "Impact", "Likelihood", "Mitigation", "Owner", "Date"},
      {"R1", "Funding for the programme is withdrawn", "High", "Medium",
       "Agree a multi-year settlement", "Director of Finance", "March 2025"},
      {"R2", "Partners do not share data", "Medium", "High", "Data sharing agreement signed",
       "Head of Performance", "Q2 2024/25"},
  });
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::risks);
  CHECK(register_header_row(table, dictionary()) == 0u);

  auto read = read_register(table, dictionary(), "risks.docx");
  CHECK(read.kind == RegisterKind::risks);
  CHECK(read.indicators.empty());
  CHECK(read.unplaced.empty());
  REQUIRE(read.risks.size() == 2);
  const Risk& first = read.risks[0];
  CHECK(first.ref == "R1");
  CHECK(first.description == "Funding for the programme is withdrawn");
  CHECK(first.impact == "High");
  CHECK(first.likelihood == "Medium");
  CHECK(first.score.empty());
  CHECK(first.mitigation == "Agree a multi-year settlement");
  CHECK(first.owner == "Director of Finance");
  REQUIRE(first.due.has_value());
  CHECK(first.due->raw == "March 2025");  // the date as printed
  CHECK(read.risks[1].ref == "R2");
  REQUIRE(read.risks[1].due.has_value());
  CHECK(read.risks[1].due->raw == "Q2 2024/25");
}

TEST_CASE("a scored risk register keeps each risk's score") {
  auto table = make_table({
      {"Risk ID", "Description", "Likelihood", "Impact", "Score", "Controls", "Risk owner"},
      {"1", "Loss of key staff", "3", "4", "12", "Succession planning", "HR lead"},
      {"2", "Delay to the new IT system", "2", "3", "6", "Fortnightly project board", "CIO"},
  });
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::risks);
  auto read = read_register(table, dictionary(), "risks.xlsx");
  REQUIRE(read.risks.size() == 2);
  CHECK(read.risks[0].ref == "1");
  CHECK(read.risks[0].description == "Loss of key staff");
  CHECK(read.risks[0].likelihood == "3");
  CHECK(read.risks[0].impact == "4");
  CHECK(read.risks[0].score == "12");
  CHECK(read.risks[0].mitigation == "Succession planning");
  CHECK(read.risks[0].owner == "HR lead");
  CHECK_FALSE(read.risks[0].due.has_value());
  CHECK(read.risks[1].score == "6");
}

TEST_CASE("a risk register rated without impact and likelihood is still a risk register") {
  // Not scored, but the mitigation and owner columns and the header's "Risk" make it one.
  auto table = make_table({
      {"Risk", "Rating", "Mitigation", "Owner"},
      {"Insufficient affordable housing sites", "High", "Land review under way", "Planning"},
  });
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::risks);
  auto read = read_register(table, dictionary(), "risks.docx");
  REQUIRE(read.risks.size() == 1);
  CHECK(read.risks[0].description == "Insufficient affordable housing sites");
  CHECK(read.risks[0].score == "High");
  CHECK(read.risks[0].mitigation == "Land review under way");
  CHECK(read.risks[0].owner == "Planning");
}

TEST_CASE("a risk register's rows without a risk or a mitigation are skipped") {
  auto table = make_table({
      {"Ref", "Risk", "Impact", "Likelihood", "Mitigation", "Owner"},
      {"R1", "Budget overspend", "High", "Low", "Monthly monitoring", "S151 officer"},
      {"", "", "", "", "", ""},
      {"R2", "", "", "", "", ""},                                      // a ref alone is no risk
      {"Ref", "Risk", "Impact", "Likelihood", "Mitigation", "Owner"},  // header repeated
      {"R3", "Judicial review of the decision", "High", "Low", "Legal advice taken", "Legal"},
  });
  auto read = read_register(table, dictionary(), "risks.docx");
  REQUIRE(read.risks.size() == 2);
  CHECK(read.risks[0].ref == "R1");
  CHECK(read.risks[1].ref == "R3");
}

TEST_CASE("a risk register's 'Mitigating actions' are its mitigation, not an action plan's text") {
  auto table = make_table({
      {"Ref", "Risk", "Impact", "Likelihood", "Mitigating actions", "Risk owner"},
      {"R1", "Funding is withdrawn", "High", "Medium", "Agree a settlement", "Finance"},
  });
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::risks);
  auto read = read_register(table, dictionary(), "risks.docx");
  REQUIRE(read.risks.size() == 1);
  CHECK(read.risks[0].mitigation == "Agree a settlement");
  CHECK(read.risks[0].owner == "Finance");
}

TEST_CASE("a scored risk register with an 'Action to reduce risk' column is a risk register") {
  // risk_columns names "action to reduce*" a risk's mitigation, but the item dictionary names
  // "action*" an action's text, and that makes the table an action plan rather than a register.
  // With impact and likelihood scored it is plainly a risk register.
  auto table = make_table({
      {"Ref", "Risk", "Impact", "Likelihood", "Action to reduce risk", "Risk owner"},
      {"R1", "Funding is withdrawn", "High", "Medium", "Agree a settlement", "Finance"},
  });
  REQUIRE(register_kind(table, dictionary()) == RegisterKind::risks);
  auto read = read_register(table, dictionary(), "risks.docx");
  REQUIRE(read.risks.size() == 1);
  CHECK(read.risks[0].mitigation == "Agree a settlement");
}

TEST_CASE("an ordinary action table is not a register") {
  auto table = make_table({
      {"Ref", "Action", "Lead officer", "Due date", "RAG status", "Progress update"},
      {"1.1", "Publish the strategy", "Jo Bloggs", "March 2025", "Green", "Published"},
      {"1.2", "Consult residents", "Al Smith", "June 2025", "Amber", "Under way"},
  });
  CHECK_FALSE(register_kind(table, dictionary()).has_value());
  CHECK_FALSE(register_header_row(table, dictionary()).has_value());
  auto read = read_register(table, dictionary(), "plan.docx");
  CHECK(read.indicators.empty());
  CHECK(read.breakdown.empty());
  CHECK(read.risks.empty());
}

TEST_CASE("an action table with targets and baselines is still an action table") {
  // The "Action" column makes it items, though "Baseline" and "Target" are indicator columns.
  auto table = make_table({
      {"Action", "Baseline", "Target", "Lead"},
      {"Increase take-up of free school meals", "72%", "80%", "Schools"},
  });
  CHECK_FALSE(register_kind(table, dictionary()).has_value());
}

TEST_CASE("a key table of ratings and their meanings is not a register") {
  auto table = make_table({
      {"Rating", "Meaning"},
      {"Red", "Significantly off track"},
      {"Amber", "Some slippage"},
      {"Green", "On track"},
  });
  CHECK_FALSE(register_kind(table, dictionary()).has_value());
  CHECK(read_register(table, dictionary(), "plan.docx").risks.empty());
}

TEST_CASE("indicators and risks know the file and row they were read from") {
  auto indicators = make_table(
      {
          {"Code", "Indicator", "Baseline", "Target 2024/25"},
          {"CS01", "Children in low income families", "18.2%", "17.5%"},
          {"CS02", "Households in temporary accommodation", "412", "380"},
      },
      3);
  auto read = read_register(indicators, dictionary(), "plan.docx");
  REQUIRE(read.indicators.size() == 2);
  CHECK(read.indicators[0].source.file == "plan.docx");
  CHECK(read.indicators[0].source.table == 3);
  CHECK(read.indicators[0].source.row == 2);
  CHECK(read.indicators[1].source.row == 3);

  // A block is located at its first row, where its code and title are.
  auto block = indicator_block();
  block.index = 5;
  auto blocks = read_register(block, dictionary(), "laa.docx");
  REQUIRE(blocks.indicators.size() == 1);
  CHECK(blocks.indicators[0].source.file == "laa.docx");
  CHECK(blocks.indicators[0].source.table == 5);
  CHECK(blocks.indicators[0].source.row == 1);

  auto risks = make_table(
      {
          {"Strategic risks"},  // the table's own title row: the header is the second row
          {"Ref", "Risk", "Impact", "Likelihood", "Mitigation", "Owner"},
          {"R1", "Budget overspend", "High", "Low", "Monthly monitoring", "S151 officer"},
          {"R2", "Loss of key staff", "Medium", "Medium", "Succession planning", "HR"},
      },
      7);
  auto register_rows = read_register(risks, dictionary(), "risks.docx");
  REQUIRE(register_rows.risks.size() == 2);
  CHECK(register_rows.risks[0].source.file == "risks.docx");
  CHECK(register_rows.risks[0].source.table == 7);
  CHECK(register_rows.risks[0].source.row == 3);
  CHECK(register_rows.risks[1].source.row == 4);
}

TEST_CASE("locations follow the source's own row numbers and a spreadsheet's cells") {
  auto table = make_table({
      {"Ref", "Risk", "Impact", "Likelihood", "Mitigation", "Owner"},
      {"R1", "Budget overspend", "High", "Low", "Monthly monitoring", "S151 officer"},
  });
  table.addressing = Addressing::cells;
  table.sheet = "Risks";
  table.row_origins[0].number = 4;  // the register starts at row 4 of the sheet
  table.row_origins[1].number = 5;
  table.column_numbers = {2, 3, 4, 5, 6, 7};  // columns B to G
  auto read = read_register(table, dictionary(), "register.xlsx");
  REQUIRE(read.risks.size() == 1);
  CHECK(read.risks[0].source.file == "register.xlsx");
  CHECK(read.risks[0].source.sheet == "Risks");
  CHECK(read.risks[0].source.cells == "B5:G5");
}

TEST_CASE("the register kinds have names for people") {
  CHECK(register_kind_name(RegisterKind::indicators) == "indicators");
  CHECK(register_kind_name(RegisterKind::breakdown) == "indicator breakdown");
  CHECK(register_kind_name(RegisterKind::risks) == "risks");
}
