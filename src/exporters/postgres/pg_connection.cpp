#include "exporters/postgres/pg_connection.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>

#include "exporters/postgres/libpq_loader.hpp"

namespace trackport::pg {
namespace {

// A connection that cannot be made in this long is reported rather than waited on for ever (the
// connection string's own connect_timeout wins).
constexpr const char* kConnectTimeoutSeconds = "10";

void ignore_notice(void* /*arg*/, const char* /*message*/) {}

// libpq's messages end in a newline and may run over several lines ("\n\tThis probably means
// ..."): one line, the first.
std::string first_line(std::string message) {
  const auto end = message.find('\n');
  if (end != std::string::npos) message.erase(end);
  while (!message.empty() && (message.back() == ' ' || message.back() == '\r')) message.pop_back();
  for (const std::string_view prefix : {"FATAL:  ", "ERROR:  "}) {
    if (message.starts_with(prefix)) message.erase(0, prefix.size());
  }
  return message;
}

// The passwords a connection string holds: the URI's user:password@ and every password=.
std::vector<std::string> passwords_in(std::string_view conninfo) {
  std::vector<std::string> found;
  const auto scheme = conninfo.find("://");
  if (is_uri(conninfo) && scheme != std::string_view::npos) {
    const auto start = scheme + 3;
    const auto at = conninfo.find('@', start);
    const auto slash = conninfo.find('/', start);
    if (at != std::string_view::npos && at < slash) {
      const auto colon = conninfo.find(':', start);
      if (colon != std::string_view::npos && colon < at) {
        found.emplace_back(conninfo.substr(colon + 1, at - colon - 1));
      }
    }
  }
  for (auto at = conninfo.find("password"); at != std::string_view::npos;
       at = conninfo.find("password", at + 1)) {
    auto value = conninfo.find_first_not_of(" =", at + 8);
    if (value == std::string_view::npos || value == at + 8) continue;
    const char quote = conninfo[value] == '\'' ? '\'' : '\0';
    if (quote) ++value;
    const auto end = conninfo.find_first_of(quote ? "'" : " &", value);
    found.emplace_back(conninfo.substr(value, end == std::string_view::npos ? end : end - value));
  }
  std::erase_if(found, [](const std::string& password) { return password.empty(); });
  return found;
}

std::string without_passwords(std::string message, std::string_view conninfo) {
  for (const auto& password : passwords_in(conninfo)) {
    for (auto at = message.find(password); at != std::string::npos;
         at = message.find(password, at)) {
      message.replace(at, password.size(), "****");
    }
  }
  return message;
}

// A host in a URI: a socket folder's slashes percent-encoded, as libpq reads them back.
std::string uri_host(std::string_view host) {
  std::string out;
  for (const char c : host) {
    if (c == '/') {
      out += "%2F";
    } else {
      out += c;
    }
  }
  return out;
}

// "?" placeholders -> "$1", "$2", ... outside quoted text; counts them.
std::string numbered_placeholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  char quote = 0;
  count = 0;
  for (const char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++count);
      continue;
    }
    out += c;
  }
  return out;
}

// FNV-1a: the same key gives the same lock in every process.
std::int64_t lock_key(std::string_view key) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : key) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return static_cast<std::int64_t>(hash);
}

}  // namespace

