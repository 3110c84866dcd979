#include "exporters/sqlite/sqlite_handle.hpp"

#include <sqlite3.h>

namespace trackport::sqlite {
namespace {

// Another trackport writing the same database (a sharded batch on one machine) holds the lock for
// one document's transaction at a time; waiting this long covers a very large document.
constexpr int kBusyTimeoutMs = 60'000;

int open_flags(Database::Mode mode) {
  const int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  return mode == Database::Mode::read_only ? flags | SQLITE_OPEN_READONLY
                                           : flags | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
}

}  // namespace

Database::Database(const std::filesystem::path& path, Mode mode) : path_(path) {
  const std::string name = path.string();
  const int status = sqlite3_open_v2(name.c_str(), &db_, open_flags(mode), nullptr);
  if (status != SQLITE_OK) {
    const std::string message =
        db_ != nullptr ? sqlite3_errmsg(db_) : std::string(sqlite3_errstr(status));
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(name + ": cannot open the database: " + message, status & 0xFF);
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  // Off by default in SQLite, per connection; the ON DELETE CASCADE that replaces a re-imported
  // document relies on it.
  execute("PRAGMA foreign_keys = ON");
}

Database::~Database() {
  sqlite3_close(db_);
}

std::unique_ptr<sql::Statement> Database::prepare(std::string_view sql) {
  return std::make_unique<Statement>(*this, sql);
}

void Database::execute(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail("running SQL");
}

bool Database::try_execute(const char* sql) noexcept {
  return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

std::int64_t Database::last_insert_id() const {
  return sqlite3_last_insert_rowid(db_);
}

void Database::fail(std::string_view context) const {
  throw Error(path_.string() + ": " + std::string(context) + ": " + sqlite3_errmsg(db_),
              sqlite3_errcode(db_));
}

Statement::Statement(Database& db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &statement_, nullptr) != SQLITE_OK) {
    db.fail("preparing \"" + std::string(sql.substr(0, 60)) + "...\"");
  }
}

Statement::~Statement() {
  sqlite3_finalize(statement_);
}

void Statement::bind_text(int index, std::string_view text) {
  // SQLITE_TRANSIENT copies the text, so a temporary string may be bound.
  if (sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                          SQLITE_UTF8) != SQLITE_OK) {
    db_.fail("binding a text parameter");
  }
}

void Statement::bind_int(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) {
    db_.fail("binding an integer parameter");
  }
}

void Statement::bind_double(int index, double value) {
  if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK) {
    db_.fail("binding a number parameter");
  }
}

void Statement::bind_null(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) db_.fail("binding a NULL parameter");
}

bool Statement::step() {
  const int status = sqlite3_step(statement_);
  if (status == SQLITE_ROW) return true;
  if (status == SQLITE_DONE) return false;
  // The error stays on the statement until reset; reset it so the statement can be reused.
  const std::string message = sqlite3_errmsg(db_.handle());
  sqlite3_reset(statement_);
  throw Error(db_.path().string() + ": " + message, status & 0xFF);
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(statement_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_, column);
  if (bytes == nullptr) return {};
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement_, column));
  return std::string(reinterpret_cast<const char*>(bytes), size);
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double Statement::real(int column) const {
  return sqlite3_column_double(statement_, column);
}

Transaction::Transaction(Database& db, Kind kind) : db_(db) {
  db_.execute(kind == Kind::write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
  // A failed statement may already have ended the transaction; the ROLLBACK error is then
  // meaningless, and a destructor must not throw.
  if (open_) db_.try_execute("ROLLBACK");
}

void Transaction::commit() {
  db_.execute("COMMIT");
  open_ = false;
}

}  // namespace trackport::sqlite
