// compare_documents on hand-built periods of one plan.
#include <catch2/catch.hpp>

#include "compare/compare.hpp"
#include "compare/similarity.hpp"

using namespace trackport;

namespace {

Item item(std::string ref, std::string text, Rating status = Rating::green,
          std::string theme = "") {
  Item made;
  made.ref = std::move(ref);
  made.id = "id-" + (made.ref.empty() ? text.substr(0, 8) : made.ref);
  made.text = std::move(text);
  made.status = status;
  made.theme = std::move(theme);
  return made;
}

Document document(std::string file, std::vector<Item> items) {
  Document made;
  made.source.file = std::move(file);
  for (std::size_t i = 0; i < items.size(); ++i) {
    items[i].source.file = made.source.file;
    items[i].source.row = static_cast<int>(i + 2);
  }
  made.items = std::move(items);
  return made;
}

// (old index, new index) of every match, in the new document's order.
std::vector<std::pair<std::size_t, std::size_t>> pairs(const Comparison& comparison) {
  std::vector<std::pair<std::size_t, std::size_t>> found;
  for (const auto& match : comparison.matches) found.emplace_back(match.old_index, match.new_index);
  return found;
}

using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;

const std::string kDrink = "Reduce the proportion of adults who drink above recommended levels";
const std::string kSmoke = "Cut smoking in pregnancy through the stop smoking service";
const std::string kHomes = "Build 500 affordable homes on council land";
const std::string kJobs = "Increase the number of apprenticeships offered by the council";

}  // namespace

TEST_CASE("compare: text similarity ignores case, punctuation and spacing") {
  CHECK(text_similarity("Reduce  obesity.", "reduce obesity") == 1.0);
  CHECK(text_similarity("", "reduce obesity") == 0.0);
  CHECK(text_similarity("", "") == 0.0);
  CHECK(text_similarity(kDrink, kJobs) < 0.5);
  const double close = text_similarity(kDrink, kDrink + " further");
  CHECK(close > 0.8);
  CHECK(close < 1.0);
}

TEST_CASE("compare: items match by reference whatever their order") {
  auto before = document("q1.csv", {item("1", kDrink), item("2", kSmoke), item("3", kHomes)});
  auto after = document("q2.csv", {item("3", kHomes), item("1", kDrink), item("2", kSmoke)});
  auto comparison = compare_documents(before, after);
  CHECK(pairs(comparison) == Pairs{{2, 0}, {0, 1}, {1, 2}});
  for (const auto& match : comparison.matches) CHECK(match.method == MatchMethod::ref_and_text);
  CHECK(comparison.changes.empty());
  CHECK(comparison.old_file == "q1.csv");
  CHECK(comparison.new_file == "q2.csv");
  CHECK(comparison.old_items == 3);
  CHECK(comparison.new_items == 3);
}

TEST_CASE("compare: references are normalised before matching") {
  auto before = document("q1", {item("4a.", kDrink), item("Ref 2", kSmoke)});
  auto after = document("q2", {item("ref 2", "Something else entirely about smoking"),
                               item("4A", "Different words for the drinking goal")});
  auto comparison = compare_documents(before, after);
  CHECK(pairs(comparison) == Pairs{{1, 0}, {0, 1}});
  for (const auto& match : comparison.matches) CHECK(match.method == MatchMethod::ref);
  CHECK(comparison.count(ChangeKind::text) == 2);
}

TEST_CASE("compare: items without references match by text") {
  auto before = document("q1", {item("", kDrink), item("", kSmoke), item("", kHomes)});
  auto after = document("q2", {item("", kSmoke), item("", kHomes), item("", kDrink)});
  auto comparison = compare_documents(before, after);
  CHECK(pairs(comparison) == Pairs{{1, 0}, {2, 1}, {0, 2}});
  for (const auto& match : comparison.matches) CHECK(match.method == MatchMethod::text);
  CHECK(comparison.changes.empty());
}

TEST_CASE("compare: renumbered items follow their text, not their old number") {
  // Item 1 was dropped and the others moved up one number.
  auto before = document("q1", {item("1", kJobs), item("2", kDrink), item("3", kSmoke)});
  auto after = document("q2", {item("1", kDrink), item("2", kSmoke)});
  auto comparison = compare_documents(before, after);
  CHECK(pairs(comparison) == Pairs{{1, 0}, {2, 1}});
  CHECK(comparison.count(ChangeKind::text) == 0);
  auto dropped = comparison.of_kind(ChangeKind::dropped);
  REQUIRE(dropped.size() == 1);
  CHECK(dropped[0]->old_item->text == kJobs);
  CHECK_FALSE(dropped[0]->new_item);
  CHECK(comparison.count(ChangeKind::added) == 0);
}

