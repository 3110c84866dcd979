#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

#include "exporters/sqlite/schema.hpp"
#include "exporters/sqlite/sqlite_exporter.hpp"
#include "exporters/sqlite/sqlite_reader.hpp"
#include "unit/exporter_sqlite/sample_document.hpp"
#include "unit/exporter_sqlite/sqlite_test_support.hpp"

namespace trackport {
namespace {

using test::full_document;
using test::query_integer;
using test::query_text;
using test::ScratchFolder;
using test::tracker;

std::int64_t rows_in(const std::filesystem::path& db, const std::string& table) {
  return query_integer(db, "SELECT count(*) FROM " + table);
}

bool schema_has(const std::filesystem::path& db, const std::string& type, const std::string& name) {
  return query_integer(db, "SELECT count(*) FROM sqlite_master WHERE type = '" + type +
                               "' AND name = '" + name + "'") == 1;
}

// A database as version 2 left it: no plans, no tracks, the version 2 latest_items (its body is
// not needed: the migration replaces it).
void make_version_2(const std::filesystem::path& db) {
  test::execute(db, R"sql(
    PRAGMA foreign_keys = OFF;
    DROP VIEW latest_items; DROP VIEW item_history; DROP VIEW plan_periods;
    DROP INDEX documents_plan; DROP INDEX items_track; DROP INDEX items_previous;
    DROP INDEX documents_plan_periods; DROP INDEX documents_plan_imports;
    ALTER TABLE documents DROP COLUMN plan_key;
    CREATE TABLE items_v2 (
      id INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      position INTEGER NOT NULL, item_id TEXT, theme TEXT, objective TEXT, category TEXT, ref TEXT,
      text TEXT, measure TEXT, baseline TEXT, target TEXT, due_raw TEXT, due_start TEXT,
      due_end TEXT, leads TEXT NOT NULL DEFAULT '[]', partners TEXT NOT NULL DEFAULT '[]',
      progress TEXT, status TEXT NOT NULL DEFAULT 'none', mitigation TEXT, comments TEXT,
      source_file TEXT, source_sheet TEXT, source_cells TEXT, source_table INTEGER,
      source_row INTEGER, source_page TEXT);
    INSERT INTO items_v2 SELECT id, document_id, position, item_id, theme, objective, category,
      ref, text, measure, baseline, target, due_raw, due_start, due_end, leads, partners,
      progress, status, mitigation, comments, source_file, source_sheet, source_cells,
      source_table, source_row, source_page FROM items;
    DROP TABLE items;
    ALTER TABLE items_v2 RENAME TO items;
    CREATE UNIQUE INDEX items_document ON items (document_id, position);
    CREATE INDEX items_ref ON items (ref);
    CREATE INDEX items_status ON items (status);
    CREATE VIEW latest_items AS SELECT * FROM items;
    UPDATE meta SET value = '2' WHERE key = 'schema_version';)sql");
}

TEST_CASE("a new database gets every table, index and view, at schema version 3", "[sqlite]") {
  ScratchFolder folder;
  const auto db = folder / "new.sqlite";
  write_sqlite({}, db);

  for (const char* table : {"meta", "documents", "items", "assessments", "extra", "indicators",
                            "indicator_breakdown", "indicator_targets", "risks", "warnings"}) {
    INFO(table);
    CHECK(schema_has(db, "table", table));
  }
  for (const char* index :
       {"documents_organisation", "documents_file", "items_document", "items_ref", "items_status",
        "assessments_item", "extra_item", "indicators_document", "indicator_breakdown_indicator",
        "indicator_targets_indicator", "indicator_targets_breakdown", "risks_document",
        "warnings_document", "documents_plan", "documents_plan_periods", "documents_plan_imports",
        "items_track", "items_previous"}) {
    INFO(index);
    CHECK(schema_has(db, "index", index));
  }
  for (const char* view : {"latest_items", "plan_periods", "item_history"}) {
    INFO(view);
    CHECK(schema_has(db, "view", view));
  }
  CHECK(query_text(db, "SELECT value FROM meta WHERE key = 'schema_version'") == "3");
  CHECK(rows_in(db, "documents") == 0);
}

TEST_CASE("a version 1 database is read, and moved to version 3 when written", "[sqlite]") {
  ScratchFolder folder;
  const auto db = folder / "old.sqlite";
  write_sqlite({tracker("aaa", "June 2014", {{"1", Rating::amber}})}, db);
  make_version_2(db);
  // Made as version 1 made it: an assessment's source could only be text or fill.
  test::execute(db, R"sql(
    CREATE TABLE old_assessments (
      id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      position INTEGER NOT NULL, assessed_by TEXT, rating TEXT NOT NULL DEFAULT 'none',
      raw TEXT, rating_from TEXT NOT NULL DEFAULT 'text' CHECK (rating_from IN ('text', 'fill')),
      commentary TEXT);
    INSERT INTO old_assessments SELECT * FROM assessments;
    DROP TABLE assessments;
    ALTER TABLE old_assessments RENAME TO assessments;
    CREATE UNIQUE INDEX assessments_item ON assessments (item_id, position);
    UPDATE meta SET value = '1' WHERE key = 'schema_version';)sql");
  CHECK(read_documents(db).size() == 1);

  Document september = tracker("bbb", "September 2014", {{"1", Rating::green}});
  september.items[0].assessments = {{"RAG", Rating::green, "#00B050", RatingSource::font, ""}};
  write_sqlite({september}, db);
  CHECK(query_text(db, "SELECT value FROM meta WHERE key = 'schema_version'") == "3");
  const auto documents = read_documents(db);
  REQUIRE(documents.size() == 2);
  CHECK(documents[0].items[0].assessments.size() == 1);
  REQUIRE(documents[1].items[0].assessments.size() == 1);
  CHECK(documents[1].items[0].assessments[0].from == RatingSource::font);
}

TEST_CASE("a version 2 database gets plans and tracks for what it holds when written", "[sqlite]") {
  ScratchFolder folder;
  const auto db = folder / "old.sqlite";
  write_sqlite({tracker("aaa", "June 2014", {{"1", Rating::amber}, {"2", Rating::red}}),
                tracker("bbb", "September 2014", {{"2", Rating::amber}, {"1", Rating::green}})},
               db);
  make_version_2(db);
  CHECK(read_documents(db).size() == 2);

  write_sqlite({tracker("ccc", "December 2014", {{"1", Rating::green}})}, db);
  CHECK(query_text(db, "SELECT value FROM meta WHERE key = 'schema_version'") == "3");
  CHECK(query_integer(db, "SELECT count(DISTINCT plan_key) FROM documents") == 1);
  CHECK(schema_has(db, "index", "documents_plan_periods"));
  CHECK(schema_has(db, "index", "documents_plan_imports"));
  CHECK(query_integer(db, "SELECT count(*) FROM items WHERE track_id IS NULL") == 0);
  // Item 1 of June, September and December is one track; item 2 another.
  CHECK(query_integer(db, "SELECT count(DISTINCT track_id) FROM items") == 2);
  CHECK(query_text(db,
                   "SELECT group_concat(status, ' ') FROM (SELECT status FROM item_history "
                   "WHERE ref = '1' ORDER BY period_number)") == "amber green green");
  CHECK(read_documents(db).size() == 3);
}

TEST_CASE("a version 3 database made before the plan indexes gets them when written", "[sqlite]") {
  ScratchFolder folder;
  const auto db = folder / "old.sqlite";
  write_sqlite({tracker("aaa", "June 2014", {{"1", Rating::amber}})}, db);
  test::execute(db, "DROP INDEX documents_plan_periods; DROP INDEX documents_plan_imports;");
  CHECK(read_documents(db).size() == 1);
  CHECK_FALSE(schema_has(db, "index", "documents_plan_periods"));  // reading changes nothing

  write_sqlite({tracker("bbb", "September 2014", {{"1", Rating::green}})}, db);
  CHECK(schema_has(db, "index", "documents_plan_periods"));
  CHECK(schema_has(db, "index", "documents_plan_imports"));
  CHECK(query_text(db, "SELECT value FROM meta WHERE key = 'schema_version'") == "3");
  CHECK(query_integer(db, "SELECT count(DISTINCT track_id) FROM items") == 1);
}

TEST_CASE("a document with every field reads back equal", "[sqlite]") {
  ScratchFolder folder;
  const auto db = folder / "plans.sqlite";
  const Document document = full_document();
  write_sqlite({document}, db);

  const auto documents = read_documents(db);
  REQUIRE(documents.size() == 1);
  // Field by field first, so a failure names the part that was lost.
  CHECK(documents[0].items == document.items);
  CHECK(documents[0].indicators == document.indicators);
  CHECK(documents[0].risks == document.risks);
  CHECK(documents[0].warnings == document.warnings);
  CHECK(documents[0].mapping == document.mapping);
  CHECK(documents[0] == document);

  SECTION("found by sha256 or by file") {
    CHECK(read_document(db, document.source.sha256) == document);
    CHECK(read_document(db, "plans/rotherham.xlsx") == document);
    CHECK_FALSE(read_document(db, "plans/other.xlsx").has_value());
  }
}

TEST_CASE("columns hold the documented forms", "[sqlite]") {
  ScratchFolder folder;
  const auto db = folder / "plans.sqlite";
  write_sqlite({full_document()}, db);

  CHECK(query_integer(db, "SELECT item_count FROM documents") == 4);
  CHECK(query_integer(db, "SELECT warning_count FROM documents") == 3);
  CHECK(query_integer(db, "SELECT mapping_auto FROM documents") == 1);
  // "Update June 2014" ends on the last day of June 2014.
  CHECK(query_text(db, "SELECT period_end FROM documents") == "2014-06-30");
  const std::string imported_at = query_text(db, "SELECT imported_at FROM documents");
  CHECK(std::regex_match(imported_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));

  CHECK(query_text(db, "SELECT status FROM items WHERE position = 0") == "amber-green");
  CHECK(query_text(db, "SELECT due_start || ' ' || due_end FROM items WHERE position = 0") ==
        "2013-03-01 2013-03-31");
  CHECK(query_text(db, "SELECT leads FROM items WHERE position = 0") ==
        R"(["Jo Smith","Public \"Health\"\\Team","Line one\nline two\ttab"])");
  CHECK(query_integer(db,
                      "SELECT count(*) FROM items, json_each(items.partners) "
                      "WHERE items.position = 0") == 4);
  CHECK(query_text(db,
                   "SELECT source_sheet || '!' || source_cells FROM items "
                   "WHERE position = 0") == "Plan!A7:J9");
  // Empty text is NULL; a document without a due has a NULL due_raw, a due printed as nothing ''.
  CHECK(query_text(db, "SELECT theme FROM items WHERE position = 3") == "<NULL>");
  CHECK(query_text(db, "SELECT due_raw FROM items WHERE position = 3") == "<NULL>");
  CHECK(query_text(db, "SELECT due_raw FROM items WHERE position = 2") == "");
  CHECK(query_text(db, "SELECT leads FROM items WHERE position = 3") == "[]");
  CHECK(query_text(db, "SELECT source_table FROM items WHERE position = 0") == "<NULL>");
  CHECK(query_integer(db, "SELECT source_row FROM items WHERE position = 1") == 5);
  CHECK(query_text(db, "SELECT source_page FROM items WHERE position = 2") == "3-4");

