// The schema, embedded as SQL (docs/DATABASE.md explains every table, column and view), and the
// migrations from older versions.
#include "exporters/sqlite/schema.hpp"

#include <sqlite3.h>

#include <string>

#include "exporters/database/item_tracks.hpp"
#include "exporters/database/plan_indexes.hpp"
#include "exporters/database/schema_views.hpp"

namespace trackport::sqlite {
namespace {

// Conventions: empty model text is NULL (the model cannot tell "" from absent); ratings are the
// model's names ('amber-green'); dates are ISO 'YYYY-MM-DD'; `position` is the 0-based order
// within the parent; lists of names are JSON arrays of strings. Every child table hangs off its
// parent with ON DELETE CASCADE, and its foreign key leads an index, so deleting a document
// deletes everything under it quickly.
constexpr std::string_view kTablesSql = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  file          TEXT,
  format        TEXT,
  sha256        TEXT UNIQUE,
  title         TEXT,
  organisation  TEXT,
  period        TEXT,
  period_end    TEXT,
  mapping_name  TEXT,
  mapping_score REAL NOT NULL DEFAULT 0,
  mapping_auto  INTEGER NOT NULL DEFAULT 0 CHECK (mapping_auto IN (0, 1)),
  imported_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  item_count    INTEGER NOT NULL,
  warning_count INTEGER NOT NULL,
  plan_key      TEXT
);
CREATE INDEX documents_organisation ON documents (organisation);
CREATE INDEX documents_file ON documents (file);
CREATE INDEX documents_plan ON documents (plan_key);

CREATE TABLE items (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  item_id      TEXT,
  theme        TEXT,
  objective    TEXT,
  category     TEXT,
  ref          TEXT,
  text         TEXT,
  measure      TEXT,
  baseline     TEXT,
  target       TEXT,
  due_raw      TEXT,
  due_start    TEXT,
  due_end      TEXT,
  leads        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(leads)),
  partners     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(partners)),
  progress     TEXT,
  status       TEXT NOT NULL DEFAULT 'none' CHECK (status IN
                 ('none', 'red', 'amber-red', 'amber', 'amber-green', 'green', 'blue')),
  mitigation   TEXT,
  comments     TEXT,
  source_file  TEXT,
  source_sheet TEXT,
  source_cells TEXT,
  source_table INTEGER,
  source_row   INTEGER,
  source_page  TEXT,
  track_id         INTEGER,
  matched_by       TEXT CHECK (matched_by IN ('ref+text', 'text', 'ref')),
  previous_item    INTEGER REFERENCES items (id) ON DELETE SET NULL,
  match_similarity REAL
);
CREATE UNIQUE INDEX items_document ON items (document_id, position);
CREATE INDEX items_ref ON items (ref);
CREATE INDEX items_status ON items (status);
CREATE INDEX items_track ON items (track_id);
CREATE INDEX items_previous ON items (previous_item);
-- Items whose link was cut (the item they continued was deleted): mended by the next import.
CREATE INDEX items_unlinked ON items (document_id)
  WHERE matched_by IS NOT NULL AND previous_item IS NULL;

CREATE TABLE assessments (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  assessed_by TEXT,
  rating      TEXT NOT NULL DEFAULT 'none' CHECK (rating IN
                ('none', 'red', 'amber-red', 'amber', 'amber-green', 'green', 'blue')),
  raw         TEXT,
  rating_from TEXT NOT NULL DEFAULT 'text' CHECK (rating_from IN ('text', 'fill', 'font', 'format')),
  commentary  TEXT
);
CREATE UNIQUE INDEX assessments_item ON assessments (item_id, position);

CREATE TABLE extra (
  id       INTEGER PRIMARY KEY,
  item_id  INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  header   TEXT,
  value    TEXT
);
CREATE UNIQUE INDEX extra_item ON extra (item_id, position);

CREATE TABLE indicators (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  code         TEXT,
  title        TEXT,
  baseline     TEXT,
  source_file  TEXT,
  source_sheet TEXT,
  source_cells TEXT,
  source_table INTEGER,
  source_row   INTEGER,
  source_page  TEXT
);
CREATE UNIQUE INDEX indicators_document ON indicators (document_id, position);

CREATE TABLE indicator_breakdown (
  id           INTEGER PRIMARY KEY,
  indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  area         TEXT,
  baseline     TEXT
);
CREATE UNIQUE INDEX indicator_breakdown_indicator ON indicator_breakdown (indicator_id, position);

