#include <catch2/catch.hpp>

#include "mapping/engine.hpp"
#include "mapping/rows.hpp"
#include "support/table_builder.hpp"

using namespace trackport;
using trackport::testing::make_document;
using trackport::testing::make_table;

namespace {

const std::vector<std::string> kSheffieldHeader = {
    "Challenge",
    "What will we do?",
    "How we will measure success",
    "By when",
    "Who will deliver this",
    "Lead officer for reporting purposes",
    "Please give latest performance against indicators",
    "Status (please choose Red / Amber / Green)",
    "Please state any mitigating action you are taking if you have rated the indicator red",
    "Any other comments"};

std::size_t count_warnings(const MappingResult& result, const std::string& code) {
  return static_cast<std::size_t>(std::count_if(result.warnings.begin(), result.warnings.end(),
                                                [&](const Warning& w) { return w.code == code; }));
}

}  // namespace

TEST_CASE("the header need not be the first row, and the best mapping wins") {
  auto table =
      make_table({{"Child Poverty Delivery Plan"},
                  {"Update March 2014"},
                  {},
                  kSheffieldHeader,
                  {"Build resilient communities", "• create tenancies", "• fewer evictions",
                   "2013-14", "Homes", "Dean", "29.8%", "Green", "", ""}});
  auto decision = decide_table(table);
  REQUIRE(decision.chosen != nullptr);
  CHECK(decision.chosen->name == "sheffield-child-poverty");
  CHECK(decision.header_row == 3u);
  CHECK_FALSE(decision.generic);
  CHECK(decision.score > 0.9);

  auto result = map_document(make_document({table}), "plan.csv");
  REQUIRE(result.items.size() == 1);
  const Item& item = result.items[0];
  CHECK(item.theme == "Build resilient communities");
  CHECK(item.text == "• create tenancies");
  CHECK(item.measure == "• fewer evictions");
  REQUIRE(item.due.has_value());
  CHECK(item.due->raw == "2013-14");
  CHECK(item.partners == std::vector<std::string>{"Homes"});
  CHECK(item.leads == std::vector<std::string>{"Dean"});
  CHECK(item.progress == "29.8%");
  CHECK(item.status == Rating::green);
  REQUIRE(item.assessments.size() == 1);
  CHECK(item.assessments[0].by == "Status (please choose Red / Amber / Green)");
  CHECK(item.assessments[0].from == RatingSource::text);
  CHECK(item.source.file == "plan.csv");
  CHECK(item.source.table == 1);
  CHECK(item.source.row == 5);
  CHECK(result.info.name == "sheffield-child-poverty");
  CHECK(result.info.automatic);
}

TEST_CASE("an unknown layout falls back to the generic mapping, with a warning") {
  auto table = make_table({{"Ref", "Action", "Owner", "Deadline", "RAG", "Notes", "Locality"},
                           {"1.1", "Publish the plan", "Jo Bloggs", "Mar-15", "A/G", "", "North"}});
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 1);
  const Item& item = result.items[0];
  CHECK(item.ref == "1.1");
  CHECK(item.id == "1.1");
  CHECK(item.text == "Publish the plan");
  CHECK(item.leads == std::vector<std::string>{"Jo Bloggs"});
  CHECK(item.due->raw == "Mar-15");
  CHECK(item.status == Rating::amber_green);
  // Nothing lost: the column no mapping places goes to extra under its own header.
  CHECK(item.extra == ExtraFields{{"Locality", "North"}});
  CHECK(count_warnings(result, "mapping-generic") == 1);
  CHECK(count_warnings(result, "unmapped-column") == 1);
  CHECK(result.decisions[0].generic);
}

TEST_CASE("tables with no tracker header give no items and no error") {
  auto legend = make_table({{"RAG", "Criteria"},
                            {"RED", "Significant slippage"},
                            {"AMBER", "Some slippage"},
                            {"GREEN", "Fully on track"}});
  auto result = map_document(make_document({legend}), "t.csv");
  CHECK(result.items.empty());
  CHECK(count_warnings(result, "header-not-found") == 1);
}

