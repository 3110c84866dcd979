// Columns placed by evidence: each kind of evidence, the order between them, one column per
// single-valued field, and ratings in every form (words, colours, symbols, formats, keys).
#include <catch2/catch.hpp>

#include "grid/sheet_stream.hpp"
#include "mapping/engine.hpp"
#include "support/table_builder.hpp"

using namespace trackport;
using trackport::testing::make_document;
using trackport::testing::make_table;

namespace {

const PlannedColumn& column_named(const TableDecision& decision, const std::string& header) {
  REQUIRE(decision.plan);
  for (const auto& column : decision.plan->columns) {
    if (column.header == header) return column;
  }
  FAIL("no column " << header);
  throw;
}

std::string field_of(const TableDecision& decision, const std::string& header) {
  const auto& column = column_named(decision, header);
  return column.rule ? std::string(field_name(column.rule->field)) : "extra";
}

std::size_t count_warnings(const MappingResult& result, const std::string& code) {
  return static_cast<std::size_t>(std::count_if(result.warnings.begin(), result.warnings.end(),
                                                [&](const Warning& w) { return w.code == code; }));
}

constexpr Rgb kGreen{0x00, 0xB0, 0x50};
constexpr Rgb kAmber{0xFF, 0xC0, 0x00};
constexpr Rgb kRed{0xFF, 0x00, 0x00};

}  // namespace

TEST_CASE("evidence: a column's content places it when no header rule does") {
  // None of these headers is in the dictionary.
  auto table = make_table(
      {{"Ask", "Who", "Deadline when", "How are we doing", "Colour", "Pounds"},
       {"Open two new family hubs in the north of the borough", "Jane Smith", "31/03/2025",
        "Both sites have been agreed and the first opened in May 2024", "Green", "120"},
       {"Recruit twelve foster carers through the new campaign", "Head of Fostering", "Q4 2024/25",
        "Seven carers have been approved so far and five are in assessment", "Amber", "45"},
       {"Reduce the number of young people not in education or training", "Ali Khan", "Mar-25",
        "The rate has fallen to 4.1% but is still above the regional average", "Red", "300"}});
  auto decision = decide_table(table);
  REQUIRE(decision.kind == TableKind::items);
  CHECK(decision.generic);
  CHECK(field_of(decision, "Ask") == "text");
  CHECK(field_of(decision, "Who") == "leads");  // the dictionary knows "Who"
  CHECK(field_of(decision, "Deadline when") == "due");
  CHECK(field_of(decision, "How are we doing") == "progress");
  CHECK(field_of(decision, "Colour") == "rating");
  CHECK(field_of(decision, "Pounds") == "ignore");  // numbers: kept in extra
  CHECK(column_named(decision, "Ask").evidence.tier == EvidenceTier::content);
  CHECK(column_named(decision, "Ask").evidence.reason == "content: 3 of 3 values are sentences");

  auto result = map_document(make_document({table}), "plan.csv");
  REQUIRE(result.items.size() == 3);
  CHECK(result.items[1].status == Rating::amber);
  CHECK(result.items[1].due->raw == "Q4 2024/25");
  CHECK(result.items[2].extra == ExtraFields{{"Pounds", "300"}});
  CHECK(count_warnings(result, "column-by-content") >= 4);
}

TEST_CASE("evidence: prose that reports nothing done is not read as progress") {
  auto table = make_table({{"Action", "Lead", "Targeting"},
                           {"Continue the infant mortality action plan", "Jo Bloggs",
                            "Families with children under 5 living in deprived areas of Leeds"},
                           {"Establish the early start service across the city", "Al Smith",
                            "Key providers and service users including high risk victims"}});
  auto decision = decide_table(table);
  CHECK(field_of(decision, "Targeting") == "extra");
}

TEST_CASE("evidence: a named mapping adds knowledge; the dictionary still places the rest") {
  // Rotherham's layout with a PRIORITY column and an empty, coloured RAG column added.
  auto table = make_table(
      {{"PRIORITY", "ACTION", "DELIVERY MILESTONES", "Update June 2014", "LEAD/S", "RAG"},
       {"1: Best start", "(i) Health advice", "1. Midwives assess", "• Done", "RFT", ""},
       {"", "", "2. Toothbrushes", "• 1195 packs", "", ""}});
  table.rows[1][5].fill = kGreen;
  table.rows[2][5].fill = kRed;
  auto decision = decide_table(table);
  REQUIRE(decision.chosen != nullptr);
  CHECK(decision.chosen->name == "rotherham-action-plan");
  CHECK(field_of(decision, "PRIORITY") == "theme");
  CHECK(field_of(decision, "RAG") == "rating");
  CHECK(field_of(decision, "ACTION") == "objective");  // the named mapping's own rule
  CHECK(decision.score == Approx(1.0));
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[1].theme == "1: Best start");
  CHECK(result.items[1].status == Rating::red);
  CHECK(result.items[1].assessments.back().from == RatingSource::fill);
}

