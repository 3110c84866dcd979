// Reading UTF-8 one code point at a time, and the classes of code points that text cleaning
// treats alike. Inline: these run for every byte of every cell.
#pragma once

#include <cstddef>
#include <string_view>

namespace trackport::utf8 {

inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

inline bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// The length of the valid UTF-8 sequence at `at`, or 0 with `consumed` set to the length of the
// maximal invalid prefix (at least 1), as Unicode's "best practice" for U+FFFD substitution says.
inline std::size_t valid_sequence_length(std::string_view text, std::size_t at,
                                         std::size_t& consumed) {
  const auto lead = static_cast<unsigned char>(text[at]);
  consumed = 1;
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if (at + i >= text.size()) return 0;
    const auto byte = static_cast<unsigned char>(text[at + i]);
    const bool in_range = i == 1 ? (byte >= low && byte <= high) : is_continuation(byte);
    if (!in_range) return 0;
    consumed = i + 1;
  }
  return length;
}

// Decodes the (valid) UTF-8 code point at `at`, setting `length`; a truncated sequence decodes as
// its lead byte alone.
inline char32_t decode(std::string_view text, std::size_t at, std::size_t& length) {
  const auto lead = static_cast<unsigned char>(text[at]);
  const std::size_t expected = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (expected == 1 || at + expected > text.size()) {
    length = 1;
    return lead;
  }
  length = expected;
  char32_t c = lead & (0xFF >> (expected + 1));
  for (std::size_t i = 1; i < expected; ++i) {
    c = (c << 6) | static_cast<char32_t>(static_cast<unsigned char>(text[at + i]) & 0x3F);
  }
  return c;
}

inline bool is_horizontal_space(char32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

inline bool is_line_break(char32_t c) {
  return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x2028 || c == 0x2029;
}

// Invisible characters that only get in the way: other C0 controls, zero-width space, BOM.
inline bool is_dropped(char32_t c) {
  return (c < 0x20 && c != '\t') || c == 0x7F || c == 0x200B || c == 0xFEFF;
}

}  // namespace trackport::utf8
