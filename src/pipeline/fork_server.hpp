// Crash isolation for a batch: a small single-threaded process, forked before the batch starts
// its threads, forks one child per file. The child inherits the batch's inputs and options as
// they are in memory (nothing is exec'd or parsed again), converts its one file, writes the
// documents back as JSON Lines and exits. A crash, a hang past the time limit or an exhausted
// memory cap ends that child only: the batch hears one line for the file and goes on.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <mutex>
#include <vector>

#include "model/document.hpp"
#include "pipeline/convert.hpp"

namespace trackport {

struct ProcessLimits {
  double timeout_seconds = 0;    // wall-clock seconds a file may take; 0: none
  std::size_t memory_bytes = 0;  // the child's address-space cap; 0: none
};

class ForkServer {
 public:
  // Converts input `index` of the batch (run in the child).
  using Convert = std::function<std::vector<Document>(std::size_t index)>;

  // Forks the server: call it while this process has no other thread.
  ForkServer(Convert convert, ProcessLimits limits);
  ~ForkServer();
  ForkServer(const ForkServer&) = delete;
  ForkServer& operator=(const ForkServer&) = delete;

  // Converts input `index` in a child of the server; thread-safe (one call per batch thread).
  // `path` names the file in the outcome.
  FileOutcome convert(std::size_t index, const std::filesystem::path& path);

 private:
  Convert convert_;
  ProcessLimits limits_;
  int socket_ = -1;  // the parent's end; in the server, its own end
  pid_t server_ = -1;
  std::mutex sending_;
};

}  // namespace trackport
