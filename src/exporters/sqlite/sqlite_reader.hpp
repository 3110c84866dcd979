// Database -> model, for `trackport diff`, --skip-unchanged and round trips. Reading gives back
// the Document that was written (imported_at and period_end are the database's, not the
// model's). All functions open the file read-only and throw std::runtime_error (sqlite::Error)
// when it is missing, is not a trackport database, or has a schema version this build does not
// know.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace trackport {

// Every document, in import order (a re-imported document counts as imported when it was last
// written).
std::vector<Document> read_documents(const std::filesystem::path& db);

// The document whose source sha256 is file_or_sha256, else the last imported one whose source
// file is file_or_sha256 (as given when converting); nullopt when none matches.
std::optional<Document> read_document(const std::filesystem::path& db,
                                      std::string_view file_or_sha256);

// The source sha256 of every stored document; empty when the file does not exist.
std::set<std::string> known_sha256(const std::filesystem::path& db);

}  // namespace trackport
