// Rows of the database schema -> model, the same for SQLite and PostgreSQL: reading gives back
// the Document that was written (imported_at and period_end are the database's, not the model's).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "exporters/database/connection.hpp"
#include "model/document.hpp"

namespace trackport::sql {

// Reads whole documents by their documents.id; throws std::runtime_error naming the database
// when the rows are not what trackport writes. Read inside one transaction, so that a writer
// committing meanwhile cannot show half a document.
class DocumentReader {
 public:
  explicit DocumentReader(Connection& db);
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;
  ~DocumentReader();

  Document read(std::int64_t document_row);

 private:
  class Queries;
  std::unique_ptr<Queries> queries_;
};

// Every document's id, in import order (a re-imported document counts as imported when it was
// last written).
std::vector<std::int64_t> document_rows(Connection& db);

// The document whose source sha256 is file_or_sha256, else the last imported one whose source
// file is file_or_sha256 (as given when converting).
std::optional<std::int64_t> find_document(Connection& db, std::string_view file_or_sha256);

// The source sha256 of every stored document.
std::set<std::string> stored_sha256(Connection& db);

// Every document, in import order; the one find_document finds. Inside the caller's read
// transaction.
std::vector<Document> read_all_documents(Connection& db);
std::optional<Document> read_found_document(Connection& db, std::string_view file_or_sha256);

}  // namespace trackport::sql