bool is_uri(std::string_view target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

bool looks_like_key_values(std::string_view target) {
  const auto equals = target.find('=');
  if (equals == std::string_view::npos || equals == 0) return false;
  // "dbname=plans host=db": the first word is a keyword, not a path.
  const auto keyword = target.substr(0, equals);
  return keyword.find_first_of("/. ") == std::string_view::npos;
}

std::string display_name(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = libpq().PQconninfoParse(conninfo.c_str(), &error);
  if (options == nullptr) {
    std::string reason = error ? first_line(error) : "out of memory";
    libpq().PQfreemem(error);
    throw Error("not a PostgreSQL connection string: " + without_passwords(reason, conninfo));
  }
  std::map<std::string, std::string, std::less<>> values;
  for (auto* option = options; option->keyword != nullptr; ++option) {
    if (option->val != nullptr && *option->val != '\0') values[option->keyword] = option->val;
  }
  libpq().PQconninfoFree(options);
  std::string name = "postgresql://";
  if (values.contains("user")) name += values["user"] + "@";
  if (values.contains("host")) {
    name += uri_host(values["host"]);
  } else if (values.contains("hostaddr")) {
    name += values["hostaddr"];
  }
  if (values.contains("port")) name += ":" + values["port"];
  name += "/";
  if (values.contains("dbname")) name += values["dbname"];
  return name;
}

Connection::Connection(const std::string& conninfo) : name_(display_name(conninfo)) {
  const char* keywords[] = {"connect_timeout", "dbname", "fallback_application_name",
                            "client_encoding", nullptr};
  const char* values[] = {kConnectTimeoutSeconds, conninfo.c_str(), "trackport", "UTF8", nullptr};
  conn_ = libpq().PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn_ == nullptr) throw Error(name_ + ": cannot connect: out of memory");
  if (libpq().PQstatus(conn_) != CONNECTION_OK) {
    const std::string reason =
        without_passwords(first_line(libpq().PQerrorMessage(conn_)), conninfo);
    libpq().PQfinish(conn_);
    conn_ = nullptr;
    throw Error(name_ + ": cannot connect: " + reason, {}, true);
  }
  libpq().PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
}

Connection::~Connection() {
  libpq().PQfinish(conn_);
}

std::unique_ptr<sql::Statement> Connection::prepare(std::string_view sql) {
  return std::make_unique<Statement>(*this, sql);
}

void Connection::execute(const char* sql) {
  if (pipeline_) {
    // One statement, through the extended protocol (BEGIN, COMMIT, ROLLBACK).
    if (libpq().PQsendQueryParams(conn_, sql, 0, nullptr, nullptr, nullptr, nullptr, 0) != 1) {
      fail("sending SQL", nullptr);
    }
    ++pending_;
    libpq().PQclear(wait_for_pipeline(false));
    return;
  }
  PGresult* result = libpq().PQexec(conn_, sql);
  const auto status = libpq().PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    try {
      fail("running SQL", result);
    } catch (...) {
      libpq().PQclear(result);
      throw;
    }
  }
  libpq().PQclear(result);
}

std::optional<std::vector<std::int64_t>> Connection::reserve_ids(std::string_view table,
                                                                 std::size_t count) {
  std::vector<std::int64_t> ids;
  if (count == 0) return ids;
  ids.reserve(count);
  Statement next(*this,
                 "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, "
                 "CAST(? AS integer))");
  next.bind_text(1, table);
  next.bind_int(2, static_cast<std::int64_t>(count));
  while (next.step()) ids.push_back(next.integer(0));
  return ids;
}

bool Connection::lost() const {
  return libpq().PQstatus(conn_) == CONNECTION_BAD;
}

bool Connection::try_execute(const char* sql) noexcept {
  try {
    if (lost()) return false;
    execute(sql);
    return true;
  } catch (...) {
    return false;
  }
}

void Connection::enter_pipeline() {
  if (pipeline_) return;
  if (libpq().PQenterPipelineMode(conn_) != 1) fail("entering pipeline mode", nullptr);
  pipeline_ = true;
  pending_ = 0;
}

void Connection::leave_pipeline() {
  if (!pipeline_) return;
  if (pending_ > 0 && !lost()) libpq().PQclear(wait_for_pipeline(false));
  pipeline_ = false;
  pending_ = 0;
  if (!lost()) libpq().PQexitPipelineMode(conn_);
}

