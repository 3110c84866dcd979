// Model <-> PostgreSQL: the rows are database/document_writer's and document_reader's; this file
// adds the connection, the schema, the locks that let shards write at once, and what happens when
// the server goes away.
#include "exporters/postgres/postgres_exporter.hpp"

#include <algorithm>

#include "exporters/database/document_reader.hpp"
#include "exporters/database/document_writer.hpp"
#include "exporters/postgres/pg_connection.hpp"
#include "exporters/postgres/pg_schema.hpp"

namespace trackport {
namespace {

// Before a document's rows are touched, inside its transaction: its sha256 first (so two
// processes never store one file twice), then every plan whose tracks it changes, in one fixed
// order (so two processes never wait for each other in a circle): its own plan, and the plan of
// the document it replaces, whose later periods lose their links to it.
void lock_document(pg::Connection& db, const Document& document) {
  std::vector<std::string> plans = {sql::plan_key_of(document)};
  if (!document.source.sha256.empty()) {
    pg::lock_for_transaction(db, "sha256 " + document.source.sha256);
    pg::Statement replaced(db, "SELECT plan_key FROM documents WHERE sha256 = ?");
    replaced.bind_text(1, document.source.sha256);
    if (replaced.step() && !replaced.is_null(0)) plans.push_back(replaced.text(0));
  }
  std::sort(plans.begin(), plans.end());
  plans.erase(std::unique(plans.begin(), plans.end()), plans.end());
  for (const auto& plan : plans) pg::lock_for_transaction(db, "plan " + plan);
}

class PostgresAppender final : public DocumentAppender {
 public:
  explicit PostgresAppender(std::string conninfo) : conninfo_(std::move(conninfo)) { connect(); }

  void append(const Document& document) override {
    // After a lost connection each document tries once to connect again: a server restarted
    // meanwhile takes the rest of the batch.
    if (!db_) reconnect();
    try {
      pg::Pipeline pipeline(*db_);
      pg::Transaction transaction(*db_);
      lock_document(*db_, document);
      writer_->write(document);
      transaction.commit();
    } catch (const pg::Error& error) {
      // libpq may report a server gone away on the statement before it marks the connection
      // bad: ask it once more (the transaction is rolled back by now) before blaming the file.
      if (!db_->lost() && db_->try_execute("SELECT 1")) {
        throw std::runtime_error("cannot store " + document.source.file +
                                 " in the database: " + error.what());
      }
      const std::string message = error.what();
      writer_.reset();
      db_.reset();
      throw OutputUnavailable(message +
                              " (the connection was lost; the documents stored "
                              "before are kept: run the same command again to store "
                              "the rest)");
    }
  }

 private:
  void connect() {
    db_ = std::make_unique<pg::Connection>(conninfo_);
    pg::prepare_schema_for_writing(*db_);
    writer_ = std::make_unique<sql::DocumentWriter>(*db_);
  }

  void reconnect() {
    try {
      connect();
    } catch (const pg::Error& error) {
      writer_.reset();
      db_.reset();
      throw OutputUnavailable(std::string(error.what()) +
                              " (the documents stored before are kept: run the same command "
                              "again to store the rest)");
    }
  }

  std::string conninfo_;
  std::unique_ptr<pg::Connection> db_;
  std::unique_ptr<sql::DocumentWriter> writer_;
};

// A connection whose schema can be read; nullptr for a database with no trackport tables.
std::unique_ptr<pg::Connection> open_for_reading(const std::string& conninfo) {
  auto db = std::make_unique<pg::Connection>(conninfo);
  if (!pg::has_schema_for_reading(*db)) db.reset();
  return db;
}

}  // namespace

bool is_postgres_uri(std::string_view target) {
  return pg::is_uri(target);
}

std::unique_ptr<DocumentAppender> open_postgres_appender(const std::string& conninfo) {
  return std::make_unique<PostgresAppender>(conninfo);
}

void write_postgres_documents(const std::vector<Document>& documents, const std::string& conninfo) {
  auto appender = open_postgres_appender(conninfo);
  for (const auto& document : documents) appender->append(document);
}

std::vector<Document> read_postgres_documents(const std::string& conninfo) {
  auto db = open_for_reading(conninfo);
  if (!db) return {};
  pg::Transaction snapshot(*db, pg::Transaction::Kind::read);
  auto documents = sql::read_all_documents(*db);
  snapshot.commit();
  return documents;
}

std::optional<Document> read_postgres_document(const std::string& conninfo,
                                               std::string_view file_or_sha256) {
  auto db = open_for_reading(conninfo);
  if (!db) return std::nullopt;
  pg::Transaction snapshot(*db, pg::Transaction::Kind::read);
  auto document = sql::read_found_document(*db, file_or_sha256);
  snapshot.commit();
  return document;
}

std::set<std::string> postgres_sha256(const std::string& conninfo) {
  auto db = open_for_reading(conninfo);
  if (!db) return {};
  return sql::stored_sha256(*db);
}

std::string shown_postgres(const std::string& conninfo) {
  try {
    return pg::display_name(conninfo);
  } catch (const pg::Error&) {
    return "a PostgreSQL database";
  }
}

}  // namespace trackport
