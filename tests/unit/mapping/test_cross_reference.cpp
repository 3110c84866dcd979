#include <catch2/catch.hpp>

#include "mapping/cross_reference.hpp"

using namespace trackport;
using Catch::Matchers::Contains;

namespace {

Location at(int table, int row) {
  Location location;
  location.file = "plan.docx";
  location.table = table;
  location.row = row;
  return location;
}

Item with_text(const std::string& ref, const std::string& text) {
  Item item;
  item.ref = ref;
  item.text = text;
  return item;
}

// A row of an action plan: what will be done, by when and by whom.
Item planned(const std::string& ref, const std::string& text, const std::string& due,
             const std::string& lead, Location source = {}) {
  Item item = with_text(ref, text);
  item.due = Due{due, std::nullopt, std::nullopt};
  item.leads = {lead};
  item.source = std::move(source);
  return item;
}

// A row of a progress report: how an action stands, with its rating.
Item reported(const std::string& ref, const std::string& text, const std::string& progress,
              Rating rating, Location source = {}) {
  Item item = with_text(ref, text);
  item.progress = progress;
  item.status = rating;
  item.assessments.push_back(
      {"RAG", rating, std::string(rating_label(rating)), RatingSource::text, ""});
  item.source = std::move(source);
  return item;
}

Item unnumbered(const std::string& text) {
  return with_text("", text);
}

std::vector<std::string> refs_of(const std::vector<Item>& items) {
  std::vector<std::string> refs;
  for (const auto& item : items) refs.push_back(ref_of(item));
  return refs;
}

}  // namespace

TEST_CASE("an item's ref is its printed ref, else the number its text starts with") {
  CHECK(ref_of(with_text("2.1", "1. Develop a strategy")) == "2.1");  // the printed ref wins
  CHECK(ref_of(unnumbered("1. Develop a strategy")) == "1");
  CHECK(ref_of(unnumbered("12) Review the allocations policy")) == "12");
  CHECK(ref_of(unnumbered("2.3) Agree the plan with partners")) == "2.3");
  CHECK(ref_of(unnumbered("4.1. Publish the charter")) == "4.1");
}

TEST_CASE("a text that does not start with a list number gives no ref") {
  CHECK(ref_of(unnumbered("Develop a strategy")).empty());
  CHECK(ref_of(unnumbered("")).empty());
  CHECK(ref_of(unnumbered("10% fewer evictions by 2026")).empty());
  CHECK(ref_of(unnumbered("3.5 million homes retrofitted")).empty());  // a figure, not a number
  CHECK(ref_of(unnumbered("1.Develop a strategy")).empty());           // no space after it
  CHECK(ref_of(unnumbered("1.")).empty());                             // nothing after it
  CHECK(ref_of(unnumbered("Phase 2. Deliver")).empty());               // not at the start
}

TEST_CASE("a later row refers back to an earlier one with the same ref and the same action") {
  const Item earlier = planned("1", "Develop a housing strategy", "March 2025", "Housing");
  // Reworded, with plan fields of its own, and reporting: the same action all the same.
  Item later = planned("1", "Housing strategy developed", "June 2025", "Jo");
  later.progress = "Draft out to consultation";
  CHECK(could_refer_back(earlier, later));
  // Refs compare as people read them: case and punctuation aside.
  CHECK(could_refer_back(with_text("R1", "Develop a housing strategy"),
                         reported("r1.", "Housing strategy", "Drafted", Rating::green)));
}

TEST_CASE("a later row that only plans is another plan's, however alike its words") {
  const Item earlier = planned("1", "Develop a housing strategy", "March 2025", "Housing");
  CHECK_FALSE(
      could_refer_back(earlier, planned("1", "Housing strategy developed", "June 2025", "Jo")));
}

TEST_CASE("a later row that only reports refers back to a planned row with its ref") {
  const Item earlier = planned("3", "Recruit two tenancy support officers", "Sept 2025", "Al");
  // The progress table calls it something else entirely, but it only reports on it.
  CHECK(could_refer_back(earlier, reported("3", "Staffing", "One post filled", Rating::amber)));
  // The ref may be the number printed before the earlier text.
  CHECK(could_refer_back(planned("", "3. Recruit two officers", "Sept 2025", "Al"),
                         reported("3", "Staffing", "One post filled", Rating::amber)));
}

