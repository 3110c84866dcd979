// Timings, not run by default: test_postgres "[.bench]" (use a Release build). The same documents
// into SQLite and into PostgreSQL (a server of its own on this machine, over its Unix socket).
#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <iostream>
#include <sstream>

#include "exporters/postgres/postgres_exporter.hpp"
#include "exporters/sqlite/sqlite_exporter.hpp"
#include "support/sandbox.hpp"
#include "unit/exporter_sqlite/sample_document.hpp"
#include "unit/postgres/postgres_support.hpp"

namespace trackport {
namespace {

// Each document a council's plan of its own (so no document is a period of another's).
Document document_of(std::size_t items, const std::string& sha256) {
  Document document;
  document.organisation = "Council " + sha256;
  document.period = "June 2014";
  document.source = {"bench/" + sha256 + ".xlsx", "xlsx", sha256};
  for (std::size_t i = 0; i < items; ++i) document.items.push_back(test::typical_item(i));
  return document;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST_CASE("bench: 500 documents of 50 items into SQLite and PostgreSQL", "[.bench]") {
  std::vector<Document> documents;
  for (int i = 0; i < 500; ++i) documents.push_back(document_of(50, std::to_string(i)));
  testing::Sandbox box;
  const std::string uri = test_pg::new_database();
  write_postgres_documents({}, uri);  // the schema

  for (int round = 0; round < 3; ++round) {
    const auto file = box.path("bench" + std::to_string(round) + ".sqlite");
    auto start = std::chrono::steady_clock::now();
    write_sqlite(documents, file);
    const double lite = seconds_since(start);
    test_pg::execute(uri, "DELETE FROM documents");
    start = std::chrono::steady_clock::now();
    write_postgres_documents(documents, uri);
    const double server = seconds_since(start);
    std::cout << "500 documents of 50 items: SQLite " << lite << " s, PostgreSQL " << server
              << " s\n";
  }
  CHECK(test_pg::query_integer(uri, "SELECT count(*) FROM items") == 25'000);
}

}  // namespace
}  // namespace trackport
