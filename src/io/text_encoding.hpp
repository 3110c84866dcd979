// Turning the bytes of a text file into UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace trackport {

struct DecodedText {
  std::string text;
  std::string encoding;   // "utf-8", "utf-16le", "utf-16be", "windows-1252"
  bool fallback = false;  // the bytes were not valid UTF-8 and were read as Windows-1252
};

bool is_valid_utf8(std::string_view bytes);
// Windows-1252 (a superset of ISO-8859-1 for printable text) to UTF-8.
std::string windows_1252_to_utf8(std::string_view bytes);
// UTF-16 without its BOM to UTF-8; unpaired surrogates become U+FFFD.
std::string utf16_to_utf8(std::string_view bytes, bool little_endian);
// Appends one code point as UTF-8.
void append_utf8(std::string& out, std::uint32_t code);
// Strips a BOM; converts UTF-16 (with BOM) and non-UTF-8 bytes (as Windows-1252) to UTF-8.
DecodedText decode_text(std::string_view bytes);

}  // namespace trackport
