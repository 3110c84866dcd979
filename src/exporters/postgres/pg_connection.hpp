// A thin RAII layer over libpq: a connection made from any connection string libpq accepts
// (a postgresql:// URI or key=value pairs; the password from the string, PGPASSWORD or
// ~/.pgpass), statements prepared once a connection and reused, and a transaction that rolls back
// unless committed. Messages name the database by its connection string without the password.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "exporters/database/connection.hpp"

struct pg_conn;
struct pg_result;

namespace trackport::pg {

class Error : public std::runtime_error {
 public:
  Error(const std::string& message, std::string sqlstate = {}, bool connection_lost = false)
      : std::runtime_error(message),
        sqlstate_(std::move(sqlstate)),
        connection_lost_(connection_lost) {}
  // The server's SQLSTATE ("42501" insufficient privilege, ...), empty when not from the server.
  const std::string& sqlstate() const { return sqlstate_; }
  // The connection is gone (the server stopped, the network dropped): nothing more can be sent.
  bool connection_lost() const { return connection_lost_; }

 private:
  std::string sqlstate_;
  bool connection_lost_;
};

// postgresql://, postgres:// (a URI), or key=value pairs ("host=db dbname=plans"): a target
// that is a connection, not a file.
bool is_uri(std::string_view target);
bool looks_like_key_values(std::string_view target);

// The connection string as messages show it: "postgresql://user@host:port/dbname", never the
// password (nor anything else of the string: options may hold secrets too). Throws Error for a
// string libpq cannot parse, with libpq's reason, the password taken out.
std::string display_name(const std::string& conninfo);

class Connection final : public sql::Connection {
 public:
  // Connects; throws Error("<display name>: cannot connect: <libpq's reason>").
  explicit Connection(const std::string& conninfo);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() override;

  sql::Dialect dialect() const override { return sql::Dialect::postgresql; }
  std::string name() const override { return name_; }
  std::unique_ptr<sql::Statement> prepare(std::string_view sql) override;
  void execute(const char* sql) override;
  // From the table's identity sequence, in one round trip.
  std::optional<std::vector<std::int64_t>> reserve_ids(std::string_view table,
                                                       std::size_t count) override;

  pg_conn* handle() const { return conn_; }
  bool lost() const;
  // The same as execute() for clean-ups that may fail harmlessly (a ROLLBACK): false instead of
  // an exception.
  bool try_execute(const char* sql) noexcept;

  // Pipeline mode (libpq 14 and later): a statement whose result is not read (Statement::run) is
  // sent without waiting for the server's answer; the next one whose result is read (step(), a
  // COMMIT) waits for all of them, and an error of any is thrown there. A document's hundreds of
  // rows then cost a few round trips instead of one each, which matters most when the server is
  // across a network. Only between documents: entering needs an idle connection.
  void enter_pipeline();
  void leave_pipeline();
  // Runs a prepared statement with text parameters (nullptr for NULL). Returns its result when
  // `wait` (the caller PQclears it), else nullptr (in pipeline mode, at once). Throws Error.
  pg_result* run_prepared(const std::string& name, const std::vector<const char*>& values,
                          const std::vector<int>& lengths, bool wait);
  // The server-side name of the statement for `sql` (with '?' placeholders), prepared on first
  // use: statements live as long as the connection, so code that makes a Statement per call
  // costs no round trip to prepare it again.
  const std::string& prepared(std::string_view sql, int& parameters);
  // Throws Error("<name>: <context>: <the server's message>"), taking the result's SQLSTATE.
  [[noreturn]] void fail(std::string_view context, const pg_result* result) const;

 private:
  Error error_from(std::string_view context, const pg_result* result) const;
  // Sends what is queued to the server and reads every answer; returns the last one's result
  // when `keep_last`. Throws the first error.
  pg_result* wait_for_pipeline(bool keep_last);

  pg_conn* conn_ = nullptr;
  std::string name_;
  bool pipeline_ = false;
  int pending_ = 0;  // statements sent in pipeline mode whose answers are not read yet
  struct Prepared {
    std::string name;
    int parameters = 0;
  };
  std::map<std::string, Prepared, std::less<>> prepared_;
};

class Statement final : public sql::Statement {
 public:
  Statement(Connection& db, std::string_view sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() override;

  void bind_text(int index, std::string_view text) override;
  void bind_int(int index, std::int64_t value) override;
  void bind_double(int index, double value) override;
  void bind_null(int index) override;

  bool step() override;
  void run() override;
  void reset() override;

  bool is_null(int column) const override;
  std::string text(int column) const override;
  std::int64_t integer(int column) const override;
  double real(int column) const override;

 private:
  void execute(bool wait);
  std::string_view value(int column) const;

  Connection& db_;
  std::string name_;
  std::vector<std::string> values_;
  std::vector<bool> nulls_;
  pg_result* result_ = nullptr;
  int row_ = -1;
};

// BEGIN ... COMMIT; rolls back unless committed. A read transaction sees one snapshot (repeatable
// read), so a writer committing meanwhile cannot show half a document.
class Transaction {
 public:
  enum class Kind { read, write };
  explicit Transaction(Connection& db, Kind kind = Kind::write);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& db_;
  bool open_ = true;
};

// Pipeline mode for a scope (Connection::enter_pipeline), left when it ends.
class Pipeline {
 public:
  explicit Pipeline(Connection& db) : db_(db) { db_.enter_pipeline(); }
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;
  ~Pipeline() {
    try {
      db_.leave_pipeline();
    } catch (...) {  // a lost connection: nothing to leave
    }
  }

 private:
  Connection& db_;
};

// Waits, inside the current transaction, for the advisory lock named by `key` (released at
// commit or rollback). Keys are hashed to PostgreSQL's 64-bit lock space.
void lock_for_transaction(Connection& db, std::string_view key);

}  // namespace trackport::pg
