// Timings, not run by default: test_exporter_sqlite "[.bench]" (use a Release build).
#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <iostream>
#include <sstream>

#include "exporters/sqlite/sqlite_exporter.hpp"
#include "exporters/sqlite/sqlite_reader.hpp"
#include "unit/exporter_sqlite/sample_document.hpp"
#include "unit/exporter_sqlite/sqlite_test_support.hpp"

namespace trackport {
namespace {

Document document_of(std::size_t items, const std::string& sha256) {
  Document document;
  document.organisation = "Bench Council";
  document.period = "June 2014";
  document.source = {"bench/" + sha256 + ".xlsx", "xlsx", sha256};
  for (std::size_t i = 0; i < items; ++i) document.items.push_back(test::typical_item(i));
  return document;
}

// Wall clock and this process's CPU time: the machine may be shared.
class Stopwatch {
 public:
  std::string lap() {
    const auto wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_);
    const double cpu = static_cast<double>(std::clock() - cpu_) / CLOCKS_PER_SEC;
    *this = Stopwatch();
    std::ostringstream out;
    out.precision(2);
    out << std::fixed << wall.count() << " s (CPU " << cpu << " s)";
    return out.str();
  }

 private:
  std::chrono::steady_clock::time_point wall_ = std::chrono::steady_clock::now();
  std::clock_t cpu_ = std::clock();
};

TEST_CASE("bench: 200k items in one document", "[.bench]") {
  test::ScratchFolder folder;
  const auto db = folder / "bench.sqlite";
  const std::vector<Document> documents{document_of(200'000, "big")};

  Stopwatch stopwatch;
  write_sqlite(documents, db);
  std::cout << "write 200,000 items: " << stopwatch.lap() << ", "
            << std::filesystem::file_size(db) / 1'000'000 << " MB\n";
  write_sqlite(documents, db);
  std::cout << "replace them (same sha256): " << stopwatch.lap() << "\n";
  const auto back = read_documents(db);
  std::cout << "read them back: " << stopwatch.lap() << "\n";
  CHECK(back == documents);
}

TEST_CASE("bench: 2000 documents of 100 items", "[.bench]") {
  test::ScratchFolder folder;
  const auto db = folder / "bench.sqlite";
  std::vector<Document> documents;
  for (int i = 0; i < 2'000; ++i) documents.push_back(document_of(100, std::to_string(i)));

  Stopwatch stopwatch;
  write_sqlite(documents, db);
  std::cout << "write 2,000 documents (one transaction each): " << stopwatch.lap() << "\n";
  CHECK(test::query_integer(db, "SELECT count(*) FROM items") == 200'000);
  // The same 100 refs in every document: 100 items, each with 2,000 versions to choose from.
  stopwatch.lap();
  CHECK(test::query_integer(db, "SELECT count(*) FROM latest_items") == 100);
  std::cout << "latest_items over them: " << stopwatch.lap() << "\n";
}

}  // namespace
}  // namespace trackport