CREATE TABLE indicator_targets (
  id           INTEGER PRIMARY KEY,
  indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  breakdown_id INTEGER REFERENCES indicator_breakdown (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  period       TEXT,
  value        TEXT
);
CREATE INDEX indicator_targets_indicator ON indicator_targets (indicator_id, breakdown_id, position);
CREATE INDEX indicator_targets_breakdown ON indicator_targets (breakdown_id);

CREATE TABLE risks (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  ref          TEXT,
  description  TEXT,
  impact       TEXT,
  likelihood   TEXT,
  score        TEXT,
  mitigation   TEXT,
  owner        TEXT,
  due_raw      TEXT,
  due_start    TEXT,
  due_end      TEXT,
  source_file  TEXT,
  source_sheet TEXT,
  source_cells TEXT,
  source_table INTEGER,
  source_row   INTEGER,
  source_page  TEXT
);
CREATE UNIQUE INDEX risks_document ON risks (document_id, position);

CREATE TABLE warnings (
  id             INTEGER PRIMARY KEY,
  document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  code           TEXT,
  message        TEXT,
  location_file  TEXT,
  location_sheet TEXT,
  location_cells TEXT,
  location_table INTEGER,
  location_row   INTEGER,
  location_page  TEXT
);
CREATE UNIQUE INDEX warnings_document ON warnings (document_id, position);

)sql";

// The views, made with the tables and again when a migration changes them: plan_periods in
// SQLite's dialect, then the views both engines read alike (database/schema_views.hpp).
constexpr std::string_view kPlanPeriodsSql = R"sql(
-- Each document's place among the periods of its plan: by period_end when every document of the
-- plan has one, else by import (id); equal period ends by import. item_tracks.cpp orders them the
-- same way when it matches each period's items to the previous one's.
CREATE VIEW plan_periods AS
WITH dated AS (
  SELECT id, plan_key, period_end,
         MIN(period_end IS NOT NULL) OVER (PARTITION BY plan_key) AS all_dated
  FROM documents
),
ordered AS (
  SELECT id, plan_key,
         ROW_NUMBER() OVER (PARTITION BY plan_key
                            ORDER BY CASE WHEN all_dated THEN period_end END, id) AS period_number,
         COUNT(*) OVER (PARTITION BY plan_key) AS periods
  FROM dated
)
SELECT o.plan_key, o.id AS document_id, o.period_number, o.period_number = o.periods AS is_latest,
       d.organisation, d.title, d.period, d.period_end, d.file, d.imported_at
FROM ordered AS o JOIN documents AS d ON d.id = o.id;

)sql";

std::string views_sql() {
  return std::string(kPlanPeriodsSql) + std::string(sql::kSharedViewsSql);
}

bool has_table(Database& db, std::string_view name) {
  Statement query(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  query.bind_text(1, name);
  return query.step();
}

bool has_index(Database& db, std::string_view name) {
  Statement query(db, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?");
  query.bind_text(1, name);
  return query.step();
}

// Makes the plan indexes a database made before them lacks (under the write lock, where
// another process may have made them first).
void add_plan_indexes(Database& db) {
  const auto has = [&db](std::string_view name) { return has_index(db, name); };
  if (sql::missing_plan_indexes(has).empty()) return;
  Transaction transaction(db);
  for (const std::string_view create : sql::missing_plan_indexes(has)) {
    db.execute(std::string(create).c_str());
  }
  transaction.commit();
}

// The first read of the file: this is where SQLite notices a file that is not a database.
bool is_empty_database(Database& db) {
  try {
    Statement count(db, "SELECT count(*) FROM sqlite_master");
    count.step();
    return count.integer(0) == 0;
  } catch (const Error& error) {
    if (error.code() == SQLITE_NOTADB) {
      throw Error(db.path().string() +
                  " is not an SQLite database; trackport will not overwrite it (give a new file "
                  "name, or an existing trackport database)");
    }
    throw;
  }
}

std::string stored_schema_version(Database& db) {
  Statement query(db, "SELECT value FROM meta WHERE key = 'schema_version'");
  return query.step() ? query.text(0) : std::string();
}

// Version 1 allowed only 'text' and 'fill' as an assessment's source; version 2 adds 'font' and
// 'format'. A CHECK constraint cannot be altered in place: the table is copied.
constexpr std::string_view kMigrateFrom1 = R"sql(
CREATE TABLE assessments_v2 (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  assessed_by TEXT,
  rating      TEXT NOT NULL DEFAULT 'none' CHECK (rating IN
                ('none', 'red', 'amber-red', 'amber', 'amber-green', 'green', 'blue')),
  raw         TEXT,
  rating_from TEXT NOT NULL DEFAULT 'text' CHECK (rating_from IN ('text', 'fill', 'font', 'format')),
  commentary  TEXT
);
INSERT INTO assessments_v2 SELECT id, item_id, position, assessed_by, rating, raw, rating_from,
                                  commentary FROM assessments;
DROP TABLE assessments;
ALTER TABLE assessments_v2 RENAME TO assessments;
CREATE UNIQUE INDEX assessments_item ON assessments (item_id, position);
UPDATE meta SET value = '2' WHERE key = 'schema_version';
)sql";

// Version 3 adds plans and tracks (documents.plan_key; items.track_id, matched_by,
// previous_item, match_similarity) and the views over them. The columns are added in place; the
// plan keys and tracks of the documents already stored are computed by track_all_items.
constexpr std::string_view kMigrateFrom2 = R"sql(
ALTER TABLE documents ADD COLUMN plan_key TEXT;
ALTER TABLE items ADD COLUMN track_id INTEGER;
ALTER TABLE items ADD COLUMN matched_by TEXT CHECK (matched_by IN ('ref+text', 'text', 'ref'));
ALTER TABLE items ADD COLUMN previous_item INTEGER REFERENCES items (id) ON DELETE SET NULL;
ALTER TABLE items ADD COLUMN match_similarity REAL;
CREATE INDEX documents_plan ON documents (plan_key);
CREATE INDEX items_track ON items (track_id);
CREATE INDEX items_previous ON items (previous_item);
-- Items whose link was cut (the item they continued was deleted): mended by the next import.
CREATE INDEX items_unlinked ON items (document_id)
  WHERE matched_by IS NOT NULL AND previous_item IS NULL;
DROP VIEW latest_items;
)sql";

