#include "io/ole.hpp"

#include <string>

namespace trackport {

namespace {

constexpr std::size_t kDirectoryEntrySize = 128;

// "Book" -> "B\0o\0o\0k\0\0\0": a directory entry's name field as it starts.
std::string entry_name_field(std::string_view ascii_name) {
  std::string utf16;
  for (char c : ascii_name) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  utf16.append(2, '\0');
  return utf16;
}

}  // namespace

bool is_ole_compound_file(std::string_view bytes) {
  return bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
}

bool ole_has_entry(std::string_view bytes, std::string_view ascii_name) {
  const std::string field = entry_name_field(ascii_name);
  // The header takes the first 512 bytes; directory sectors follow it.
  for (std::size_t offset = 512; offset + field.size() <= bytes.size();
       offset += kDirectoryEntrySize) {
    if (bytes.compare(offset, field.size(), field) == 0) return true;
  }
  return false;
}

bool is_encrypted_ooxml(std::string_view bytes) {
  return is_ole_compound_file(bytes) &&
         (ole_has_entry(bytes, "EncryptionInfo") || ole_has_entry(bytes, "EncryptedPackage"));
}

}  // namespace trackport