TEST_CASE("carry-down fills blank cells below merged ones; blank rows are skipped") {
  auto table = make_table({kSheffieldHeader,
                           {"Theme A", "Do one", "", "", "", "", "", "Red", "", ""},
                           {"", "", "Measure two", "", "", "", "", "Amber", "", ""},
                           {"", "", "", "", "", "", "", "", "", ""},
                           {"Theme B", "Do three", "", "", "", "", "", "Green", "", ""}});
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 3);
  CHECK(result.items[1].theme == "Theme A");
  CHECK(result.items[1].text == "Do one");
  CHECK(result.items[1].measure == "Measure two");
  CHECK(result.items[2].theme == "Theme B");
}

TEST_CASE("vertical merges give their value to every row they cover") {
  auto table =
      make_table({{"Action", "Lead", "Status"}, {"Do one", "Jo", "Red"}, {"Do two", "", "Green"}});
  table.rows[1][1].row_span = 2;
  table.rows[2][1] = trackport::testing::covered_by(1, 1);
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[1].leads == std::vector<std::string>{"Jo"});
}

TEST_CASE("a row continued after a repeated header is merged into the item above") {
  const std::vector<std::string> header = {"",
                                           "What We Will Do",
                                           "Officer RAG",
                                           "Progress and Impact",
                                           "Chair and Vice Chair review",
                                           "Chair and Vice Chair RAG",
                                           "Officer response"};
  auto part1 = make_table({header,
                           {"Headline Outcome", "Reduce drinking", "AMBER", "Rates fell from",
                            "Good", "GREEN", "None"}},
                          1);
  auto part2 = make_table({header,
                           {"", "", "", "32.3% to 30%.", "", "", ""},
                           {"", "Fewer binges", "GREEN", "18.7%", "On track", "", "Noted"}},
                          2);
  auto result = map_document(make_document({part1, part2}), "t.csv");
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].progress == "Rates fell from\n32.3% to 30%.");
  CHECK(result.items[0].category == "Headline Outcome");
  CHECK(result.items[1].category == "Headline Outcome");  // carried down across the page break
  CHECK(count_warnings(result, "row-continued") == 1);

  // Both ratings, with the chair's review as the chair assessment's commentary; the headline is
  // the last rating given, so the officer's when the chair gave none.
  const Item& first = result.items[0];
  REQUIRE(first.assessments.size() == 2);
  CHECK(first.assessments[0].by == "officer");
  CHECK(first.assessments[0].rating == Rating::amber);
  CHECK(first.assessments[1].by == "chair");
  CHECK(first.assessments[1].rating == Rating::green);
  CHECK(first.assessments[1].commentary == "Good");
  CHECK(first.status == Rating::green);
  CHECK(result.items[1].status == Rating::green);
  CHECK(result.items[1].assessments[1].rating == Rating::none);
}

TEST_CASE("rows shifted by one column are realigned with a warning") {
  auto table =
      make_table({kSheffieldHeader,
                  {"T", "Do", "M", "Mar-13", "", "Lead", "", "Progress text", "Amber", "", ""}});
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 1);
  CHECK(result.items[0].status == Rating::amber);
  CHECK(result.items[0].progress == "Progress text");
  CHECK(count_warnings(result, "row-misaligned") == 1);
}

TEST_CASE("a rating column empty in every row is warned about once; one rating is enough") {
  auto empty = make_table({{"Action", "Lead", "RAG"},
                           {"Do one", "Jo", ""},
                           {"Do two", "Al", ""},
                           {"Do three", "", ""}});
  auto result = map_document(make_document({empty}), "t.csv");
  REQUIRE(result.items.size() == 3);
  REQUIRE(count_warnings(result, "ratings-empty") == 1);
  for (const auto& warning : result.warnings) {
    if (warning.code != "ratings-empty") continue;
    CHECK(warning.message.find("'RAG'") != std::string::npos);
    CHECK(warning.message.find("(3 items)") != std::string::npos);
    CHECK(warning.location.file == "t.csv");
  }
  auto one_rated = make_table({{"Action", "RAG"}, {"Do one", ""}, {"Do two", "Green"}});
  CHECK(count_warnings(map_document(make_document({one_rated}), "t.csv"), "ratings-empty") == 0);
  // A colour is a rating too.
  auto coloured = make_table({{"Action", "RAG"}, {"Do one", ""}});
  coloured.rows[1][1].fill = Rgb{0xFF, 0x00, 0x00};
  CHECK(count_warnings(map_document(make_document({coloured}), "t.csv"), "ratings-empty") == 0);
  // No rating column: nothing to say.
  auto unrated = make_table({{"Action", "Lead"}, {"Do one", "Jo"}});
  CHECK(count_warnings(map_document(make_document({unrated}), "t.csv"), "ratings-empty") == 0);
}

