#include "cli/crash.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <cstring>

#include "io/input.hpp"

namespace trackport::cli {

namespace {

std::atomic<const char*> g_context{nullptr};
pid_t g_reporting_process = 0;
std::array<char, 1 << 16> g_signal_stack{};  // for the handler when the main stack is exhausted

void write_text(const char* text) {
  if (text != nullptr) (void)!::write(STDERR_FILENO, text, std::strlen(text));
}

// strsignal is not async-signal-safe; the few signals handled are named here.
const char* signal_name(int signal) {
  switch (signal) {
    case SIGSEGV:
      return "11: segmentation fault";
    case SIGBUS:
      return "7: bus error";
    case SIGFPE:
      return "8: arithmetic exception";
    case SIGILL:
      return "4: illegal instruction";
    case SIGABRT:
      return "6: aborted";
    default:
      return "?";
  }
}

extern "C" void report_and_die(int signal) {
  remove_temporaries_now();
  if (::getpid() == g_reporting_process) {
    write_text("trackport: ");
    if (const char* input = g_context.load()) {
      write_text(input);
      write_text(": ");
    }
    write_text("the conversion crashed (signal ");
    write_text(signal_name(signal));
    write_text("); please report it with the file\n");
  }
  std::signal(signal, SIG_DFL);
  ::raise(signal);
}

}  // namespace

void report_crashes() {
  g_reporting_process = ::getpid();
  stack_t stack{};
  stack.ss_sp = g_signal_stack.data();
  stack.ss_size = g_signal_stack.size();
  ::sigaltstack(&stack, nullptr);
  struct sigaction action {};
  action.sa_handler = report_and_die;
  action.sa_flags = SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
    ::sigaction(signal, &action, nullptr);
}

void set_crash_context(const char* input) {
  g_context.store(input);
}

}  // namespace trackport::cli
