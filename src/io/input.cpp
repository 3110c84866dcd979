#include "io/input.hpp"

#include <openssl/evp.h>

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <system_error>

namespace trackport {

namespace {

// Standard input, read once: a conversion may look at its input twice (the streamed path, then
// the whole-file one), and stdin cannot be read again.
const std::string& standard_input(std::size_t max_bytes) {
  static std::mutex reading;
  static std::optional<std::string> bytes;
  std::lock_guard lock(reading);
  if (!bytes) {
    std::string read;
    char buffer[1 << 16];
    std::size_t got;
    while ((got = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
      read.append(buffer, got);
      if (read.size() > max_bytes) break;
    }
    if (std::ferror(stdin)) throw InputError("cannot read standard input");
    bytes = std::move(read);
  }
  if (bytes->size() > max_bytes) {
    throw InputError("standard input is too large (more than " + std::to_string(max_bytes) +
                     " bytes)");
  }
  return *bytes;
}

}  // namespace

InputFile read_input(const std::filesystem::path& path, std::size_t max_bytes) {
  if (path == "-") {
    InputFile file;
    file.path = path;
    file.bytes = standard_input(max_bytes);
    if (file.bytes.empty()) throw InputError("standard input is empty");
    file.sha256 = sha256_hex(file.bytes);
    return file;
  }
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw InputError("no such file");
  if (std::filesystem::is_directory(status)) throw InputError("is a directory");
  auto size = std::filesystem::file_size(path, ec);
  if (ec) throw InputError("cannot read the file size: " + ec.message());
  if (size > max_bytes) {
    throw InputError("file is too large (" + std::to_string(size) + " bytes; the limit is " +
                     std::to_string(max_bytes) + ")");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open the file for reading");
  InputFile file;
  file.path = path;
  file.bytes.resize(size);
  if (size > 0 && !in.read(file.bytes.data(), static_cast<std::streamsize>(size))) {
    throw InputError("cannot read the file");
  }
  file.sha256 = sha256_hex(file.bytes);
  return file;
}

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1) {
    throw std::runtime_error("sha256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

std::string extension_of(const std::filesystem::path& path) {
  auto extension = path.extension().string();
  if (!extension.empty() && extension.front() == '.') extension.erase(0, 1);
  for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension;
}

namespace {

[[noreturn]] void refuse_output(const std::filesystem::path& output, const std::string& why) {
  throw std::runtime_error("cannot write " + output.string() + ": " + why);
}

// The temporaries being written, for the signal handler: fixed slots of pointers it can read
// without locks or allocation, owned by the process that made them (a forked worker inherits
// the table but must not remove its parent's files).
constexpr int kTemporarySlots = 64;
std::array<std::atomic<const char*>, kTemporarySlots> g_temporaries{};
std::atomic<pid_t> g_temporaries_owner{0};

int register_temporary(const char* path) {
  g_temporaries_owner.store(::getpid());
  for (int i = 0; i < kTemporarySlots; ++i) {
    const char* expected = nullptr;
    if (g_temporaries[static_cast<std::size_t>(i)].compare_exchange_strong(expected, path)) {
      return i;
    }
  }
  return -1;  // more outputs at once than slots: that one is left to the sweep
}

void unregister_temporary(int slot) {
  if (slot >= 0) g_temporaries[static_cast<std::size_t>(slot)].store(nullptr);
}

extern "C" void remove_temporaries_and_die(int signal) {
  remove_temporaries_now();
  std::signal(signal, SIG_DFL);
  ::raise(signal);
}

// ".tracker.xlsx.<pid>.<random>.tmp" files beside the target whose process is gone: left by a
// SIGKILL or a power cut.
void sweep_stale_temporaries(const std::filesystem::path& target) {
  const std::string prefix = "." + target.filename().string() + ".";
  std::error_code ec;
  const auto folder =
      target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
  for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(prefix) || !name.ends_with(".tmp")) continue;
    const std::string rest = name.substr(prefix.size(), name.size() - prefix.size() - 4);
    const auto dot = rest.find('.');
    if (dot == std::string::npos || dot == 0) continue;
    const std::string pid_text = rest.substr(0, dot);
    if (pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
    if (rest.substr(dot + 1).find_first_not_of("0123456789") != std::string::npos) continue;
    const auto pid = static_cast<pid_t>(std::stol(pid_text));
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;  // still alive
    if (it->is_regular_file(ec)) std::filesystem::remove(it->path(), ec);
  }
}

}  // namespace

OutputKind output_kind(const std::filesystem::path& output) {
  struct stat info {};
  if (::stat(output.c_str(), &info) != 0) {
    if (errno == ENOENT) return OutputKind::file;  // made by the write (or a dangling link's)
    refuse_output(output, std::strerror(errno));
  }
  if (S_ISREG(info.st_mode)) return OutputKind::file;
  if (S_ISFIFO(info.st_mode) || S_ISCHR(info.st_mode)) return OutputKind::stream;
  if (S_ISDIR(info.st_mode)) refuse_output(output, "it is a folder");
  refuse_output(output, "it is not a regular file, a FIFO or a character device");
}

AtomicOutput::AtomicOutput(std::filesystem::path target)
    : given_(target), target_(std::move(target)) {
  // Through a symlink (and a chain of them) to the file it names, so the link stays a link.
  std::error_code error;
  for (int hops = 0; hops < 40 && std::filesystem::is_symlink(target_, error); ++hops) {
    const auto pointed = std::filesystem::read_symlink(target_, error);
    if (error) break;
    target_ = pointed.is_absolute() ? pointed : target_.parent_path() / pointed;
  }
  if (output_kind(target_) != OutputKind::file) {
    refuse_output(given_, "it is a FIFO or a device, which is written as a stream, not replaced");
  }
  const std::filesystem::path folder = target_.parent_path();
  if (!folder.empty() && !std::filesystem::is_directory(folder, error)) {
    // Said here, before any work, and naming the output rather than the temporary file.
    refuse_output(given_, "no folder " + folder.string());
  }
  sweep_stale_temporaries(target_);
  std::random_device random;
  auto name = "." + target_.filename().string() + "." + std::to_string(::getpid()) + "." +
              std::to_string(random()) + ".tmp";
  temp_ = folder / name;
  slot_ = register_temporary(temp_.c_str());
}

AtomicOutput::~AtomicOutput() {
  unregister_temporary(slot_);
  if (!committed_) {
    std::error_code ignored;
    std::filesystem::remove(temp_, ignored);
  }
}

void AtomicOutput::commit() {
  std::error_code ec;
  std::filesystem::rename(temp_, target_, ec);
  if (ec) refuse_output(given_, ec.message());
  committed_ = true;
}

std::string AtomicOutput::in_terms_of_target(std::string message) const {
  const std::string temp = temp_.string();
  for (auto at = message.find(temp); at != std::string::npos; at = message.find(temp, at)) {
    message.replace(at, temp.size(), given_.string());
    at += given_.string().size();
  }
  return message;
}

void remove_temporaries_now() noexcept {
  if (g_temporaries_owner.load() != ::getpid()) return;
  for (auto& slot : g_temporaries) {
    if (const char* path = slot.load()) ::unlink(path);
  }
}

void remove_temporaries_on_signals() {
  static std::once_flag installed;
  std::call_once(installed, [] {
    for (int signal : {SIGINT, SIGTERM, SIGHUP}) std::signal(signal, remove_temporaries_and_die);
  });
}

}  // namespace trackport