TEST_CASE("compare: a reworded item is matched by similarity and its text change reported") {
  const std::string reworded =
      "Reduce the proportion of adults who drink above the recommended limits";
  auto before = document("q1", {item("", kDrink, Rating::amber), item("", kSmoke)});
  auto after = document("q2", {item("", kSmoke), item("", reworded, Rating::red)});
  auto comparison = compare_documents(before, after);
  CHECK(pairs(comparison) == Pairs{{1, 0}, {0, 1}});
  auto texts = comparison.of_kind(ChangeKind::text);
  REQUIRE(texts.size() == 1);
  CHECK(texts[0]->old_value == kDrink);
  CHECK(texts[0]->new_value == reworded);
  CHECK(texts[0]->old_item->index == 0);
  CHECK(texts[0]->new_item->index == 1);
  auto moves = comparison.of_kind(ChangeKind::status);
  REQUIRE(moves.size() == 1);
  CHECK(moves[0]->old_status == Rating::amber);
  CHECK(moves[0]->new_status == Rating::red);
  CHECK(moves[0]->old_value == "Amber");
  CHECK(moves[0]->new_value == "Red");
}

TEST_CASE("compare: unrelated texts never match") {
  auto before = document("q1", {item("", kJobs, Rating::green)});
  auto after = document("q2", {item("", "Reduce childhood obesity in primary schools")});
  auto comparison = compare_documents(before, after);
  CHECK(comparison.matches.empty());
  REQUIRE(comparison.changes.size() == 2);
  CHECK(comparison.changes[0].kind == ChangeKind::added);
  CHECK(comparison.changes[0].new_item->text == "Reduce childhood obesity in primary schools");
  CHECK(comparison.changes[1].kind == ChangeKind::dropped);
  CHECK(comparison.changes[1].old_item->text == kJobs);
  CHECK(comparison.changes[1].old_status == Rating::green);
}

TEST_CASE("compare: new and dropped items carry their item's details") {
  auto before = document("q1", {item("1", kDrink), item("2", kJobs, Rating::amber, "Economy")});
  auto after = document("q2", {item("1", kDrink), item("3", kHomes, Rating::red, "Housing")});
  auto comparison = compare_documents(before, after);
  REQUIRE(comparison.changes.size() == 2);
  const Change& added = comparison.changes[0];
  CHECK(added.kind == ChangeKind::added);
  CHECK(added.new_item->ref == "3");
  CHECK(added.new_item->id == "id-3");
  CHECK(added.new_item->theme == "Housing");
  CHECK(added.new_item->source.file == "q2");
  CHECK(added.new_item->source.row == 3);
  CHECK(added.new_status == Rating::red);
  const Change& dropped = comparison.changes[1];
  CHECK(dropped.kind == ChangeKind::dropped);
  CHECK(dropped.old_item->ref == "2");
  CHECK(dropped.old_item->theme == "Economy");
  CHECK(dropped.old_item->source.row == 3);
}

TEST_CASE("compare: status moves come worst first, then in document order") {
  auto before = document("q1", {item("1", kDrink, Rating::green), item("2", kSmoke, Rating::green),
                                item("3", kHomes, Rating::amber), item("4", kJobs, Rating::amber),
                                item("5", "Open two family hubs", Rating::red)});
  auto after =
      document("q2", {item("1", kDrink, Rating::amber), item("2", kSmoke, Rating::amber_red),
                      item("3", kHomes, Rating::amber), item("4", kJobs, Rating::red),
                      item("5", "Open two family hubs", Rating::green)});
  auto comparison = compare_documents(before, after);
  auto moves = comparison.of_kind(ChangeKind::status);
  REQUIRE(moves.size() == 4);
  CHECK(moves[0]->new_item->ref == "4");  // Amber -> Red
  CHECK(moves[1]->new_item->ref == "2");  // Green -> Amber/Red
  CHECK(moves[2]->new_item->ref == "1");  // Green -> Amber
  CHECK(moves[3]->new_item->ref == "5");  // Red -> Green
  CHECK(moves[3]->old_status == Rating::red);
  CHECK(moves[3]->new_status == Rating::green);
  // The matrix counts every matched item, unchanged ones on its diagonal.
  auto at = [&](Rating from, Rating to) {
    return comparison.status_matrix[static_cast<std::size_t>(from)][static_cast<std::size_t>(to)];
  };
  CHECK(at(Rating::amber, Rating::amber) == 1);
  CHECK(at(Rating::amber, Rating::red) == 1);
  CHECK(at(Rating::green, Rating::amber) == 1);
  CHECK(at(Rating::green, Rating::amber_red) == 1);
  CHECK(at(Rating::red, Rating::green) == 1);
  CHECK(at(Rating::green, Rating::green) == 0);
}