TEST_CASE("rows with different refs, no ref, or other actions do not refer back") {
  const Item earlier = planned("1", "Develop a housing strategy", "March 2025", "Housing");
  CHECK_FALSE(
      could_refer_back(earlier, reported("2", "Housing strategy", "Drafted", Rating::green)));
  CHECK_FALSE(
      could_refer_back(earlier, reported("", "Housing strategy", "Drafted", Rating::green)));
  CHECK_FALSE(could_refer_back(unnumbered("Develop a housing strategy"),
                               reported("1", "Housing strategy", "Drafted", Rating::green)));
  // "1.1" is not "11".
  CHECK_FALSE(could_refer_back(planned("1.1", "Develop a housing strategy", "March 2025", "Jo"),
                               reported("11", "Housing strategy", "Drafted", Rating::green)));
  // Another plan's action 1: planned too, and about something else.
  CHECK_FALSE(
      could_refer_back(earlier, planned("1", "Resurface the high street", "May 2025", "Highways")));
  // A row with a different text that reports nothing is not a progress row.
  CHECK_FALSE(could_refer_back(earlier, with_text("1", "Resurface the high street")));
}

TEST_CASE("a progress table that refers to an action plan by its refs updates the plan's items") {
  std::vector<Item> items = {
      planned("1", "Develop a homelessness prevention strategy", "March 2025", "Housing", at(1, 2)),
      planned("2", "Extend the rent deposit scheme", "June 2025", "Jo Bloggs", at(1, 3)),
      planned("3", "Recruit two tenancy support officers", "September 2025", "Al Smith", at(1, 4)),
      planned("4", "Publish a private rented sector charter", "December 2025", "Housing", at(1, 5)),
      planned("5", "Review temporary accommodation procurement", "March 2026", "Finance", at(1, 6)),
      reported("1", "Strategy", "Draft out for consultation", Rating::green, at(2, 2)),
      reported("2", "Deposits for tenants", "40 deposits paid", Rating::amber, at(2, 3)),
      reported("3", "Tenancy support posts", "One post filled", Rating::amber_green, at(2, 4)),
      reported("4", "", "Charter drafted", Rating::red, at(2, 5)),
      reported("6", "Set up a landlord forum", "First meeting held", Rating::green, at(2, 6)),
  };
  auto notes = merge_tables_that_refer_back(items, {0, 5});

  // The plan's five actions, then the progress row that matched none of them.
  REQUIRE(items.size() == 6);
  CHECK(refs_of(items) == std::vector<std::string>{"1", "2", "3", "4", "5", "6"});

  // Each planned action keeps its text, date and lead, and gains its progress and rating.
  const Item& first = items[0];
  CHECK(first.text == "Develop a homelessness prevention strategy");
  REQUIRE(first.due.has_value());
  CHECK(first.due->raw == "March 2025");
  CHECK(first.leads == std::vector<std::string>{"Housing"});
  CHECK(first.progress == "Draft out for consultation");
  CHECK(first.status == Rating::green);
  REQUIRE(first.assessments.size() == 1);
  CHECK(first.assessments[0].rating == Rating::green);
  CHECK(first.source == at(1, 2));  // still where the action is
  CHECK(first.extra.empty());       // "Strategy" is only its short name

  CHECK(items[1].due->raw == "June 2025");
  CHECK(items[1].leads == std::vector<std::string>{"Jo Bloggs"});
  CHECK(items[1].progress == "40 deposits paid");
  CHECK(items[1].status == Rating::amber);
  // A different wording is kept, not lost.
  CHECK(items[1].extra == ExtraFields{{"text in table 2", "Deposits for tenants"}});

  CHECK(items[2].status == Rating::amber_green);
  CHECK(items[2].text == "Recruit two tenancy support officers");
  CHECK(items[3].text == "Publish a private rented sector charter");
  CHECK(items[3].progress == "Charter drafted");
  CHECK(items[3].status == Rating::red);

  // The action no progress row reports on is as it was.
  CHECK(items[4].text == "Review temporary accommodation procurement");
  CHECK(items[4].progress.empty());
  CHECK(items[4].status == Rating::none);

  // The unmatched progress row is an item of its own, where it was read.
  CHECK(items[5].text == "Set up a landlord forum");
  CHECK(items[5].progress == "First meeting held");
  CHECK(items[5].source == at(2, 6));

  REQUIRE(notes.size() == 1);
  CHECK(notes[0].code == "table-refers-back");
  CHECK_THAT(notes[0].message,
             Contains("table 2") && Contains("(1, 2, 3, 4)") && Contains("1 row(s) matched none"));
  CHECK(notes[0].location.file == "plan.docx");
  CHECK(notes[0].location.table == 2);
  CHECK(notes[0].location.row == 0);  // the table, not one of its rows
}

