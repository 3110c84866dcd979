// The PostgreSQL output through the library, on a real server: its schema is the SQLite one (the
// same tables, views and columns), documents read back equal, re-imports replace, and databases it
// should not touch are refused with one sentence.
#include <catch2/catch.hpp>

#include "exporters/postgres/pg_connection.hpp"
#include "exporters/postgres/postgres_exporter.hpp"
#include "exporters/sqlite/sqlite_exporter.hpp"
#include "exporters/sqlite/sqlite_handle.hpp"
#include "support/sandbox.hpp"
#include "unit/exporter_sqlite/sample_document.hpp"
#include "unit/postgres/postgres_support.hpp"

namespace trackport {
namespace {

using test::full_document;
using test::tracker;
using test_pg::new_database;
using test_pg::query_integer;
using test_pg::query_text;

// Each table's and view's columns in order, "table: a, b, c".
std::vector<std::string> columns_of(sql::Connection& db, const std::string& list_sql) {
  const auto query = db.prepare(list_sql);
  std::map<std::string, std::string> tables;
  while (query->step()) {
    auto& columns = tables[query->text(0)];
    columns += (columns.empty() ? "" : ", ") + query->text(1);
  }
  std::vector<std::string> lines;
  for (const auto& [table, columns] : tables) lines.push_back(table + ": " + columns);
  return lines;
}

TEST_CASE("the schema has SQLite's tables, views and columns, in the same order", "[postgres]") {
  const std::string uri = new_database();
  write_postgres_documents({}, uri);
  testing::Sandbox box;
  write_sqlite({}, box.path("empty.sqlite"));

  sqlite::Database lite(box.path("empty.sqlite"), sqlite::Database::Mode::read_only);
  pg::Connection server(uri);
  const auto expected =
      columns_of(lite,
                 "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p "
                 "WHERE m.type IN ('table', 'view') ORDER BY m.name, p.cid");
  const auto actual = columns_of(server,
                                 "SELECT table_name, column_name FROM information_schema.columns "
                                 "WHERE table_schema = current_schema() "
                                 "ORDER BY table_name, ordinal_position");
  REQUIRE(expected.size() == 13);  // ten tables, three views
  CHECK(actual == expected);
  CHECK(query_text(uri, "SELECT value FROM meta WHERE key = 'schema_version'") == "3");
}

TEST_CASE("a document with every field reads back equal", "[postgres]") {
  const std::string uri = new_database();
  const Document document = full_document();
  write_postgres_documents({document}, uri);

  const auto documents = read_postgres_documents(uri);
  REQUIRE(documents.size() == 1);
  CHECK(documents[0].items == document.items);
  CHECK(documents[0].indicators == document.indicators);
  CHECK(documents[0].risks == document.risks);
  CHECK(documents[0].warnings == document.warnings);
  CHECK(documents[0].mapping == document.mapping);
  CHECK(documents[0] == document);
  CHECK(read_postgres_document(uri, document.source.sha256) == document);
  CHECK(read_postgres_document(uri, "plans/rotherham.xlsx") == document);
  CHECK_FALSE(read_postgres_document(uri, "plans/other.xlsx").has_value());
  CHECK(postgres_sha256(uri) == std::set<std::string>{document.source.sha256});
}

TEST_CASE("the same documents give the same rows as in SQLite", "[postgres]") {
  const std::string uri = new_database();
  std::vector<Document> documents = {full_document(),
                                     tracker("aaa", "June 2014", {{"1", Rating::amber}}),
                                     tracker("bbb", "September 2014", {{"1", Rating::green}})};
  write_postgres_documents(documents, uri);
  testing::Sandbox box;
  write_sqlite(documents, box.path("same.sqlite"));

  sqlite::Database lite(box.path("same.sqlite"), sqlite::Database::Mode::read_only);
  pg::Connection server(uri);
  const auto expected = test_pg::all_rows(lite);
  const auto actual = test_pg::all_rows(server);
  for (const auto& [table, rows] : expected) {
    INFO(table);
    CHECK(actual.at(table) == rows);
  }
  CHECK(expected.at("items").size() == 6);  // the full document's four, one each tracker
  CHECK(expected.at("item_history").size() == 6);
}

TEST_CASE("re-importing a sha256 replaces its rows", "[postgres]") {
  const std::string uri = new_database();
  const Document june = tracker("aaa", "June 2014", {{"1", Rating::amber}, {"2", Rating::red}});
  const Document other = tracker("bbb", "June 2014", {{"9", Rating::green}});
  write_postgres_documents({june, other}, uri);
  Document corrected = june;
  corrected.items.pop_back();
  corrected.items[0].status = Rating::green;
  write_postgres_documents({corrected}, uri);

  CHECK(query_integer(uri, "SELECT count(*) FROM documents") == 2);
  CHECK(query_integer(uri, "SELECT count(*) FROM items") == 2);
  CHECK(read_postgres_documents(uri) == std::vector<Document>{other, corrected});
}

TEST_CASE("a database made before the plan indexes gets them when written", "[postgres]") {
  const std::string uri = new_database();
  write_postgres_documents({tracker("aaa", "June 2014", {{"1", Rating::amber}})}, uri);
  const std::string count_plan_indexes =
      "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN "
      "('documents_plan_periods', 'documents_plan_imports')";
  REQUIRE(query_integer(uri, count_plan_indexes) == 2);
  test_pg::execute(uri, "DROP INDEX documents_plan_periods; DROP INDEX documents_plan_imports");
  const Document september = tracker("bbb", "September 2014", {{"1", Rating::green}});

  SECTION("by the tables' owner") {
    write_postgres_documents({september}, uri);
    CHECK(query_integer(uri, count_plan_indexes) == 2);
  }
  SECTION("by a user who may write rows but not make indexes: written without them") {
    const std::string database = query_text(uri, "SELECT current_database()");
    const std::string writer = "writer_" + database;
    test_pg::execute(uri, "CREATE ROLE " + writer +
                              " LOGIN; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN "
                              "SCHEMA public TO " +
                              writer + "; GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " +
                              writer);
    write_postgres_documents({september}, test_pg::server().uri(database, writer));
    CHECK(query_integer(uri, count_plan_indexes) == 0);
  }
  CHECK(query_integer(uri, "SELECT count(*) FROM documents") == 2);
  CHECK(query_integer(uri, "SELECT count(DISTINCT track_id) FROM items") == 1);
}

TEST_CASE("a database trackport should not write is refused, untouched", "[postgres]") {
  const std::string uri = new_database();

  SECTION("a newer schema version") {
    write_postgres_documents({tracker("aaa", "June 2014", {{"1", Rating::amber}})}, uri);
    test_pg::execute(uri, "UPDATE meta SET value = '4' WHERE key = 'schema_version'");
    try {
      write_postgres_documents({tracker("bbb", "June 2015", {})}, uri);
      FAIL("a newer schema was written to");
    } catch (const std::runtime_error& error) {
      CHECK_THAT(error.what(), Catch::Contains("schema version \"4\"") &&
                                   Catch::Contains("knows only version 3"));
    }
    CHECK_THROWS_WITH(read_postgres_documents(uri), Catch::Contains("schema version \"4\""));
    CHECK(query_integer(uri, "SELECT count(*) FROM documents") == 1);
  }
  SECTION("another program's table of the same name") {
    test_pg::execute(uri, "CREATE TABLE documents (id integer, body text)");
    CHECK_THROWS_WITH(write_postgres_documents({tracker("a", "June 2014", {})}, uri),
                      Catch::Contains("no trackport meta table"));
    CHECK(query_integer(uri,
                        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()") == 1);
  }
  SECTION("a read-only server") {
    test_pg::execute(uri, "ALTER DATABASE " + query_text(uri, "SELECT current_database()") +
                              " SET default_transaction_read_only = on");
    CHECK_THROWS_WITH(write_postgres_documents({tracker("a", "June 2014", {})}, uri),
                      Catch::Contains("the database is read-only"));
  }
}

TEST_CASE("connection strings are shown without their password", "[postgres]") {
  CHECK(shown_postgres("postgresql://ann:s3cret@db.example:5433/plans?sslmode=require") ==
        "postgresql://ann@db.example:5433/plans");
  CHECK(shown_postgres("host=/run/postgresql dbname=plans user=ann password=s3cret") ==
        "postgresql://ann@%2Frun%2Fpostgresql/plans");
  // libpq's own reason for a string it cannot read, with the password taken out.
  try {
    pg::display_name("postgresql://ann:s3cret@db/plans?no_such_option=s3cret");
    FAIL("an unreadable connection string was read");
  } catch (const pg::Error& error) {
    CHECK_THAT(error.what(), !Catch::Contains("s3cret"));
    CHECK_THAT(error.what(), Catch::Contains("not a PostgreSQL connection string"));
  }
}

}  // namespace
}  // namespace trackport
