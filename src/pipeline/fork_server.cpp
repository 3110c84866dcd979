#include "pipeline/fork_server.hpp"

#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <new>
#include <sstream>
#include <stdexcept>
#include <string>

#include "exporters/json/json_exporter.hpp"

namespace trackport {

namespace {

// AddressSanitizer reserves terabytes of address space for its shadow: an address-space cap
// would fail its every allocation, so the sanitizer build runs without one.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif

constexpr int kForkFailed = -1;  // the status the server sends when it could not fork
constexpr int kOverMemory = -2;  // ... when it stopped a worker that passed the memory limit
// ... when it stopped a worker for the pool's memory while another file was converting too: the
// file is sent again, to be converted with nothing else running.
constexpr int kRetryAlone = -3;

// Resident memory, from /proc/PID/statm; 0 when it cannot be read.
std::size_t resident_bytes(pid_t pid) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/statm", static_cast<int>(pid));
  FILE* file = std::fopen(path, "r");
  if (!file) return 0;
  unsigned long size = 0, resident = 0;
  const int got = std::fscanf(file, "%lu %lu", &size, &resident);
  std::fclose(file);
  static const long page = ::sysconf(_SC_PAGESIZE);
  return got == 2 ? static_cast<std::size_t>(resident) * static_cast<std::size_t>(page) : 0;
}

// How often the server adds up the workers' resident memory while any is busy: often enough
// that a file allocating fast overshoots the budget by little (reading a few statm files costs
// microseconds).
constexpr int kMemoryCheckMs = 20;

// The address-space cap a worker runs under: not the limit itself (libraries and allocators
// reserve far more address space than they touch, so a cap at the limit fails files that fit
// it with misleading errors) but a backstop, far above it, for memory allocated faster than
// the server looks.
std::size_t address_space_backstop(std::size_t memory_bytes) {
  return std::max(memory_bytes * 4, memory_bytes + (std::size_t{4} << 30));
}

struct Request {
  std::uint64_t index = 0;
  std::uint64_t alone = 0;  // 1: convert it with no other file converting
};

// A request: the input's index, with one or two descriptors (the result's; the status's).
bool send_request(int socket, std::size_t index, bool alone, int result_fd, int status_fd) {
  Request request{index, alone ? 1u : 0u};
  iovec data{&request, sizeof request};
  const int fds[2] = {result_fd, status_fd};
  const std::size_t count = status_fd >= 0 ? 2 : 1;
  alignas(cmsghdr) char control[CMSG_SPACE(2 * sizeof(int))] = {};
  msghdr message{};
  message.msg_iov = &data;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = CMSG_SPACE(count * sizeof(int));
  cmsghdr* header = CMSG_FIRSTHDR(&message);
  header->cmsg_level = SOL_SOCKET;
  header->cmsg_type = SCM_RIGHTS;
  header->cmsg_len = CMSG_LEN(count * sizeof(int));
  std::memcpy(CMSG_DATA(header), fds, count * sizeof(int));
  ssize_t sent;
  while ((sent = ::sendmsg(socket, &message, MSG_NOSIGNAL)) < 0 && errno == EINTR) {
  }
  return sent == static_cast<ssize_t>(sizeof request);
}

// 0: the other end closed; 1: a request (status_fd -1 when it came with one descriptor);
// -1: a broken message.
int receive_request(int socket, Request& request, int& result_fd, int& status_fd) {
  iovec data{&request, sizeof request};
  alignas(cmsghdr) char control[CMSG_SPACE(2 * sizeof(int))] = {};
  msghdr message{};
  message.msg_iov = &data;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  ssize_t got;
  while ((got = ::recvmsg(socket, &message, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) {
  }
  if (got <= 0) return 0;
  cmsghdr* header = CMSG_FIRSTHDR(&message);
  if (got != static_cast<ssize_t>(sizeof request) || !header || header->cmsg_type != SCM_RIGHTS)
    return -1;
  const std::size_t count = (header->cmsg_len - CMSG_LEN(0)) / sizeof(int);
  if (count < 1 || count > 2) return -1;
  int fds[2] = {-1, -1};
  std::memcpy(fds, CMSG_DATA(header), count * sizeof(int));
  result_fd = fds[0];
  status_fd = fds[1];
  return 1;
}

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t wrote = ::write(fd, bytes.data(), bytes.size());
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return;
    bytes.remove_prefix(static_cast<std::size_t>(wrote));
  }
}

std::string read_all(int fd) {
  std::string out;
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return out;
    out.append(buffer, static_cast<std::size_t>(got));
  }
}

