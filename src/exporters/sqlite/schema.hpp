// The database schema (docs/DATABASE.md) and the checks made before reading or writing a file.
#pragma once

#include <string_view>

#include "exporters/database/schema_version.hpp"
#include "exporters/sqlite/sqlite_handle.hpp"

namespace trackport::sqlite {

// meta.schema_version of the databases this build writes and reads.
inline constexpr std::string_view kDatabaseSchemaVersion = sql::kSchemaVersion;

// For writing: creates the schema in an empty database (a new file), or checks an existing one
// and brings an older version up to date.
// Throws Error with a sentence for a person when the file is not an SQLite database, is some
// other program's database, or has a schema version this build does not know. Never changes
// such a file.
void prepare_schema_for_writing(Database& db);

// For reading: the same checks, without creating anything. false for an empty database (a 0-byte
// file), which holds no documents.
bool has_schema_for_reading(Database& db);

}  // namespace trackport::sqlite
