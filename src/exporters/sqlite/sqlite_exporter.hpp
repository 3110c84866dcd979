// The "sqlite" exporter: appends Documents to an SQLite database (docs/DATABASE.md), one
// transaction per document; a document whose source sha256 is already there replaces it.
#pragma once

#include <filesystem>
#include <ostream>
#include <string_view>
#include <vector>

#include "exporters/exporter.hpp"
#include "exporters/sqlite/sqlite_reader.hpp"
#include "model/document.hpp"

namespace trackport {

// Opens or creates the database at path and writes each document in its own transaction. A
// document with the sha256 of one already stored replaces it and everything under it (it then
// counts as imported now); one without a sha256 is always added. Throws std::runtime_error
// (sqlite::Error) when the file is not a trackport database or has a newer schema, leaving it
// untouched, and when a document cannot be written, leaving the documents before it written and
// that one as it was.
void write_sqlite(const std::vector<Document>& documents, const std::filesystem::path& path);

// The database at path open for documents one at a time, each in its own transaction. A new
// database is made with its schema under a temporary name beside path and then renamed into
// place, so a failure (a full disk, say) leaves no empty file behind.
std::unique_ptr<DocumentAppender> open_sqlite_appender(const std::filesystem::path& path);

// Builds a new database in a temporary file and copies its bytes to out.
void write_sqlite(const std::vector<Document>& documents, std::ostream& out);

// Inline, so that this library does not need the registry's Exporter definitions to link.
class SqliteExporter final : public Exporter {
 public:
  std::string_view name() const override { return "sqlite"; }
  std::vector<std::string_view> extensions() const override { return {"sqlite", "sqlite3", "db"}; }
  bool can_stream() const override { return false; }
  bool writes_in_place() const override { return true; }
  void write(const std::vector<Document>& documents, std::ostream& out) const override {
    write_sqlite(documents, out);
  }
  void write_file(const std::vector<Document>& documents,
                  const std::filesystem::path& path) const override {
    write_sqlite(documents, path);
  }
  std::unique_ptr<DocumentAppender> open_appender(
      const std::filesystem::path& path) const override {
    return open_sqlite_appender(path);
  }
  std::set<std::string> stored_sha256(const std::string& output) const override {
    return known_sha256(output);
  }
};

}  // namespace trackport