TEST_CASE("a text that is not a rating is kept in extra with a warning") {
  auto table = make_table({{"Action", "Status"}, {"Do one", "Waiting for data"}});
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 1);
  CHECK(result.items[0].status == Rating::none);
  CHECK(result.items[0].extra == ExtraFields{{"Status", "Waiting for data"}});
  CHECK(count_warnings(result, "status-unrecognised") == 1);
}

TEST_CASE("a rating given only as a cell colour is read from the fill") {
  auto table = make_table({{"Action", "RAG"}, {"Do one", ""}, {"Do two", ""}});
  table.rows[1][1].fill = Rgb{0xFF, 0xC0, 0x00};
  table.rows[2][1].fill = Rgb{0xF2, 0xF2, 0xF2};  // pale grey banding: not a rating
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].status == Rating::amber);
  REQUIRE(result.items[0].assessments.size() == 1);
  CHECK(result.items[0].assessments[0].from == RatingSource::fill);
  CHECK(result.items[0].assessments[0].raw == "#FFC000");
  CHECK(result.items[1].status == Rating::none);
}

TEST_CASE("fill_ratings read the colour of another column, as in Rotherham's milestone cells") {
  auto table = make_table({{"ACTION", "DELIVERY MILESTONES", "Update June 2014", "LEAD/S"},
                           {"(i) Health advice", "1. Midwives assess", "• Audit done", "RFT"},
                           {"", "2. Toothbrushes", "• 1195 packs", ""}});
  table.rows[1][1].fill = Rgb{0x00, 0xB0, 0x50};
  table.rows[2][1].fill = Rgb{0xFF, 0x00, 0x00};
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 2);
  CHECK(result.decisions[0].chosen->name == "rotherham-action-plan");
  CHECK(result.items[0].status == Rating::green);
  CHECK(result.items[1].status == Rating::red);
  CHECK(result.items[1].objective == "(i) Health advice");
  CHECK(result.items[1].leads == std::vector<std::string>{"RFT"});
  CHECK(result.items[1].assessments[0].by == "milestone");
}

TEST_CASE("section headings above a table give the theme; banner tables head what follows") {
  auto banner = make_table({{"PRIORITY: 2", "We will engage with parents"}, {"-----", "---"}}, 1);
  auto table = make_table({{"ACTION", "DELIVERY MILESTONES", "Update June 2014", "LEAD/S"},
                           {"(i) Feedback", "5. Work with partners", "• Signed", "Sue"}},
                          2);
  auto result = map_document(make_document({banner, table}), "t.csv");
  REQUIRE(result.items.size() == 1);
  CHECK(result.items[0].theme == "PRIORITY: 2 We will engage with parents");
}

TEST_CASE("a sub-header row names the columns under a merged header") {
  auto table = make_table({{"Ref", "Actions", "Progress Assessment - RAG", "", "", "Notes"},
                           {"", "", "Quarter one", "Quarter two", "Quarter three", ""},
                           {"1", "Do it", "G", "A", "R", ""}});
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 1);
  const Item& item = result.items[0];
  REQUIRE(item.assessments.size() == 3);
  CHECK(item.assessments[0].by == "Q1");  // quarters as the model names them
  CHECK(item.assessments[2].by == "Q3");
  CHECK(item.status == Rating::red);
}

TEST_CASE("a forced mapping applies to every table, and its value map is used") {
  auto mapping = parse_mapping(R"(
name: custom
columns:
  - {header: Task, field: text}
  - {header: Progress, field: rating}
values:
  On track: green
  Behind: red
)",
                               "custom.yaml");
  auto table = make_table({{"Task", "Progress"}, {"One", "On track"}, {"Two", "Behind"}});
  MapOptions options;
  options.forced = &mapping;
  auto result = map_document(make_document({table}), "t.csv", options);
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].status == Rating::green);
  CHECK(result.items[1].status == Rating::red);
  CHECK_FALSE(result.info.automatic);
  // Without the mapping, "On track" is not a rating.
  auto unmapped = map_document(make_document({table}), "t.csv");
  CHECK(unmapped.items[0].status == Rating::none);
}