TEST_CASE("compare: leads compare as sets of names, dues by date or printed text") {
  auto before_items =
      std::vector<Item>{item("1", kDrink), item("2", kSmoke), item("3", kHomes), item("4", kJobs)};
  before_items[0].leads = {"Anna Brook", "Sam Lee"};
  before_items[1].leads = {"Anna Brook", "Sam Lee"};
  before_items[2].due = Due{"Mar-13", std::nullopt, std::nullopt};
  before_items[3].due = Due{"Mar-13", std::nullopt, std::chrono::year{2013} / 3 / 31};
  auto after_items = before_items;
  after_items[0].leads = {"sam lee", "Anna Brook"};  // same people
  after_items[1].leads = {"Anna Brook"};
  after_items[2].due = Due{"June 2013", std::nullopt, std::nullopt};
  after_items[3].due = Due{"31/03/2013", std::nullopt, std::chrono::year{2013} / 3 / 31};
  auto comparison = compare_documents(document("q1", before_items), document("q2", after_items));
  auto leads = comparison.of_kind(ChangeKind::lead);
  REQUIRE(leads.size() == 1);
  CHECK(leads[0]->new_item->ref == "2");
  CHECK(leads[0]->old_value == "Anna Brook; Sam Lee");
  CHECK(leads[0]->new_value == "Anna Brook");
  auto dues = comparison.of_kind(ChangeKind::due);
  REQUIRE(dues.size() == 1);
  CHECK(dues[0]->new_item->ref == "3");
  CHECK(dues[0]->old_value == "Mar-13");
  CHECK(dues[0]->new_value == "June 2013");
  CHECK(comparison.changes.size() == 2);
}

TEST_CASE("compare: identical texts pair up within their theme") {
  auto before = document("q1", {item("", "Monitor progress quarterly", Rating::green, "Health"),
                                item("", "Monitor progress quarterly", Rating::green, "Housing")});
  auto after = document("q2", {item("", "Monitor progress quarterly", Rating::red, "Housing"),
                               item("", "Monitor progress quarterly", Rating::green, "Health")});
  auto comparison = compare_documents(before, after);
  CHECK(pairs(comparison) == Pairs{{1, 0}, {0, 1}});
  auto moves = comparison.of_kind(ChangeKind::status);
  REQUIRE(moves.size() == 1);
  CHECK(moves[0]->old_item->theme == "Housing");
}

TEST_CASE("compare: progress changes are counted, and listed only when asked") {
  auto before_items = std::vector<Item>{item("1", kDrink), item("2", kSmoke)};
  before_items[0].progress = "Campaign launched.";
  before_items[1].progress = "On track.";
  auto after_items = before_items;
  after_items[0].progress = "Campaign evaluated; results due in May.";
  auto comparison = compare_documents(document("q1", before_items), document("q2", after_items));
  CHECK(comparison.progress_changed == 1);
  CHECK(comparison.changes.empty());
  CompareOptions options;
  options.list_progress = true;
  auto listed =
      compare_documents(document("q1", before_items), document("q2", after_items), options);
  REQUIRE(listed.changes.size() == 1);
  CHECK(listed.changes[0].kind == ChangeKind::progress);
  CHECK(listed.changes[0].new_value == "Campaign evaluated; results due in May.");
}

