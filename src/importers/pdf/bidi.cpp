#include "importers/pdf/bidi.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace trackport::pdf {

namespace {

// How a character takes part in ordering a line: a right-to-left letter, a left-to-right letter,
// a digit (always read left to right) or anything else (spaces, punctuation: they go with the
// text around them).
enum class Kind : std::uint8_t { rtl, ltr, digit, neutral };

struct Char {
  char32_t code;
  Kind kind;
};

bool rtl_code(char32_t c) {
  return (c >= 0x0590 && c <= 0x08FF && !(c >= 0x0660 && c <= 0x0669) &&
          !(c >= 0x06F0 && c <= 0x06F9)) ||
         (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) ||
         (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF);
}

Kind kind_of(char32_t c) {
  if (rtl_code(c)) return Kind::rtl;
  if ((c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9))
    return Kind::digit;
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
      (c >= 0x00C0 && c <= 0x058F && c != 0xD7 && c != 0xF7) || (c >= 0x0900 && c <= 0x1FFF) ||
      (c >= 0x3040 && c <= 0xD7FF))
    return Kind::ltr;
  return Kind::neutral;
}

// Hebrew points and Arabic vowel marks: they stay after the letter they sit on.
bool combining_mark(char32_t c) {
  return (c >= 0x0591 && c <= 0x05BD) || c == 0x05BF || c == 0x05C1 || c == 0x05C2 || c == 0x05C4 ||
         c == 0x05C5 || c == 0x05C7 || (c >= 0x0610 && c <= 0x061A) ||
         (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED);
}

// Only a line holding a lead byte of U+0590..U+08FF (0xD6..0xE0 0xA0), of the presentation forms
// (0xEF 0xAC..0xBB) or of the supplementary planes can hold right-to-left letters.
bool may_hold_rtl(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b >= 0xD6 && b <= 0xDF) || b == 0xE0 || b == 0xEF || b == 0xF0) return true;
  }
  return false;
}

std::vector<Char> decode(const std::string& text) {
  std::vector<Char> chars;
  chars.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const int extra = b < 0x80 ? 0 : b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
    char32_t code = extra == 0 ? b : b & (0x3F >> extra);
    std::size_t k = 1;
    for (; k <= static_cast<std::size_t>(extra) && i + k < text.size(); ++k)
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    chars.push_back({code, kind_of(code)});
    i += k;
  }
  return chars;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Turns chars[from, to) round, keeping each combining mark after its letter. Brackets are not
// mirrored: a bracket drawn mirrored in right-to-left text already maps to the character it
// stands for (as LibreOffice writes it, and as pdftotext reads it).
void turn(std::vector<Char>& chars, std::size_t from, std::size_t to) {
  std::reverse(chars.begin() + static_cast<long>(from), chars.begin() + static_cast<long>(to));
  // A mark that followed its letter now stands before it: put it back after.
  for (std::size_t i = from; i < to; ++i) {
    std::size_t marks_end = i;
    while (marks_end < to && combining_mark(chars[marks_end].code)) ++marks_end;
    if (marks_end > i && marks_end < to) {
      std::rotate(chars.begin() + static_cast<long>(i),
                  chars.begin() + static_cast<long>(marks_end),
                  chars.begin() + static_cast<long>(marks_end) + 1);
      i = marks_end;
    }
  }
}

// Turns the runs in `chars` that start and end with a character `in_run` takes and hold none
// that `stops` it.
template <typename InRun, typename Stops>
void turn_runs(std::vector<Char>& chars, InRun in_run, Stops stops) {
  for (std::size_t i = 0; i < chars.size();) {
    if (!in_run(chars[i].kind)) {
      ++i;
      continue;
    }
    std::size_t last = i;
    for (std::size_t j = i + 1; j < chars.size() && !stops(chars[j].kind); ++j)
      if (in_run(chars[j].kind)) last = j;
    turn(chars, i, last + 1);
    i = last + 1;
  }
}

}  // namespace

std::string logical_order(std::string line, LineDirection direction) {
  if (!may_hold_rtl(line)) return line;
  std::vector<Char> chars = decode(line);
  const auto strong = [](const Char& c) { return c.kind == Kind::rtl || c.kind == Kind::ltr; };
  const auto first = std::find_if(chars.begin(), chars.end(), strong);
  const auto last = std::find_if(chars.rbegin(), chars.rend(), strong);
  if (first == chars.end()) return line;
  const bool right_to_left = first->kind == last->kind ? first->kind == Kind::rtl
                                                       : direction == LineDirection::right_to_left;
  if (right_to_left) {
    turn(chars, 0, chars.size());
    // Runs of left-to-right letters and digits keep their order.
    turn_runs(
        chars, [](Kind k) { return k == Kind::ltr || k == Kind::digit; },
        [](Kind k) { return k == Kind::rtl; });
  } else {
    // Runs of right-to-left letters (and the spaces between their words) are turned; a digit
    // or a left-to-right letter ends a run.
    turn_runs(
        chars, [](Kind k) { return k == Kind::rtl; },
        [](Kind k) { return k == Kind::ltr || k == Kind::digit; });
  }
  std::string out;
  out.reserve(line.size());
  for (const Char& c : chars) append_utf8(out, c.code);
  return out;
}

}  // namespace trackport::pdf
