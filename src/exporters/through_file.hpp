// For formats a library can only write to a named file (libxlsxwriter, SQLite): streaming them
// means writing a temporary file and copying it out. Header-only, so every exporter library can
// use it without linking another.
#pragma once

#include <filesystem>
#include <fstream>
#include <ostream>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>

namespace trackport {

// Calls write_file(path) on a fresh path in the system's temporary folder, copies the file to
// `out`, and removes it (with any SQLite journal left beside it) whatever happens.
template <typename WriteFile>
void write_through_temporary_file(std::ostream& out, std::string_view extension,
                                  WriteFile&& write_file) {
  std::random_device random;
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("trackport-" + std::to_string(random()) +
                                      std::to_string(random()) + "." + std::string(extension));
  struct RemoveOnExit {
    const std::filesystem::path& path;
    ~RemoveOnExit() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
      for (const char* suffix : {"-journal", "-wal", "-shm"}) {
        std::filesystem::remove(path.string() + suffix, ignored);
      }
    }
  } remove{path};
  write_file(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read back " + path.string());
  out << in.rdbuf();
  if (!out) throw std::runtime_error("writing to the output failed");
}

}  // namespace trackport
