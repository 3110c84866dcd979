#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "io/child_process.hpp"

using namespace trackport;
using namespace std::chrono_literals;

namespace {

ChildLimits limits(std::chrono::milliseconds time) {
  ChildLimits out;
  out.time_limit = time;
  return out;
}

// True while a process is alive (a zombie, killed but not yet reaped, counts as gone).
bool alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

}  // namespace

TEST_CASE("child process: a forked function's answer comes back") {
  ChildOutcome outcome =
      run_forked([] { return std::string("answer\0with a zero", 18); }, limits(10s));
  CHECK(outcome.ok());
  CHECK(outcome.output == std::string("answer\0with a zero", 18));
}

TEST_CASE("child process: a crash, an exception, a hang and a flood are outcomes, not crashes") {
  ChildOutcome crashed = run_forked(
      []() -> std::string {
        std::raise(SIGSEGV);
        return "never";
      },
      limits(10s));
  CHECK(crashed.started);
  CHECK(crashed.signal == SIGSEGV);
  CHECK_FALSE(crashed.ok());

  ChildOutcome threw =
      run_forked([]() -> std::string { throw std::runtime_error("no"); }, limits(10s));
  CHECK(threw.exit_code == 1);
  CHECK(threw.output.empty());

  auto start = std::chrono::steady_clock::now();
  ChildOutcome hung = run_forked(
      []() -> std::string {
        for (;;) ::pause();
      },
      limits(200ms));
  CHECK(hung.timed_out);
  CHECK(hung.signal == SIGKILL);
  CHECK(std::chrono::steady_clock::now() - start < 5s);

  ChildLimits small = limits(10s);
  small.max_output = 1000;
  ChildOutcome flood = run_forked([] { return std::string(100000, 'x'); }, small);
  CHECK(flood.output_cut);
  CHECK(flood.output.size() <= 1000);
}

TEST_CASE("child process: a program's output and exit status") {
  Program echo;
  echo.argv = {"sh", "-c", "echo \"$GREETING\"; echo to-stderr >&2; exit 3"};
  echo.environment = {"GREETING=hello"};
  ChildOutcome outcome = run_program(echo, limits(10s));
  CHECK(outcome.started);
  CHECK(outcome.exit_code == 3);
  CHECK(outcome.output == "hello\nto-stderr\n");

  Program missing;
  missing.argv = {"/nonexistent/program"};
  CHECK_FALSE(run_program(missing, limits(10s)).started);
}

TEST_CASE("child process: nothing a program started outlives it, finished or stopped") {
  // The program leaves a grandchild behind that keeps its output open: the group is killed.
  Program leaves;
  leaves.argv = {"sh", "-c", "sleep 30 & echo $!"};
  ChildOutcome finished = run_program(leaves, limits(3s));
  REQUIRE_FALSE(finished.output.empty());
  pid_t grandchild = std::stoi(finished.output);
  for (int i = 0; i < 200 && alive(grandchild); ++i) std::this_thread::sleep_for(10ms);
  CHECK_FALSE(alive(grandchild));

  // A program past its time limit: it and its children are killed.
  Program hangs;
  hangs.argv = {"sh", "-c", "sleep 30 & echo $!; sleep 30"};
  auto start = std::chrono::steady_clock::now();
  ChildOutcome stopped = run_program(hangs, limits(500ms));
  CHECK(stopped.timed_out);
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  REQUIRE_FALSE(stopped.output.empty());
  pid_t sleeper = std::stoi(stopped.output);
  for (int i = 0; i < 200 && alive(sleeper); ++i) std::this_thread::sleep_for(10ms);
  CHECK_FALSE(alive(sleeper));
}
