// Keeping libxlsxwriter's own error lines off stderr.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

namespace trackport {

// libxlsxwriter reports its errors on stderr ("[ERROR] workbook_close(): ...") besides returning
// them; trackport says what went wrong in its one line, naming the output the user gave, so
// stderr points at /dev/null while one of these lives (around creating and saving a workbook).
class QuietStderr {
 public:
  QuietStderr() {
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved_ >= 0 && null >= 0) ::dup2(null, STDERR_FILENO);
    if (null >= 0) ::close(null);
  }
  QuietStderr(const QuietStderr&) = delete;
  QuietStderr& operator=(const QuietStderr&) = delete;
  ~QuietStderr() {
    std::fflush(stderr);
    if (saved_ >= 0) {
      ::dup2(saved_, STDERR_FILENO);
      ::close(saved_);
    }
  }

 private:
  int saved_ = -1;
};

}  // namespace trackport
