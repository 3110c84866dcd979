// Plans and tracks: which documents are periods of one plan, and how an item keeps its track
// from period to period however the periods arrive.
#include <catch2/catch.hpp>

#include "compare/compare.hpp"
#include "exporters/database/item_tracks.hpp"
#include "exporters/sqlite/sqlite_exporter.hpp"
#include "unit/exporter_sqlite/sample_document.hpp"
#include "unit/exporter_sqlite/sqlite_test_support.hpp"

namespace trackport {
namespace {

using sql::plan_key;
using test::query_integer;
using test::query_text;
using test::ScratchFolder;

// A period of a plan whose items have no printed refs: known by their texts.
Document period(std::string sha256, std::string label, std::vector<std::string> texts,
                std::string title = "Healthy weight plan") {
  Document document = test::tracker(std::move(sha256), std::move(label), {});
  document.title = std::move(title);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    Item item;
    item.id = "r" + std::to_string(i + 2);  // positional, as importers number unreferenced rows
    item.text = texts[i];
    document.items.push_back(item);
  }
  return document;
}

// The texts of each track, in period order: "A>A>A" for an item in three periods.
std::string tracks(const std::filesystem::path& db) {
  return query_text(db,
                    "SELECT group_concat(texts, ' | ') FROM (SELECT texts FROM (SELECT "
                    "group_concat(text, '>') AS texts FROM (SELECT track_id, text FROM "
                    "item_history ORDER BY track_id, period_number) GROUP BY track_id) "
                    "ORDER BY texts)");
}

const std::vector<std::string> kQ1 = {"Walking routes to schools", "Bike loans for pupils",
                                      "Healthier vending machines"};
const std::vector<std::string> kQ2 = {"Healthier vending machines", "Sugar smart campaign",
                                      "Walking routes to schools"};
const std::vector<std::string> kQ3 = {"Sugar smart campaign", "Healthier vending machines"};

TEST_CASE("a plan is its organisation and its title without the period", "[sqlite][tracks]") {
  CHECK(plan_key("Tamworth Borough Council", "Delivery plan update June 2014", "June 2014",
                 "generic") == "tamworth borough council / delivery plan update");
  CHECK(plan_key("Tamworth Borough Council", "Delivery Plan Update  September 2014",
                 "September 2014", "generic") == "tamworth borough council / delivery plan update");
  // The plan's own years are not its period.
  CHECK(plan_key("Leeds", "Children's Plan 2011-15", "June 2014", "") ==
        "leeds / childrens plan 2011 15");
  // Only whole words are taken out.
  CHECK(plan_key("Leeds", "Plan 2014 review", "201", "") == "leeds / plan 2014 review");
  // No title: the mapping names the plan.
  CHECK(plan_key("Sheffield City Council", "", "March 2014", "sheffield-child-poverty") ==
        "sheffield city council / sheffield child poverty");
  CHECK(plan_key("Sheffield City Council", "March 2014", "March 2014", "sheffield-child-poverty") ==
        "sheffield city council / sheffield child poverty");
  CHECK(plan_key("", "Plan", "", "") == " / plan");
}

TEST_CASE("an item keeps its track through periods, whatever their import order",
          "[sqlite][tracks]") {
  ScratchFolder folder;
  const auto db = folder / "plan.sqlite";
  const std::string expected =
      "Bike loans for pupils | Healthier vending machines>Healthier vending machines>Healthier "
      "vending machines | Sugar smart campaign>Sugar smart campaign | Walking routes to "
      "schools>Walking routes to schools";
  const Document q1 = period("q1", "June 2025", kQ1);
  const Document q2 = period("q2", "September 2025", kQ2);
  const Document q3 = period("q3", "December 2025", kQ3);

  SECTION("in order") {
    write_sqlite({q1, q2, q3}, db);
  }
  SECTION("newest first") {
    write_sqlite({q3, q2, q1}, db);
  }
  SECTION("the middle period last: the later one is re-tracked") {
    write_sqlite({q1, q3, q2}, db);
  }
  SECTION("one re-imported") {
    write_sqlite({q1, q2, q3, q2}, db);
  }
  CHECK(tracks(db) == expected);
  CHECK(query_integer(db, "SELECT count(*) FROM items WHERE track_id IS NULL") == 0);
  // Each link points into the period before.
  CHECK(query_integer(
            db,
            "SELECT count(*) FROM item_history AS h JOIN item_history AS p ON "
            "p.item_row = h.previous_item WHERE p.period_number <> h.period_number - 1") == 0);
}

TEST_CASE("periods without a date follow one another in import order", "[sqlite][tracks]") {
  ScratchFolder folder;
  const auto db = folder / "plan.sqlite";
  SECTION("none dated") {
    write_sqlite({period("q1", "Quarter one", kQ1), period("q2", "Quarter two", kQ2),
                  period("q3", "Quarter three", kQ3)},
                 db);
  }
  SECTION("one undated among dated ones: the plan goes by import order") {
    write_sqlite({period("q1", "June 2025", kQ1), period("q2", "Quarter two", kQ2),
                  period("q3", "March 2025", kQ3)},
                 db);
  }
  CHECK(query_integer(db, "SELECT count(DISTINCT plan_key) FROM documents") == 1);
  CHECK(tracks(db) ==
        "Bike loans for pupils | Healthier vending machines>Healthier vending machines>Healthier "
        "vending machines | Sugar smart campaign>Sugar smart campaign | Walking routes to "
        "schools>Walking routes to schools");
}

TEST_CASE("an undated period re-imported becomes the latest; the one after it is mended",
          "[sqlite][tracks]") {
  // Without dates a plan goes by import order, so the re-imported second quarter now comes after
  // the third: the third follows the first, and the second follows the third.
  ScratchFolder folder;
  const auto db = folder / "plan.sqlite";
  const Document q2 = period("q2", "Quarter two", kQ2);
  write_sqlite({period("q1", "Quarter one", kQ1), q2, period("q3", "Quarter three", kQ3), q2}, db);
  CHECK(query_integer(db, "SELECT count(*) FROM documents") == 3);
  CHECK(query_text(db,
                   "SELECT group_concat(period, ', ') FROM (SELECT period FROM plan_periods "
                   "ORDER BY period_number)") == "Quarter one, Quarter three, Quarter two");
  // The walking routes of the first quarter and of the re-imported second are two tracks: the
  // third quarter, between them, has none.
  CHECK(tracks(db) ==
        "Bike loans for pupils | Healthier vending machines>Healthier vending machines>Healthier "
        "vending machines | Sugar smart campaign>Sugar smart campaign | Walking routes to schools "
        "| Walking routes to schools");
  CHECK(query_integer(db,
                      "SELECT count(*) FROM items WHERE matched_by IS NOT NULL AND previous_item "
                      "IS NULL") == 0);
  CHECK(query_integer(
            db,
            "SELECT count(*) FROM item_history AS h JOIN item_history AS p ON "
            "p.item_row = h.previous_item WHERE p.period_number <> h.period_number - 1") == 0);
}

TEST_CASE("a plan of many periods links each to the one before it", "[sqlite][tracks]") {
  // Documents with no title share their organisation's one plan: a batch may hold hundreds.
  ScratchFolder folder;
  const auto db = folder / "plan.sqlite";
  std::vector<Document> periods;
  for (int month = 0; month < 120; ++month) {
    const std::string label = std::to_string(2015 + month / 12) + "-" +
                              (month % 12 < 9 ? "0" : "") + std::to_string(month % 12 + 1) + "-28";
    periods.push_back(period("p" + std::to_string(month), label, month % 2 == 0 ? kQ1 : kQ2));
  }
  std::swap(periods[40], periods[41]);  // one month arrives late: the next is re-tracked
  periods.push_back(periods[70]);       // one re-imported: its link is cut and mended
  write_sqlite(periods, db);
  CHECK(query_integer(db, "SELECT count(*) FROM documents") == 120);
  CHECK(query_integer(db, "SELECT count(DISTINCT plan_key) FROM documents") == 1);
  // The vending machines and walking routes are in every month: one track each, 120 long.
  CHECK(query_integer(db,
                      "SELECT count(*) FROM (SELECT track_id FROM items GROUP BY track_id "
                      "HAVING count(*) = 120)") == 2);
  CHECK(query_integer(db, "SELECT count(*) FROM items WHERE previous_item IS NULL") == 3 + 119);
  CHECK(query_integer(
            db,
            "SELECT count(*) FROM item_history AS h JOIN item_history AS p ON "
            "p.item_row = h.previous_item WHERE p.period_number <> h.period_number - 1") == 0);
}

TEST_CASE("a period deleted by hand is mended by the plan's next import", "[sqlite][tracks]") {
  ScratchFolder folder;
  const auto db = folder / "plan.sqlite";
  write_sqlite({period("q1", "June 2025", kQ1), period("q2", "September 2025", kQ2),
                period("q3", "December 2025", kQ3)},
               db);
  test::execute(db, "DELETE FROM documents WHERE sha256 = 'q2'");
  write_sqlite({period("q4", "March 2026", kQ3)}, db);
  // December now follows June: the campaign is new there, the vending machines carry on.
  CHECK(tracks(db) ==
        "Bike loans for pupils | Healthier vending machines>Healthier vending machines>Healthier "
        "vending machines | Sugar smart campaign>Sugar smart campaign | Walking routes to schools");
  // December's links are mended, not left pointing nowhere: the campaign there starts its own
  // track, and every link points into the period before.
  CHECK(query_integer(db,
                      "SELECT count(*) FROM items WHERE matched_by IS NOT NULL AND previous_item "
                      "IS NULL") == 0);
  CHECK(query_integer(db,
                      "SELECT count(*) FROM items WHERE text = 'Sugar smart campaign' AND "
                      "track_id = id") == 1);
  CHECK(query_integer(
            db,
            "SELECT count(*) FROM item_history AS h JOIN item_history AS p ON "
            "p.item_row = h.previous_item WHERE p.period_number <> h.period_number - 1") == 0);
}

TEST_CASE("different plans and organisations never share tracks", "[sqlite][tracks]") {
  ScratchFolder folder;
  const auto db = folder / "plans.sqlite";
  Document other_council = period("b", "September 2025", kQ2);
  other_council.organisation = "Lichfield";
  write_sqlite({period("a", "June 2025", kQ1), other_council,
                period("c", "September 2025", kQ2, "Air quality plan")},
               db);
  CHECK(query_integer(db, "SELECT count(DISTINCT plan_key) FROM documents") == 3);
  CHECK(query_integer(db, "SELECT count(*) FROM items WHERE previous_item IS NOT NULL") == 0);
  CHECK(query_integer(db, "SELECT count(*) FROM latest_items") == 9);
}

TEST_CASE("tracks record how each item was matched, as diff matches it", "[sqlite][tracks]") {
  ScratchFolder folder;
  const auto db = folder / "plan.sqlite";
  Document q1 =
      period("q1", "June 2025",
             {"Walking routes to schools", "Bike loans for pupils", "Healthier vending machines"});
  Document q2 = period("q2", "September 2025",
                       {"Walking routes to every school", "A new bike loan scheme for pupils",
                        "Healthier vending machines in leisure centres"});
  q1.items[0].ref = q2.items[0].ref = "1.1";
  q1.items[1].ref = q2.items[1].ref = "1.2";
  write_sqlite({q1, q2}, db);
  const Comparison diff = compare_documents(q1, q2);
  for (const auto& match : diff.matches) {
    INFO(q2.items[match.new_index].text);
    const std::string where =
        " FROM items AS i WHERE document_id = 2 AND position = " + std::to_string(match.new_index);
    CHECK(query_text(db, "SELECT matched_by" + where) == match_method_name(match.method));
    CHECK(query_integer(db,
                        "SELECT (SELECT p.position FROM items AS p WHERE p.id = "
                        "i.previous_item)" +
                            where) == static_cast<std::int64_t>(match.old_index));
  }
  CHECK(query_integer(db,
                      "SELECT count(*) FROM items WHERE document_id = 2 AND previous_item IS "
                      "NOT NULL") == static_cast<std::int64_t>(diff.matches.size()));
}

}  // namespace
}  // namespace trackport
