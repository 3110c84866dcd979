#include "io/input.hpp"

#include <openssl/evp.h>

#include <unistd.h>
#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <memory>
#include <random>
#include <stdexcept>
#include <system_error>

namespace trackport {

InputFile read_input(const std::filesystem::path& path, std::size_t max_bytes) {
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

AtomicOutput::AtomicOutput(std::filesystem::path target) : target_(std::move(target)) {
  const std::filesystem::path folder = target_.parent_path();
  std::error_code error;
  if (!folder.empty() && !std::filesystem::is_directory(folder, error)) {
    // Said here, before any work, and naming the output rather than the temporary file.
    throw std::runtime_error("cannot write " + target_.string() + ": no folder " + folder.string());
  }
  std::random_device random;
  auto name = "." + target_.filename().string() + "." + std::to_string(::getpid()) + "." +
              std::to_string(random()) + ".tmp";
  temp_ = target_.parent_path() / name;
}

AtomicOutput::~AtomicOutput() {
  if (!committed_) {
    std::error_code ignored;
    std::filesystem::remove(temp_, ignored);
  }
}

void AtomicOutput::commit() {
  std::error_code ec;
  std::filesystem::rename(temp_, target_, ec);
  if (ec) throw std::runtime_error("cannot write " + target_.string() + ": " + ec.message());
  committed_ = true;
}

}  // namespace trackport