TEST_CASE("a plan numbered in its text takes the progress table's refs") {
  std::vector<Item> items = {
      planned("", "1. Develop a homelessness strategy", "March 2025", "Housing", at(1, 2)),
      planned("", "2. Extend the rent deposit scheme", "June 2025", "Jo", at(1, 3)),
      reported("1", "Strategy", "Drafted", Rating::green, at(2, 2)),
      reported("2", "Deposits", "40 paid", Rating::amber, at(2, 3)),
  };
  auto notes = merge_tables_that_refer_back(items, {0, 2});
  REQUIRE(items.size() == 2);
  CHECK(notes.size() == 1);
  // The number was the ref printed before the text: now it is the ref, and not the text's.
  CHECK(items[0].ref == "1");
  CHECK(items[0].text == "Develop a homelessness strategy");
  CHECK(items[0].progress == "Drafted");
  CHECK(items[1].ref == "2");
  CHECK(items[1].text == "Extend the rent deposit scheme");
  CHECK(items[1].status == Rating::amber);
}

TEST_CASE("two independent plans that both number their actions 1, 2, 3 are not merged") {
  std::vector<Item> items = {
      planned("1", "Expand free school meal take-up", "March 2025", "Education", at(1, 2)),
      planned("2", "Open two new nurseries", "September 2025", "Early Years", at(1, 3)),
      planned("3", "Train governors in safeguarding", "July 2025", "Schools", at(1, 4)),
      planned("1", "Resurface the high street", "May 2025", "Highways", at(2, 2)),
      planned("2", "Install electric vehicle chargers", "October 2025", "Transport", at(2, 3)),
      planned("3", "Consult on a bus lane", "January 2026", "Transport", at(2, 4)),
  };
  const auto before = items;
  auto notes = merge_tables_that_refer_back(items, {0, 3});
  CHECK(notes.empty());
  CHECK(items == before);
}

TEST_CASE("two independent plans whose actions are worded alike are not merged") {
  // Both tables plan their own actions (each its own date and lead): "Review the school
  // admissions policy" and "Review the parking enforcement policy" share only the words of a
  // plan's boilerplate ("review", "the", "policy"). Merging them would lose the second plan's
  // dates and leads.
  std::vector<Item> items = {
      planned("1", "Review the school admissions policy", "March 2025", "Education", at(1, 2)),
      planned("2", "Develop the school estates strategy", "September 2025", "Schools", at(1, 3)),
      planned("3", "Publish the early years sufficiency report", "July 2025", "Early Years",
              at(1, 4)),
      planned("1", "Review the parking enforcement policy", "May 2025", "Highways", at(2, 2)),
      planned("2", "Develop the cycling strategy", "October 2025", "Transport", at(2, 3)),
      planned("3", "Publish the annual road safety report", "January 2026", "Road Safety",
              at(2, 4)),
  };
  const auto before = items;
  auto notes = merge_tables_that_refer_back(items, {0, 3});
  CHECK(notes.empty());
  REQUIRE(items.size() == 6);
  CHECK(items == before);
}

TEST_CASE("a single row that matches an earlier item is not enough to merge its table") {
  std::vector<Item> items = {
      planned("1", "Develop a homelessness strategy", "March 2025", "Housing", at(1, 2)),
      planned("2", "Extend the rent deposit scheme", "June 2025", "Jo", at(1, 3)),
      planned("3", "Recruit two officers", "Sept 2025", "Al", at(1, 4)),
      reported("1", "Strategy", "Drafted", Rating::green, at(2, 2)),
  };
  const auto before = items;
  auto notes = merge_tables_that_refer_back(items, {0, 3});
  CHECK(notes.empty());
  CHECK(items == before);
}

TEST_CASE("a table is merged only when most of its refs match the earlier table") {
  std::vector<Item> items = {
      planned("1", "Develop a homelessness strategy", "March 2025", "Housing", at(1, 2)),
      planned("2", "Extend the rent deposit scheme", "June 2025", "Jo", at(1, 3)),
      planned("3", "Recruit two officers", "Sept 2025", "Al", at(1, 4)),
      // Two of five refs match: this is another table that happens to reuse 1 and 2.
      reported("1", "Strategy", "Drafted", Rating::green, at(2, 2)),
      reported("2", "Deposits", "40 paid", Rating::amber, at(2, 3)),
      reported("7", "Landlord forum", "Met twice", Rating::green, at(2, 4)),
      reported("8", "Empty homes", "12 back in use", Rating::green, at(2, 5)),
      reported("9", "Hoarding protocol", "Agreed", Rating::green, at(2, 6)),
  };
  const auto before = items;
  auto notes = merge_tables_that_refer_back(items, {0, 3});
  CHECK(notes.empty());
  CHECK(items == before);
}

