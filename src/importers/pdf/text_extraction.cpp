#include "importers/pdf/text_extraction.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <string_view>

#include "importers/pdf/bidi.hpp"

namespace trackport::pdf {

namespace {

constexpr std::string_view kSoftHyphen = "\u00AD";

bool ends_with_soft_hyphen(const std::string& text) {
  return text.size() >= kSoftHyphen.size() &&
         text.compare(text.size() - kSoftHyphen.size(), kSoftHyphen.size(), kSoftHyphen) == 0;
}

// A soft hyphen is where the typesetter may break a word: at a line's end the word goes on
// below (joined with no hyphen); anywhere else it is not shown.
void drop_soft_hyphens(std::string& text) {
  for (std::size_t at = text.find(kSoftHyphen); at != std::string::npos;
       at = text.find(kSoftHyphen, at))
    text.erase(at, kSoftHyphen.size());
}

}  // namespace

Rect along_writing(const Rect& r, int rotation) {
  switch (rotation) {
    case 1:
      return Rect::around(r.y0, -r.x0, r.y1, -r.x1);
    case 2:
      return Rect::around(-r.x0, -r.y0, -r.x1, -r.y1);
    case 3:
      return Rect::around(-r.y0, r.x0, -r.y1, r.x1);
    default:
      return r;
  }
}

Rect from_writing(const Rect& r, int rotation) {
  switch (rotation) {
    case 1:
      return Rect::around(-r.y0, r.x0, -r.y1, r.x1);
    case 2:
      return Rect::around(-r.x0, -r.y0, -r.x1, -r.y1);
    case 3:
      return Rect::around(r.y0, -r.x0, r.y1, -r.x1);
    default:
      return r;
  }
}

namespace {

bool vertically_overlapping(const Rect& a, const Rect& b) {
  const double overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  return overlap > 0.5 * std::min(a.height(), b.height());
}

double median_font_size(const std::vector<Word>& words) {
  std::vector<double> sizes;
  for (const Word& w : words) sizes.push_back(w.font_size > 0 ? w.font_size : w.box.height());
  if (sizes.empty()) return 0;
  std::nth_element(sizes.begin(), sizes.begin() + static_cast<long>(sizes.size() / 2), sizes.end());
  return sizes[sizes.size() / 2];
}

bool starts_lower(const std::string& text) {
  if (text.empty()) return false;
  const auto c = static_cast<unsigned char>(text.front());
  return c >= 'a' && c <= 'z';
}

bool ends_alphanumeric(const std::string& text) {
  if (text.empty()) return false;
  const auto c = static_cast<unsigned char>(text.back());
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

bool is_bullet(const std::string& word) {
  static constexpr std::array<std::string_view, 10> bullets = {
      "\u2022", "\uf0b7", "\uf0a7", "\u25aa", "\u25cf",
      "\u25e6", "\u25a0", "\u2023", "\u27a2", "\u00b7"};
  return std::find(bullets.begin(), bullets.end(), word) != bullets.end();
}

namespace {

std::size_t characters(const std::string& utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Words written sideways among upright lines (a vertical header cell in a header row): each goes
// with the line that crosses it nearest its foot, without making that line taller; one that
// crosses no line is a line of its own.
void attach_sideways(std::vector<TextLine>& lines, std::vector<Word> sideways) {
  for (Word& word : sideways) {
    TextLine* home = nullptr;
    for (TextLine& line : lines) {
      const double y = line.box.centre_y();
      if (y < word.box.y0 || y > word.box.y1) continue;
      if (home == nullptr || y > home->box.centre_y()) home = &line;
    }
    if (home == nullptr) {
      lines.push_back(TextLine{{}, word.box, 0});
      home = &lines.back();
    }
    home->box.x0 = std::min(home->box.x0, word.box.x0);
    home->box.x1 = std::max(home->box.x1, word.box.x1);
    home->words.push_back(std::move(word));
  }
}

}  // namespace

int dominant_rotation(const std::vector<Word>& words) {
  std::array<std::size_t, 4> chars{};
  std::size_t total = 0;
  for (const Word& w : words) {
    const std::size_t n = characters(w.text);
    chars[static_cast<std::size_t>(w.rotation & 3)] += n;
    total += n;
  }
  for (std::size_t rotation = 1; rotation < 4; ++rotation)
    if (chars[rotation] * 2 > total) return static_cast<int>(rotation);
  return 0;
}

std::vector<TextLine> group_into_lines(std::vector<Word> words) {
  std::vector<Word> sideways;
  for (Word& w : words)
    if (!w.upright()) sideways.push_back(std::move(w));
  if (!sideways.empty()) std::erase_if(words, [](const Word& w) { return !w.upright(); });
  std::stable_sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return a.box.centre_y() < b.box.centre_y();
  });
  std::vector<TextLine> lines;
  for (Word& word : words) {
    // Look back over the last few lines only: lines are ordered by position, so a word that
    // overlaps nothing recent starts a new line (this keeps crowded pages linear).
    TextLine* home = nullptr;
    const std::size_t lookback = std::min<std::size_t>(lines.size(), 4);
    for (std::size_t i = lines.size(); i > lines.size() - lookback; --i) {
      TextLine& line = lines[i - 1];
      if (vertically_overlapping(line.box, word.box)) {
        home = &line;
        break;
      }
    }
    if (home == nullptr) {
      lines.push_back(TextLine{{}, word.box, 0});
      home = &lines.back();
    }
    home->box.extend(word.box);
    home->words.push_back(std::move(word));
  }
  if (!sideways.empty()) attach_sideways(lines, std::move(sideways));
  for (TextLine& line : lines) {
    std::stable_sort(line.words.begin(), line.words.end(),
                     [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
    line.font_size = median_font_size(line.words);
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const TextLine& a, const TextLine& b) { return a.box.y0 < b.box.y0; });
  return lines;
}

namespace {

// The line's words joined, soft hyphens kept (cell_text joins a word broken at one).
std::string words_of_line(const TextLine& line, LineDirection direction = LineDirection::unknown) {
  std::string text;
  const Word* previous = nullptr;
  for (const Word& word : line.words) {
    if (previous != nullptr) {
      const double gap = word.box.x0 - previous->box.x1;
      if (previous->space_after || gap > 0.15 * std::max(1.0, word.font_size)) text += ' ';
    }
    text += word.text;
    previous = &word;
  }
  return logical_order(std::move(text), direction);
}

}  // namespace

std::string line_text(const TextLine& line) {
  std::string text = words_of_line(line);
  drop_soft_hyphens(text);
  return text;
}

namespace {

// Where text wraps in the cell (the extent of its lines) and its usual line pitch.
struct TextColumn {
  double left = 0, right = 0;
  double pitch = 0;  // the smallest distance from one line's top to the next one's
};

// The top of the line's text: a bullet's glyph (often from a symbol font of its own size and
// metrics) stands higher or lower than the words it leads, and would make its line look further
// from the line above than the text is.
double text_top(const TextLine& line) {
  double top = std::numeric_limits<double>::max();
  for (const Word& w : line.words)
    if (!is_bullet(w.text)) top = std::min(top, w.box.y0);
  return top == std::numeric_limits<double>::max() ? line.box.y0 : top;
}

TextColumn text_column(const std::vector<TextLine>& lines) {
  TextColumn column{lines.front().box.x0, lines.front().box.x1, 1e9};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    column.left = std::min(column.left, lines[i].box.x0);
    column.right = std::max(column.right, lines[i].box.x1);
    if (i > 0) column.pitch = std::min(column.pitch, text_top(lines[i]) - text_top(lines[i - 1]));
  }
  return column;
}

// Narrow columns break words that fit no line: the line holds that one word, filled to the
// right edge, and the word with its continuation is wider than the column. Where the cell's box
// is known, filled means to the cell's right side, less the inset its text keeps on the left,
// so close that not even the next glyph fitted: a word ending further short of it was not broken
// ("Sample" / "size" in a wide header cell). The continuation starts the next line exactly where
// the piece started its own (both at the column's left side): lines centred or right-aligned one
// under the other, starting even a little apart, are whole words ("Sample" / "unit", "Students"
// / "assessed", "please" / "choose"). Lines wrap between words far more often than inside one,
// so a doubt keeps the space.
constexpr double kSameLeftSide = 0.05;  // font sizes: left-aligned lines start this close

// The mean width of a glyph of `word`: the room a next glyph would have needed.
double glyph_width(const Word& word) {
  const auto glyphs = std::count_if(word.text.begin(), word.text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  });
  return word.box.width() / static_cast<double>(std::max<std::ptrdiff_t>(1, glyphs));
}

bool broken_inside_word(const TextLine& previous, const TextLine& line, const TextColumn& column,
                        const std::optional<Rect>& cell_box) {
  if (previous.words.size() != 1) return false;
  const Word& piece = previous.words.front();
  const Word& rest = line.words.front();
  const double size = std::max(1.0, previous.font_size);
  if (std::abs(rest.box.x0 - piece.box.x0) > kSameLeftSide * size) return false;
  if (cell_box) {
    const double inset = std::clamp(column.left - cell_box->x0, 0.0, 0.6 * size);
    const double room_left = cell_box->x1 - inset - piece.box.x1;
    if (room_left > glyph_width(rest)) return false;
  }
  return piece.box.x1 >= column.right - 0.35 * size &&
         piece.box.width() + rest.box.width() > column.right - column.left &&
         ends_alphanumeric(piece.text) && starts_lower(rest.text);
}

}  // namespace

bool broken_after_hyphen(const std::string& text, const std::string& next) {
  return text.size() > 1 && text.back() == '-' && text[text.size() - 2] != ' ' && !next.empty() &&
         std::isalnum(static_cast<unsigned char>(next.front()));
}

namespace {

// Joins the line after `text`: on a new line for bullets and paragraphs, directly for a word
// broken at the line's end, else with a space.
void append_line(std::string& text, const TextLine& previous, const TextLine& line,
                 std::string body, const TextColumn& column, const std::optional<Rect>& cell_box) {
  // Paragraph spacing makes the pitch larger than the cell's usual one, and than plain line
  // spacing (at most 1.25 of the font size; a 2-line cell has no other pitch to compare with).
  const double size = std::max(1.0, previous.font_size);
  const double usual = std::min(column.pitch, 1.25 * size);
  const bool paragraph = text_top(line) - text_top(previous) > usual + 0.2 * size;
  if (ends_with_soft_hyphen(text) && !body.empty()) {
    text.erase(text.size() - kSoftHyphen.size());
    text += body;
    return;
  }
  const bool block = line.words.front().block || previous.words.back().block;
  if (is_bullet(line.words.front().text) || paragraph || block)
    text += '\n';
  else if (!broken_inside_word(previous, line, column, cell_box) &&
           !broken_after_hyphen(text, body))
    text += ' ';
  text += body;
}

std::string bulleted_line_text(const TextLine& line, LineDirection direction) {
  if (line.words.empty() || !is_bullet(line.words.front().text))
    return words_of_line(line, direction);
  TextLine rest{{line.words.begin() + 1, line.words.end()}, line.box, line.font_size};
  return "\u2022 " + words_of_line(rest, direction);
}

// Which way the cell's text runs, from where its lines stand in the cell (or, its sides unknown,
// in the column they make): most of them flush with the left side and short of the right, or
// the other way round. Lines filling the width or centred say nothing.
LineDirection alignment_direction(const std::vector<TextLine>& lines, const TextColumn& column,
                                  const std::optional<Rect>& cell_box) {
  const double left = cell_box ? cell_box->x0 : column.left;
  const double right = cell_box ? cell_box->x1 : column.right;
  int flush_left = 0, flush_right = 0;
  for (const TextLine& line : lines) {
    const double margin = 0.5 * std::max(1.0, line.font_size);
    const double left_gap = line.box.x0 - left, right_gap = right - line.box.x1;
    if (left_gap + margin < right_gap) ++flush_left;
    if (right_gap + margin < left_gap) ++flush_right;
  }
  if (flush_left == flush_right) return LineDirection::unknown;
  return flush_right > flush_left ? LineDirection::right_to_left : LineDirection::left_to_right;
}

}  // namespace

std::string cell_text(std::vector<Word> words, std::optional<Rect> cell_box) {
  if (const int rotation = dominant_rotation(words); rotation != 0) {
    cell_box.reset();  // its sides are not the lines' ends
    for (Word& w : words) {
      w.box = along_writing(w.box, rotation);
      w.rotation = (w.rotation - rotation + 4) % 4;
    }
  }
  const std::vector<TextLine> lines = group_into_lines(std::move(words));
  if (lines.empty()) return {};
  const TextColumn column = text_column(lines);
  const LineDirection direction = alignment_direction(lines, column, cell_box);
  std::string text;
  const TextLine* previous = nullptr;
  for (const TextLine& line : lines) {
    std::string body = bulleted_line_text(line, direction);
    if (body.empty()) continue;
    if (previous == nullptr)
      text = std::move(body);
    else
      append_line(text, *previous, line, std::move(body), column, cell_box);
    previous = &line;
  }
  drop_soft_hyphens(text);
  return text;
}

std::optional<Rgb> first_colour(const std::vector<Word>& words) {
  for (const Word& word : words) {
    if (word.colour) return word.colour;
  }
  return std::nullopt;
}

}  // namespace trackport::pdf
