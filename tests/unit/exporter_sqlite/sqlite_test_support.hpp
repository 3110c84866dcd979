// Scratch folders and direct SQL for the database tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "exporters/sqlite/sqlite_handle.hpp"

namespace trackport::test {

// A fresh folder under the system temp folder, removed with everything in it.
class ScratchFolder {
 public:
  ScratchFolder() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("trackport-sqlite-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The single value of a query such as "SELECT count(*) FROM items".
inline std::int64_t query_integer(const std::filesystem::path& db, const std::string& sql) {
  sqlite::Database database(db, sqlite::Database::Mode::read_only);
  sqlite::Statement query(database, sql);
  if (!query.step()) throw std::runtime_error("no row for " + sql);
  return query.integer(0);
}

// The first row's first column as text; "<NULL>" for NULL, "<no row>" when there is none.
inline std::string query_text(const std::filesystem::path& db, const std::string& sql) {
  sqlite::Database database(db, sqlite::Database::Mode::read_only);
  sqlite::Statement query(database, sql);
  if (!query.step()) return "<no row>";
  return query.is_null(0) ? "<NULL>" : query.text(0);
}

inline void execute(const std::filesystem::path& db, const char* sql) {
  sqlite::Database database(db, sqlite::Database::Mode::read_write_create);
  database.execute(sql);
}

inline std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace trackport::test
