// The database schema of docs/DATABASE.md in PostgreSQL's dialect, made on first use and checked
// (and brought up to date) before each batch.
#pragma once

#include "exporters/postgres/pg_connection.hpp"

namespace trackport::pg {

// For writing: creates the schema when the connection's schema (search_path) holds no trackport
// tables, or checks the version of the one there. Several processes starting at once make it
// once (they wait for each other on an advisory lock). Throws Error with a sentence for a person
// when the tables are some other program's, the version is newer than this build's, the server
// is read-only or the user may not write to the tables. Never changes such a database.
void prepare_schema_for_writing(Connection& db);

// For reading: the same checks, creating nothing. false when there are no trackport tables.
bool has_schema_for_reading(Connection& db);

}  // namespace trackport::pg
