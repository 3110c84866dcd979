// Model -> SQLite database: one transaction per Document (the rows: database/document_writer).
#include <fstream>
#include <optional>
#include <string>

#include "exporters/database/document_writer.hpp"
#include "exporters/sqlite/schema.hpp"
#include "exporters/sqlite/sqlite_exporter.hpp"
#include "exporters/sqlite/sqlite_handle.hpp"
#include "exporters/through_file.hpp"
#include "io/input.hpp"

namespace trackport {
namespace {

using sqlite::Database;

// With the default rollback journal every commit costs several fsyncs, and a batch commits once a
// document: 2,000 small documents took 12 s, mostly in fdatasync. Write-ahead logging with
// synchronous=NORMAL syncs only at checkpoints; a power cut may lose the last commits but never
// corrupts the file, and a re-run restores them. WAL also lets readers (diff, --skip-unchanged)
// read while a batch writes. When the batch ends the file goes back to the rollback journal, so
// at rest it is one self-contained file: a read-only reader of a WAL database would leave -wal
// and -shm files beside it, and WAL does not work over network file systems.
class FastCommits {
 public:
  explicit FastCommits(Database& db) : db_(db) {
    db_.execute("PRAGMA journal_mode = WAL");
    db_.execute("PRAGMA synchronous = NORMAL");
    // 64 MiB of page cache (the default is 2 MiB) keeps the item indexes of a large document in
    // memory while it is written.
    db_.execute("PRAGMA cache_size = -65536");
  }
  FastCommits(const FastCommits&) = delete;
  FastCommits& operator=(const FastCommits&) = delete;
  // Another connection still reading keeps the file in WAL; the last one to close merges the log.
  // Without waiting: another trackport writing the same file keeps it busy for a long time.
  ~FastCommits() {
    db_.try_execute("PRAGMA busy_timeout = 0");
    db_.try_execute("PRAGMA journal_mode = DELETE");
  }

 private:
  Database& db_;
};

}  // namespace

namespace {

// A database that does not exist yet is made, schema and all, under a temporary name and only
// then renamed into place (AtomicOutput), so a failure (a full disk, say) or a signal leaves no
// empty or partial file.
void create_database(const std::filesystem::path& path) {
  AtomicOutput file(path);
  try {
    Database db(file.temp_path(), Database::Mode::read_write_create);
    sqlite::prepare_schema_for_writing(db);
  } catch (const sqlite::Error& error) {
    std::error_code ignored;
    std::filesystem::remove(file.temp_path().string() + "-journal", ignored);
    throw sqlite::Error(file.in_terms_of_target(error.what()), error.code());
  }
  file.commit();
}

Database open_for_appending(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) create_database(path);
  return Database(path, Database::Mode::read_write_create);
}

// Each document in its own transaction, committed before the next is handed over.
class SqliteAppender final : public DocumentAppender {
 public:
  explicit SqliteAppender(const std::filesystem::path& path) : db_(open_for_appending(path)) {
    sqlite::prepare_schema_for_writing(db_);
    fast_commits_.emplace(db_);
    writer_.emplace(db_);
  }

  void append(const Document& document) override {
    try {
      sqlite::Transaction transaction(db_);
      writer_->write(document);
      transaction.commit();
    } catch (const sqlite::Error& error) {
      throw sqlite::Error(
          "cannot store " + document.source.file + " in the database: " + error.what(),
          error.code());
    }
  }

 private:
  Database db_;
  std::optional<FastCommits> fast_commits_;
  std::optional<sql::DocumentWriter> writer_;
};

}  // namespace

std::unique_ptr<DocumentAppender> open_sqlite_appender(const std::filesystem::path& path) {
  return std::make_unique<SqliteAppender>(path);
}

void write_sqlite(const std::vector<Document>& documents, const std::filesystem::path& path) {
  auto appender = open_sqlite_appender(path);
  for (const auto& document : documents) appender->append(document);
}

void write_sqlite(const std::vector<Document>& documents, std::ostream& out) {
  write_through_temporary_file(
      out, "sqlite", [&](const std::filesystem::path& path) { write_sqlite(documents, path); });
}

}  // namespace trackport
