// Model -> rows of the database schema (docs/DATABASE.md), the same for SQLite and PostgreSQL:
// the column lists, the forms of the values (NULL for empty text, ISO dates, JSON arrays of
// names) and the item tracks.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "exporters/database/connection.hpp"
#include "model/document.hpp"

namespace trackport::sql {

class RowWriter;

class DocumentWriter {
 public:
  explicit DocumentWriter(Connection& db);
  DocumentWriter(const DocumentWriter&) = delete;
  DocumentWriter& operator=(const DocumentWriter&) = delete;
  ~DocumentWriter();

  // Inside a transaction the caller opened (and commits): deletes the document with the same
  // source sha256, if any, with everything under it, then stores this one and its items' tracks.
  // A document without a sha256 is always added.
  void write(const Document& document);

 private:
  std::unique_ptr<RowWriter> rows_;
};

// The end date of a period label ("Update June 2014" -> "2014-06-30"), by which the periods of a
// plan are put in order; nullopt for a label that names no date ("Quarter two").
std::optional<std::string> period_end(std::string_view period);

// The plan the document reports on (item_tracks.hpp, plan_key).
std::string plan_key_of(const Document& document);

}  // namespace trackport::sql