TEST_CASE("dashes, page numbers and drop_rows patterns are not items") {
  auto table = make_table({{"Action", "Owner"},
                           {"Do one", "Jo"},
                           {"---", "--"},
                           {"Page 3 of 9", ""},
                           {"Do two", "Al"}});
  auto result = map_document(make_document({table}), "t.csv");
  CHECK(result.items.size() == 2);
}

TEST_CASE("spreadsheet locations give sheet and cell range") {
  auto table = make_table({{"Action", "Owner"}, {"Do one", "Jo"}});
  table.addressing = Addressing::cells;
  table.sheet = "Tracker";
  table.column_numbers = {2, 3};
  table.row_origins[1].number = 7;
  auto result = map_document(make_document({table}), "t.xlsx");
  REQUIRE(result.items.size() == 1);
  CHECK(result.items[0].source.sheet == "Tracker");
  CHECK(result.items[0].source.cells == "B7:C7");
}

TEST_CASE("ids are the printed references, made unique within the document") {
  auto first = make_table({{"Ref", "Action"}, {"1", "Do one"}, {"2", "Do two"}}, 1);
  auto second = make_table({{"Ref", "Action"}, {"1", "Do three"}, {"", "Do four"}}, 2);
  second.headings = {"Priority two"};
  auto result = map_document(make_document({first, second}), "t.csv");
  REQUIRE(result.items.size() == 4);
  CHECK(result.items[0].id == "1");
  CHECK(result.items[1].id == "2");
  CHECK(result.items[2].id == "1#3");  // numbering restarted under the second heading
  CHECK(result.items[2].ref == "1");
  CHECK(result.items[3].id == "r4");
}

TEST_CASE("unique ids stay right past many ids, through the table's growth") {
  UniqueIds ids;
  auto apply = [&ids](std::string id) {
    Item item;
    item.id = std::move(id);
    ids.apply(item);
    return item.id;
  };
  for (int n = 1; n <= 5000; ++n)
    REQUIRE(apply("A" + std::to_string(n)) == "A" + std::to_string(n));
  CHECK(apply("A17") == "A17#5001");
  CHECK(apply("") == "");
  CHECK(apply("") == "#5003");
  CHECK(apply("A5001") == "A5001");
  CHECK(apply("A5001") == "A5001#5005");
  CHECK(apply("A1") == "A1#5006");
}

TEST_CASE("freeing rows as they are mapped keeps merges whole and changes nothing") {
  auto table = make_table({{"Action", "Lead", "Status"},
                           {"Do one", "Jo", "Red"},
                           {"Do two", "", "Green"},
                           {"Do three", "", "Amber"},
                           {"Do four", "Al", "Blue"}});
  table.rows[1][1].row_span = 3;  // Jo leads the first three
  table.rows[2][1] = trackport::testing::covered_by(1, 1);
  table.rows[3][1] = trackport::testing::covered_by(1, 1);
  auto document = make_document({table});
  auto kept = map_document(document, "t.csv");
  auto consumed = map_document_consuming(std::move(document), "t.csv");
  REQUIRE(consumed.items.size() == 4);
  CHECK(consumed.items == kept.items);
  CHECK(consumed.items[2].leads == std::vector<std::string>{"Jo"});
  CHECK(consumed.items[3].leads == std::vector<std::string>{"Al"});
}

TEST_CASE("a table of a million rows, nearly all covered by one merge, maps in linear time") {
  // A 1.5 KB xlsx merging A1:XFD1048576 made such a table; deciding what it was took an hour,
  // as some checks counted the table's columns again for every row.
  auto table = make_table({{"Action", "x"}});
  table.addressing = Addressing::cells;
  table.column_numbers = {1, 16384};
  for (int row = 2; row <= 1'000'000; ++row) {
    std::vector<Cell> cells(2);
    for (auto& cell : cells) {
      cell.covered = true;
      cell.origin_row = 0;
      cell.origin_col = 0;
    }
    table.add_row(std::move(cells), RowOrigin{row, "", false});
  }
  auto result = map_document(make_document({table}), "merge.xlsx");
  // One merged cell over the whole sheet holds no items: its repeats are not rows of data.
  CHECK(result.items.empty());
}