TEST_CASE("evidence: one column per single-valued field, never two glued together") {
  auto table = make_table({{"Id", "Ref", "Action", "Owner", "Status"},
                           {"1", "P1-1", "Publish the plan", "Jo", "Green"},
                           {"2", "P1-2", "Consult on the plan", "Al", "Amber"}});
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].ref == "P1-1");
  CHECK(result.items[0].id == "P1-1");
  CHECK(result.items[0].extra == ExtraFields{{"Id", "1"}});
  REQUIRE(count_warnings(result, "column-conflict") == 1);
  const auto& warning = *std::find_if(result.warnings.begin(), result.warnings.end(),
                                      [](const Warning& w) { return w.code == "column-conflict"; });
  CHECK(warning.message.find("'Id'") != std::string::npos);
  CHECK(warning.message.find("'Ref'") != std::string::npos);
}

TEST_CASE("evidence: grouping columns nest from left to right") {
  auto themes = make_table({{"Priority", "Theme area", "Type", "What we will do", "Lead"},
                            {"Healthy lives", "Alcohol", "Key action", "Train 300 staff", "Jo"},
                            {"", "", "", "Review licensing", "Al"}});
  auto decision = decide_table(themes);
  CHECK(field_of(decision, "Priority") == "theme");
  CHECK(field_of(decision, "Theme area") == "objective");
  CHECK(field_of(decision, "Type") == "category");
  auto result = map_document(make_document({themes}), "t.csv");
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[1].objective == "Alcohol");
  CHECK(result.items[1].category == "Key action");

  // Of two commitment columns, the left one that groups the rows is the other's objective.
  auto actions = make_table({{"Actions", "Milestones", "Owner"},
                             {"(i) Improve health advice", "1. Midwives assess", "Jo"},
                             {"(i) Improve health advice", "2. Toothbrush packs", "Jo"},
                             {"(ii) Support parents", "3. Parenting courses", "Al"}});
  auto nested = decide_table(actions);
  CHECK(field_of(nested, "Actions") == "objective");
  CHECK(field_of(nested, "Milestones") == "text");
}

TEST_CASE("evidence: the dictionary's guess gives way when the values flatly say otherwise") {
  auto table = make_table(
      {{"Action", "Lead", "Status"},
       {"Publish the plan", "Jo", "The plan was published in May 2024 after consultation"},
       {"Consult residents", "Al", "Consultation has been completed and a report is due"},
       {"Train the staff", "Sam", "Training has started and 40 staff have been trained so far"}});
  auto decision = decide_table(table);
  CHECK(field_of(decision, "Status") == "progress");
}

TEST_CASE("ratings: status words, BRAG letters and C for complete") {
  auto table = make_table({{"Action", "Confidence", "BRAG"},
                           {"One", "On track", "C"},
                           {"Two", "At risk", "A/G"},
                           {"Three", "Off track", "Amber-Red"},
                           {"Four", "Not started", "B"}});
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 4);
  CHECK(result.items[0].assessments[0].rating == Rating::green);
  CHECK(result.items[0].status == Rating::blue);  // the last rating given
  CHECK(result.items[1].assessments[0].rating == Rating::amber);
  CHECK(result.items[1].status == Rating::amber_green);
  CHECK(result.items[2].assessments[0].rating == Rating::red);
  CHECK(result.items[2].status == Rating::amber_red);
  CHECK(result.items[3].assessments[0].rating == Rating::none);
  CHECK(count_warnings(result, "status-unrecognised") == 0);
}

TEST_CASE("ratings: a symbol coloured by its font, a word coloured by a format") {
  auto table = make_table({{"Action", "RAG", "Lead"},
                           {"One", "\u25CF", "Jo"},
                           {"Two", "", "Al"},
                           {"Three", "Behind plan", "Sam"},
                           {"Four", "\u25CF", "Kim"}});
  table.rows[1][1].font = kGreen;
  table.rows[2][1].fill = kAmber;
  table.rows[2][1].fill_by_format = true;
  table.rows[3][1].fill = kRed;
  table.rows[3][1].fill_by_format = true;
  table.rows[4][1].font = Rgb{0x00, 0x00, 0x00};  // black: says nothing
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 4);
  CHECK(result.items[0].status == Rating::green);
  CHECK(result.items[0].assessments[0].from == RatingSource::font);
  CHECK(result.items[0].assessments[0].raw == "#00B050");
  CHECK(result.items[0].extra.empty());  // the symbol is no value of its own
  CHECK(result.items[1].status == Rating::amber);
  CHECK(result.items[1].assessments[0].from == RatingSource::format);
  CHECK(result.items[2].status == Rating::red);
  CHECK(result.items[2].extra == ExtraFields{{"RAG", "Behind plan"}});  // nothing lost
  CHECK(result.items[3].status == Rating::none);
}

