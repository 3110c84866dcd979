// The two-quarter history check of tests/unit/cli/test_history.cpp, for any database output (the
// SQLite file there, a PostgreSQL database in tests/unit/postgres): two quarters of a plan without
// printed references (tests/fixtures/periods/README.md), loaded into one database in any order,
// must give the history `trackport diff` gives. The queries are those of docs/DATABASE.md, in SQL
// that both engines read.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>

#include "exporters/database/connection.hpp"
#include "support/sandbox.hpp"

namespace trackport::testing::history {

namespace fs = std::filesystem;

inline const fs::path kPeriods = fs::path(TRACKPORT_TEST_DIR) / "fixtures" / "periods";
inline const std::string kJune = "healthy-weight-2025-06.csv";
inline const std::string kSeptember = "healthy-weight-2025-09.csv";

// (old position, new position, old status, new status); -1 and "" for the side that is absent.
using Change = std::tuple<long, long, std::string, std::string>;

struct History {
  std::set<Change> status_moves;
  std::set<Change> text_changes;
  std::set<long> added;    // new positions
  std::set<long> dropped;  // old positions
  std::size_t matched = 0;
};

inline long position(const nlohmann::json& item) {
  return item.is_null() ? -1 : item.at("index").get<long>();
}

inline History from_diff(const Sandbox& box) {
  auto run = box.run("diff " + kJune + " " + kSeptember + " --all -o changes.json");
  INFO(run.err);
  REQUIRE(run.status == 0);
  const auto json = nlohmann::json::parse(Sandbox::slurp(box.path("changes.json")));
  History history;
  history.matched = json.at("matched");
  for (const auto& change : json.at("changes")) {
    const std::string kind = change.at("change");
    const long before = position(change.at("old_item"));
    const long after = position(change.at("new_item"));
    if (kind == "status") {
      history.status_moves.insert({before, after, change.at("old"), change.at("new")});
    } else if (kind == "text") {
      history.text_changes.insert({before, after, "", ""});
    } else if (kind == "new") {
      history.added.insert(after);
    } else if (kind == "dropped") {
      history.dropped.insert(before);
    }
  }
  return history;
}

// The periods of the plan by label, as DATABASE.md chooses them.
inline const char* kPeriodsSql = R"sql(
  WITH old AS (SELECT * FROM items WHERE document_id =
                 (SELECT document_id FROM plan_periods WHERE period = 'June 2025')),
       new AS (SELECT * FROM items WHERE document_id =
                 (SELECT document_id FROM plan_periods WHERE period = 'September 2025'))
)sql";

inline std::vector<std::vector<std::string>> rows(trackport::sql::Connection& db,
                                                  const std::string& sql, int columns) {
  const auto query = db.prepare(sql);
  std::vector<std::vector<std::string>> result;
  while (query->step()) {
    std::vector<std::string> row;
    for (int i = 0; i < columns; ++i) row.push_back(query->is_null(i) ? "" : query->text(i));
    result.push_back(std::move(row));
  }
  return result;
}

inline History from_database(trackport::sql::Connection& db) {
  const std::string with = kPeriodsSql;
  History history;
  for (const auto& row :
       rows(db,
            with + "SELECT old.position, new.position, old.status, new.status, "
                   "CASE WHEN old.text IS DISTINCT FROM new.text THEN 1 ELSE 0 END "
                   "FROM new JOIN old USING (track_id)",
            5)) {
    ++history.matched;
    const long before = std::stol(row[0]);
    const long after = std::stol(row[1]);
    if (row[2] != row[3]) history.status_moves.insert({before, after, row[2], row[3]});
    if (row[4] == "1") history.text_changes.insert({before, after, "", ""});
  }
  for (const auto& row :
       rows(db, with + "SELECT position FROM new WHERE track_id NOT IN (SELECT track_id FROM old)",
            1))
    history.added.insert(std::stol(row[0]));
  for (const auto& row :
       rows(db, with + "SELECT position FROM old WHERE track_id NOT IN (SELECT track_id FROM new)",
            1))
    history.dropped.insert(std::stol(row[0]));
  return history;
}

