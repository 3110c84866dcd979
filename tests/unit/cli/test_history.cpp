// One item across periods: two quarters of a plan without printed references, its rows
// reordered, one added, one dropped, one reworded (tests/fixtures/periods/README.md). Loaded into
// one database, the database's history must say what `trackport diff` says, whatever the order
// the quarters were imported in. The queries are those of docs/DATABASE.md.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>

#include "exporters/sqlite/sqlite_handle.hpp"
#include "support/sandbox.hpp"

namespace fs = std::filesystem;
using trackport::testing::Sandbox;

namespace {

const fs::path kPeriods = fs::path(TRACKPORT_TEST_DIR) / "fixtures" / "periods";
const std::string kJune = "healthy-weight-2025-06.csv";
const std::string kSeptember = "healthy-weight-2025-09.csv";

// (old position, new position, old status, new status); -1 and "" for the side that is absent.
using Change = std::tuple<long, long, std::string, std::string>;

struct History {
  std::set<Change> status_moves;
  std::set<Change> text_changes;
  std::set<long> added;    // new positions
  std::set<long> dropped;  // old positions
  std::size_t matched = 0;
};

long position(const nlohmann::json& item) {
  return item.is_null() ? -1 : item.at("index").get<long>();
}

History from_diff(const Sandbox& box) {
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
const char* kPeriodsSql = R"sql(
  WITH old AS (SELECT * FROM items WHERE document_id =
                 (SELECT document_id FROM plan_periods WHERE period = 'June 2025')),
       new AS (SELECT * FROM items WHERE document_id =
                 (SELECT document_id FROM plan_periods WHERE period = 'September 2025'))
)sql";

std::vector<std::vector<std::string>> rows(trackport::sqlite::Database& db, const std::string& sql,
                                           int columns) {
  trackport::sqlite::Statement query(db, sql);
  std::vector<std::vector<std::string>> result;
  while (query.step()) {
    std::vector<std::string> row;
    for (int i = 0; i < columns; ++i) row.push_back(query.is_null(i) ? "" : query.text(i));
    result.push_back(std::move(row));
  }
  return result;
}

History from_database(const fs::path& path) {
  trackport::sqlite::Database db(path, trackport::sqlite::Database::Mode::read_only);
  const std::string with = kPeriodsSql;
  History history;
  for (const auto& row : rows(db,
                              with + "SELECT old.position, new.position, old.status, new.status, "
                                     "old.text IS NOT new.text FROM new JOIN old USING (track_id)",
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

void import(const Sandbox& box, const std::string& file, const std::string& period) {
  auto run = box.run("convert " + file + " -o plan.sqlite --quiet --organisation 'Tamworth' " +
                     "--period '" + period + "'");
  INFO(run.err);
  REQUIRE(run.status == 0);
}

void check_same(const History& database, const History& diff) {
  CHECK(database.matched == diff.matched);
  CHECK(database.status_moves == diff.status_moves);
  CHECK(database.text_changes == diff.text_changes);
  CHECK(database.added == diff.added);
  CHECK(database.dropped == diff.dropped);
}

}  // namespace

TEST_CASE("history: the database follows items across quarters as diff matches them") {
  Sandbox box;
  fs::copy_file(kPeriods / kJune, box.path(kJune));
  fs::copy_file(kPeriods / kSeptember, box.path(kSeptember));
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
    import(box, kJune, "June 2025");
    import(box, kSeptember, "September 2025");
    check_same(from_database(box.path("plan.sqlite")), diff);
  }
  SECTION("imported the later quarter first") {
    import(box, kSeptember, "September 2025");
    import(box, kJune, "June 2025");
    check_same(from_database(box.path("plan.sqlite")), diff);
  }
  SECTION("the earlier quarter re-imported after both") {
    import(box, kJune, "June 2025");
    import(box, kSeptember, "September 2025");
    import(box, kJune, "June 2025");
    check_same(from_database(box.path("plan.sqlite")), diff);
  }
}

TEST_CASE("history: latest_items gives each item of the plan once, with its latest status") {
  Sandbox box;
  fs::copy_file(kPeriods / kJune, box.path(kJune));
  fs::copy_file(kPeriods / kSeptember, box.path(kSeptember));
  import(box, kSeptember, "September 2025");
  import(box, kJune, "June 2025");
  trackport::sqlite::Database db(box.path("plan.sqlite"),
                                 trackport::sqlite::Database::Mode::read_only);
  const auto latest =
      rows(db,
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
      rows(db, "SELECT period, period_number, is_latest FROM plan_periods ORDER BY 2", 3);
  CHECK(periods == std::vector<std::vector<std::string>>{{"June 2025", "1", "0"},
                                                         {"September 2025", "2", "1"}});
}