pg_result* Connection::run_prepared(const std::string& name, const std::vector<const char*>& values,
                                    const std::vector<int>& lengths, bool wait) {
  const int count = static_cast<int>(values.size());
  if (!pipeline_) {
    PGresult* result = libpq().PQexecPrepared(conn_, name.c_str(), count, values.data(),
                                              lengths.data(), nullptr, 0);
    const auto status = libpq().PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      const Error error = error_from("running a statement", result);
      libpq().PQclear(result);
      throw error;
    }
    if (wait) return result;
    libpq().PQclear(result);
    return nullptr;
  }
  if (libpq().PQsendQueryPrepared(conn_, name.c_str(), count, values.data(), lengths.data(),
                                  nullptr, 0) != 1) {
    fail("sending a statement", nullptr);
  }
  ++pending_;
  // Answers are read now and then, so that neither side's buffers fill while the other waits.
  constexpr int kMostPending = 2000;
  if (!wait && pending_ < kMostPending) return nullptr;
  return wait_for_pipeline(wait);
}

pg_result* Connection::wait_for_pipeline(bool keep_last) {
  if (libpq().PQpipelineSync(conn_) != 1) fail("sending to the server", nullptr);
  const int answers = pending_;
  pending_ = 0;
  std::optional<Error> first_error;
  PGresult* last = nullptr;
  for (int i = 0; i < answers; ++i) {
    PGresult* result = libpq().PQgetResult(conn_);
    if (result == nullptr) {
      if (lost()) fail("reading the server's answer", nullptr);
      continue;
    }
    const auto status = libpq().PQresultStatus(result);
    if (status == PGRES_FATAL_ERROR && !first_error) {
      first_error = error_from("running a statement", result);
    }
    if (keep_last && i + 1 == answers && !first_error) {
      last = result;
    } else {
      libpq().PQclear(result);
    }
    libpq().PQclear(libpq().PQgetResult(conn_));  // the NULL that ends each statement's answers
  }
  // The sync point's own answer.
  while (PGresult* result = libpq().PQgetResult(conn_)) {
    const bool sync = libpq().PQresultStatus(result) == PGRES_PIPELINE_SYNC;
    libpq().PQclear(result);
    if (sync) break;
  }
  if (first_error) {
    libpq().PQclear(last);
    throw *first_error;
  }
  if (lost()) {
    libpq().PQclear(last);
    fail("reading the server's answer", nullptr);
  }
  return last;
}

const std::string& Connection::prepared(std::string_view sql, int& parameters) {
  if (const auto found = prepared_.find(sql); found != prepared_.end()) {
    parameters = found->second.parameters;
    return found->second.name;
  }
  Prepared statement;
  const std::string numbered = numbered_placeholders(sql, statement.parameters);
  statement.name = "trackport_" + std::to_string(prepared_.size() + 1);
  if (pipeline_) {
    // Its answer is read with the statements after it, which the server runs after it.
    if (libpq().PQsendPrepare(conn_, statement.name.c_str(), numbered.c_str(), 0, nullptr) != 1) {
      fail("preparing \"" + std::string(sql.substr(0, 60)) + "...\"", nullptr);
    }
    ++pending_;
    parameters = statement.parameters;
    return prepared_.emplace(std::string(sql), std::move(statement)).first->second.name;
  }
  PGresult* result = libpq().PQprepare(conn_, statement.name.c_str(), numbered.c_str(), 0, nullptr);
  if (libpq().PQresultStatus(result) != PGRES_COMMAND_OK) {
    try {
      fail("preparing \"" + std::string(sql.substr(0, 60)) + "...\"", result);
    } catch (...) {
      libpq().PQclear(result);
      throw;
    }
  }
  libpq().PQclear(result);
  parameters = statement.parameters;
  return prepared_.emplace(std::string(sql), std::move(statement)).first->second.name;
}

void Connection::fail(std::string_view context, const pg_result* result) const {
  throw error_from(context, result);
}

