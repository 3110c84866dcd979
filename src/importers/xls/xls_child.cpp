#include "importers/xls/xls_child.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

#include "io/input.hpp"

namespace trackport {

namespace {

// The child's answer through the pipe: 'E' and a message, or 'W', the sheets and a closing 'Z'
// (so an answer cut short by a crash can never pass for a whole one). Numbers are 32-bit in the
// machine's own byte order: both ends are the same program.
class AnswerWriter {
 public:
  void mark(char kind) { bytes_.push_back(kind); }
  void number(std::size_t value) {
    auto narrow = static_cast<std::uint32_t>(value);
    char raw[sizeof narrow];
    std::memcpy(raw, &narrow, sizeof narrow);
    bytes_.append(raw, sizeof raw);
  }
  void text(std::string_view text) {
    number(text.size());
    bytes_.append(text);
  }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

class AnswerReader {
 public:
  explicit AnswerReader(std::string_view bytes) : bytes_(bytes) {}
  char mark() { return take(1)[0]; }
  std::uint32_t number() {
    std::uint32_t value = 0;
    std::memcpy(&value, take(sizeof value).data(), sizeof value);
    return value;
  }
  std::string text() { return std::string(take(number())); }
  bool at_end() const { return position_ == bytes_.size(); }

 private:
  std::string_view take(std::size_t size) {
    if (size > bytes_.size() - position_) throw cut_short();
    auto part = bytes_.substr(position_, size);
    position_ += size;
    return part;
  }
  static InputError cut_short() {
    return InputError("damaged .xls workbook (its reader stopped half-way)");
  }

  std::string_view bytes_;
  std::size_t position_ = 0;
};

std::string encode_sheets(const std::vector<XlsSheet>& sheets) {
  AnswerWriter out;
  out.mark('W');
  out.number(sheets.size());
  for (const XlsSheet& sheet : sheets) {
    out.text(sheet.name);
    out.number(sheet.rows.size());
    for (const SheetRow& row : sheet.rows) {
      out.number(static_cast<std::size_t>(row.number));
      out.number(row.cells.size());
      for (std::size_t i = 0; i < row.cells.size(); ++i) {
        out.number(static_cast<std::size_t>(row.columns[i]));
        out.text(row.cells[i].text);
      }
    }
  }
  out.mark('Z');
  return std::move(out.bytes());
}

std::string encode_error(std::string_view message) {
  AnswerWriter out;
  out.mark('E');
  out.text(message);
  return std::move(out.bytes());
}

SheetRow decode_row(AnswerReader& in) {
  SheetRow row;
  row.number = static_cast<int>(in.number());
  for (std::uint32_t count = in.number(); count > 0; --count) {
    row.columns.push_back(static_cast<int>(in.number()));
    row.cells.emplace_back().text = in.text();
  }
  return row;
}

std::vector<XlsSheet> decode_answer(std::string_view bytes) {
  AnswerReader in(bytes);
  char kind = in.mark();
  if (kind == 'E') throw InputError(in.text());
  std::vector<XlsSheet> sheets;
  // Counts are not trusted for reserving: each entry read checks that its bytes are there.
  for (std::uint32_t count = kind == 'W' ? in.number() : 0; count > 0; --count) {
    XlsSheet sheet{in.text(), {}};
    for (std::uint32_t rows = in.number(); rows > 0; --rows) sheet.rows.push_back(decode_row(in));
    sheets.push_back(std::move(sheet));
  }
  if (kind != 'W' || in.mark() != 'Z' || !in.at_end()) {
    throw InputError("damaged .xls workbook (its reader stopped half-way)");
  }
  return sheets;
}

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    auto written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

// The child: reads the workbook, writes its answer and exits, whatever happens. Nothing may
// unwind out of here into the parent's code that the child is a copy of.
[[noreturn]] void run_child(int out, const std::filesystem::path& file, std::size_t max_cells) {
  // A crash must end the child: a handler the parent installed (a test framework's, say) would
  // otherwise run on in this copy of it.
  for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(signal, SIG_DFL);
  // Only the answer pipe stays open, so no other pipe of this process waits on this child.
  if (out > 3) ::close_range(3, static_cast<unsigned int>(out) - 1, 0);
  ::close_range(static_cast<unsigned int>(out) + 1, ~0U, 0);
  try {
    std::string answer;
    try {
      answer = encode_sheets(read_xls_file(file, max_cells));
    } catch (const InputError& e) {
      answer = encode_error(e.what());
    } catch (const std::bad_alloc&) {
      answer = encode_error("not enough memory to read the .xls workbook");
    }
    write_all(out, answer);
  } catch (...) {
    ::_exit(1);
  }
  ::_exit(0);
}

struct ChildOutput {
  std::string answer;
  bool timed_out = false;
};

// Reads the pipe until the child closes it, or kills the child at the deadline.
ChildOutput collect(int in, pid_t child, std::chrono::milliseconds time_limit) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + time_limit;
  ChildOutput output;
  pollfd ready{in, POLLIN, 0};
  char buffer[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      ::kill(child, SIGKILL);
      output.timed_out = true;
      return output;
    }
    int polled = ::poll(&ready, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (polled < 0 && errno != EINTR) return output;
    if (polled <= 0) continue;
    auto got = ::read(in, buffer, sizeof buffer);
    if (got > 0) {
      output.answer.append(buffer, static_cast<std::size_t>(got));
    } else if (got == 0 || errno != EINTR) {
      return output;
    }
  }
}

int wait_for(pid_t child) {
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return 0;  // already reaped elsewhere: the answer alone decides
  }
  return status;
}

}  // namespace

std::vector<XlsSheet> read_xls_file_in_child(const std::filesystem::path& file,
                                             std::size_t max_cells,
                                             std::chrono::milliseconds time_limit) {
  int pipe_ends[2];
  if (::pipe2(pipe_ends, O_CLOEXEC) != 0) {
    throw std::runtime_error("cannot create a pipe to read the .xls workbook");
  }
  pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe_ends[0]);
    run_child(pipe_ends[1], file, max_cells);
  }
  ::close(pipe_ends[1]);
  if (child < 0) {
    ::close(pipe_ends[0]);
    throw std::runtime_error("cannot start a child process to read the .xls workbook");
  }
  ChildOutput output = collect(pipe_ends[0], child, time_limit);
  ::close(pipe_ends[0]);
  int status = wait_for(child);
  if (output.timed_out) {
    throw InputError("gave up reading the .xls workbook after " +
                     std::to_string(time_limit.count() / 1000) + " s");
  }
  if (WIFSIGNALED(status)) {
    throw InputError("damaged .xls workbook (freexl crashed on it: signal " +
                     std::to_string(WTERMSIG(status)) + ")");
  }
  return decode_answer(output.answer);
}

}  // namespace trackport
