// The "postgresql" exporter: appends Documents to a PostgreSQL database (docs/DATABASE.md, the
// same tables and views as the SQLite output), one transaction per document, so that many
// processes on many machines can fill one database at once (docs/SCALE.md).
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "exporters/exporter.hpp"
#include "model/document.hpp"

namespace trackport {

// A target that is a PostgreSQL connection string given as a URI (postgresql://, postgres://).
bool is_postgres_uri(std::string_view target);

// A connection string as messages show it: postgresql://user@host:port/dbname, no password.
std::string shown_postgres(const std::string& conninfo);

// The database at `conninfo` open for documents one at a time: the schema made or checked first
// (a newer version, another program's tables, a read-only server or user refused with one
// sentence), then each document in its own transaction. A document with the sha256 of one already
// stored replaces it; two processes storing documents of one plan (or one sha256) at once wait for
// each other on an advisory lock, so the tracks that chain a plan's periods stay whole. Throws
// pg::Error (a std::runtime_error) when the database cannot be reached or used, and
// OutputUnavailable from append() when the connection is lost.
std::unique_ptr<DocumentAppender> open_postgres_appender(const std::string& conninfo);

// Every document through open_postgres_appender, in order.
void write_postgres_documents(const std::vector<Document>& documents, const std::string& conninfo);

// Database -> model, as the SQLite reader (sqlite_reader.hpp): every document in import order;
// the one with a source sha256 or file; the stored sha256s (empty when the database has no
// trackport tables yet). Each reads one snapshot.
std::vector<Document> read_postgres_documents(const std::string& conninfo);
std::optional<Document> read_postgres_document(const std::string& conninfo,
                                               std::string_view file_or_sha256);
std::set<std::string> postgres_sha256(const std::string& conninfo);

// Inline, as SqliteExporter, so that this library does not need the registry's Exporter
// definitions to link.
class PostgresExporter final : public Exporter {
 public:
  std::string_view name() const override { return "postgresql"; }
  // Chosen by a postgresql:// or postgres:// output (exporter_for), or --format postgresql.
  std::vector<std::string_view> extensions() const override { return {}; }
  bool can_stream() const override { return false; }
  bool writes_in_place() const override { return true; }
  bool output_is_connection() const override { return true; }
  std::string shown_output(const std::string& output) const override {
    return shown_postgres(output);
  }
  std::set<std::string> stored_sha256(const std::string& output) const override {
    return postgres_sha256(output);
  }
  void write(const std::vector<Document>& /*documents*/, std::ostream& /*out*/) const override {
    throw std::runtime_error(
        "the postgresql format writes into a database: give -o postgresql://... (a connection "
        "string)");
  }
  void write_file(const std::vector<Document>& documents,
                  const std::filesystem::path& conninfo) const override {
    write_postgres_documents(documents, conninfo.string());
  }
  std::unique_ptr<DocumentAppender> open_appender(
      const std::filesystem::path& conninfo) const override {
    return open_postgres_appender(conninfo.string());
  }
};

}  // namespace trackport