TEST_CASE("refs the earlier table repeats are ambiguous and match nothing") {
  // Each section of the plan numbers its actions from 1: "1" is two actions.
  std::vector<Item> items = {
      planned("1", "Develop a homelessness strategy", "March 2025", "Housing", at(1, 2)),
      planned("2", "Extend the rent deposit scheme", "June 2025", "Jo", at(1, 3)),
      planned("1", "Open two new nurseries", "September 2025", "Early Years", at(1, 4)),
      planned("2", "Train governors", "July 2025", "Schools", at(1, 5)),
      reported("1", "Progress", "Drafted", Rating::green, at(2, 2)),
      reported("2", "Progress", "40 paid", Rating::amber, at(2, 3)),
  };
  const auto before = items;
  auto notes = merge_tables_that_refer_back(items, {0, 4});
  CHECK(notes.empty());
  CHECK(items == before);
}

TEST_CASE("successive progress tables all update the plan, the latest rating the headline") {
  Item first = planned("1", "Develop a homelessness strategy", "March 2025", "Housing", at(1, 2));
  first.status = Rating::amber;  // as the plan rated it
  std::vector<Item> items = {
      first,
      planned("2", "Extend the rent deposit scheme", "June 2025", "Jo", at(1, 3)),
      planned("3", "Recruit two officers", "Sept 2025", "Al", at(1, 4)),
      reported("1", "Strategy", "Q1: drafted", Rating::amber_green, at(2, 2)),
      reported("2", "Deposits", "Q1: 20 paid", Rating::amber, at(2, 3)),
      reported("3", "Officers", "Q1: advertised", Rating::amber, at(2, 4)),
      reported("1", "Strategy", "Q2: adopted", Rating::green, at(3, 2)),
      reported("2", "Deposits", "Q2: 40 paid", Rating::green, at(3, 3)),
      reported("3", "Officers", "Q2: both in post", Rating::green, at(3, 4)),
  };
  auto notes = merge_tables_that_refer_back(items, {0, 3, 6});
  REQUIRE(items.size() == 3);
  CHECK(notes.size() == 2);
  // Nothing of either report is lost, and the latest says how the action stands.
  CHECK(items[0].progress == "Q1: drafted\nQ2: adopted");
  CHECK(items[0].status == Rating::green);
  CHECK(items[0].assessments.size() == 2);
  CHECK(items[2].progress == "Q1: advertised\nQ2: both in post");
  CHECK(items[2].leads == std::vector<std::string>{"Al"});
}

TEST_CASE("a plan table followed by an unrelated table and then its progress is still merged") {
  std::vector<Item> items = {
      planned("1", "Develop a homelessness strategy", "March 2025", "Housing", at(1, 2)),
      planned("2", "Extend the rent deposit scheme", "June 2025", "Jo", at(1, 3)),
      planned("A", "Open two new nurseries", "September 2025", "Early Years", at(2, 2)),
      planned("B", "Train governors", "July 2025", "Schools", at(2, 3)),
      reported("1", "Strategy", "Drafted", Rating::green, at(3, 2)),
      reported("2", "Deposits", "40 paid", Rating::amber, at(3, 3)),
  };
  auto notes = merge_tables_that_refer_back(items, {0, 2, 4});
  REQUIRE(items.size() == 4);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].location.table == 3);
  CHECK(items[0].progress == "Drafted");
  CHECK(items[1].status == Rating::amber);
  CHECK(refs_of(items) == std::vector<std::string>{"1", "2", "A", "B"});
  CHECK(items[2].progress.empty());
}

TEST_CASE("a document of one table has nothing to refer back to") {
  std::vector<Item> items = {
      planned("1", "Develop a homelessness strategy", "March 2025", "Housing", at(1, 2)),
      reported("1", "Strategy", "Drafted", Rating::green, at(1, 3)),
  };
  const auto before = items;
  CHECK(merge_tables_that_refer_back(items, {0}).empty());
  CHECK(items == before);
  std::vector<Item> none;
  CHECK(merge_tables_that_refer_back(none, {}).empty());
}
