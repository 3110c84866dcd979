#include "model/text.hpp"

#include <array>
#include <cstdint>

#include "model/utf8.hpp"

namespace trackport {

namespace {

using utf8::decode;
using utf8::is_dropped;
using utf8::is_horizontal_space;
using utf8::is_line_break;
using utf8::kReplacement;
using utf8::valid_sequence_length;

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_apostrophe(char32_t c) {
  return c == '\'' || c == 0x2018 || c == 0x2019;
}

// Punctuation and symbols outside ASCII that separate words: Latin-1 signs, general punctuation
// (dashes, quotes, bullets), arrows, box and geometric shapes, dingbats, Word's private-use
// bullets.
bool is_unicode_separator(char32_t c) {
  return (c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
         (c >= 0x2190 && c <= 0x21FF) || (c >= 0x2500 && c <= 0x27BF) ||
         (c >= 0xF000 && c <= 0xF0FF) || c == 0x3000;
}

// Lower case for ASCII and the Latin-1 capitals (À..Þ except ×).
char32_t to_lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  return c;
}

}  // namespace

std::string sanitise_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t clean_start = 0;  // copy valid runs in one go
  std::size_t at = 0;
  while (at < text.size()) {
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    std::size_t consumed = 0;
    const std::size_t length = valid_sequence_length(text, at, consumed);
    if (length > 0) {
      at += length;
      continue;
    }
    out.append(text.substr(clean_start, at - clean_start));
    out += kReplacement;
    at += consumed;
    clean_start = at;
  }
  out.append(text.substr(clean_start));
  return out;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;  // a space seen since the last kept character on this line
  bool pending_break = false;  // a line break seen since the last kept character
  for (std::size_t at = 0; at < text.size();) {
    std::size_t length = 1;
    const char32_t c = static_cast<unsigned char>(text[at]) < 0x80 ? static_cast<char32_t>(text[at])
                                                                   : decode(text, at, length);
    if (is_line_break(c)) {
      pending_break = true;
      pending_space = false;
    } else if (is_horizontal_space(c)) {
      pending_space = true;
    } else if (!is_dropped(c)) {
      if (!out.empty()) {
        if (pending_break) {
          out += '\n';
        } else if (pending_space) {
          out += ' ';
        }
      }
      pending_break = false;
      pending_space = false;
      out.append(text.substr(at, length));
    }
    at += length;
  }
  return out;
}

namespace {

bool is_valid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    std::size_t consumed = 0;
    const std::size_t length = valid_sequence_length(text, at, consumed);
    if (length == 0) return false;
    at += length;
  }
  return true;
}

// The UTF-8 bytes of `c`, in `buffer`.
std::string_view encode_code_point(char32_t c, char (&buffer)[4]) {
  auto byte = [](char32_t bits) { return static_cast<char>(bits); };
  if (c < 0x80) {
    buffer[0] = byte(c);
    return {buffer, 1};
  }
  if (c < 0x800) {
    buffer[0] = byte(0xC0 | (c >> 6));
    buffer[1] = byte(0x80 | (c & 0x3F));
    return {buffer, 2};
  }
  if (c < 0x10000) {
    buffer[0] = byte(0xE0 | (c >> 12));
    buffer[1] = byte(0x80 | ((c >> 6) & 0x3F));
    buffer[2] = byte(0x80 | (c & 0x3F));
    return {buffer, 3};
  }
  buffer[0] = byte(0xF0 | (c >> 18));
  buffer[1] = byte(0x80 | ((c >> 12) & 0x3F));
  buffer[2] = byte(0x80 | ((c >> 6) & 0x3F));
  buffer[3] = byte(0x80 | (c & 0x3F));
  return {buffer, 4};
}

// normalise_for_match's text, piece by piece, to `emit(std::string_view)`. Stops as soon as emit
// returns false, and then returns false: a comparison can end at the first piece that differs.
template <typename Emit>
bool emit_normalised(std::string_view text, Emit&& emit) {
  std::string sanitised;
  if (!is_valid_utf8(text)) {
    sanitised = sanitise_utf8(text);
    text = sanitised;
  }
  bool pending_space = false;
  bool started = false;
  auto word_part = [&](std::string_view part) {
    if (pending_space && started && !emit(std::string_view(" "))) return false;
    pending_space = false;
    started = true;
    return emit(part);
  };
  for (std::size_t at = 0; at < text.size();) {
    std::size_t length = 1;
    const char32_t c = decode(text, at, length);
    at += length;
    if (is_apostrophe(c)) continue;  // "people's" matches "peoples"
    if (c == '&') {
      pending_space = true;
      if (!word_part("and")) return false;
      pending_space = true;
    } else if (c < 0x80 ? !is_ascii_alnum(static_cast<char>(c)) : is_unicode_separator(c)) {
      pending_space = true;
    } else {
      char buffer[4];
      if (!word_part(encode_code_point(to_lower(c), buffer))) return false;
    }
  }
  return true;
}

}  // namespace

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool letter = c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v';
    if (letter && !in_word) ++words;
    in_word = letter;
  }
  return words;
}

std::string normalise_for_match(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  emit_normalised(text, [&out](std::string_view piece) {
    out += piece;
    return true;
  });
  return out;
}

bool normalises_to(std::string_view text, std::string_view normalised) {
  std::size_t matched = 0;
  const bool whole = emit_normalised(text, [&](std::string_view piece) {
    if (normalised.substr(matched, piece.size()) != piece) return false;
    matched += piece.size();
    return true;
  });
  return whole && matched == normalised.size();
}

std::string fold_case_latin1(std::string_view text) {
  std::string folded(text);
  for (std::size_t i = 0; i < folded.size(); ++i) {
    auto byte = static_cast<unsigned char>(folded[i]);
    if (byte >= 'A' && byte <= 'Z') {
      folded[i] = static_cast<char>(byte - 'A' + 'a');
    } else if (byte == 0xC3 && i + 1 < folded.size()) {
      // U+00C0..U+00DE (but U+00D7, the multiplication sign) are the Latin-1 capitals, two bytes
      // each: C3 80..C3 9E, whose small letters are C3 A0..C3 BE.
      auto next = static_cast<unsigned char>(folded[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97)
        folded[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return folded;
}

}  // namespace trackport