bool read_status(int fd, int& status) {
  std::size_t have = 0;
  char* into = reinterpret_cast<char*>(&status);
  while (have < sizeof status) {
    const ssize_t got = ::read(fd, into + have, sizeof status - have);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    have += static_cast<std::size_t>(got);
  }
  return true;
}

// A worker converts file after file (its heap is reused, as it would be in one process) and is
// replaced once it has done this many, so that what one file leaves behind does not pile up
// (one that keeps half the memory limit after a file retires at once: run_worker). Each new
// worker starts cold (its own heap, a library's lazy set-up), so not too often.
constexpr std::size_t kFilesPerWorker = 2048;

void arm_timer(double seconds) {
  itimerval timer{};
  timer.it_value.tv_sec = static_cast<time_t>(seconds);
  timer.it_value.tv_usec = static_cast<suseconds_t>(std::fmod(seconds, 1.0) * 1e6);
  ::setitimer(ITIMER_REAL, &timer, nullptr);  // 0 disarms it
}

std::string converted(const ForkServer::Convert& convert, const ProcessLimits& limits,
                      std::size_t index) {
  try {
    std::ostringstream out;
    out << "ok\n";
    write_documents_a_line(convert(index), out);
    return std::move(out).str();
  } catch (const std::bad_alloc&) {
    std::string line = "error\nout of memory while reading the file";
    if (limits.memory_bytes > 0)
      line += " (--memory-limit " + std::to_string(limits.memory_bytes >> 20) + " MB)";
    return line;
  } catch (const std::exception& e) {
    return std::string("error\n") + e.what();
  }
}

// A worker's life: a file a request, its result on the request's descriptor, "done" to the
// server; the time limit runs per file (SIGALRM's default action ends the worker).
[[noreturn]] void run_worker(const ForkServer::Convert& convert, const ProcessLimits& limits,
                             std::size_t keep_bytes, int socket) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  ::signal(SIGALRM, SIG_DFL);
  if (limits.memory_bytes > 0 && !kAddressSanitizer) {
    const rlim_t cap = address_space_backstop(limits.memory_bytes);
    rlimit memory{cap, cap};
    ::setrlimit(RLIMIT_AS, &memory);
  }
  for (;;) {
    Request request;
    int result_fd = -1, unused = -1;
    if (receive_request(socket, request, result_fd, unused) != 1) ::_exit(0);
    if (unused >= 0) ::close(unused);
    if (limits.timeout_seconds > 0) arm_timer(limits.timeout_seconds);
    const std::string result = converted(convert, limits, static_cast<std::size_t>(request.index));
    arm_timer(0);
    write_all(result_fd, result);
    ::close(result_fd);
    // A file that failed may have taken the worker up to its budget (a span amplifier); give
    // the freed memory back, or a batch's workers would each keep their worst file's peak.
    if (result.starts_with("error\n")) ::malloc_trim(0);
    // A worker still holding much of its share of the pool's memory after a big file would
    // take it from the files to come: it gives the memory back, or makes way for a fresh worker.
    bool retire = false;
    if (keep_bytes > 0 && resident_bytes(::getpid()) > keep_bytes) {
      ::malloc_trim(0);
      retire = resident_bytes(::getpid()) > keep_bytes;
    }
    // "r": done, and retiring (the server sends it nothing more); "d": done.
    write_all(socket, retire ? "r" : "d");
    if (retire) ::_exit(0);
  }
}

