// trackport convert -o postgresql://... as data teams run it, on a real server: the repository's
// documents give the rows SQLite gets; four shards at once give the rows of one process; a shard
// killed mid-way leaves whole documents and a re-run completes the set; the errors a person meets
// (a bad connection string, a wrong password, a read-only user, a server that goes away) are each
// one line and a non-zero exit, with what was stored kept; diff and --skip-unchanged read it.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "exporters/postgres/pg_connection.hpp"
#include "exporters/postgres/postgres_exporter.hpp"
#include "exporters/sqlite/sqlite_handle.hpp"
#include "exporters/sqlite/sqlite_reader.hpp"
#include "support/history_check.hpp"
#include "support/sandbox.hpp"
#include "unit/postgres/postgres_support.hpp"

namespace trackport {
namespace {

namespace fs = std::filesystem;
using test_pg::new_database;
using test_pg::query_integer;
using test_pg::query_text;
using testing::Sandbox;
namespace history = testing::history;

const std::string kSource = TRACKPORT_SOURCE_DIR;
const std::string kCorpus = "'" + kSource + "/samples' '" + kSource + "/tests/fixtures'";

std::string quoted(const std::string& text) {
  return "'" + text + "'";
}

std::size_t count_lines(const std::string& text, const std::string& containing = "") {
  std::size_t lines = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    if (text.substr(start, end - start).find(containing) != std::string::npos) ++lines;
    start = end + 1;
  }
  return lines;
}

// A trackport command started in the background, its output into files of the sandbox.
pid_t start(const Sandbox& box, const std::string& arguments, const std::string& name) {
  const std::string command = "cd '" + box.path("").string() + "' && exec '" + TRACKPORT_BINARY +
                              "' " + arguments + " >'" + box.path(name + ".out").string() +
                              "' 2>'" + box.path(name + ".err").string() + "' </dev/null";
  const pid_t child = ::fork();
  if (child == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return child;
}

// The exit status, or -signal for a process a signal ended.
int finish(pid_t child) {
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// Three councils' plans over six quarters each, as CSV files in folders whose trackport.yaml
// names the council and the quarter: items dropped, added and re-rated from quarter to quarter,
// so each plan's tracks chain six periods (and no two documents of a plan share a period end).
void write_quarterly_plans(const Sandbox& box, const std::string& folder) {
  const std::vector<std::string> actions = {
      "Promote Healthy Start vouchers through children's centres",
      "Train health visitors on the infant feeding guidance",
      "Map safe walking routes to every primary school",
      "Launch a bike loan scheme for secondary pupils",
      "Add healthier options to leisure centre vending machines",
      "Review planning guidance on hot food takeaways near schools",
      "Publish a directory of local weight management support",
      "Run a sugar smart campaign with local businesses",
      "Open two new community food growing sites",
      "Extend free swimming lessons to year seven",
      "Recruit twenty volunteer walk leaders",
      "Agree a healthy catering standard for council venues"};
  const std::vector<std::string> quarters = {"March 2024",    "June 2024",  "September 2024",
                                             "December 2024", "March 2025", "June 2025"};
  const std::vector<std::string> ratings = {"Red", "Amber", "Green"};
  for (const std::string council : {"Ashford", "Barnsley", "Crawley"}) {
    for (std::size_t q = 0; q < quarters.size(); ++q) {
      const std::string dir = folder + "/" + council + "/q" + std::to_string(q + 1);
      box.write(dir + "/trackport.yaml",
                "organisation: " + council + " Borough Council\nperiod: " + quarters[q] + "\n");
      std::string csv = "Theme,Action,Lead,Due,RAG,Progress\n";
      for (std::size_t k = 0; k < actions.size(); ++k) {
        if ((k + q) % 5 == 0) continue;  // not reported this quarter: dropped, or not yet added
        const std::string text = actions[(k + council.size()) % actions.size()] +
                                 (q >= 3 && k == 2 ? " in the borough" : "");
        csv += "Healthy weight," + text + ",Public Health,Mar 2026," +
               ratings[(k * 7 + q + council.size()) % 3] + ",Update " + std::to_string(q + 1) +
               " of " + council + "\n";
      }
      box.write(dir + "/plan.csv", csv);
    }
  }
}

// `copies` small trackers, each a council's own plan, for batches long enough to interrupt.
void write_many_trackers(const Sandbox& box, const std::string& folder, int copies) {
  for (int n = 0; n < copies; ++n) {
    char council[32];
    std::snprintf(council, sizeof council, "/council-%04d", n);
    std::string csv = "Ref,Action,Lead,Due,RAG,Progress\n";
    for (int k = 1; k <= 30; ++k) {
      csv += std::to_string(k) + ",Deliver commitment " + std::to_string(k) + " of plan " +
             std::to_string(n) + ",Officer " + std::to_string(k % 4) + ",Mar 2026," +
             (k % 3 == 0   ? "Red"
              : k % 3 == 1 ? "Amber"
                           : "Green") +
             ",On track\n";
    }
    box.write(folder + council + "/trackport.yaml",
              std::string("organisation: ") + (council + 1) + " District Council\n");
    box.write(folder + council + "/tracker.csv", csv);
  }
}

std::map<std::string, test_pg::Rows> rows_of(const std::string& uri) {
  pg::Connection db(uri);
  return test_pg::all_rows(db);
}

// The rows one side has and the other has not, so that a failure shows only what differs.
test_pg::Rows only_in(const test_pg::Rows& these, const test_pg::Rows& those) {
  test_pg::Rows missing;
  std::set_difference(these.begin(), these.end(), those.begin(), those.end(),
                      std::back_inserter(missing));
  if (missing.size() > 6) missing.resize(6);
  return missing;
}

void check_same_rows(const std::map<std::string, test_pg::Rows>& actual,
                     const std::map<std::string, test_pg::Rows>& expected) {
  REQUIRE(actual.size() == expected.size());
  for (const auto& [table, rows] : expected) {
    INFO("table " << table);
    CHECK(actual.at(table).size() == rows.size());
    CHECK(only_in(actual.at(table), rows) == test_pg::Rows{});
    CHECK(only_in(rows, actual.at(table)) == test_pg::Rows{});
  }
}

// Waits (30 s at most) until the database holds `count` documents.
void wait_for_documents(const std::string& uri, std::int64_t count) {
  std::int64_t stored = 0;
  for (int wait = 0; wait < 3000 && stored < count; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    try {
      stored = query_integer(uri, "SELECT count(*) FROM documents");
    } catch (const std::exception&) {
      stored = 0;  // the schema is not made yet
    }
  }
}

// Every stored document has all its items and warnings: none is half written.
void check_whole_documents(const std::string& uri) {
  CHECK(query_integer(uri,
                      "SELECT count(*) FROM documents AS d WHERE item_count <> (SELECT count(*) "
                      "FROM items WHERE document_id = d.id) OR warning_count <> (SELECT count(*) "
                      "FROM warnings WHERE document_id = d.id)") == 0);
}

std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

TEST_CASE("the repository's documents give the same rows in PostgreSQL as in SQLite",
          "[postgres][cli]") {
  Sandbox box;
  const std::string uri = new_database();
  const auto into_server =
      box.run("convert " + kCorpus + " -o " + quoted(uri) + " --quiet --jobs 2");
  const auto into_file = box.run("convert " + kCorpus + " -o corpus.sqlite --quiet --jobs 2");
  // The fixtures hold damaged files on purpose: both runs name them alike (in the order they
  // finish), and store the rest.
  CHECK(into_server.status == into_file.status);
  CHECK(sorted_lines(into_server.err) == sorted_lines(into_file.err));

  sqlite::Database lite(box.path("corpus.sqlite"), sqlite::Database::Mode::read_only);
  const auto expected = test_pg::all_rows(lite);
  REQUIRE(expected.at("documents").size() > 100);
  REQUIRE(expected.at("indicator_targets").size() > 100);
  REQUIRE(expected.at("risks").size() > 10);
  REQUIRE(expected.at("extra").size() > 100);
  // Files finish in any order with --jobs 2, and periods of a plan that tie are ordered by when
  // they were stored: the rows are compared without the tracks here ...
  pg::Connection server(uri);
  check_same_rows(test_pg::all_rows(server, test_pg::Tracks::left_out),
                  test_pg::all_rows(lite, test_pg::Tracks::left_out));
  // ... and with them once the documents go in in the same order: SQLite's, read back.
  const std::string same_order = new_database();
  write_postgres_documents(read_documents(box.path("corpus.sqlite")), same_order);
  check_same_rows(rows_of(same_order), expected);
}

TEST_CASE("four shards at once give exactly the rows of one process", "[postgres][cli]") {
  Sandbox box;
  write_quarterly_plans(box, "plans");
  write_many_trackers(box, "plans/single", 12);
  const std::string one = new_database();
  const std::string sharded = new_database();
  const auto run = box.run("convert plans -o " + quoted(one) + " --quiet");
  INFO(run.err);
  REQUIRE(run.status == 0);

  std::vector<pid_t> shards;
  for (int k = 1; k <= 4; ++k) {
    shards.push_back(start(box,
                           "convert plans -o " + quoted(sharded) + " --quiet --jobs 1 --shard " +
                               std::to_string(k) + "/4",
                           "shard" + std::to_string(k)));
  }
  for (std::size_t k = 0; k < shards.size(); ++k) {
    INFO(Sandbox::slurp(box.path("shard" + std::to_string(k + 1) + ".err")));
    CHECK(finish(shards[k]) == 0);
  }
  const auto expected = rows_of(one);
  REQUIRE(expected.at("documents").size() == 3 * 6 + 12);
  // Each council's six quarters are one plan, its items tracked from the first quarter on.
  REQUIRE(query_integer(one,
                        "SELECT count(DISTINCT plan_key) FROM plan_periods WHERE "
                        "organisation LIKE '% Borough Council'") == 3);
  REQUIRE(query_integer(one, "SELECT count(*) FROM items WHERE matched_by IS NOT NULL") > 100);
  check_same_rows(rows_of(sharded), expected);
}

TEST_CASE("a shard killed mid-way leaves whole documents, and a re-run completes the set",
          "[postgres][cli]") {
  Sandbox box;
  write_many_trackers(box, "batch", 300);
  const std::string uri = new_database();
  const pid_t shard =
      start(box, "convert batch -o " + quoted(uri) + " --quiet --jobs 1 --in-process", "killed");
  // Killed once some documents are in, long before all 300 are.
  wait_for_documents(uri, 20);
  ::kill(shard, SIGKILL);
  CHECK(finish(shard) == -SIGKILL);
  const std::int64_t kept = query_integer(uri, "SELECT count(*) FROM documents");
  CHECK(kept >= 20);
  CHECK(kept < 300);
  check_whole_documents(uri);

  const auto rerun = box.run("convert batch -o " + quoted(uri) + " --quiet --skip-unchanged");
  INFO(rerun.err);
  CHECK(rerun.status == 0);
  CHECK(query_integer(uri, "SELECT count(*) FROM documents") == 300);
  check_whole_documents(uri);
  const std::string clean = new_database();
  REQUIRE(box.run("convert batch -o " + quoted(clean) + " --quiet").status == 0);
  check_same_rows(rows_of(uri), rows_of(clean));
}

TEST_CASE("a re-import replaces a document, and --skip-unchanged asks the database",
          "[postgres][cli]") {
  Sandbox box;
  write_many_trackers(box, "batch", 3);
  const std::string uri = new_database();
  REQUIRE(box.run("convert batch -o " + quoted(uri) + " --quiet").status == 0);
  const auto before = rows_of(uri);
  const std::string first_id = query_text(uri, "SELECT min(id) FROM documents");

  // Given as key=value pairs this time, which need --format.
  const auto& server = test_pg::server();
  const std::string key_values = "host=" + server.socket_dir().string() +
                                 " port=" + std::to_string(server.port()) + " user=postgres " +
                                 "dbname=" + query_text(uri, "SELECT current_database()");
  const auto again = box.run("convert batch/council-0000/tracker.csv -o " + quoted(key_values) +
                             " --format postgresql");
  INFO(again.err);
  CHECK(again.status == 0);
  CHECK(query_integer(uri, "SELECT count(*) FROM documents") == 3);
  CHECK(query_integer(uri, "SELECT count(*) FROM items") == 90);
  // The same rows, the document stored anew (a new id, imported now).
  CHECK(query_text(uri, "SELECT count(*) FROM documents WHERE id = " + first_id) == "0");
  check_same_rows(rows_of(uri), before);

  const auto skipped = box.run("convert batch -o " + quoted(uri) + " --skip-unchanged");
  CHECK(skipped.status == 0);
  CHECK_THAT(skipped.err, Catch::Contains("all 3 input(s) unchanged"));
}

TEST_CASE("what a person gets wrong is one line and a non-zero exit", "[postgres][cli]") {
  Sandbox box;
  write_many_trackers(box, "batch", 2);
  auto& server = test_pg::server();
  const std::string uri = new_database();

  SECTION("a connection string libpq cannot read") {
    const auto run =
        box.run("convert batch -o 'postgresql://ann:s3cret@localhost/plans?no_such_option=1'");
    CHECK(run.status == 1);
    CHECK(count_lines(run.err) == 1);
    CHECK_THAT(run.err, Catch::Contains("not a PostgreSQL connection string"));
    CHECK_THAT(run.err, !Catch::Contains("s3cret"));
  }
  SECTION("a wrong password, in the URI or in PGPASSWORD") {
    test_pg::execute(uri, "CREATE ROLE ann LOGIN PASSWORD 'right-one'");
    const std::string database = query_text(uri, "SELECT current_database()");
    const std::string tcp = server.tcp_uri(database, "ann");
    auto run = box.run("convert batch -o " + quoted(tcp), "PGPASSWORD=wrong-one");
    CHECK(run.status == 1);
    CHECK(count_lines(run.err) == 1);
    CHECK_THAT(run.err, Catch::Contains("password authentication failed for user \"ann\""));
    CHECK_THAT(run.err, !Catch::Contains("wrong-one"));
    const std::string with_password =
        "postgresql://ann:wrong-two@127.0.0.1:" + std::to_string(server.port()) + "/" + database;
    run = box.run("convert batch -o " + quoted(with_password));
    CHECK(run.status == 1);
    CHECK(count_lines(run.err) == 1);
    CHECK_THAT(run.err, !Catch::Contains("wrong-two"));
    // The right one works, given as the documentation says: in PGPASSWORD.
    run = box.run("convert batch -o " + quoted(tcp) + " --quiet", "PGPASSWORD=right-one");
    INFO(run.err);
    CHECK(run.status == 1);  // ann may not create the tables: the owner makes them first
    CHECK_THAT(run.err, Catch::Contains("cannot create the trackport tables"));
  }
  SECTION("a user who may only read") {
    REQUIRE(
        box.run("convert batch/council-0000/tracker.csv -o " + quoted(uri) + " --quiet").status ==
        0);
    test_pg::execute(uri,
                     "CREATE ROLE reader LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO "
                     "reader");
    const std::string database = query_text(uri, "SELECT current_database()");
    const auto run = box.run("convert batch -o " + quoted(server.uri(database, "reader")));
    CHECK(run.status == 1);
    CHECK(count_lines(run.err) == 1);
    CHECK_THAT(run.err, Catch::Contains("user reader may not INSERT on table documents"));
    CHECK(query_integer(uri, "SELECT count(*) FROM documents") == 1);
    // Reading is all it needs for diff.
    const auto diff = box.run(
        "diff " + quoted(server.uri(database, "reader") + "#" + "batch/council-0000/tracker.csv") +
        " batch/council-0001/tracker.csv");
    INFO(diff.err);
    CHECK(diff.status == 0);
    CHECK_THAT(diff.out, Catch::Contains("30 matched"));
  }
}

TEST_CASE("a database that goes away mid-batch is one line, with what was stored kept",
          "[postgres][cli]") {
  Sandbox box;
  write_many_trackers(box, "batch", 300);
  testing::PostgresServer own;  // this test stops it
  const std::string uri = new_database(own);
  const pid_t batch =
      start(box, "convert batch -o " + quoted(uri) + " --jobs 1 --in-process", "batch");
  wait_for_documents(uri, 20);
  own.stop();
  const int status = finish(batch);
  const std::string err = Sandbox::slurp(box.path("batch.err"));
  INFO(err);
  CHECK(status == 1);
  // One line says the database went away; the summary line counts what was converted.
  CHECK(count_lines(err, "connection") == 1);
  CHECK(count_lines(err) == 2);
  CHECK_THAT(err, Catch::Contains("run the same command again to store the rest"));

  own.start();
  const std::int64_t kept = query_integer(uri, "SELECT count(*) FROM documents");
  CHECK(kept >= 20);
  CHECK(kept < 300);
  check_whole_documents(uri);
  REQUIRE(box.run("convert batch -o " + quoted(uri) + " --quiet --skip-unchanged").status == 0);
  CHECK(query_integer(uri, "SELECT count(*) FROM documents") == 300);
}

TEST_CASE("diff reads documents from a PostgreSQL database", "[postgres][cli]") {
  Sandbox box;
  history::copy_quarters(box);
  const std::string uri = new_database();
  history::import(box, history::kJune, "June 2025", uri);
  history::import(box, history::kSeptember, "September 2025", uri);
  const auto from_files = box.run("diff " + history::kJune + " " + history::kSeptember);
  const auto from_server = box.run("diff " + quoted(uri + "#" + history::kJune) + " " +
                                   quoted(uri + "#" + history::kSeptember));
  INFO(from_server.err);
  CHECK(from_server.status == 0);
  CHECK(from_server.out == from_files.out);
  const auto ambiguous = box.run("diff " + quoted(uri) + " " + history::kJune);
  CHECK(ambiguous.status == 1);
  CHECK_THAT(ambiguous.err, Catch::Contains("holds 2 documents; name one as postgresql://"));
}

TEST_CASE("convert reads a PostgreSQL database's documents, whole or one", "[postgres][cli]") {
  Sandbox box;
  history::copy_quarters(box);
  const std::string uri = new_database();
  history::import(box, history::kJune, "June 2025", uri);
  history::import(box, history::kSeptember, "September 2025", uri);
  REQUIRE(box.run("convert " + quoted(uri) + " -o both.json --quiet").status == 0);
  REQUIRE(box.run("convert " + quoted(uri) + " -o both.sqlite --quiet").status == 0);
  // The same documents as the server holds, through SQLite and back.
  auto back = box.run("convert both.sqlite -o back.json --quiet");
  INFO(back.err);
  CHECK(back.status == 0);
  CHECK(Sandbox::slurp(box.path("back.json")) == Sandbox::slurp(box.path("both.json")));
  auto one = box.run("convert " + quoted(uri + "#" + history::kJune) + " -o june.json --quiet");
  INFO(one.err);
  CHECK(one.status == 0);
  CHECK_THAT(Sandbox::slurp(box.path("june.json")), Catch::Contains("\"period\": \"June 2025\""));
  CHECK_THAT(Sandbox::slurp(box.path("june.json")),
             !Catch::Contains("\"period\": \"September 2025\""));
  // A document it does not hold: one line, the connection string shown without its password.
  auto missing = box.run("convert " + quoted(uri + "#nosuch.csv") + " -o none.json");
  CHECK(missing.status == 1);
  CHECK_THAT(missing.err, Catch::Contains("no document from 'nosuch.csv'"));
}

history::Open server_at(const std::string& uri) {
  return [uri] { return std::make_unique<pg::Connection>(uri); };
}

TEST_CASE("history: the database follows items across quarters as diff matches them",
          "[postgres][cli]") {
  Sandbox box;
  history::copy_quarters(box);
  const std::string uri = new_database();  // one for each section: the case runs once a section
  history::check_import_orders(box, uri, server_at(uri));
}

TEST_CASE("history: latest_items gives each item of the plan once, with its latest status",
          "[postgres][cli]") {
  Sandbox box;
  history::copy_quarters(box);
  const std::string uri = new_database();
  history::check_latest_items(box, uri, server_at(uri));
}

}  // namespace
}  // namespace trackport
