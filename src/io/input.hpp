// Reading input files and writing output files safely.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace trackport {

// An input that could not be read or understood. what() is one line saying what is wrong,
// without the file name (the caller adds it).
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An input file read whole into memory.
struct InputFile {
  std::filesystem::path path;  // as given
  std::string bytes;
  std::string sha256;  // lower-case hex
};

inline constexpr std::size_t kMaxInputBytes = std::size_t{2} << 30;  // 2 GiB

// Reads a file; throws InputError when it is missing, a directory, unreadable, or too large.
InputFile read_input(const std::filesystem::path& path, std::size_t max_bytes = kMaxInputBytes);

std::string sha256_hex(std::string_view bytes);

// Lower-case extension without the dot ("xlsx"), "" if none.
std::string extension_of(const std::filesystem::path& path);

// Writes to a temporary file beside the target and renames it over the target on commit(),
// so an output is never seen half-written. Without commit() the temporary file is removed.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::filesystem::path target);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& target() const { return target_; }
  void commit();  // throws std::runtime_error when the rename fails

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

}  // namespace trackport