  CHECK(query_text(db,
                   "SELECT group_concat(assessed_by || ':' || rating || ':' || rating_from, "
                   "' ') FROM (SELECT * FROM assessments ORDER BY item_id, position)") ==
        "officer:green:text chair:amber:fill Q4:amber-red:fill Q1:red:text");
  CHECK(query_text(db,
                   "SELECT group_concat(header, '|') FROM (SELECT header FROM extra "
                   "ORDER BY position)") == "RAG last quarter|Budget|Budget|Notes");
  CHECK(rows_in(db, "indicator_breakdown") == 3);
  // 2 targets of the indicator itself, 2 + 0 + 1 of its areas.
  CHECK(rows_in(db, "indicator_targets") == 5);
  CHECK(query_integer(db, "SELECT count(*) FROM indicator_targets WHERE breakdown_id IS NULL") ==
        2);
}

TEST_CASE("appending two documents keeps both, in import order", "[sqlite]") {
  ScratchFolder folder;
  const auto db = folder / "returns.sqlite";
  const Document june = tracker("aaa", "June 2014", {{"1", Rating::amber}, {"2", Rating::green}});
  const Document september = tracker("bbb", "September 2014", {{"1", Rating::red}});
  write_sqlite({june}, db);
  write_sqlite({september}, db);

  CHECK(read_documents(db) == std::vector<Document>{june, september});
  CHECK(rows_in(db, "documents") == 2);
  CHECK(rows_in(db, "items") == 3);
  CHECK(rows_in(db, "assessments") == 3);
  CHECK(rows_in(db, "extra") == 3);
  CHECK(known_sha256(db) == std::set<std::string>{"aaa", "bbb"});
}

TEST_CASE("re-importing a sha256 replaces its rows instead of adding them", "[sqlite]") {
  ScratchFolder folder;
  const auto db = folder / "returns.sqlite";
  const Document june = tracker("aaa", "June 2014", {{"1", Rating::amber}, {"2", Rating::green}});
  const Document other = tracker("bbb", "June 2014", {{"9", Rating::green}}, "Stafford");
  write_sqlite({june, other}, db);

  Document corrected = june;  // the same file, hand-corrected and imported again
  corrected.items[0].status = Rating::red;
  corrected.items[0].progress = "Behind schedule";
  corrected.items.pop_back();
  write_sqlite({corrected}, db);

  CHECK(rows_in(db, "documents") == 2);
  CHECK(rows_in(db, "items") == 2);
  // No orphans left by the old rows: one assessment and one extra per item.
  CHECK(rows_in(db, "assessments") == 2);
  CHECK(rows_in(db, "extra") == 2);
  CHECK(read_document(db, "aaa") == corrected);
  // The replaced document counts as imported last.
  CHECK(read_documents(db) == std::vector<Document>{other, corrected});

  SECTION("the same document twice in one write is stored once") {
    write_sqlite({june, june}, db);
    CHECK(rows_in(db, "documents") == 2);
    CHECK(read_document(db, "aaa") == june);
  }
}

TEST_CASE("documents without a sha256 are always added", "[sqlite]") {
  ScratchFolder folder;
  const auto db = folder / "returns.sqlite";
  Document unhashed = tracker("", "Quarter two", {{"1", Rating::green}});
  write_sqlite({unhashed, unhashed}, db);
  CHECK(rows_in(db, "documents") == 2);
  CHECK(known_sha256(db).empty());
}

TEST_CASE("a document that fails half way leaves the database as it was", "[sqlite]") {
  ScratchFolder folder;
  const auto db = folder / "returns.sqlite";
  const Document june = tracker("aaa", "June 2014", {{"1", Rating::amber}, {"2", Rating::green}});
  write_sqlite({june}, db);
  // Simulates a failure deep inside a document: after its document row, its old rows' deletion
  // and its first item are written.
  test::execute(db,
                "CREATE TRIGGER fail_on_boom BEFORE INSERT ON extra WHEN NEW.header = 'boom' "
                "BEGIN SELECT RAISE(ABORT, 'forced failure'); END");

  const Document other = tracker("bbb", "June 2014", {{"7", Rating::green}});
  Document broken = june;  // replaces june: its deletion must be undone too
  broken.items[0].status = Rating::red;
  broken.items[1].extra.push_back({"boom", "!"});
  try {
    write_sqlite({other, broken}, db);
    FAIL("the forced failure was not reported");
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    CHECK_THAT(message, Catch::Contains("returns/aaa.xlsx") && Catch::Contains("forced failure"));
  }

  // The document before the failure is stored; the failed one changed nothing.
  CHECK(read_documents(db) == std::vector<Document>{june, other});
  CHECK(rows_in(db, "items") == 3);
  CHECK(rows_in(db, "extra") == 3);
  CHECK(rows_in(db, "assessments") == 3);
}

TEST_CASE("a file that is not a trackport database is refused and left alone", "[sqlite]") {
  ScratchFolder folder;

  SECTION("a text file") {
    const auto path = folder / "notes.db";
    const std::string text = "These are my meeting notes, not a database.\n";
    { std::ofstream(path, std::ios::binary) << text; }
    CHECK_THROWS_WITH(
        write_sqlite({full_document()}, path),
        Catch::Contains("is not an SQLite database") && Catch::Contains("will not overwrite"));
    CHECK(test::file_bytes(path) == text);
    CHECK_THROWS_WITH(read_documents(path), Catch::Contains("is not an SQLite database"));
    CHECK_THROWS_WITH(known_sha256(path), Catch::Contains("is not an SQLite database"));
  }
  SECTION("a larger binary file") {
    const auto path = folder / "picture.sqlite";
    std::string bytes(8192, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7 % 251);
    { std::ofstream(path, std::ios::binary) << bytes; }
    CHECK_THROWS_WITH(write_sqlite({full_document()}, path),
                      Catch::Contains("is not an SQLite database"));
    CHECK(test::file_bytes(path) == bytes);
  }
  SECTION("another program's SQLite database") {
    const auto path = folder / "crm.sqlite";
    test::execute(path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Jo')");
    const std::string before = test::file_bytes(path);
    CHECK_THROWS_WITH(write_sqlite({full_document()}, path),
                      Catch::Contains("not a trackport one"));
    CHECK(test::file_bytes(path) == before);
  }
  SECTION("a trackport database of a newer schema version") {
    const auto path = folder / "future.sqlite";
    write_sqlite({}, path);
    test::execute(path, "UPDATE meta SET value = '4' WHERE key = 'schema_version'");
    const std::string before = test::file_bytes(path);
    CHECK_THROWS_WITH(
        write_sqlite({full_document()}, path),
        Catch::Contains("schema version \"4\"") && Catch::Contains("versions 1 to 3"));
    CHECK_THROWS_WITH(read_documents(path), Catch::Contains("schema version \"4\""));
    CHECK(test::file_bytes(path) == before);
  }
}

TEST_CASE("a database that cannot be created is reported", "[sqlite]") {
  CHECK_THROWS_WITH(write_sqlite({}, "/nonexistent-trackport-dir/x.sqlite"),
                    Catch::Contains("cannot write /nonexistent-trackport-dir/x.sqlite") &&
                        Catch::Contains("no folder /nonexistent-trackport-dir"));
}

TEST_CASE("reading a missing or empty database", "[sqlite]") {
  ScratchFolder folder;
  CHECK(known_sha256(folder / "missing.sqlite").empty());
  CHECK_THROWS_WITH(read_documents(folder / "missing.sqlite"), Catch::Contains("no such database"));
  CHECK_FALSE(std::filesystem::exists(folder / "missing.sqlite"));

  const auto empty = folder / "empty.sqlite";
  { std::ofstream touch(empty); }
  CHECK(read_documents(empty).empty());
  CHECK(known_sha256(empty).empty());
  write_sqlite({full_document()}, empty);  // a 0-byte file is an empty database
  CHECK(read_documents(empty).size() == 1);
}

std::string latest_status(const std::filesystem::path& db, const std::string& organisation,
                          const std::string& key) {
  return query_text(db, "SELECT group_concat(status) FROM latest_items WHERE organisation = '" +
                            organisation + "' AND item_key = '" + key + "'");
}

TEST_CASE("latest_items gives each item's status from the most recent document", "[sqlite]") {
  ScratchFolder folder;
  const auto db = folder / "returns.sqlite";
  const Document june = tracker("aaa", "June 2014", {{"1", Rating::amber}, {"2", Rating::green}});
  const Document september = tracker("bbb", "September 2014", {{"1", Rating::red}});
  const Document stafford = tracker("ccc", "December 2014", {{"1", Rating::blue}}, "Stafford");

  SECTION("by period, whatever the import order") {
    write_sqlite({september, stafford, june}, db);
    CHECK(latest_status(db, "Cannock Chase", "1") == "red");
    CHECK(latest_status(db, "Cannock Chase", "2") == "green");  // only in June
    CHECK(latest_status(db, "Stafford", "1") == "blue");
    CHECK(rows_in(db, "latest_items") == 3);
  }
  SECTION("by import when a period cannot be ordered") {
    const Document undated = tracker("ddd", "Quarter two", {{"1", Rating::green}});
    write_sqlite({september, undated}, db);
    CHECK(latest_status(db, "Cannock Chase", "1") == "green");
    write_sqlite({september}, db);  // re-imported: now the latest import
    CHECK(latest_status(db, "Cannock Chase", "1") == "red");
  }
  SECTION("a ref printed twice in the latest document gives both items") {
    const Document restarted =
        tracker("fff", "December 2014", {{"1", Rating::amber}, {"1", Rating::green}});
    write_sqlite({june, restarted}, db);
    CHECK(query_integer(db, "SELECT count(*) FROM latest_items WHERE item_key = '1'") == 2);
    CHECK(query_integer(db,
                        "SELECT count(*) FROM latest_items WHERE item_key = '1' AND "
                        "period = 'December 2014'") == 2);
  }
  SECTION("an item without a ref is known by its id") {
    Document no_refs = tracker("eee", "October 2014", {{"5", Rating::amber}});
    no_refs.items[0].ref.clear();
    write_sqlite({june, no_refs}, db);
    CHECK(latest_status(db, "Cannock Chase", "5") == "amber");
  }
}

TEST_CASE("known_sha256 lists what is stored", "[sqlite]") {
  ScratchFolder folder;
  const auto db = folder / "returns.sqlite";
  write_sqlite({full_document(), tracker("bbb", "", {})}, db);
  CHECK(known_sha256(db) == std::set<std::string>{full_document().source.sha256, "bbb"});
}

TEST_CASE("the stream form is a whole database", "[sqlite]") {
  ScratchFolder folder;
  std::ostringstream out;
  write_sqlite({full_document()}, out);
  const std::string bytes = out.str();
  REQUIRE(bytes.substr(0, 16) == std::string("SQLite format 3\0", 16));
  const auto copy = folder / "copy.sqlite";
  { std::ofstream(copy, std::ios::binary) << bytes; }
  CHECK(read_documents(copy) == std::vector<Document>{full_document()});
}

}  // namespace
}  // namespace trackport

namespace trackport {
namespace {

TEST_CASE("writing and reading leave no journal files beside the database", "[sqlite]") {
  ScratchFolder folder;
  const auto db = folder / "returns.sqlite";
  write_sqlite({full_document()}, db);
  CHECK(read_documents(db).size() == 1);
  CHECK(known_sha256(db).size() == 1);
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder.path())) {
    names.push_back(entry.path().filename().string());
  }
  CHECK(names == std::vector<std::string>{"returns.sqlite"});
}

}  // namespace
}  // namespace trackport
