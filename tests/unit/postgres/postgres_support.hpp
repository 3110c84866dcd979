// For the PostgreSQL tests: the process's server, a new empty database per test, queries, and
// every table and view of a database as comparable rows (SQLite's or PostgreSQL's alike).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "exporters/database/connection.hpp"
#include "exporters/postgres/pg_connection.hpp"
#include "support/postgres_server.hpp"

namespace trackport::test_pg {

using testing::PostgresServer;

// One server for every test of this process, stopped at exit.
inline PostgresServer& server() {
  static PostgresServer instance;
  return instance;
}

inline void execute(const std::string& uri, const std::string& sql) {
  pg::Connection db(uri);
  db.execute(sql.c_str());
}

inline std::string query_text(const std::string& uri, const std::string& sql) {
  pg::Connection db(uri);
  pg::Statement query(db, sql);
  if (!query.step()) return "<no row>";
  return query.is_null(0) ? "<NULL>" : query.text(0);
}

inline std::int64_t query_integer(const std::string& uri, const std::string& sql) {
  pg::Connection db(uri);
  pg::Statement query(db, sql);
  if (!query.step()) throw std::runtime_error("no row for " + sql);
  return query.integer(0);
}

// A new, empty database on `on`; its URI for the superuser.
inline std::string new_database(PostgresServer& on = server()) {
  static int counter = 0;
  const std::string name = "trackport_test_" + std::to_string(++counter);
  execute(on.uri("postgres"), "CREATE DATABASE " + name);
  return on.uri(name);
}

// A table's rows as text lines, sorted (so neither row order nor ids count): each document by its
// sha256, each item by "sha256/position", and every row that points at one by that key.
using Rows = std::vector<std::string>;

struct Dump {
  const char* name;
  std::string sql;
  std::vector<int> real_columns;  // compared to 9 significant digits: engines print reals apart
  // Columns at the end that follow from the order documents were stored in, where periods of a
  // plan tie (the same period end, or none: docs/DATABASE.md): the item tracks. -1: the whole
  // dump (the views, which order periods).
  int import_order_columns = 0;
};

enum class Tracks { compared, left_out };

inline const std::vector<Dump>& dumps() {
  const std::string doc = "(SELECT sha256 FROM documents AS dd WHERE dd.id = ";
  auto item_key = [](const std::string& id) {
    return "(SELECT dk.sha256 || '/' || CAST(ik.position AS TEXT) FROM items AS ik JOIN documents "
           "AS dk ON dk.id = ik.document_id WHERE ik.id = " +
           id + ")";
  };
  auto indicator_key = [](const std::string& id) {
    return "(SELECT dn.sha256 || '/' || CAST(n.position AS TEXT) FROM indicators AS n JOIN "
           "documents AS dn ON dn.id = n.document_id WHERE n.id = " +
           id + ")";
  };
  static const std::vector<Dump> list = {
      {"meta", "SELECT key, value FROM meta", {}},
      {"documents",
       "SELECT file, format, sha256, title, organisation, period, period_end, mapping_name, "
       "mapping_score, mapping_auto, item_count, warning_count, plan_key FROM documents",
       {8}},
      {"items",
       "SELECT " + doc +
           "i.document_id), i.position, i.item_id, i.theme, i.objective, i.category, i.ref, "
           "i.text, i.measure, i.baseline, i.target, i.due_raw, i.due_start, i.due_end, "
           "CAST(i.leads AS TEXT), CAST(i.partners AS TEXT), i.progress, i.status, "
           "i.mitigation, i.comments, i.source_file, i.source_sheet, i.source_cells, "
           "i.source_table, i.source_row, i.source_page, " +
           item_key("i.track_id") + ", i.matched_by, " + item_key("i.previous_item") +
           ", i.match_similarity FROM items AS i",
       {29},
       4},
      {"assessments",
       "SELECT " + item_key("a.item_id") +
           ", a.position, a.assessed_by, a.rating, a.raw, a.rating_from, a.commentary FROM "
           "assessments AS a",
       {}},
      {"extra",
       "SELECT " + item_key("e.item_id") + ", e.position, e.header, e.value FROM extra AS e",
       {}},
      {"indicators",
       "SELECT " + doc +
           "n.document_id), n.position, n.code, n.title, n.baseline, n.source_file, "
           "n.source_sheet, n.source_cells, n.source_table, n.source_row, n.source_page FROM "
           "indicators AS n",
       {}},
      {"indicator_breakdown",
       "SELECT " + indicator_key("b.indicator_id") +
           ", b.position, b.area, b.baseline FROM indicator_breakdown AS b",
       {}},
      {"indicator_targets",
       "SELECT " + indicator_key("t.indicator_id") +
           ", (SELECT position FROM indicator_breakdown AS bb WHERE bb.id = t.breakdown_id), "
           "t.position, t.period, t.value FROM indicator_targets AS t",
       {}},
      {"risks",
       "SELECT " + doc +
           "r.document_id), r.position, r.ref, r.description, r.impact, r.likelihood, r.score, "
           "r.mitigation, r.owner, r.due_raw, r.due_start, r.due_end, r.source_file, "
           "r.source_sheet, r.source_cells, r.source_table, r.source_row, r.source_page FROM "
           "risks AS r",
       {}},
      {"warnings",
       "SELECT " + doc +
           "w.document_id), w.position, w.code, w.message, w.location_file, w.location_sheet, "
           "w.location_cells, w.location_table, w.location_row, w.location_page FROM warnings "
           "AS w",
       {}},
      {"plan_periods",
       "SELECT plan_key, " + doc +
           "p.document_id), period_number, is_latest, organisation, title, period, period_end, "
           "file FROM plan_periods AS p",
       {},
       -1},
      {"item_history",
       "SELECT plan_key, " + item_key("h.track_id") + ", period_number, period, " + doc +
           "h.document_id), " + item_key("h.item_row") +
           ", position, ref, item_id, theme, text, status, matched_by, match_similarity, " +
           item_key("h.previous_item") + ", previous_status FROM item_history AS h",
       {13},
       -1},
      {"latest_items",
       "SELECT organisation, plan_key, " + item_key("l.track_id") +
           ", item_key, status, progress, ref, item_id, theme, objective, text, due_raw, "
           "due_start, due_end, CAST(leads AS TEXT), file, period, period_end, " +
           item_key("l.item_row") + ", in_latest_period, matched_by FROM latest_items AS l",
       {},
       -1},
  };
  return list;
}

inline std::map<std::string, Rows> all_rows(sql::Connection& db, Tracks tracks = Tracks::compared) {
  std::map<std::string, Rows> tables;
  for (const auto& dump : dumps()) {
    if (tracks == Tracks::left_out && dump.import_order_columns < 0) continue;
    const auto query = db.prepare(dump.sql);
    Rows& rows = tables[dump.name];
    int columns = 0;
    while (query->step()) {
      if (columns == 0) {
        // The interface does not count columns: the select list's commas outside parentheses
        // do (the top-level FROM is the query's last).
        columns = 1;
        int depth = 0;
        for (const char c : dump.sql.substr(0, dump.sql.rfind(" FROM "))) {
          depth += c == '(' ? 1 : c == ')' ? -1 : 0;
          if (c == ',' && depth == 0) ++columns;
        }
        if (tracks == Tracks::left_out) columns -= dump.import_order_columns;
      }
      std::string line;
      for (int i = 0; i < columns; ++i) {
        if (i > 0) line += " | ";
        if (query->is_null(i)) {
          line += "<NULL>";
        } else if (std::find(dump.real_columns.begin(), dump.real_columns.end(), i) !=
                   dump.real_columns.end()) {
          char number[32];
          std::snprintf(number, sizeof number, "%.9g", query->real(i));
          line += number;
        } else {
          line += query->text(i);
        }
      }
      rows.push_back(std::move(line));
    }
    std::sort(rows.begin(), rows.end());
  }
  return tables;
}

}  // namespace trackport::test_pg
