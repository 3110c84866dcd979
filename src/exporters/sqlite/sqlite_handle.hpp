// A thin RAII layer over the sqlite3 C API: a database handle, prepared statements with bound
// parameters, and a transaction that rolls back unless committed. Errors throw sqlite::Error
// naming the database file and SQLite's own message.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "exporters/database/connection.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace trackport::sqlite {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, int code = 0)
      : std::runtime_error(message), code_(code) {}
  // SQLite's primary result code (SQLITE_NOTADB, SQLITE_CONSTRAINT, ...), 0 when not from SQLite.
  int code() const { return code_; }

 private:
  int code_;
};

class Database final : public sql::Connection {
 public:
  enum class Mode { read_only, read_write_create };

  // Opens (or, in read_write_create mode, creates) the file. SQLite reads the file lazily, so a
  // file that is not a database is only noticed by the first statement.
  Database(const std::filesystem::path& path, Mode mode);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database() override;

  sql::Dialect dialect() const override { return sql::Dialect::sqlite; }
  std::string name() const override { return path_.string(); }
  std::unique_ptr<sql::Statement> prepare(std::string_view sql) override;

  sqlite3* handle() const { return db_; }
  const std::filesystem::path& path() const { return path_; }

  // Runs SQL without parameters or result rows (schema, PRAGMA, BEGIN/COMMIT); may hold several
  // statements.
  void execute(const char* sql) override;
  // The same, for clean-ups that may fail harmlessly: false instead of an exception.
  bool try_execute(const char* sql) noexcept;
  // The rowid (INTEGER PRIMARY KEY) of the last row this connection inserted.
  std::int64_t last_insert_id() const;
  // Throws Error("<path>: <context>: <SQLite's message>").
  [[noreturn]] void fail(std::string_view context) const;

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

// A prepared statement, reused across rows: bind, then run() or step() through the rows, then
// reset() (run() resets by itself).
class Statement final : public sql::Statement {
 public:
  Statement(Database& db, std::string_view sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() override;

  // Parameters count from 1, as in SQL.
  void bind_text(int index, std::string_view text) override;
  void bind_int(int index, std::int64_t value) override;
  void bind_double(int index, double value) override;
  void bind_null(int index) override;

  // true while a row is available; false once done. Throws on error.
  bool step() override;
  // Executes a statement that returns no rows, then resets it for the next use.
  void run() override;
  void reset() override;

  // Columns count from 0. NULL reads as "" and 0.
  bool is_null(int column) const override;
  std::string text(int column) const override;
  std::int64_t integer(int column) const override;
  double real(int column) const override;

 private:
  Database& db_;
  sqlite3_stmt* statement_ = nullptr;
};

// A write transaction begins IMMEDIATE, taking the write lock at once, so two writers wait for
// each other (busy timeout) instead of failing when one upgrades a read lock. A read transaction
// gives a consistent view over several statements. Rolls back unless committed.
class Transaction {
 public:
  enum class Kind { read, write };
  explicit Transaction(Database& db, Kind kind = Kind::write);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace trackport::sqlite
