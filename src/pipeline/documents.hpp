// Every way a source yields Documents, in one place for `diff` and the library: any input
// trackport converts (through the importer registry and the mapping engine, or read back as it
// was written for trackport's standard workbook), a trackport JSON output, and a trackport
// database (a SQLite file, or a PostgreSQL server), whole or one document of it.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"
#include "pipeline/convert.hpp"

namespace trackport {

// A source that gave no documents: one line, "SOURCE: what is wrong", the source as given (a
// connection string without its password).
class SourceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// True when `spec` names a trackport database or a document in one: tracker.sqlite (.sqlite3,
// .db), tracker.sqlite:FILE or tracker.sqlite:SHA256, postgresql://HOST/DB, optionally #FILE or
// #SHA256.
bool names_database(const std::string& spec);

// How messages show a source: a connection string without its password.
std::string shown_source(const std::string& spec);

// Every way a source yields Documents, the one dispatch for `convert`, `diff` and the library:
// a database (by its name, or a file starting "SQLite format 3\0"), trackport JSON (a document
// or an array of them whose first member is schema_version, or any .json, refused in one line
// when it is not trackport's), trackport's standard workbook read back, or a file converted by
// its importer and the mapping engine. With ConvertOptions::import.format (--from) a file always
// goes through that importer. Throws InputError: one line without the source's name, as a
// batch reports it.
std::vector<Document> documents_from(const std::string& spec, const ConvertOptions& options);

// Documents trackport stored, told by a file's first bytes (and its extension).
enum class StoredDocuments { none, json, sqlite };
inline constexpr std::size_t kStoredDocumentsHead = 64;  // bytes stored_documents_in needs
StoredDocuments stored_documents_in(std::string_view head, const std::string& extension);

// Every document `spec` holds: a database's (or the one it names), a trackport .json's, or the
// documents of converting the file. Throws SourceError.
std::vector<Document> load_documents(const std::string& spec, const ConvertOptions& options);

// The one document `spec` holds (what `diff` compares): a source holding several is an error that
// says how to name one. A document naming no source file is given `spec` as its name.
// Throws SourceError.
Document load_one_document(const std::string& spec, const ConvertOptions& options);

}  // namespace trackport
