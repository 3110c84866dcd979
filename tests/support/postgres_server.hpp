// A real PostgreSQL server for the tests, started in a temporary data directory on a free port and
// stopped (its directory removed) when the object goes. PostgreSQL refuses to run as root, so a
// test run by root runs initdb, pg_ctl and the server as the unprivileged user `nobody`.
// Its binaries are looked for in $TRACKPORT_PG_BIN, then Debian's /usr/lib/postgresql/*/bin (the
// newest), then PATH; available() is false when there are none (the tests then skip).
#pragma once

#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace trackport::testing {

class PostgresServer {
 public:
  // The folder holding initdb and pg_ctl, or nullopt.
  static std::optional<std::filesystem::path> binaries() {
    namespace fs = std::filesystem;
    auto has_tools = [](const fs::path& dir) {
      return fs::exists(dir / "initdb") && fs::exists(dir / "pg_ctl") &&
             fs::exists(dir / "postgres");
    };
    if (const char* dir = std::getenv("TRACKPORT_PG_BIN"); dir && *dir) {
      if (has_tools(dir)) return fs::path(dir);
      return std::nullopt;
    }
    std::vector<fs::path> found;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", error)) {
      if (has_tools(entry.path() / "bin")) found.push_back(entry.path() / "bin");
    }
    if (!found.empty()) {
      // Version folders are numbers: the newest is the longest, then the greatest.
      std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
        const auto x = a.parent_path().filename().string(), y = b.parent_path().filename().string();
        return x.size() != y.size() ? x.size() < y.size() : x < y;
      });
      return found.back();
    }
    if (const char* path = std::getenv("PATH")) {
      std::string dirs = path;
      for (std::size_t start = 0; start <= dirs.size();) {
        const auto end = std::min(dirs.find(':', start), dirs.size());
        const fs::path dir = dirs.substr(start, end - start);
        if (!dir.empty() && has_tools(dir)) return dir;
        start = end + 1;
      }
    }
    return std::nullopt;
  }

  static bool available() { return binaries().has_value(); }

  PostgresServer() : bin_(*binaries()) {
    namespace fs = std::filesystem;
    std::random_device random;
    dir_ = fs::temp_directory_path() /
           ("trackport-pg-" + std::to_string(::getpid()) + "-" + std::to_string(random() % 100000));
    fs::create_directories(dir_);
    if (::geteuid() == 0) {
      const passwd* nobody = ::getpwnam("nobody");
      if (nobody == nullptr) throw std::runtime_error("no user 'nobody' to run PostgreSQL as");
      uid_ = nobody->pw_uid;
      gid_ = nobody->pw_gid;
      if (::chown(dir_.c_str(), uid_, gid_) != 0)
        throw std::runtime_error("cannot chown " + dir_.string());
    }
    port_ = free_port();
    start_reaper();
    run({(bin_ / "initdb").string(), "-D", data().string(), "-U", "postgres", "-E", "UTF8",
         "--no-locale", "--no-sync", "--auth-local=trust", "--auth-host=scram-sha-256"},
        "initdb");
    start();
  }

  ~PostgresServer() {
    try {
      stop();
    } catch (...) {
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    if (reaper_pipe_ >= 0) ::close(reaper_pipe_);  // the reaper finds nothing left to do
    if (reaper_ > 0) ::waitpid(reaper_, nullptr, 0);
  }

  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // fsync off: the tests' data is thrown away, and the machine is shared.
  void start() {
    run({(bin_ / "pg_ctl").string(), "-D", data().string(), "-l", (dir_ / "log").string(), "-w",
         "-t", "60", "-o",
         "-p " + std::to_string(port_) + " -k " + dir_.string() +
             " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40",
         "start"},
        "pg_ctl start");
    running_ = true;
  }

  // Stops the server at once (connections are cut, as when a database goes away).
  void stop() {
    if (!running_) return;
    running_ = false;
    run({(bin_ / "pg_ctl").string(), "-D", data().string(), "-w", "-m", "immediate", "stop"},
        "pg_ctl stop");
  }

  int port() const { return port_; }
  const std::filesystem::path& socket_dir() const { return dir_; }

  // A URI for `database` as `user` over the Unix socket (trusted: no password).
  std::string uri(const std::string& database, const std::string& user = "postgres") const {
    return "postgresql:///" + database + "?host=" + dir_.string() +
           "&port=" + std::to_string(port_) + "&user=" + user;
  }
  // The same over TCP on 127.0.0.1, where a password is asked (scram-sha-256).
  std::string tcp_uri(const std::string& database, const std::string& user) const {
    return "postgresql://" + user + "@127.0.0.1:" + std::to_string(port_) + "/" + database;
  }

 private:
  std::filesystem::path data() const { return dir_ / "data"; }

  static int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t size = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      if (fd >= 0) ::close(fd);
      throw std::runtime_error("no free port for PostgreSQL");
    }
    ::close(fd);
    return ntohs(address.sin_port);
  }

  // A process that waits for this one to end, however it ends (a failed REQUIRE, a signal, a
  // ctest time-out, output piped into `head`), and then stops the server and removes its folder,
  // so that no server outlives its test. It reads a pipe whose only writer is this process (the
  // write end is closed on exec, so the trackport processes the tests start do not hold it).
  void start_reaper() {
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) throw std::runtime_error("no pipe for the server's reaper");
    const std::string script =
        "read _ ; '" + (bin_ / "pg_ctl").string() + "' -D '" + data().string() +
        "' -m immediate -w stop >/dev/null 2>&1 ; rm -rf '" + dir_.string() + "'";
    std::fflush(nullptr);
    reaper_ = ::fork();
    if (reaper_ < 0) throw std::runtime_error("cannot fork the server's reaper");
    if (reaper_ == 0) {
      ::close(ends[1]);
      if (::dup2(ends[0], STDIN_FILENO) < 0) ::_exit(126);
      if (uid_ != 0 && (::setgroups(0, nullptr) != 0 || ::setgid(gid_) != 0 || ::setuid(uid_) != 0))
        ::_exit(126);
      ::execl("/bin/sh", "sh", "-c", script.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(ends[0]);
    reaper_pipe_ = ends[1];
  }

  // Runs a PostgreSQL tool (as `nobody` when this process is root), its output into the log.
  void run(const std::vector<std::string>& command, const std::string& what) const {
    const std::string log = (dir_ / "tools.log").string();
    std::fflush(nullptr);  // else the child's freopen writes this process's buffered output again
    const pid_t child = ::fork();
    if (child < 0) throw std::runtime_error("cannot fork for " + what);
    if (child == 0) {
      if (uid_ != 0 && (::setgroups(0, nullptr) != 0 || ::setgid(gid_) != 0 || ::setuid(uid_) != 0))
        ::_exit(126);
      if (std::freopen(log.c_str(), "a", stdout) == nullptr ||
          std::freopen(log.c_str(), "a", stderr) == nullptr)
        ::_exit(126);
      std::vector<char*> argv;
      for (const auto& word : command) argv.push_back(const_cast<char*>(word.c_str()));
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      throw std::runtime_error(what + " failed (see " + log + ")");
    }
  }

  std::filesystem::path bin_;
  std::filesystem::path dir_;
  uid_t uid_ = 0;
  gid_t gid_ = 0;
  int port_ = 0;
  bool running_ = false;
  pid_t reaper_ = -1;
  int reaper_pipe_ = -1;
};

}  // namespace trackport::testing