TEST_CASE("ratings: a key table defines the document's words; the key is not items") {
  auto tracker = make_table({{"Ref", "Action", "Lead", "RAG", "Status"},
                             {"1", "Publish the plan", "Jo", "1", "Complete"},
                             {"2", "Consult residents", "Al", "3", "Slipping badly"},
                             {"3", "Train the staff", "Sam", "4", ""}},
                            1);
  auto numbers = make_table({{"Key"},
                             {"RAG", "Meaning"},
                             {"1", "Red - significant issues, unlikely to be delivered"},
                             {"2", "Amber - some slippage"},
                             {"3", "Green \u2013 on track"},
                             {"4", "Complete (Blue)"}},
                            2);
  auto words = make_table({{"Status", "Meaning"},
                           {"Complete", "Delivered, or on track to be"},
                           {"Slipping badly", "Behind, and at risk"},
                           {"Stopped", "Not going ahead"}},
                          3);
  words.rows[1][0].fill = kGreen;
  words.rows[2][0].fill = kAmber;
  words.rows[3][0].fill = kRed;
  auto result = map_document(make_document({tracker, numbers, words}), "t.csv");
  REQUIRE(result.items.size() == 3);
  CHECK(result.decisions[1].kind == TableKind::key);
  CHECK(result.decisions[2].kind == TableKind::key);
  CHECK(result.items[0].assessments[0].rating == Rating::red);    // 1 = red, by the key
  CHECK(result.items[0].assessments[1].rating == Rating::green);  // Complete: green here
  CHECK(result.items[1].assessments[1].rating == Rating::amber);  // the document's own words
  CHECK(result.items[2].status == Rating::blue);

  // Without the keys, numbers are no ratings and Complete is blue.
  auto alone = map_document(make_document({tracker}), "t.csv");
  CHECK(alone.items[0].assessments.size() == 1);
  CHECK(alone.items[0].status == Rating::blue);
}

TEST_CASE("ratings: a key met after its items cannot be streamed") {
  auto tracker =
      make_table({{"Action", "Lead", "RAG"}, {"Publish", "Jo", "1"}, {"Two", "Al", "2"}}, 1);
  auto key = make_table({{"RAG", "Meaning"}, {"1", "Red"}, {"2", "Green"}}, 2);
  std::vector<Item> handed;
  DocumentMapper mapper("t.csv", "", {}, false, [&](Item&& item) { handed.push_back(item); });
  mapper.begin_table(tracker);
  mapper.end_table(tracker);
  CHECK_THROWS_AS(mapper.begin_table(key), NotStreamable);
}

TEST_CASE("ratings: a list of allowed values and a count overview are not items") {
  auto lookups = make_table(
      {{"RAG", "Officers"}, {"Red", "Jo Bloggs"}, {"Amber", "Al Smith"}, {"Green", "Sam Jones"}});
  auto overview = make_table(
      {{"Priority", "Green", "Amber", "Red", "Total"},
       {"1: We will ensure children have the best start in life", "12", "28", "11", "51"},
       {"2: We will engage with parents and families", "3", "10", "1", "14"}});
  auto result = map_document(make_document({lookups, overview}), "t.xlsx");
  CHECK(result.items.empty());
  CHECK(result.decisions[0].kind != TableKind::items);
  CHECK(result.decisions[1].kind != TableKind::items);
}

TEST_CASE("no silent nothing: a table that looks like items but maps to none is named") {
  auto table = make_table(
      {{"Alpha", "Beta", "Gamma"},
       {"1", "2", "A sentence that runs on for long enough to be prose, and then some more."},
       {"3", "4", "Another sentence that runs on for long enough to be prose, and more again."},
       {"5", "6", "A third sentence that runs on for long enough to be prose, and more still."}});
  table.rows[0][0].text = "12";  // no header row by its look: a number leads it
  auto result = map_document(make_document({table}), "t.csv");
  CHECK(result.items.empty());
  CHECK(count_warnings(result, "header-not-found") == 1);
}