void fill_plan_keys(Database& db) {
  Statement update(db, "UPDATE documents SET plan_key = ? WHERE id = ?");
  Statement query(db, "SELECT id, organisation, title, period, mapping_name FROM documents");
  while (query.step()) {
    update.bind_text(1, sql::plan_key(query.text(1), query.text(2), query.text(3), query.text(4)));
    update.bind_int(2, query.integer(0));
    update.run();
  }
}

void set_schema_version(Database& db, std::string_view version) {
  Statement update(db, "UPDATE meta SET value = ? WHERE key = 'schema_version'");
  update.bind_text(1, version);
  update.run();
}

// Brings a version 1 or 2 database to the current version in one transaction (another process
// may have done it first: the version is read again under the write lock).
void migrate(Database& db) {
  Transaction transaction(db);
  if (stored_schema_version(db) == "1") db.execute(std::string(kMigrateFrom1).c_str());
  if (stored_schema_version(db) == "2") {
    db.execute(std::string(kMigrateFrom2).c_str());
    db.execute(views_sql().c_str());
    fill_plan_keys(db);
    sql::track_all_items(db);
    set_schema_version(db, "3");
  }
  transaction.commit();
}

bool is_older_version(std::string_view version) {
  return version == "1" || version == "2";
}

void check_schema(Database& db) {
  if (!has_table(db, "meta")) {
    throw Error(db.path().string() +
                " is an SQLite database but not a trackport one (it has no meta table); "
                "trackport will not touch it");
  }
  const std::string version = stored_schema_version(db);
  // Older versions read as they are: the documents are the same, only the tracks are missing.
  if (version != kDatabaseSchemaVersion && !is_older_version(version)) {
    throw Error(db.path().string() + " has trackport database schema version \"" + version +
                "\", but this trackport knows only versions 1 to " +
                std::string(kDatabaseSchemaVersion) +
                " (a newer trackport wrote it: use that one, or a new database file)");
  }
}

void create_schema(Database& db) {
  db.execute(std::string(kTablesSql).c_str());
  for (const auto& index : sql::kPlanIndexes) db.execute(std::string(index.create).c_str());
  db.execute(views_sql().c_str());
  Statement version(db, "INSERT INTO meta (key, value) VALUES ('schema_version', ?)");
  version.bind_text(1, kDatabaseSchemaVersion);
  version.run();
}

}  // namespace

void prepare_schema_for_writing(Database& db) {
  if (!is_empty_database(db)) {
    if (has_table(db, "meta") && is_older_version(stored_schema_version(db))) migrate(db);
    check_schema(db);
    add_plan_indexes(db);
    return;
  }
  Transaction transaction(db);
  // Another process may have created the schema between the check and the write lock.
  if (is_empty_database(db)) {
    create_schema(db);
  } else {
    check_schema(db);
  }
  transaction.commit();
}

bool has_schema_for_reading(Database& db) {
  if (is_empty_database(db)) return false;
  check_schema(db);
  return true;
}

}  // namespace trackport::sqlite
