#include "io/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <string_view>

namespace trackport {

namespace {

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    auto written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

// A crash must end the child: a handler the parent installed (a test framework's, the fork
// server's) would otherwise run on in this copy of it.
void default_crash_signals() {
  for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTERM, SIGINT, SIGHUP, SIGPIPE}) {
    std::signal(signal, SIG_DFL);
  }
}

// Only `keep` stays open above standard error, so no other pipe of this process waits on the
// child.
void close_other_descriptors(int keep) {
  if (keep > 3) ::close_range(3, static_cast<unsigned int>(keep) - 1, 0);
  ::close_range(static_cast<unsigned int>(keep) + 1, ~0U, 0);
}

// Reads the pipe until the child closes it, or stops at the deadline or past max_output.
void collect(int in, const ChildLimits& limits, ChildOutcome& outcome) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + limits.time_limit;
  pollfd ready{in, POLLIN, 0};
  char buffer[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      outcome.timed_out = true;
      return;
    }
    int polled = ::poll(&ready, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (polled < 0 && errno != EINTR) return;
    if (polled <= 0) continue;
    auto got = ::read(in, buffer, sizeof buffer);
    if (got > 0) {
      if (outcome.output.size() + static_cast<std::size_t>(got) > limits.max_output) {
        outcome.output_cut = true;
        return;
      }
      outcome.output.append(buffer, static_cast<std::size_t>(got));
    } else if (got == 0 || errno != EINTR) {
      return;
    }
  }
}

void record_status(int status, ChildOutcome& outcome) {
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
}

int wait_for(pid_t child) {
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return 0;  // already reaped elsewhere: the answer alone decides
  }
  return status;
}

// Waits for a child that may or may not have exited, for at most `grace`.
bool wait_a_while(pid_t child, int& status, std::chrono::milliseconds grace) {
  const auto deadline = std::chrono::steady_clock::now() + grace;
  for (;;) {
    pid_t done = ::waitpid(child, &status, WNOHANG);
    if (done == child) return true;
    if (done < 0 && errno != EINTR) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    ::usleep(5000);
  }
}

struct Pipe {
  int read = -1;
  int write = -1;
  bool open() {
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) return false;
    read = ends[0];
    write = ends[1];
    return true;
  }
};

[[noreturn]] void exec_program(const Program& program, int out) {
  default_crash_signals();
  ::setpgid(0, 0);
  // Should the caller die (a batch worker stopped at its own limit), the program goes too.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  int null = ::open("/dev/null", O_RDONLY);
  if (null >= 0) ::dup2(null, 0);
  ::dup2(out, 1);
  ::dup2(out, 2);
  close_other_descriptors(2);
  for (const std::string& assignment : program.environment) {
    auto equals = assignment.find('=');
    if (equals == std::string::npos) continue;
    ::setenv(assignment.substr(0, equals).c_str(), assignment.substr(equals + 1).c_str(), 1);
  }
  if (!program.working_directory.empty() && ::chdir(program.working_directory.c_str()) != 0) {
    ::_exit(127);
  }
  std::vector<char*> argv;
  for (const std::string& arg : program.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  ::execvp(argv[0], argv.data());
  ::_exit(127);
}

}  // namespace

ChildOutcome run_forked(const std::function<std::string()>& work, const ChildLimits& limits) {
  ChildOutcome outcome;
  Pipe pipe;
  if (!pipe.open()) return outcome;
  pid_t child = ::fork();
  if (child == 0) {
    // Nothing may unwind out of here into the parent's code that the child is a copy of.
    ::close(pipe.read);
    default_crash_signals();
    close_other_descriptors(pipe.write);
    try {
      write_all(pipe.write, work());
    } catch (...) {
      ::_exit(1);
    }
    ::_exit(0);
  }
  ::close(pipe.write);
  if (child < 0) {
    ::close(pipe.read);
    return outcome;
  }
  outcome.started = true;
  collect(pipe.read, limits, outcome);
  if (outcome.timed_out || outcome.output_cut) ::kill(child, SIGKILL);
  ::close(pipe.read);
  record_status(wait_for(child), outcome);
  return outcome;
}

ChildOutcome run_program(const Program& program, const ChildLimits& limits) {
  ChildOutcome outcome;
  if (program.argv.empty()) return outcome;
  Pipe pipe;
  if (!pipe.open()) return outcome;
  pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe.read);
    exec_program(program, pipe.write);
  }
  ::close(pipe.write);
  if (child < 0) {
    ::close(pipe.read);
    return outcome;
  }
  ::setpgid(child, child);  // also here, so the group exists whichever of the two runs first
  outcome.started = true;
  collect(pipe.read, limits, outcome);
  ::close(pipe.read);
  int status = 0;
  // The output closes when the program and everything it started have exited, or when they
  // closed it: give the program itself a moment to exit, then end the group either way.
  bool exited = !outcome.timed_out && !outcome.output_cut &&
                wait_a_while(child, status, std::chrono::milliseconds(2000));
  ::kill(-child, SIGKILL);
  if (!exited) status = wait_for(child);
  record_status(status, outcome);
  if (outcome.signal == 0 && outcome.exit_code == 127 && outcome.output.empty()) {
    outcome.started = false;  // exec failed: no such program
  }
  return outcome;
}

}  // namespace trackport
