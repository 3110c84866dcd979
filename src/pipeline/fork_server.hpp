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
  // The resident memory the workers may take together, a budget for the whole pool (the server
  // adds up their resident memory as they run; an address-space cap far above it is each
  // worker's backstop); 0: none. Past it, the server first lets idle workers go; then it stops
  // the busiest worker: if another file was converting at the time, its file is converted again
  // on its own (with nothing else running), and a file that passes the budget on its own is
  // that file's one line. So one file may use the whole budget, and the batch never more.
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