// A request the server holds: waiting for a worker, or sent to one. The server keeps its own copy
// of the result's descriptor until the request ends, so that a request sent to a worker that
// died before starting it can be sent again (the batch sees the end of the result only then).
struct Pending {
  std::size_t index = 0;
  int result_fd = -1;
  int status_fd = -1;
  bool alone = false;
};

struct Worker {
  pid_t pid = -1;
  int socket = -1;  // the server's end; -1 once closed
  // Sent to it, in order: it works on the first; the others wait in its socket, so that it
  // starts its next file the moment it finishes one, without waiting for the server to run.
  std::deque<Pending> queue;
  std::size_t files = 0;
  bool over_memory = false;  // stopped by the server for the pool's memory
  bool crowded = false;      // ... while another file was converting too
};

// How many requests a worker holds at once: the one it converts and the next. (Three let a
// worker hoard files at the batch's end while another has none: measured, no better.)
constexpr std::size_t kQueuedPerWorker = 2;

struct ServerState {
  const ForkServer::Convert& convert;
  const ProcessLimits& limits;
  std::size_t most_workers;
  std::size_t keep_bytes;  // what a worker may keep between files (its share of the budget, halved)
  int socket;
  int signals;
  sigset_t old_mask;
  std::vector<Worker> workers;
  // The batch keeps more requests in flight than there are workers; those no worker holds wait
  // here.
  std::deque<Pending> waiting;
};

void report(int& status_fd, int status) {
  write_all(status_fd, std::string_view(reinterpret_cast<const char*>(&status), sizeof status));
  ::close(status_fd);
  status_fd = -1;
}

// The request at the front of `worker`'s queue ended: its status goes to the batch.
void finish_front(Worker& worker, int status) {
  Pending& done = worker.queue.front();
  ::close(done.result_fd);  // the batch reads the result to its end once the worker's copy is
                            // closed too
  report(done.status_fd, status);
  worker.queue.pop_front();
}

// Requests a worker held but never started go back to the front of the waiting line, in order.
void take_back(ServerState& state, Worker& worker) {
  while (!worker.queue.empty()) {
    state.waiting.push_front(worker.queue.back());
    worker.queue.pop_back();
  }
}

// The worker must not inherit the descriptors of any request: a copy left open would keep a
// result pipe from ever ending.
Worker* start_worker(ServerState& state) {
  int ends[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ends) != 0) return nullptr;
  const pid_t pid = ::fork();
  if (pid == 0) {
    for (const Worker& other : state.workers) {
      if (other.socket >= 0) ::close(other.socket);
      for (const Pending& held : other.queue) {
        ::close(held.result_fd);
        ::close(held.status_fd);
      }
    }
    for (const Pending& held : state.waiting) {
      ::close(held.result_fd);
      ::close(held.status_fd);
    }
    ::close(ends[0]);
    ::close(state.signals);
    ::close(state.socket);
    ::sigprocmask(SIG_SETMASK, &state.old_mask, nullptr);
    run_worker(state.convert, state.limits, state.keep_bytes, ends[1]);
  }
  ::close(ends[1]);
  if (pid < 0) {
    ::close(ends[0]);
    return nullptr;
  }
  state.workers.push_back({pid, ends[0], {}, 0, false, false});
  return &state.workers.back();
}

std::size_t live_workers(const ServerState& state) {
  return static_cast<std::size_t>(std::count_if(state.workers.begin(), state.workers.end(),
                                                [](const Worker& w) { return w.socket >= 0; }));
}

bool can_take(const Worker& worker, std::size_t queued) {
  return worker.socket >= 0 && worker.queue.size() == queued && worker.files < kFilesPerWorker &&
         (queued == 0 || !worker.queue.front().alone);
}

