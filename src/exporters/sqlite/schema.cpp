// The schema, embedded as one SQL string (docs/DATABASE.md explains every table and column).
#include "exporters/sqlite/schema.hpp"

#include <sqlite3.h>

#include <string>

namespace trackport::sqlite {
namespace {

// Conventions: empty model text is NULL (the model cannot tell "" from absent); ratings are the
// model's names ('amber-green'); dates are ISO 'YYYY-MM-DD'; `position` is the 0-based order
// within the parent; lists of names are JSON arrays of strings. Every child table hangs off its
// parent with ON DELETE CASCADE, and its foreign key leads an index, so deleting a document
// deletes everything under it quickly.
constexpr std::string_view kSchemaSql = R"sql(
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
  warning_count INTEGER NOT NULL
);
CREATE INDEX documents_organisation ON documents (organisation);
CREATE INDEX documents_file ON documents (file);

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
  source_page  TEXT
);
CREATE UNIQUE INDEX items_document ON items (document_id, position);
CREATE INDEX items_ref ON items (ref);
CREATE INDEX items_status ON items (status);

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

-- The latest status of every item, per organisation. An item is known by its key: its printed
-- ref, else its id, else its text. Documents are ordered by period_end when every document that
-- holds the key has one, else by imported_at (then by id, the import order). All items of the
-- latest document with that key are returned, so a ref printed twice in one plan is not hidden.
-- The windows sort narrow rows (ids and keys); the wide columns are joined on afterwards, which is
-- several times faster over a few hundred thousand items.
CREATE VIEW latest_items AS
WITH keyed AS (
  SELECT i.id AS item_row, d.organisation, COALESCE(i.ref, i.item_id, i.text) AS item_key,
         d.period_end, d.imported_at, d.id AS document_id
  FROM items AS i JOIN documents AS d ON d.id = i.document_id
),
dated AS (
  SELECT keyed.*,
         MIN(period_end IS NOT NULL) OVER (PARTITION BY organisation, item_key) AS all_dated
  FROM keyed
),
ranked AS (
  SELECT item_row, item_key,
         RANK() OVER (PARTITION BY organisation, item_key
                      ORDER BY CASE WHEN all_dated THEN period_end END DESC,
                               imported_at DESC, document_id DESC) AS recency
  FROM dated
)
SELECT d.organisation, r.item_key, i.status, i.progress, i.ref, i.item_id, i.theme, i.objective,
       i.text, i.due_raw, i.due_start, i.due_end, i.leads, d.file, d.period, d.period_end,
       d.imported_at, i.document_id, i.id AS item_row, i.position
FROM ranked AS r
JOIN items AS i ON i.id = r.item_row
JOIN documents AS d ON d.id = i.document_id
WHERE r.recency = 1;
)sql";

bool has_table(Database& db, std::string_view name) {
  Statement query(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  query.bind_text(1, name);
  return query.step();
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

void check_schema(Database& db) {
  if (!has_table(db, "meta")) {
    throw Error(db.path().string() +
                " is an SQLite database but not a trackport one (it has no meta table); "
                "trackport will not touch it");
  }
  const std::string version = stored_schema_version(db);
  // Version 1 reads as version 2 (it only allowed fewer assessment sources).
  if (version != kDatabaseSchemaVersion && version != "1") {
    throw Error(db.path().string() + " has trackport database schema version \"" + version +
                "\", but this trackport knows only version " + std::string(kDatabaseSchemaVersion) +
                " (a newer trackport wrote it: use that one, or a new database file)");
  }
}

void create_schema(Database& db) {
  db.execute(std::string(kSchemaSql).c_str());
  Statement version(db, "INSERT INTO meta (key, value) VALUES ('schema_version', ?)");
  version.bind_text(1, kDatabaseSchemaVersion);
  version.run();
}

}  // namespace

std::string_view schema_sql() {
  return kSchemaSql;
}

void prepare_schema_for_writing(Database& db) {
  if (!is_empty_database(db)) {
    if (has_table(db, "meta") && stored_schema_version(db) == "1") {
      Transaction transaction(db);
      if (stored_schema_version(db) == "1") db.execute(std::string(kMigrateFrom1).c_str());
      transaction.commit();
    }
    check_schema(db);
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
