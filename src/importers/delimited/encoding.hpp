// Turning the bytes of a text file into UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace trackport {

struct DecodedText {
  std::string text;
  std::string encoding;   // "utf-8", "utf-16le", "utf-16be", "windows-1252"
  bool fallback = false;  // the bytes were not valid UTF-8 and were read as Windows-1252
};

bool is_valid_utf8(std::string_view bytes);
// Strips a BOM; converts UTF-16 (with BOM) and non-UTF-8 bytes (as Windows-1252) to UTF-8.
DecodedText decode_text(std::string_view bytes);

}  // namespace trackport
