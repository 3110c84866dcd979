// Working out an HTML file's character encoding and turning its bytes into UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace trackport {

struct DecodedHtml {
  std::string utf8;
  std::string encoding;  // what the bytes were read as: "UTF-8", "windows-1252", "UTF-16LE", ...
  // Set when the encoding had to be guessed: the declared (or default) UTF-8 was not valid.
  bool fell_back_to_windows_1252 = false;
};

// The charset named by a <meta charset> or <meta http-equiv="Content-Type"> near the start,
// lower-cased; "" when there is none.
std::string declared_charset(std::string_view bytes);

// Decodes by BOM, then the declared charset, then UTF-8, falling back to Windows-1252 when the
// bytes are not valid UTF-8 (Word's "Web Page, Filtered" output in Western European encoding).
DecodedHtml decode_html(std::string_view bytes);

// (UTF-8 validation and Windows-1252 decoding are shared: io/text_encoding.hpp.)

}  // namespace trackport
