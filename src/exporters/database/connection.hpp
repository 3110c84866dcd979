// What the database code shared by the SQLite and PostgreSQL outputs needs of a database: a
// connection that prepares statements, and statements that take parameters and give rows. The
// shared code writes its SQL once, in the dialect both engines read (parameters as '?', new ids
// through INSERT ... RETURNING id); each engine's handle makes it its own.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trackport::sql {

// A prepared statement, reused across rows: bind, then run() or step() through the rows, then
// reset() (run() resets by itself). Errors throw std::runtime_error (the engine's own kind).
class Statement {
 public:
  virtual ~Statement() = default;

  // Parameters count from 1, as in SQL.
  virtual void bind_text(int index, std::string_view text) = 0;
  virtual void bind_int(int index, std::int64_t value) = 0;
  virtual void bind_double(int index, double value) = 0;
  virtual void bind_null(int index) = 0;

  // true while a row is available; false once done.
  virtual bool step() = 0;
  // Executes a statement that returns no rows, then resets it for the next use.
  virtual void run() = 0;
  virtual void reset() = 0;

  // Columns count from 0. NULL reads as "" and 0.
  virtual bool is_null(int column) const = 0;
  virtual std::string text(int column) const = 0;
  virtual std::int64_t integer(int column) const = 0;
  virtual double real(int column) const = 0;

  // Runs an INSERT ... RETURNING id and gives the new row's id.
  std::int64_t insert() {
    step();
    const std::int64_t id = integer(0);
    reset();
    return id;
  }
};

// Where the SQL of the two engines differs in what the shared code asks.
enum class Dialect { sqlite, postgresql };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // How messages name the database: its file, or a connection string without its password.
  virtual std::string name() const = 0;
  virtual std::unique_ptr<Statement> prepare(std::string_view sql) = 0;
  // Runs SQL without parameters or result rows; may hold several statements.
  virtual void execute(const char* sql) = 0;
  // `count` new ids of `table`, taken ahead in one request, where that saves waiting for each
  // row's id (a server across a network); nullopt where the engine gives ids as cheaply itself.
  virtual std::optional<std::vector<std::int64_t>> reserve_ids(std::string_view /*table*/,
                                                               std::size_t /*count*/) {
    return std::nullopt;
  }
};

}  // namespace trackport::sql