// Gives `request` to an idle worker, a new one while there are fewer than the batch asked for,
// or, when it need not convert alone, as the next file of a busy one; false (the request
// untouched) when none can take it.
bool hand_out(ServerState& state, const Pending& request) {
  Worker* chosen = nullptr;
  for (Worker& worker : state.workers)
    if (can_take(worker, 0)) chosen = &worker;
  if (!chosen && live_workers(state) < state.most_workers) {
    chosen = start_worker(state);
    if (!chosen) {
      ::close(request.result_fd);
      int status_fd = request.status_fd;
      report(status_fd, kForkFailed);
      return true;
    }
  }
  for (std::size_t queued = 1; !chosen && !request.alone && queued < kQueuedPerWorker; ++queued)
    for (Worker& worker : state.workers)
      if (!chosen && can_take(worker, queued)) chosen = &worker;
  if (!chosen) return false;
  if (!send_request(chosen->socket, request.index, request.alone, request.result_fd, -1)) {
    ::close(request.result_fd);
    int status_fd = request.status_fd;
    report(status_fd, kForkFailed);
    return true;
  }
  chosen->queue.push_back(request);
  ++chosen->files;
  return true;
}

bool any_busy(const ServerState& state, bool alone_only = false) {
  return std::any_of(state.workers.begin(), state.workers.end(), [&](const Worker& w) {
    return !w.queue.empty() && (!alone_only || w.queue.front().alone);
  });
}

// In order, except that a file to convert alone waits for the busy workers to finish, and
// nothing else starts while it converts (such requests are queued first: they waited once).
void hand_out_waiting(ServerState& state) {
  while (!state.waiting.empty()) {
    const Pending& next = state.waiting.front();
    if (any_busy(state, true) || (next.alone && any_busy(state))) return;
    if (!hand_out(state, next)) return;
    state.waiting.pop_front();
  }
}

// Lets a worker go: it exits on the end of its socket; what it held but never started waits again.
void let_go(ServerState& state, Worker& worker) {
  ::close(worker.socket);
  worker.socket = -1;
  take_back(state, worker);
}

// Reads what a worker said: "d" for each file done, "r" for done and retiring (it exits, so the
// files it held after that one are taken back); the end of its socket when it died (the reaping
// reports how).
void hear_from(ServerState& state, Worker& worker) {
  while (worker.socket >= 0) {
    char said = 0;
    const ssize_t got = ::recv(worker.socket, &said, 1, MSG_DONTWAIT);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    if (got != 1) {
      ::close(worker.socket);
      worker.socket = -1;
      return;
    }
    if (!worker.queue.empty()) finish_front(worker, 0);
    if (said == 'r' || (worker.files >= kFilesPerWorker && worker.queue.empty()))
      let_go(state, worker);
  }
}

// --memory-limit is the pool's real memory: the workers' resident memory added up. Past it, idle
// workers go first (what they hold is a finished file's); then the busiest worker is stopped,
// and its file sent back to be converted alone when another file was converting beside it, or
// reported as past the limit when it was alone (the reaping tells the batch).
void enforce_memory_budget(ServerState& state) {
  std::size_t total = 0, busy = 0;
  std::vector<std::pair<Worker*, std::size_t>> idle;
  Worker* busiest = nullptr;
  std::size_t most = 0;
  for (Worker& worker : state.workers) {
    if (worker.over_memory || worker.socket < 0) continue;  // already on its way out
    const std::size_t resident = resident_bytes(worker.pid);
    total += resident;
    if (worker.queue.empty()) {
      idle.emplace_back(&worker, resident);
      continue;
    }
    ++busy;
    if (!busiest || resident > most) {
      busiest = &worker;
      most = resident;
    }
  }
  for (auto& [worker, resident] : idle) {
    if (total <= state.limits.memory_bytes) return;
    let_go(state, *worker);
    total -= resident;
  }
  if (total <= state.limits.memory_bytes || !busiest) return;
  busiest->over_memory = true;
  busiest->crowded = busy > 1 && !busiest->queue.front().alone;
  ::kill(busiest->pid, SIGKILL);
}

