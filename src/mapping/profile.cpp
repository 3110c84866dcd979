#include "mapping/profile.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string>

#include "mapping/layers.hpp"
#include "model/due.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

template <typename Line>
bool every_line(std::string_view text, Line&& line) {
  bool any = false;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view part = trim(text.substr(0, end));
    if (part.starts_with("\u2022")) part = trim(part.substr(3));
    if (!part.empty()) {
      if (!line(part)) return false;
      any = true;
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return any;
}

// Words that may stand in lower case inside a name ("Head of Housing", "Chair and Vice Chair").
bool is_joining_word(std::string_view word) {
  static constexpr std::array<std::string_view, 9> kWords{"of", "and", "for", "the", "&",
                                                          "de", "van", "to",  "-"};
  return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

bool line_is_name(std::string_view line) {
  if (line.size() > 50) return false;
  std::size_t words = 0, capitalised = 0, digits = 0;
  std::size_t at = 0;
  while (at < line.size()) {
    while (at < line.size() && (is_space(line[at]) || line[at] == ',' || line[at] == '/' ||
                                line[at] == '(' || line[at] == ')')) {
      ++at;
    }
    const std::size_t start = at;
    while (at < line.size() && !is_space(line[at]) && line[at] != ',' && line[at] != '/' &&
           line[at] != '(' && line[at] != ')') {
      digits += is_digit(line[at]) ? 1 : 0;
      ++at;
    }
    if (at == start) continue;
    const std::string_view word = line.substr(start, at - start);
    if (is_joining_word(word)) continue;
    ++words;
    const auto first = static_cast<unsigned char>(word.front());
    // Capitalised, an acronym ("NHS"), or a letter outside ASCII (names are not all English).
    if (is_upper(word.front()) || first >= 0x80) ++capitalised;
  }
  if (words == 0 || words > 6 || digits > 0) return false;
  // Sentences end with a full stop; initials ("J. Smith") do not make one.
  if (line.back() == '.' && line.size() > 2 && is_lower(line[line.size() - 2])) return false;
  return capitalised * 3 >= words * 2;
}

}  // namespace

bool looks_like_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return false;
  std::size_t at = 0;
  if (text.starts_with("\u00A3")) at = 2;  // £
  if (text.starts_with("\u20AC")) at = 3;  // €
  if (at == 0 && (text[0] == '$' || text[0] == '-' || text[0] == '+')) at = 1;
  std::size_t digits = 0;
  for (; at < text.size(); ++at) {
    const char c = text[at];
    if (is_digit(c)) {
      ++digits;
    } else if (c != ',' && c != '.' && c != ' ') {
      break;
    }
  }
  if (digits == 0) return false;
  std::string_view rest = trim(text.substr(at));
  return rest.empty() || rest == "%" || rest == "k" || rest == "m" || rest == "bn" || rest == "K" ||
         rest == "M";
}

bool looks_like_date(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 40) return false;
  // A plain number is a number, even one that could be a year.
  if (std::all_of(text.begin(), text.end(), is_digit)) return false;
  return parse_due(text).start.has_value();
}

bool looks_like_timing(std::string_view text) {
  static constexpr std::array<std::string_view, 14> kTimings{
      "ongoing", "annually", "annual",     "quarterly", "monthly",   "weekly", "tbc",
      "tba",     "tbd",      "continuous", "on going",  "immediate", "asap",   "each year"};
  const std::string normalised = normalise_for_match(text);
  return std::find(kTimings.begin(), kTimings.end(), normalised) != kTimings.end();
}

bool looks_like_name(std::string_view text) {
  return every_line(text, line_is_name);
}

bool looks_like_code(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 12) return false;
  std::size_t digits = 0, letters = 0;
  for (char c : text) {
    if (is_digit(c)) {
      ++digits;
    } else if (is_upper(c) || is_lower(c)) {
      ++letters;
    } else if (c != '.' && c != '-' && c != '/' && c != '(' && c != ')' && c != ' ') {
      return false;
    }
  }
  if (digits > 0) return letters <= 4;
  // "(ii)", "iv": roman numerals
  return text.find_first_not_of("()ivxIVX. ") == std::string_view::npos && letters > 0;
}

bool looks_like_prose(std::string_view text) {
  return text.size() >= 60 || count_words(text) >= 8;
}

bool looks_like_level(std::string_view text) {
  static constexpr std::array<std::string_view, 13> kLevels{
      "high", "medium", "low", "critical", "very high", "very low", "med",
      "h",    "m",      "l",   "p1",       "p2",        "p3"};
  const std::string normalised = normalise_for_match(text);
  return std::find(kLevels.begin(), kLevels.end(), normalised) != kLevels.end() ||
         (normalised.size() == 2 && normalised[0] == 'p' && is_digit(normalised[1]));
}

bool looks_like_update(std::string_view text) {
  // Reports use the perfect and past tenses, name months and years, and speak of progress.
  static constexpr std::array<std::string_view, 30> kMarkers{
      " has ",     " have ",    " had ",    " been ",    " was ",    " were ",
      "completed", "complete",  "underway", "under way", "ongoing",  "achieved",
      "delivered", "agreed",    "launched", "progress",  "in place", "currently",
      "now ",      "to date",   "so far",   "january",   "february", "march",
      "april",     "september", "october",  "november",  "december", "quarter"};
  std::string lower;
  lower.reserve(text.size() + 2);
  lower += ' ';
  for (char c : text) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  lower += ' ';
  for (std::string_view marker : kMarkers) {
    if (lower.find(marker) != std::string::npos) return true;
  }
  // A year ("2024") is a report's date.
  for (std::size_t i = 0; i + 4 <= lower.size(); ++i) {
    if (lower[i] == '2' && lower[i + 1] == '0' && is_digit(lower[i + 2]) && is_digit(lower[i + 3]))
      return true;
  }
  return false;
}

ColumnProfile profile_column(const Table& table, std::size_t col, std::size_t first_row,
                             std::size_t end_row, const MappingLayers& layers,
                             const RatingVocabulary& vocabulary) {
  ColumnProfile profile;
  std::set<std::string_view> seen;
  std::string_view above;
  end_row = std::min(end_row, table.rows.size());
  for (std::size_t row = first_row; row < end_row; ++row) {
    ++profile.rows;
    const std::string& text = table.text_at(row, col);
    const Cell* cell = table.cell_at(row, col);
    if (text.empty()) {
      if (colour_rating(text, cell)) ++profile.coloured;
      above = {};
      continue;
    }
    ++profile.values;
    profile.total_length += text.size();
    profile.total_words += count_words(text);
    if (seen.insert(text).second) ++profile.distinct;
    if (text == above) ++profile.repeated;
    above = text;
    std::optional<Rating> rating;
    if (!is_rating_symbol(text) && text.size() <= 40) {
      rating = read_rating_text(text, layers, vocabulary);
    }
    if (rating) {
      ++(*rating == Rating::none ? profile.no_ratings : profile.ratings);
    } else if (colour_rating(text, cell, false)) {
      ++profile.coloured;
    }
    if (looks_like_number(text)) {
      ++profile.numbers;
    } else if (looks_like_date(text)) {
      ++profile.dates;
    } else if (looks_like_timing(text)) {
      ++profile.timings;
    }
    if (looks_like_code(text)) ++profile.codes;
    const bool level = looks_like_level(text);
    if (level) ++profile.levels;
    if (looks_like_update(text)) ++profile.updates;
    if (looks_like_prose(text)) {
      ++profile.prose;
    } else if (!rating && !level && looks_like_name(text)) {
      ++profile.names;
    }
  }
  return profile;
}

}  // namespace trackport
