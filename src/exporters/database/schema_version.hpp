// The version of the database schema (docs/DATABASE.md) this build writes and reads, the same for
// SQLite and PostgreSQL: a change to the tables that an older trackport could not read or write
// correctly bumps it, with a migration for each engine.
#pragma once

#include <string_view>

namespace trackport::sql {

inline constexpr std::string_view kSchemaVersion = "3";

}  // namespace trackport::sql