void reap_workers(ServerState& state) {
  signalfd_siginfo info;
  while (::read(state.signals, &info, sizeof info) > 0) {
  }
  int status = 0;
  pid_t pid;
  while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
    for (auto it = state.workers.begin(); it != state.workers.end(); ++it) {
      if (it->pid != pid) continue;
      hear_from(state, *it);  // a "done" sent just before it ended belongs to that file
      if (!it->queue.empty()) {
        finish_front(*it, !it->over_memory ? status : it->crowded ? kRetryAlone : kOverMemory);
      }
      if (it->socket >= 0) ::close(it->socket);
      it->socket = -1;
      take_back(state, *it);
      state.workers.erase(it);
      break;
    }
  }
}

[[noreturn]] void serve(int socket, const ForkServer::Convert& convert, const ProcessLimits& limits,
                        std::size_t most_workers, pid_t parent) {
  most_workers = std::max<std::size_t>(most_workers, 1);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the batch
  if (::getppid() != parent) ::_exit(0);
  sigset_t children;
  sigemptyset(&children);
  sigaddset(&children, SIGCHLD);
  ServerState state{convert, limits, most_workers, limits.memory_bytes / (2 * most_workers),
                    socket,  -1,     {},           {},
                    {}};
  ::sigprocmask(SIG_BLOCK, &children, &state.old_mask);
  state.signals = ::signalfd(-1, &children, SFD_CLOEXEC | SFD_NONBLOCK);
  if (state.signals < 0) ::_exit(1);
  bool accepting = true;
  std::vector<pollfd> fds;
  for (;;) {
    const bool busy = any_busy(state);
    if (!accepting && !busy && state.waiting.empty()) break;
    fds.assign({{accepting ? socket : -1, POLLIN, 0}, {state.signals, POLLIN, 0}});
    for (const Worker& worker : state.workers) fds.push_back({worker.socket, POLLIN, 0});
    const bool watch_memory = limits.memory_bytes > 0 && busy;
    if (::poll(fds.data(), fds.size(), watch_memory ? kMemoryCheckMs : -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (watch_memory) enforce_memory_budget(state);
    // Workers first: a "done" is heard before the same worker's exit is reaped.
    for (std::size_t i = 2; i < fds.size(); ++i) {
      if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
        hear_from(state, state.workers[i - 2]);
    }
    if (fds[1].revents & POLLIN) reap_workers(state);
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      Request request;
      int result_fd = -1, status_fd = -1;
      const int got = receive_request(socket, request, result_fd, status_fd);
      if (got == 0) {
        accepting = false;
      } else if (got == 1) {
        const Pending pending{static_cast<std::size_t>(request.index), result_fd, status_fd,
                              request.alone != 0};
        if (pending.alone) {
          state.waiting.push_front(pending);
        } else {
          state.waiting.push_back(pending);
        }
      }
    }
    hand_out_waiting(state);
  }
  for (Worker& worker : state.workers) {
    if (worker.socket >= 0) ::close(worker.socket);  // idle workers exit on it
    worker.socket = -1;
  }
  while (::waitpid(-1, nullptr, 0) > 0 || errno == EINTR) {
  }
  ::_exit(0);
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

// The one line for a child that ended without a result.
std::string ending_of(int status, const ProcessLimits& limits) {
  if (status == kForkFailed) return "could not start a process to convert it";
  if (status == kOverMemory)
    return "stopped: converted on its own, it took more than --memory-limit " +
           std::to_string(limits.memory_bytes >> 20) + " MB of memory";
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    if (signal == SIGALRM)
      return "gave up after " + seconds_text(limits.timeout_seconds) + " s (--timeout)";
    std::string line = "the conversion crashed (signal " + std::to_string(signal);
    if (const char* name = ::strsignal(signal)) line += std::string(": ") + name;
    line += ")";
    if (limits.memory_bytes > 0 && (signal == SIGKILL || signal == SIGABRT))
      line += "; it may have run out of memory (--memory-limit " +
              std::to_string(limits.memory_bytes >> 20) + " MB)";
    return line;
  }
  return "the conversion process ended without a result (exit " +
         std::to_string(WEXITSTATUS(status)) + ")";
}

void read_documents(std::string_view lines, std::vector<Document>& documents) {
  while (!lines.empty()) {
    const auto end = lines.find('\n');
    const auto line = lines.substr(0, end);
    if (!line.empty()) {
      for (auto& document : documents_from_json(nlohmann::ordered_json::parse(line)))
        documents.push_back(std::move(document));
    }
    if (end == std::string_view::npos) break;
    lines.remove_prefix(end + 1);
  }
}

}  // namespace