TEST_CASE("compare: assessments pair up by who made them") {
  auto before_items = std::vector<Item>{item("1", kDrink)};
  before_items[0].assessments = {{"Officer", Rating::green, "G", RatingSource::text, ""}};
  auto after_items = before_items;
  after_items[0].assessments = {{"officer", Rating::amber, "A", RatingSource::text, ""},
                                {"Chair", Rating::red, "R", RatingSource::text, ""}};
  auto comparison = compare_documents(document("q1", before_items), document("q2", after_items));
  auto changes = comparison.of_kind(ChangeKind::assessment);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0]->field == "officer");
  CHECK(changes[0]->old_status == Rating::green);
  CHECK(changes[0]->new_status == Rating::amber);
  CHECK(changes[1]->field == "Chair");
  CHECK(changes[1]->old_status == Rating::none);
  CHECK(changes[1]->new_value == "Red");
}

TEST_CASE("compare: the assessment a status comes from is not reported twice") {
  auto before_items = std::vector<Item>{item("1", kDrink, Rating::amber)};
  before_items[0].assessments = {{"RAG", Rating::amber, "Amber", RatingSource::text, ""}};
  auto after_items = std::vector<Item>{item("1", kDrink, Rating::red)};
  after_items[0].assessments = {{"RAG", Rating::red, "Red", RatingSource::text, ""}};
  auto comparison = compare_documents(document("q1", before_items), document("q2", after_items));
  REQUIRE(comparison.changes.size() == 1);
  CHECK(comparison.changes[0].kind == ChangeKind::status);
}

TEST_CASE("compare: changes are grouped by kind in a fixed order") {
  auto before_items = std::vector<Item>{item("1", kDrink, Rating::green), item("2", kSmoke)};
  before_items[0].leads = {"Anna Brook"};
  auto after_items =
      std::vector<Item>{item("1", kDrink + " further", Rating::red), item("3", kHomes)};
  after_items[0].leads = {"Sam Lee"};
  auto comparison = compare_documents(document("q1", before_items), document("q2", after_items));
  std::vector<ChangeKind> kinds;
  for (const auto& change : comparison.changes) kinds.push_back(change.kind);
  CHECK(kinds == std::vector<ChangeKind>{ChangeKind::status, ChangeKind::added, ChangeKind::dropped,
                                         ChangeKind::lead, ChangeKind::text});
  CHECK(change_kind_name(ChangeKind::added) == "new");
}

TEST_CASE("compare: many unchanged items without references match quickly and exactly") {
  std::vector<Item> before_items, after_items;
  for (int i = 0; i < 3000; ++i) {
    before_items.push_back(item("", "Action number " + std::to_string(i) + " of the plan"));
  }
  after_items = before_items;
  std::reverse(after_items.begin(), after_items.end());
  auto comparison = compare_documents(document("q1", before_items), document("q2", after_items));
  REQUIRE(comparison.matches.size() == 3000);
  for (const auto& match : comparison.matches) CHECK(match.old_index + match.new_index == 2999);
  CHECK(comparison.changes.empty());
}

TEST_CASE("compare: locations read as a person would look for them") {
  Location cells{"plan.xlsx", "Actions", "A7:J9", 0, 0, ""};
  CHECK(location_label(cells) == "Actions!A7:J9");
  Location row{"plan.docx", "", "", 2, 5, ""};
  CHECK(location_label(row) == "table 2 row 5");
  Location page{"plan.pdf", "", "", 1, 3, "3-4"};
  CHECK(location_label(page) == "table 1 row 3 p. 3-4");
  CHECK(location_label(Location{}) == "");
}

TEST_CASE("compare: the histogram bound never rules out a pair the exact count would keep") {
  using compare::dice;
  using compare::dice_histogram_bound;
  using compare::fingerprint;
  const std::vector<std::string> texts = {kDrink,
                                          kSmoke,
                                          kHomes,
                                          kJobs,
                                          kDrink + " further",
                                          "Reduce drinking",
                                          "a",
                                          "ab",
                                          "ba",
                                          std::string(600, 'a'),
                                          std::string(600, 'a') + "b",
                                          "Ünïcödé text with accents"};
  for (const auto& a : texts) {
    for (const auto& b : texts) {
      INFO(a << " / " << b);
      const auto left = fingerprint(a), right = fingerprint(b);
      CHECK(dice_histogram_bound(left, right) >= dice(left, right));
    }
  }
  // 599 "aa" bigrams overflow a bucket: such texts are compared in full.
  CHECK(fingerprint(std::string(600, 'a')).histogram_full);
  CHECK_FALSE(fingerprint(kDrink).histogram_full);
  CHECK(dice(fingerprint(std::string(600, 'a')), fingerprint(std::string(600, 'a') + "b")) > 0.99);
}