Error Connection::error_from(std::string_view context, const pg_result* result) const {
  std::string message;
  std::string sqlstate;
  if (result != nullptr) {
    if (const char* primary = libpq().PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) {
      message = primary;
    }
    if (const char* state = libpq().PQresultErrorField(result, PG_DIAG_SQLSTATE)) sqlstate = state;
  }
  if (message.empty()) message = first_line(libpq().PQerrorMessage(conn_));
  if (message.empty()) message = "no answer from the server";
  const bool gone = lost();
  return Error(name_ + ": " + std::string(context) + ": " + message, sqlstate, gone);
}

Statement::Statement(Connection& db, std::string_view sql) : db_(db) {
  int parameters = 0;
  name_ = db.prepared(sql, parameters);
  values_.resize(static_cast<std::size_t>(parameters));
  nulls_.assign(static_cast<std::size_t>(parameters), true);
}

Statement::~Statement() {
  libpq().PQclear(result_);
}

void Statement::bind_text(int index, std::string_view text) {
  const auto at = static_cast<std::size_t>(index - 1);
  values_.at(at).assign(text);
  nulls_[at] = false;
}

void Statement::bind_int(int index, std::int64_t value) {
  bind_text(index, std::to_string(value));
}

void Statement::bind_double(int index, double value) {
  if (std::isnan(value)) return bind_text(index, "NaN");
  if (std::isinf(value)) return bind_text(index, value > 0 ? "Infinity" : "-Infinity");
  char buffer[32];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
  bind_text(index, std::string_view(buffer, static_cast<std::size_t>(written.ptr - buffer)));
}

void Statement::bind_null(int index) {
  nulls_.at(static_cast<std::size_t>(index - 1)) = true;
}

void Statement::execute(bool wait) {
  std::vector<const char*> values(values_.size());
  std::vector<int> lengths(values_.size());
  for (std::size_t i = 0; i < values_.size(); ++i) {
    values[i] = nulls_[i] ? nullptr : values_[i].c_str();
    lengths[i] = static_cast<int>(values_[i].size());
  }
  libpq().PQclear(result_);
  result_ = nullptr;
  result_ = db_.run_prepared(name_, values, lengths, wait);
  row_ = -1;
}

bool Statement::step() {
  if (result_ == nullptr) execute(true);
  ++row_;
  return row_ < libpq().PQntuples(result_);
}

void Statement::run() {
  execute(false);
  reset();
}

void Statement::reset() {
  libpq().PQclear(result_);
  result_ = nullptr;
  row_ = -1;
}

bool Statement::is_null(int column) const {
  return libpq().PQgetisnull(result_, row_, column) == 1;
}

std::string_view Statement::value(int column) const {
  return {libpq().PQgetvalue(result_, row_, column),
          static_cast<std::size_t>(libpq().PQgetlength(result_, row_, column))};
}

std::string Statement::text(int column) const {
  return std::string(value(column));
}

std::int64_t Statement::integer(int column) const {
  const auto text_form = value(column);
  std::int64_t number = 0;
  std::from_chars(text_form.data(), text_form.data() + text_form.size(), number);
  return number;
}

double Statement::real(int column) const {
  const auto text_form = value(column);
  if (text_form == "NaN") return std::nan("");
  if (text_form == "Infinity") return HUGE_VAL;
  if (text_form == "-Infinity") return -HUGE_VAL;
  double number = 0;
  std::from_chars(text_form.data(), text_form.data() + text_form.size(), number);
  return number;
}

Transaction::Transaction(Connection& db, Kind kind) : db_(db) {
  db_.execute(kind == Kind::write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

Transaction::~Transaction() {
  // A destructor must not throw; a lost connection has rolled back by itself.
  if (open_) db_.try_execute("ROLLBACK");
}

void Transaction::commit() {
  db_.execute("COMMIT");
  open_ = false;
}

void lock_for_transaction(Connection& db, std::string_view key) {
  Statement lock(db, "SELECT pg_advisory_xact_lock(CAST(? AS bigint))");
  lock.bind_int(1, lock_key(key));
  lock.run();
}

}  // namespace trackport::pg
