#include "pipeline/isolated.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "exporters/json/json_exporter.hpp"

namespace trackport {

namespace {

std::string self_executable() {
  char buffer[4096];
  auto length = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  if (length <= 0) throw std::runtime_error("cannot find the trackport executable to run a child");
  return std::string(buffer, static_cast<std::size_t>(length));
}

std::vector<std::string> child_arguments(const std::string& executable,
                                         const std::filesystem::path& file,
                                         const ChildSettings& settings) {
  std::vector<std::string> arguments = {executable, "convert", file.string(), "-o",     "-",
                                        "--format", "jsonl",   "--quiet",     "--jobs", "1"};
  if (!settings.mapping_spec.empty()) {
    arguments.insert(arguments.end(), {"--mapping", settings.mapping_spec});
  }
  if (!settings.organisation.empty()) {
    arguments.insert(arguments.end(), {"--organisation", settings.organisation});
  }
  if (!settings.period.empty()) arguments.insert(arguments.end(), {"--period", settings.period});
  for (const auto& folder : settings.mapping_folders) {
    arguments.insert(arguments.end(), {"--mappings", folder});
  }
  return arguments;
}

// Between fork and exec only async-signal-safe calls: dup2, setrlimit, execv, _exit.
[[noreturn]] void exec_child(const std::vector<std::string>& arguments, int out, int err,
                             const ChildLimits& limits) {
  ::dup2(out, STDOUT_FILENO);
  ::dup2(err, STDERR_FILENO);
  if (limits.memory_bytes > 0) {
    rlimit memory{limits.memory_bytes, limits.memory_bytes};
    ::setrlimit(RLIMIT_AS, &memory);
  }
  if (limits.timeout_seconds > 0) {
    // A backstop in CPU seconds, should the parent die before it can kill the child.
    auto cpu = static_cast<rlim_t>(limits.timeout_seconds) + 2;
    rlimit seconds{cpu, cpu};
    ::setrlimit(RLIMIT_CPU, &seconds);
  }
  std::vector<char*> argv;
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

struct ChildOutput {
  std::string out, err;
  bool timed_out = false;
};

// Reads both pipes until the child closes them or the deadline passes.
ChildOutput collect(int out, int err, pid_t child, double timeout_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto deadline =
      timeout_seconds > 0
          ? Clock::now() + std::chrono::milliseconds(static_cast<long>(timeout_seconds * 1000))
          : Clock::time_point::max();
  ChildOutput result;
  pollfd fds[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
  int open = 2;
  char buffer[65536];
  while (open > 0) {
    int wait_ms = -1;
    if (deadline != Clock::time_point::max()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        ::kill(child, SIGKILL);
        result.timed_out = true;
        break;
      }
      wait_ms = static_cast<int>(std::min<long>(left.count(), 1000));
    }
    if (::poll(fds, 2, wait_ms) < 0 && errno != EINTR) break;
    for (auto& fd : fds) {
      if (fd.fd < 0 || !(fd.revents & (POLLIN | POLLHUP | POLLERR))) continue;
      auto got = ::read(fd.fd, buffer, sizeof buffer);
      if (got > 0) {
        (fd.fd == out ? result.out : result.err).append(buffer, static_cast<std::size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        fd.fd = -1;
        --open;
      }
    }
  }
  return result;
}

// The child's own one-line reason, without its "trackport: FILE: " prefix.
std::string reason_from(const std::string& err, const std::filesystem::path& file) {
  auto line = err.substr(0, err.find('\n'));
  auto prefix = "trackport: " + file.string() + ": ";
  if (line.starts_with(prefix)) line.erase(0, prefix.size());
  return line.empty() ? "the conversion failed" : line;
}

}  // namespace

FileOutcome convert_in_child(const std::filesystem::path& file, const ChildSettings& settings,
                             const ChildLimits& limits) {
  FileOutcome outcome;
  outcome.path = file;
  const auto arguments = child_arguments(self_executable(), file, settings);
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("cannot create a pipe");
  if (::pipe2(err, O_CLOEXEC) != 0) {
    ::close(out[0]);
    ::close(out[1]);
    throw std::runtime_error("cannot create a pipe");
  }
  pid_t child = ::fork();
  if (child == 0) exec_child(arguments, out[1], err[1], limits);
  ::close(out[1]);
  ::close(err[1]);
  if (child < 0) {
    ::close(out[0]);
    ::close(err[0]);
    throw std::runtime_error("cannot start a child process");
  }
  auto output = collect(out[0], err[0], child, limits.timeout_seconds);
  ::close(out[0]);
  ::close(err[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (output.timed_out) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", limits.timeout_seconds);
    outcome.error = std::string("gave up after ") + seconds + " s (--timeout)";
  } else if (WIFSIGNALED(status)) {
    int signal = WTERMSIG(status);
    outcome.error = signal == SIGXCPU
                        ? "gave up: CPU time limit reached (--timeout)"
                        : "the conversion crashed (signal " + std::to_string(signal) + ")";
  } else if (WEXITSTATUS(status) != 0 || output.out.empty()) {
    outcome.error = reason_from(output.err, file);
    if (limits.memory_bytes > 0 && outcome.error.find("memory") != std::string::npos) {
      outcome.error += " (--memory-limit " + std::to_string(limits.memory_bytes >> 20) + " MB)";
    }
  } else {
    try {
      // JSON Lines: one document a line.
      std::size_t start = 0;
      while (start < output.out.size()) {
        auto end = output.out.find('\n', start);
        auto line = std::string_view(output.out).substr(start, end - start);
        if (!line.empty()) {
          for (auto& document : documents_from_json(nlohmann::ordered_json::parse(line))) {
            outcome.documents.push_back(std::move(document));
          }
        }
        if (end == std::string::npos) break;
        start = end + 1;
      }
    } catch (const std::exception& e) {
      outcome.documents.clear();
      outcome.error = std::string("could not read the child's result: ") + e.what();
    }
  }
  return outcome;
}

}  // namespace trackport