TEST_CASE("the mapping score is how much of the table is explained") {
  auto table = make_table({{"Action", "Lead", "Zorblax", "Quux"},
                           {"Publish the plan", "Jo", "alpha one", "beta one"},
                           {"Consult on it", "Al", "alpha two", "beta two"}});
  auto decision = decide_table(table);
  REQUIRE(decision.kind == TableKind::items);
  CHECK(decision.score == Approx(0.5));  // two of four columns, half of the values
}

TEST_CASE("evidence: a priority of High, Medium and Low ranks the rows; it is no theme") {
  auto table = make_table({{"Priority", "Action", "Lead", "RAG"},
                           {"High", "Publish the plan", "Jo", "Green"},
                           {"Low", "Consult residents", "Al", "Amber"},
                           {"Medium", "Train the staff", "Sam", "Red"}});
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 3);
  CHECK(result.items[1].theme.empty());
  CHECK(result.items[1].extra == ExtraFields{{"Priority", "Low"}});
  CHECK(result.items[1].leads == std::vector<std::string>{"Al"});
}

TEST_CASE("evidence: without a commitment column, the column that names each row is the text") {
  // A project list: each row is a project.
  auto projects = make_table({{"Ref", "Programme", "Project", "SRO", "Go-live", "BRAG"},
                              {"P1", "Digital", "Cloud migration", "Mark Kaur", "Sep-26", "R"},
                              {"P2", "Digital", "M365 rollout", "Hannah Lee", "Oct-26", "A/G"},
                              {"P3", "Estates", "Depot closure", "Jo Bloggs", "Mar-27", "C"}});
  auto decision = decide_table(projects);
  REQUIRE(decision.kind == TableKind::items);
  CHECK(field_of(decision, "Project") == "text");
  CHECK(field_of(decision, "Programme") == "theme");
  // A capital programme: titles no header names, before the lead.
  auto schemes = make_table({{"Code", "Works", "Lead engineer", "Completion date", "Budget"},
                             {"H1", "A38 junction improvement", "Sam Jones", "Mar-26", "£1.2m"},
                             {"H2", "Town Hall Road resurfacing", "Sam Jones", "Jun-26", "£0.4m"},
                             {"H3", "Bridge Street cycle lane", "Al Smith", "Sep-26", "£0.9m"}});
  auto capital = decide_table(schemes);
  REQUIRE(capital.kind == TableKind::items);
  CHECK(field_of(capital, "Works") == "text");
  // Lists of allowed values, and a table of names alone, are not items.
  auto lookups = make_table({{"RAG", "Lead officers", "Themes"},
                             {"Red", "Jo Bloggs", "Housing and homelessness"},
                             {"Amber", "Al Smith", "Health and wellbeing"},
                             {"Green", "Sam Jones", "Jobs and skills"}});
  CHECK(decide_table(lookups).kind != TableKind::items);
  auto contents = make_table({{"Tab", "Purpose"},
                              {"Tracker", "The actions and their progress this quarter"},
                              {"Key", "What the ratings mean in this report"},
                              {"Lists", "The values the tracker's drop-downs offer"}});
  CHECK(decide_table(contents).kind != TableKind::items);
}

TEST_CASE("ratings: a key may give a status word beside its colour's name") {
  auto tracker = make_table({{"Action", "Lead", "Status"},
                             {"Publish the plan", "Jo", "Paused"},
                             {"Consult residents", "Al", "Delayed"}},
                            1);
  auto key = make_table({{"Status", "RAG", "Definition"},
                         {"On track", "Green", "Will be delivered on time"},
                         {"Paused", "Amber", "Stopped for now, by decision"},
                         {"Delayed", "Amber", "Late, but will be delivered"},
                         {"Off track", "Red", "Will not be delivered as planned"}},
                        2);
  auto result = map_document(make_document({tracker, key}), "t.xlsx");
  REQUIRE(result.items.size() == 2);
  CHECK(result.decisions[1].kind == TableKind::key);
  CHECK(result.items[0].status == Rating::amber);
}

