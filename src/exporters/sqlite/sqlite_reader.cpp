// SQLite database -> model (the rows: database/document_reader).
#include "exporters/sqlite/sqlite_reader.hpp"

#include <cstdint>
#include <memory>

#include "exporters/database/document_reader.hpp"
#include "exporters/sqlite/schema.hpp"
#include "exporters/sqlite/sqlite_handle.hpp"

namespace trackport {
namespace {

using sqlite::Database;

// An open database with a trackport schema, or null when the database is empty.
std::unique_ptr<Database> open_for_reading(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) {
    throw sqlite::Error(path.string() + ": no such database");
  }
  auto db = std::make_unique<Database>(path, Database::Mode::read_only);
  if (!sqlite::has_schema_for_reading(*db)) db.reset();
  return db;
}

}  // namespace

std::vector<Document> read_documents(const std::filesystem::path& path) {
  auto db = open_for_reading(path);
  if (!db) return {};
  // One read transaction: a writer committing meanwhile cannot show half a document.
  sqlite::Transaction snapshot(*db, sqlite::Transaction::Kind::read);
  auto documents = sql::read_all_documents(*db);
  snapshot.commit();
  return documents;
}

std::optional<Document> read_document(const std::filesystem::path& path,
                                      std::string_view file_or_sha256) {
  auto db = open_for_reading(path);
  if (!db) return std::nullopt;
  sqlite::Transaction snapshot(*db, sqlite::Transaction::Kind::read);
  auto document = sql::read_found_document(*db, file_or_sha256);
  snapshot.commit();
  return document;
}

std::set<std::string> known_sha256(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return {};
  auto db = open_for_reading(path);
  if (!db) return {};
  return sql::stored_sha256(*db);
}

}  // namespace trackport
