// Running work that may crash, hang or run away in a child process, and reading back what it
// says: the one runner for every child trackport starts (the .xls reader, LibreOffice).
//
//  - run_forked: a forked copy of this process (no exec) runs a function and sends its answer
//    back through a pipe. A crash, or a child past its time limit, is a ChildOutcome the caller
//    turns into its one-line error, never a crash of the caller.
//  - run_program: exec's a program in a process group of its own, its standard output and error
//    read back; at its end, whether it finished, crashed or ran out of time, the whole group is
//    killed, so nothing it started (LibreOffice's soffice.bin) outlives it.
//
// A forked child must not need a lock another thread held at the fork: glibc keeps malloc and
// stdio usable in the child, and the time limit covers the unlikely case of a lock left held.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace trackport {

struct ChildLimits {
  std::chrono::milliseconds time_limit{60'000};
  std::size_t max_output = std::size_t{1} << 30;  // bytes of answer; more and the child is killed
};

struct ChildOutcome {
  std::string output;       // what the child wrote (its answer, or a program's stdout+stderr)
  bool started = false;     // false: no child could be started (no pipe, no fork, no exec)
  bool timed_out = false;   // killed at its time limit
  bool output_cut = false;  // killed for writing more than max_output
  int signal = 0;           // the signal that ended it, 0 when it exited
  int exit_code = 0;        // its exit status when it exited
  bool ok() const { return started && !timed_out && !output_cut && signal == 0 && exit_code == 0; }
};

// Runs `work` in a forked child and returns the bytes it returned. An exception out of `work`
// ends the child with exit code 1 (and no output).
ChildOutcome run_forked(const std::function<std::string()>& work, const ChildLimits& limits);

struct Program {
  std::vector<std::string> argv;            // argv[0] is looked up on PATH without a '/'
  std::vector<std::string> environment;     // "NAME=VALUE" set over the inherited ones
  std::filesystem::path working_directory;  // empty: the caller's
};

// Runs the program with standard input from /dev/null and standard output and error into
// ChildOutcome::output. started is false when it could not be exec'd (exit code 127).
ChildOutcome run_program(const Program& program, const ChildLimits& limits);

}  // namespace trackport
