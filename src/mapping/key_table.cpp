#include "mapping/key_table.hpp"

#include <algorithm>
#include <array>

#include "mapping/vocabulary.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

constexpr std::size_t kMaxKeyRows = 12;
constexpr std::size_t kMaxKeyColumns = 3;
constexpr std::size_t kMaxTermWords = 5;
constexpr std::size_t kMaxTermLength = 40;

// Header words of a key: its rating column ("RAG", "Status") and its meaning column.
bool is_key_word(const std::string& header) {
  static constexpr std::array<std::string_view, 22> kWords{
      "key",         "legend",      "meaning",       "definition", "definitions", "criteria",
      "description", "explanation", "what it means", "guidance",   "descriptor",  "rag",
      "rag status",  "rating",      "status",        "colour",     "color",       "score",
      "symbol",      "brag",        "rag rating",    "code"};
  const std::string normalised = normalise_for_match(header);
  return std::find(kWords.begin(), kWords.end(), normalised) != kWords.end();
}

// The meaning column's header: what says the table explains ratings rather than lists items.
bool is_meaning_word(const std::string& header) {
  static constexpr std::array<std::string_view, 11> kWords{
      "meaning",       "definition", "definitions", "criteria", "description", "explanation",
      "what it means", "guidance",   "descriptor",  "key",      "legend"};
  const std::string normalised = normalise_for_match(header);
  return std::find(kWords.begin(), kWords.end(), normalised) != kWords.end();
}

// The text without its rating symbols ("● On track" -> "On track").
std::string without_symbols(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t length = 1;
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte >= 0xF0) {
      length = 4;
    } else if (byte >= 0xE0) {
      length = 3;
    } else if (byte >= 0xC0) {
      length = 2;
    }
    const std::string piece = text.substr(at, length);
    if (!is_rating_symbol(piece)) out += piece;
    at += length;
  }
  return collapse_whitespace(out);
}

// A key's meaning may explain its rating at length ("Red - significant issues, unlikely to be
// delivered"): the rating is the words before the explanation.
std::optional<Rating> leading_rating(const std::string& text) {
  if (auto rating = parse_rating(text)) return rating;
  std::size_t cut = std::string::npos;
  for (std::string_view separator : {"-", "\u2013", "\u2014", ":", ",", ";", "(", "\n"}) {
    cut = std::min(cut, text.find(separator));
  }
  if (cut == std::string::npos || cut == 0) return std::nullopt;
  return parse_rating(text.substr(0, cut));
}

struct KeyRow {
  std::size_t anchor = 0;  // the cell that gives the rating
  Rating rating = Rating::none;
  bool by_colour = false;
};

// A colour's own name ("Amber", "R", "A/G"), as opposed to a status word ("Delayed").
bool names_a_colour(const std::string& text) {
  static constexpr std::array<std::string_view, 12> kColours{
      "red", "amber", "green", "blue", "r", "a", "g", "b", "ag", "ar", "ga", "ra"};
  const std::string normalised = normalise_for_match(text);
  std::size_t at = 0;
  bool any = false;
  while (at < normalised.size()) {
    const std::size_t end = std::min(normalised.find(' ', at), normalised.size());
    const std::string_view word = std::string_view(normalised).substr(at, end - at);
    if (std::find(kColours.begin(), kColours.end(), word) == kColours.end()) return false;
    any = true;
    at = end + 1;
  }
  return any;
}

// The cell that gives a row's rating: the one cell with a rating colour, else the first cell that
// names a colour ("Delayed | Amber | ..."), else the first whose text is a rating.
std::optional<KeyRow> anchor_of(const Table& table, std::size_t row) {
  std::optional<KeyRow> coloured, named, worded;
  std::size_t colours = 0;
  for (std::size_t col = 0; col < table.rows[row].size(); ++col) {
    const std::string& text = table.text_at(row, col);
    const Cell* cell = table.cell_at(row, col);
    if (auto colour = colour_rating(text, cell)) {
      ++colours;
      coloured = KeyRow{col, colour->rating, true};
    }
    if (text.empty() || is_rating_symbol(text) || text.size() > kMaxTermLength * 2) continue;
    auto rating = leading_rating(text);
    if (!rating) continue;
    if (!named && names_a_colour(text)) named = KeyRow{col, *rating, false};
    if (!worded) worded = KeyRow{col, *rating, false};
  }
  if (colours == 1) return coloured;
  if (colours > 1) return std::nullopt;  // a row of several colours is no key line
  return named ? named : worded;
}

std::vector<std::size_t> filled_columns(const Table& table, std::size_t row) {
  std::vector<std::size_t> columns;
  for (std::size_t col = 0; col < table.rows[row].size(); ++col) {
    if (!table.text_at(row, col).empty()) columns.push_back(col);
  }
  return columns;
}

bool is_term(const std::string& text) {
  return !text.empty() && text.size() <= kMaxTermLength && count_words(text) <= kMaxTermWords;
}

}  // namespace

std::optional<KeyTable> read_key_table(const Table& table) {
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    if (!filled_columns(table, row).empty()) rows.push_back(row);
  }
  if (rows.size() < 2 || rows.size() > kMaxKeyRows + 1) return std::nullopt;

  // An optional title ("Key") and an optional header: rows that give no rating, of key words.
  std::size_t first_body = 0;
  if (rows.size() > 2 && !anchor_of(table, rows[0]) && !anchor_of(table, rows[1]) &&
      filled_columns(table, rows[0]).size() == 1 && is_key_word(table.text_at(rows[0], 0))) {
    rows.erase(rows.begin());
  }
  if (!anchor_of(table, rows.front())) {
    const auto header = filled_columns(table, rows.front());
    if (header.size() > kMaxKeyColumns) return std::nullopt;
    bool meaning = false, keyish = true;
    for (std::size_t col : header) {
      const std::string& text = table.text_at(rows.front(), col);
      keyish = keyish && is_key_word(text);
      meaning = meaning || is_meaning_word(text);
    }
    if (!meaning && !(keyish && header.size() == 1)) return std::nullopt;
    first_body = 1;
  }
  if (rows.size() - first_body < 2 || rows.size() - first_body > kMaxKeyRows) return std::nullopt;

  KeyTable key;
  std::vector<Rating> seen;
  std::optional<std::size_t> rating_column;
  for (std::size_t i = first_body; i < rows.size(); ++i) {
    const std::size_t row = rows[i];
    if (filled_columns(table, row).size() > kMaxKeyColumns) return std::nullopt;
    auto anchor = anchor_of(table, row);
    if (!anchor) return std::nullopt;
    // A key lists its ratings in one column; without a header of key words, each rating once
    // (a few rows that each name a different rating could be items otherwise).
    const bool repeated = std::find(seen.begin(), seen.end(), anchor->rating) != seen.end();
    if (repeated && first_body == 0) return std::nullopt;
    if (!repeated) seen.push_back(anchor->rating);
    if (rating_column && *rating_column != anchor->anchor) return std::nullopt;
    rating_column = anchor->anchor;
    for (std::size_t col = 0; col < table.rows[row].size(); ++col) {
      const std::string& text = table.text_at(row, col);
      if (text.empty() || (col == anchor->anchor && !anchor->by_colour)) continue;
      std::string term = without_symbols(text);
      if (!is_term(term)) continue;
      key.terms.emplace_back(std::move(term), anchor->rating);
    }
  }
  std::size_t rated = 0;
  for (Rating rating : seen) rated += rating == Rating::none ? 0 : 1;
  if (rated < 2) return std::nullopt;
  return key;
}

}  // namespace trackport
