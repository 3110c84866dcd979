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

// Where an output path leads.
enum class OutputKind {
  file,    // a regular file, or nothing yet: written whole beside it, then renamed over it
  stream,  // a FIFO or a character device (/dev/null, a terminal): written straight, as a stream
};

// What `output` is; a symlink counts as what it points to. Throws std::runtime_error naming the
// output for anything else (a folder, a socket, a block device).
OutputKind output_kind(const std::filesystem::path& output);

// Writes to a temporary file beside the target and renames it over the target on commit(),
// so an output is never seen half-written. Without commit() the temporary file is removed, also
// when the process is stopped by SIGINT, SIGTERM or SIGHUP (see remove_temporaries_on_signals);
// one left by a SIGKILL is swept by the next AtomicOutput for the same target. A symlink is
// written through: the link stays and the file it points to is replaced. The target must be a
// regular file or not exist (output_kind says which can); anything else throws.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::filesystem::path target);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& target() const { return target_; }
  void commit();  // throws std::runtime_error when the rename fails
  // An error message with the temporary file's name replaced by the output's, so that errors
  // name the file the user asked for.
  std::string in_terms_of_target(std::string message) const;

 private:
  std::filesystem::path given_;   // as the user named it
  std::filesystem::path target_;  // the file renamed over: given_, or what its symlink points to
  std::filesystem::path temp_;
  int slot_ = -1;  // in the table of temporaries removed on a signal
  bool committed_ = false;
};

// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove every AtomicOutput's temporary
// file of this process, then end it by the same signal. Idempotent; the CLI calls it first.
void remove_temporaries_on_signals();
// Removes them now; async-signal-safe, for a crash handler. Only in the process that made them.
void remove_temporaries_now() noexcept;

}  // namespace trackport