ForkServer::ForkServer(Convert convert, ProcessLimits limits, std::size_t workers)
    : convert_(std::move(convert)), limits_(limits) {
  int ends[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ends) != 0)
    throw std::runtime_error("cannot create a socket for the conversion processes");
  const pid_t parent = ::getpid();
  server_ = ::fork();
  if (server_ == 0) {
    ::close(ends[0]);
    serve(ends[1], convert_, limits_, workers, parent);
  }
  ::close(ends[1]);
  if (server_ < 0) {
    ::close(ends[0]);
    throw std::runtime_error("cannot start the conversion processes");
  }
  socket_ = ends[0];
}

ForkServer::~ForkServer() {
  ::close(socket_);  // the server finishes its children's reports, then exits
  int status;
  while (::waitpid(server_, &status, 0) < 0 && errno == EINTR) {
  }
}

FileOutcome ForkServer::convert(std::size_t index, const std::filesystem::path& path) {
  FileOutcome outcome;
  outcome.path = path;
  std::string out;
  int ended = 0;
  bool reported = false;
  // A file stopped for the pool's memory while another file was converting is sent once more,
  // to be converted with nothing else running: only then is passing the budget its own doing.
  for (bool alone = false;; alone = true) {
    int result[2], status[2];
    if (::pipe2(result, O_CLOEXEC) != 0) throw std::runtime_error("cannot create a pipe");
    if (::pipe2(status, O_CLOEXEC) != 0) {
      ::close(result[0]);
      ::close(result[1]);
      throw std::runtime_error("cannot create a pipe");
    }
    // Room for most results at once, so a worker hands its result over and moves on instead of
    // waiting for this process to drain the pipe 64 KB at a time (best effort).
    ::fcntl(result[1], F_SETPIPE_SZ, 1 << 20);
    bool sent;
    {
      std::lock_guard lock(sending_);
      sent = send_request(socket_, index, alone, result[1], status[1]);
    }
    ::close(result[1]);
    ::close(status[1]);
    out = sent ? read_all(result[0]) : std::string();
    reported = sent && read_status(status[0], ended);
    ::close(result[0]);
    ::close(status[0]);
    if (!reported || ended != kRetryAlone || alone) break;
  }
  if (!reported) {
    outcome.error = "the conversion processes stopped (internal error)";
  } else if (ended == kForkFailed || ended == kOverMemory || WIFSIGNALED(ended)) {
    outcome.error = ending_of(ended, limits_);  // what it wrote before it died is not a result
  } else if (out.starts_with("ok\n")) {
    try {
      read_documents(std::string_view(out).substr(3), outcome.documents);
    } catch (const std::exception& e) {
      outcome.documents.clear();
      outcome.error = std::string("could not read the conversion's result: ") + e.what();
    }
  } else if (out.starts_with("error\n")) {
    outcome.error = out.substr(6);
  } else {
    outcome.error = ending_of(ended, limits_);
  }
  return outcome;
}

}  // namespace trackport
