// Test helper: builds small ZIP containers in memory with libzip, so tests can make exactly the
// (good or hostile) archive they need without committed binaries.
#pragma once

#include <zip.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace trackport::test {

struct ZipEntry {
  std::string name;
  std::string data;
  bool stored = false;     // no compression
  bool encrypted = false;  // AES-256 with the password "secret"
};

inline std::string make_zip(const std::vector<ZipEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) throw std::runtime_error("zip_source_buffer_create failed");
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) throw std::runtime_error("zip_open_from_source failed");
  for (const ZipEntry& entry : entries) {
    zip_source_t* data = zip_source_buffer(archive, entry.data.data(), entry.data.size(), 0);
    zip_int64_t index = zip_file_add(archive, entry.name.c_str(), data, ZIP_FL_OVERWRITE);
    if (index < 0) throw std::runtime_error("zip_file_add failed");
    auto at = static_cast<zip_uint64_t>(index);
    if (entry.stored) zip_set_file_compression(archive, at, ZIP_CM_STORE, 0);
    if (entry.encrypted && zip_file_set_encryption(archive, at, ZIP_EM_AES_256, "secret") != 0) {
      throw std::runtime_error("zip_file_set_encryption failed");
    }
  }
  if (zip_close(archive) != 0) throw std::runtime_error("zip_close failed");
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buffer);
  zip_source_free(buffer);
  return bytes;
}

}  // namespace trackport::test
