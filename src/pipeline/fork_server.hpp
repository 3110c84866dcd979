// Crash isolation for a batch: a small single-threaded server, forked before the batch starts
// its threads, keeps a pool of worker processes forked from it. A worker inherits the batch's
// inputs and options as they are in memory (nothing is exec'd or parsed again), converts file
// after file and writes each one's documents back as JSON Lines. A crash, a hang past the time
// limit or an exhausted memory cap ends that worker only: the batch hears one line for the file,
// the server forks a new worker, and the batch goes on.
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
  double timeout_seconds = 0;  // wall-clock seconds a file may take; 0: none
  // The resident memory a file's conversion may take (the server stops a worker past it;
  // an address-space cap far above it is the backstop); 0: none.
  std::size_t memory_bytes = 0;
};

class ForkServer {
 public:
  // Converts input `index` of the batch (run in the child).
  using Convert = std::function<std::vector<Document>(std::size_t index)>;

  // Forks the server, which runs at most `workers` conversions at once (more requests wait in
  // it): call it while this process has no other thread.
  ForkServer(Convert convert, ProcessLimits limits, std::size_t workers);
  ~ForkServer();
  ForkServer(const ForkServer&) = delete;
  ForkServer& operator=(const ForkServer&) = delete;

  // Converts input `index` in a worker; thread-safe (one call per batch thread).
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