TEST_CASE("group rows: a priority named across the table is the theme of the rows below it") {
  auto table = make_table({{"Ref", "Action", "Lead", "RAG"},
                           {"Priority 1: Best start in life", "", "", ""},
                           {"1.1", "Open family hubs", "Jo", "Green"},
                           {"1.2", "Recruit foster carers", "Al", "Amber"},
                           {"Priority 2: Safe at home", "", "", ""},
                           {"Early help", "", "", ""},
                           {"2.1", "Publish the early help offer", "Sam", "Red"}});
  table.rows[1][0].col_span = 4;  // merged across
  for (int col = 1; col < 4; ++col) table.rows[1][col] = trackport::testing::covered_by(1, 0);
  auto result = map_document(make_document({table}), "t.xlsx");
  REQUIRE(result.items.size() == 3);
  CHECK(result.items[0].theme == "Priority 1: Best start in life");
  CHECK(result.items[1].theme == "Priority 1: Best start in life");
  CHECK(result.items[1].objective.empty());
  // Alone in the first column, unmerged, as text exports print them; right under another group
  // row, the objective under it.
  CHECK(result.items[2].theme == "Priority 2: Safe at home");
  CHECK(result.items[2].objective == "Early help");
}

TEST_CASE("group rows: under a theme column they name the objective; a continued row is none") {
  auto table = make_table({{"Theme", "Action", "Lead", "Progress"},
                           {"Housing", "", "", ""},
                           {"", "Build 200 homes", "Jo", "Sites agreed in May"},
                           {"", "", "", "and planning granted for two of them"},
                           {"", "Bring empty homes back", "Al", "Twelve so far"}});
  table.rows[1][0].text = "Homes for all";
  auto result = map_document(make_document({table}), "t.csv");
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].objective.empty());
  CHECK(result.items[0].theme == "Homes for all");  // the Theme column, carried down
  CHECK(result.items[0].progress == "Sites agreed in May\nand planning granted for two of them");
}

TEST_CASE("outline: nested headings give theme and objective; details and titles none") {
  auto table = make_table({{"Action", "Lead", "RAG"}, {"Open family hubs", "Jo", "Green"}});
  table.headings = {"Children and Young People's Plan 2024-2027", "Priority 1: Best start in life",
                    "Strategic leads: Frances Hunt", "Early years"};
  table.headings_nested = true;
  auto nested = map_document(make_document({table}), "t.docx");
  REQUIRE(nested.items.size() == 1);
  CHECK(nested.items[0].theme == "Priority 1: Best start in life");
  CHECK(nested.items[0].objective == "Early years");
  // Lines before a table in a text export are not an outline: the nearest alone is the theme.
  table.headings_nested = false;
  auto flat = map_document(make_document({table}), "t.csv");
  CHECK(flat.items[0].theme == "Early years");
  CHECK(flat.items[0].objective.empty());
  // A table that groups itself is not grouped by the headings above it.
  auto grouped = make_table({{"Theme", "Action", "Lead"}, {"Housing", "Build homes", "Jo"}});
  grouped.headings = {"Priority 1", "Early years"};
  grouped.headings_nested = true;
  auto own = map_document(make_document({grouped}), "t.docx");
  CHECK(own.items[0].theme == "Housing");
  CHECK(own.items[0].objective.empty());
}

TEST_CASE("cards: each action its own table of label | value pairs is one item a card") {
  auto card = [](int index, const std::string& ref, const std::string& action,
                 const std::string& rag) {
    auto table = make_table({{"Ref", ref},
                             {"Action", action},
                             {"Lead officer", "Head of Housing"},
                             {"Due", "Mar-25"},
                             {"RAG", rag},
                             {"Update", "Work is under way and on plan"}},
                            index);
    table.headings = {"Priority 1: Homes for all"};
    table.headings_nested = true;
    return table;
  };
  auto result = map_document(make_document({card(1, "1.1", "Build 200 homes", "Green"),
                                            card(2, "1.2", "Fill voids", "Red")}),
                             "t.docx");
  REQUIRE(result.items.size() == 2);
  CHECK(result.items[0].ref == "1.1");
  CHECK(result.items[0].text == "Build 200 homes");
  CHECK(result.items[0].leads == std::vector<std::string>{"Head of Housing"});
  CHECK(result.items[0].due->raw == "Mar-25");
  CHECK(result.items[1].status == Rating::red);
  CHECK(result.items[1].theme == "Priority 1: Homes for all");
  CHECK(result.items[1].source.table == 2);

  // Two pairs a row, and two cards in one table.
  auto pairs = make_table({{"Ref", "2.1", "Lead", "Jo Bloggs"},
                           {"Action", "Open a hub", "RAG", "Amber"},
                           {"Ref", "2.2", "Lead", "Al Smith"},
                           {"Action", "Close a depot", "RAG", "Green"}});
  auto both = map_document(make_document({pairs}), "t.docx");
  REQUIRE(both.items.size() == 2);
  CHECK(both.items[1].ref == "2.2");
  CHECK(both.items[1].text == "Close a depot");
  CHECK(both.items[1].status == Rating::green);
}
