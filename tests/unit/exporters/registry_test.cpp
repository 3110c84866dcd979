#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <sstream>

#include "exporters/exporter.hpp"
#include "sample_documents.hpp"

namespace trackport {
namespace {

TEST_CASE("exporters are found by output extension, any case", "[registry]") {
  REQUIRE(exporter_for("out/plan.xlsx") != nullptr);
  CHECK(exporter_for("out/plan.xlsx")->name() == "xlsx");
  CHECK(exporter_for("PLAN.JSON")->name() == "json");
  CHECK(exporter_for("plan.jsonl")->name() == "jsonl");
  CHECK(exporter_for("plan.Csv")->name() == "csv");
  CHECK(exporter_for("plan.txt") == nullptr);
  CHECK(exporter_for("plan") == nullptr);
}

TEST_CASE("exporters are found by name", "[registry]") {
  for (const char* name : {"xlsx", "json", "jsonl", "csv", "sqlite", "postgresql"}) {
    REQUIRE(exporter_named(name) != nullptr);
    CHECK(exporter_named(name)->name() == name);
  }
  CHECK(exporter_named("nosuch") == nullptr);
  CHECK(exporters().size() == 6);
}

TEST_CASE("a database is appended to in place; files are replaced whole", "[registry]") {
  for (const char* file : {"t.sqlite", "t.sqlite3", "t.db"}) {
    REQUIRE(exporter_for(file) != nullptr);
    CHECK(exporter_for(file)->name() == "sqlite");
  }
  CHECK(exporter_named("sqlite")->writes_in_place());
  CHECK_FALSE(exporter_named("sqlite")->can_stream());
  CHECK_FALSE(exporter_named("json")->writes_in_place());
}

TEST_CASE("a PostgreSQL connection URI chooses the postgresql output, which is no file",
          "[registry]") {
  for (const char* target :
       {"postgresql://loader@db.example/plans", "postgres:///plans", "postgresql://db/plans.db"}) {
    REQUIRE(exporter_for(target) != nullptr);
    CHECK(exporter_for(target)->name() == "postgresql");
  }
  const Exporter& postgres = *exporter_named("postgresql");
  CHECK(postgres.writes_in_place());
  CHECK(postgres.output_is_connection());
  CHECK_FALSE(postgres.can_stream());
  CHECK_FALSE(exporter_named("sqlite")->output_is_connection());
  CHECK(postgres.shown_output("postgresql://ann:s3cret@db.example/plans") ==
        "postgresql://ann@db.example/plans");
}

TEST_CASE("the default write_file writes what write() streams", "[registry]") {
  const auto path = std::filesystem::temp_directory_path() /
                    ("trackport-registry-test-" + std::to_string(std::random_device{}()) + ".json");
  const Exporter& json = *exporter_named("json");
  json.write_file({test::sample_tracker()}, path);
  std::ostringstream expected;
  json.write({test::sample_tracker()}, expected);
  std::ifstream in(path, std::ios::binary);
  std::stringstream actual;
  actual << in.rdbuf();
  std::filesystem::remove(path);
  CHECK(actual.str() == expected.str());
  CHECK_THROWS_AS(json.write_file({}, "/nonexistent-dir/x.json"), std::runtime_error);
}

}  // namespace
}  // namespace trackport
