#include "model/due.hpp"

#include <array>
#include <optional>

namespace trackport {

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;
using std::chrono::year_month_day_last;

struct DateRange {
  year_month_day start;
  year_month_day end;
};

// Reads the lower-cased due text left to right; every parse_* below either consumes a whole form
// or reports failure, and works on its own copy so a failed attempt leaves nothing behind.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  std::string_view rest() const { return text_.substr(pos_); }

  void skip_spaces() {
    while (!done() && text_[pos_] == ' ') ++pos_;
  }
  bool take(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  bool take_word(std::string_view word) {
    if (rest().substr(0, word.size()) != word) return false;
    const std::size_t after = pos_ + word.size();
    if (after < text_.size() && is_letter(text_[after])) return false;
    pos_ = after;
    return true;
  }
  // Digits, returning the value and how many there were.
  std::optional<std::pair<int, std::size_t>> number(std::size_t max_digits) {
    std::size_t count = 0;
    int value = 0;
    while (!done() && is_digit(text_[pos_]) && count < max_digits) {
      value = value * 10 + (text_[pos_] - '0');
      ++pos_;
      ++count;
    }
    if (count == 0 || (!done() && is_digit(text_[pos_]))) return std::nullopt;
    return std::pair{value, count};
  }
  std::string_view letters() {
    const std::size_t start = pos_;
    while (!done() && is_letter(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  static bool is_letter(char c) { return c >= 'a' && c <= 'z'; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// Two-digit years are 2000-2069 or 1970-1999; four-digit years are taken as printed.
std::optional<year> year_of(std::pair<int, std::size_t> digits) {
  const auto [value, count] = digits;
  if (count == 4) return year{value};
  if (count == 2) return year{value >= 70 ? 1900 + value : 2000 + value};
  return std::nullopt;
}

std::optional<year> read_year(Cursor& cursor) {
  const auto digits = cursor.number(4);
  if (!digits) return std::nullopt;
  return year_of(*digits);
}

std::optional<month> month_from_name(std::string_view word) {
  struct MonthName {
    std::string_view name;
    unsigned number;
  };
  static constexpr std::array<MonthName, 24> kMonths{{
      {"january", 1},   {"jan", 1},   {"february", 2},  {"feb", 2},      {"march", 3},
      {"mar", 3},       {"april", 4}, {"apr", 4},       {"may", 5},      {"june", 6},
      {"jun", 6},       {"july", 7},  {"jul", 7},       {"august", 8},   {"aug", 8},
      {"september", 9}, {"sept", 9},  {"sep", 9},       {"october", 10}, {"oct", 10},
      {"november", 11}, {"nov", 11},  {"december", 12}, {"dec", 12},
  }};
  for (const auto& entry : kMonths) {
    if (entry.name == word) return month{entry.number};
  }
  return std::nullopt;
}

std::optional<month> read_month_name(Cursor& cursor) {
  const auto word = cursor.letters();
  auto result = month_from_name(word);
  if (result) cursor.take('.');  // "Sept. 2013"
  return result;
}

DateRange whole_month(year y, month m) {
  return {year_month_day{y, m, day{1}},
          year_month_day{year_month_day_last{y, m / std::chrono::last}}};
}

DateRange whole_year(year y) {
  return {year_month_day{y, month{1}, day{1}}, year_month_day{y, month{12}, day{31}}};
}

DateRange financial_years(year first, year last_start) {
  return {year_month_day{first, month{4}, day{1}},
          year_month_day{last_start + std::chrono::years{1}, month{3}, day{31}}};
}

// The quarter of a UK financial year starting 1 April of `start`: Q1 Apr-Jun ... Q4 Jan-Mar.
DateRange financial_quarter(year start, int quarter) {
  const year_month_day first{start, month{4}, day{1}};
  const auto first_month =
      std::chrono::year_month{first.year(), first.month()} + std::chrono::months{3 * (quarter - 1)};
  const auto last_month = first_month + std::chrono::months{2};
  return {year_month_day{first_month / day{1}},
          year_month_day{year_month_day_last{last_month / std::chrono::last}}};
}

DateRange calendar_quarter(year y, int quarter) {
  const month first{static_cast<unsigned>(3 * (quarter - 1) + 1)};
  const month last{static_cast<unsigned>(3 * quarter)};
  return {year_month_day{y, first, day{1}},
          year_month_day{year_month_day_last{y, last / std::chrono::last}}};
}

std::optional<DateRange> single_day(year y, month m, int d) {
  const year_month_day date{y, m, day{static_cast<unsigned>(d)}};
  if (d < 1 || !date.ok()) return std::nullopt;
  return DateRange{date, date};
}

bool is_date_separator(char c) {
  return c == '/' || c == '.' || c == '-';
}

// "2014-03-31"
std::optional<DateRange> parse_iso(Cursor cursor) {
  const auto y = cursor.number(4);
  if (!y || y->second != 4 || !cursor.take('-')) return std::nullopt;
  const auto m = cursor.number(2);
  if (!m || !cursor.take('-')) return std::nullopt;
  const auto d = cursor.number(2);
  if (!d || !cursor.done() || m->first < 1 || m->first > 12) return std::nullopt;
  return single_day(year{y->first}, month{static_cast<unsigned>(m->first)}, d->first);
}

// "31/03/2014", "31/3/14", "31.03.2014", "31-03-2014": day first, as UK documents print them.
std::optional<DateRange> parse_day_month_year(Cursor cursor) {
  const auto d = cursor.number(2);
  const char separator = cursor.peek();
  if (!d || !is_date_separator(separator)) return std::nullopt;
  cursor.take(separator);
  const auto m = cursor.number(2);
  if (!m || !cursor.take(separator)) return std::nullopt;
  const auto y = read_year(cursor);
  if (!y || !cursor.done() || m->first < 1 || m->first > 12) return std::nullopt;
  return single_day(*y, month{static_cast<unsigned>(m->first)}, d->first);
}

// "31 March 2014", "1st April 2013", "31 Mar 14"
std::optional<DateRange> parse_day_month_name_year(Cursor cursor) {
  const auto d = cursor.number(2);
  if (!d) return std::nullopt;
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (cursor.take_word(suffix)) break;
  }
  cursor.skip_spaces();
  const auto m = read_month_name(cursor);
  cursor.skip_spaces();
  cursor.take(',');
  cursor.skip_spaces();
  const auto y = m ? read_year(cursor) : std::nullopt;
  if (!y || !cursor.done()) return std::nullopt;
  return single_day(*y, *m, d->first);
}

// "Mar-13", "March 2013", "Sept 2013", "Mar 13", "March, 2013", "Mar/13"
std::optional<DateRange> parse_month_name_year(Cursor cursor) {
  const auto m = read_month_name(cursor);
  if (!m) return std::nullopt;
  cursor.skip_spaces();
  if (!cursor.take('-') && !cursor.take('/')) cursor.take(',');
  cursor.skip_spaces();
  const auto y = read_year(cursor);
  if (!y || !cursor.done()) return std::nullopt;
  return whole_month(*y, *m);
}

// "03/2014": a month and a four-digit year.
std::optional<DateRange> parse_month_number_year(Cursor cursor) {
  const auto m = cursor.number(2);
  if (!m || m->first < 1 || m->first > 12 || !(cursor.take('/') || cursor.take('-'))) {
    return std::nullopt;
  }
  const auto y = cursor.number(4);
  if (!y || y->second != 4 || !cursor.done()) return std::nullopt;
  return whole_month(year{y->first}, month{static_cast<unsigned>(m->first)});
}

// "2013-14", "2013/14", "2013/2014", "13/14": a UK financial year, 1 April to 31 March. A span
// such as "2011-14" covers the financial years 2011-12 to 2013-14, 1 Apr 2011 .. 31 Mar 2014.
// A plain "2017" is the calendar year.
std::optional<DateRange> parse_years(Cursor cursor) {
  cursor.take_word("fy");
  cursor.skip_spaces();
  const auto first_digits = cursor.number(4);
  if (!first_digits) return std::nullopt;
  const auto first = year_of(*first_digits);
  if (!first) return std::nullopt;
  if (first_digits->second == 4 && (*first < year{1900} || *first > year{2100})) {
    return std::nullopt;  // a count ("5000"), not a year
  }
  if (cursor.done()) {
    if (first_digits->second != 4) return std::nullopt;  // "13" alone is no year
    return whole_year(*first);
  }
  if (!cursor.take('-') && !cursor.take('/')) return std::nullopt;
  const auto second_digits = cursor.number(4);
  if (!second_digits || !cursor.done()) return std::nullopt;
  // The second year is written in full or by its last two digits, within the first's century.
  int second = second_digits->first;
  if (second_digits->second == 2) {
    second += static_cast<int>(*first) / 100 * 100;
    if (second < static_cast<int>(*first)) second += 100;  // "1999/00"
  } else if (second_digits->second != 4) {
    return std::nullopt;
  }
  const int span = second - static_cast<int>(*first);
  // "10/12" could as well be October 2012; only consecutive short years are read as a year.
  const int max_span = first_digits->second == 2 ? 1 : 10;
  if (span < 1 || span > max_span) return std::nullopt;
  return financial_years(*first, year{second - 1});
}

// The year part of a quarter: "2013/14" (financial) or "2013" (calendar).
std::optional<DateRange> quarter_in(int quarter, std::string_view years) {
  const auto range = parse_years(Cursor{years});
  if (!range) return std::nullopt;
  const bool financial = range->start.month() == month{4};
  const year start = range->start.year();
  // Only a single year can hold a quarter: one calendar year or one financial year.
  if (financial) {
    if (range->end.year() != start + std::chrono::years{1}) return std::nullopt;
    return financial_quarter(start, quarter);
  }
  return calendar_quarter(start, quarter);
}

std::optional<int> read_quarter(Cursor& cursor) {
  if (!cursor.take_word("quarter") && !cursor.take('q')) return std::nullopt;
  cursor.skip_spaces();
  const auto number = cursor.number(1);
  if (!number || number->first < 1 || number->first > 4) return std::nullopt;
  return number->first;
}

// "Q3 2013/14", "Quarter 3 2013-14" (financial quarters, Q1 = Apr-Jun) and "Q3 2013" (a calendar
// quarter, Q3 = Jul-Sep: with no financial year printed, the calendar reading is the literal one).
std::optional<DateRange> parse_quarter(Cursor cursor) {
  const auto quarter = read_quarter(cursor);
  if (!quarter) return std::nullopt;
  cursor.skip_spaces();
  return quarter_in(*quarter, cursor.rest());
}

// "2013/14 Q3"
std::optional<DateRange> parse_year_then_quarter(std::string_view text) {
  const auto space = text.rfind(' ');
  if (space == std::string_view::npos) return std::nullopt;
  Cursor cursor{text.substr(space + 1)};
  const auto quarter = read_quarter(cursor);
  if (!quarter || !cursor.done()) return std::nullopt;
  return quarter_in(*quarter, text.substr(0, space));
}

std::optional<DateRange> parse_single(std::string_view text) {
  const Cursor cursor{text};
  for (auto parse : {parse_iso, parse_day_month_year, parse_day_month_name_year,
                     parse_month_name_year, parse_month_number_year, parse_years, parse_quarter}) {
    if (auto range = parse(cursor)) return range;
  }
  return parse_year_then_quarter(text);
}

// "April 2013 - March 2014", "Apr 2013 to Mar 2014": from the start of one to the end of the
// other. "June 2012 and March 2013" names two separate dates and is no range.
std::optional<DateRange> parse_span(std::string_view text) {
  for (std::string_view separator : {" - ", " to ", " until "}) {
    const auto at = text.find(separator);
    if (at == std::string_view::npos) continue;
    const auto from = parse_single(text.substr(0, at));
    const auto to = parse_single(text.substr(at + separator.size()));
    if (from && to && from->start <= to->end) return DateRange{from->start, to->end};
  }
  return std::nullopt;
}

// Lower case, single spaces, trimmed; dashes, no-break spaces and a final full stop simplified.
std::string simplify(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto byte = static_cast<unsigned char>(raw[i]);
    char c = raw[i];
    if (byte == 0xC2 && i + 1 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0xA0) {
      c = ' ';
      ++i;
    } else if (byte == 0xE2 && i + 2 < raw.size() &&
               static_cast<unsigned char>(raw[i + 1]) == 0x80 &&
               static_cast<unsigned char>(raw[i + 2]) >= 0x90 &&
               static_cast<unsigned char>(raw[i + 2]) <= 0x95) {
      c = '-';  // hyphens, en and em dashes
      i += 2;
    } else if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  while (!out.empty() && (out.back() == '.' || out.back() == ',')) out.pop_back();
  return out;
}

// "By March 2014", "End of March 2014", "by the end of March 2014": the deadline is the date.
std::string_view strip_deadline_words(std::string_view text) {
  for (std::string_view prefix : {"by the end of ", "by end of ", "by the ", "by ", "end of ",
                                  "the end of ", "due ", "deadline "}) {
    if (text.substr(0, prefix.size()) == prefix) return text.substr(prefix.size());
  }
  return text;
}

// "2024-06-01 14:30:00", "01/06/2024 14:30": a date-time cell's text; its day is the date. The
// text without a final time of day (H:MM or H:MM:SS), or nullopt when it ends in none.
std::optional<std::string_view> without_time_of_day(std::string_view text) {
  const auto space = text.rfind(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const std::string_view time = text.substr(space + 1);
  auto digits = [&time](std::size_t from, std::size_t count) {
    if (from + count > time.size()) return false;
    for (std::size_t i = from; i < from + count; ++i) {
      if (time[i] < '0' || time[i] > '9') return false;
    }
    return true;
  };
  const std::size_t hour = time.find(':');
  if (hour == std::string_view::npos || hour < 1 || hour > 2 || !digits(0, hour) ||
      !digits(hour + 1, 2)) {
    return std::nullopt;
  }
  const std::size_t after_minutes = hour + 3;
  const bool with_seconds = time.size() == after_minutes + 3 && time[after_minutes] == ':' &&
                            digits(after_minutes + 1, 2);
  if (time.size() != after_minutes && !with_seconds) return std::nullopt;
  return text.substr(0, space);
}

// Raw text longer than this is a sentence, not a date.
constexpr std::size_t kMaxDueLength = 60;

}  // namespace

Due parse_due(std::string_view raw) {
  Due due;
  due.raw = std::string(raw);
  if (raw.size() > kMaxDueLength) return due;
  const std::string simple = simplify(raw);
  const std::string_view text = strip_deadline_words(simple);
  auto range = parse_single(text);
  if (!range) range = parse_span(text);
  if (!range) {
    if (const auto day = without_time_of_day(text)) range = parse_single(*day);
  }
  if (range) {
    due.start = range->start;
    due.end = range->end;
  }
  return due;
}

Due due_for_date(std::string raw, std::chrono::year_month_day day_of) {
  return Due{std::move(raw), day_of, day_of};
}

std::string iso_date(std::chrono::year_month_day date) {
  const int y = static_cast<int>(date.year());
  const auto m = static_cast<unsigned>(date.month());
  const auto d = static_cast<unsigned>(date.day());
  std::string out;
  out.reserve(10);
  if (y < 0) out += '-';
  const unsigned magnitude = static_cast<unsigned>(y < 0 ? -y : y);
  const std::string year_digits = std::to_string(magnitude);
  out.append(year_digits.size() < 4 ? 4 - year_digits.size() : 0, '0');
  out += year_digits;
  out += '-';
  out += static_cast<char>('0' + m / 10);
  out += static_cast<char>('0' + m % 10);
  out += '-';
  out += static_cast<char>('0' + d / 10);
  out += static_cast<char>('0' + d % 10);
  return out;
}

std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto range = parse_iso(Cursor{text});
  if (!range) return std::nullopt;
  return range->start;
}

}  // namespace trackport