inline void import(const Sandbox& box, const std::string& file, const std::string& period,
                   const std::string& output) {
  auto run = box.run("convert " + file + " -o '" + output + "' --quiet --organisation 'Tamworth' " +
                     "--period '" + period + "'");
  INFO(run.err);
  REQUIRE(run.status == 0);
}

inline void check_same(const History& database, const History& diff) {
  CHECK(database.matched == diff.matched);
  CHECK(database.status_moves == diff.status_moves);
  CHECK(database.text_changes == diff.text_changes);
  CHECK(database.added == diff.added);
  CHECK(database.dropped == diff.dropped);
}

// Opens the database an output names, after the imports.
using Open = std::function<std::unique_ptr<trackport::sql::Connection>()>;

inline void copy_quarters(const Sandbox& box) {
  fs::copy_file(kPeriods / kJune, box.path(kJune));
  fs::copy_file(kPeriods / kSeptember, box.path(kSeptember));
}

// The body of a test case: what diff says of the two quarters, then the database's history after
// each import order (one SECTION each: give a new, empty output each time the case runs).
inline void check_import_orders(const Sandbox& box, const std::string& output, const Open& open) {
  const History diff = from_diff(box);
  // What the fixture's README says was edited, read from the files by hand: the statuses of
  // positions 5 -> 0 (amber -> green), 2 -> 4 (red -> amber), 1 -> 6 (amber -> green) moved;
  // position 2 of September is new; position 7 of June was dropped; 4 -> 1 was reworded.
  REQUIRE(diff.matched == 7);
  REQUIRE(diff.status_moves == std::set<Change>{{5, 0, "amber", "green"},
                                                {2, 4, "red", "amber"},
                                                {1, 6, "amber", "green"}});
  REQUIRE(diff.text_changes == std::set<Change>{{4, 1, "", ""}});
  REQUIRE(diff.added == std::set<long>{2});
  REQUIRE(diff.dropped == std::set<long>{7});

  SECTION("imported in period order") {
    import(box, kJune, "June 2025", output);
    import(box, kSeptember, "September 2025", output);
    check_same(from_database(*open()), diff);
  }
  SECTION("imported the later quarter first") {
    import(box, kSeptember, "September 2025", output);
    import(box, kJune, "June 2025", output);
    check_same(from_database(*open()), diff);
  }
  SECTION("the earlier quarter re-imported after both") {
    import(box, kJune, "June 2025", output);
    import(box, kSeptember, "September 2025", output);
    import(box, kJune, "June 2025", output);
    check_same(from_database(*open()), diff);
  }
}

inline void check_latest_items(const Sandbox& box, const std::string& output, const Open& open) {
  import(box, kSeptember, "September 2025", output);
  import(box, kJune, "June 2025", output);
  const auto db = open();
  const auto latest =
      rows(*db,
           "SELECT period, in_latest_period, status, matched_by, text FROM latest_items "
           "ORDER BY in_latest_period, position",
           5);
  // Eight items of June carried into or dropped before September, one added: nine tracks.
  REQUIRE(latest.size() == 9);
  // The one dropped: its June row, marked as no longer in the latest period.
  CHECK(latest[0] == std::vector<std::string>{"June 2025", "0", "green", "",
                                              "Publish the directory of local weight management "
                                              "support"});
  for (std::size_t i = 1; i < latest.size(); ++i) {
    INFO(latest[i][4]);
    CHECK(latest[i][0] == "September 2025");
    CHECK(latest[i][1] == "1");
  }
  CHECK(latest[1][2] == "green");  // vending machines, first row of September
  CHECK(latest[1][3] == "text");   // matched by its text: there are no refs
  CHECK(latest[3][3] == "");       // the sugar smart campaign, new in September
  const auto periods =
      rows(*db, "SELECT period, period_number, is_latest FROM plan_periods ORDER BY 2", 3);
  CHECK(periods == std::vector<std::vector<std::string>>{{"June 2025", "1", "0"},
                                                         {"September 2025", "2", "1"}});
}

}  // namespace trackport::testing::history
