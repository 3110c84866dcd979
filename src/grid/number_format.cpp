#include "grid/number_format.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

namespace trackport {

namespace {

constexpr double kMaxSerial = 2958465.0;  // 9999-12-31

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(text[i]) != lower(prefix[i])) return false;
  }
  return true;
}

// The first of the ';'-separated sections (positive numbers), quotes respected.
std::string_view first_section(std::string_view code) {
  bool quoted = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '"') quoted = !quoted;
    if (!quoted && code[i] == '\\') ++i;
    if (!quoted && code[i] == ';') return code.substr(0, i);
  }
  return code;
}

// ---- dates -------------------------------------------------------------------------------

}  // namespace

enum class DatePart : int {
  literal,
  year2,
  year4,
  month,
  month2,
  month_abbr,
  month_full,
  month_letter,
  day,
  day2,
  weekday_abbr,
  weekday_full,
  hour,
  hour2,
  minute,
  minute2,
  second,
  second2,
  elapsed_hours,
  elapsed_minutes,
  elapsed_seconds,
  fraction,  // ".0", ".00": fractions of a second
  am_pm,
  a_p,
};

namespace {

std::size_t run_length(std::string_view code, std::size_t at, char letter) {
  std::size_t n = 0;
  while (at + n < code.size() && lower(code[at + n]) == letter) ++n;
  return n;
}

void add_literal(std::vector<DateToken>& tokens, std::string_view text) {
  if (!tokens.empty() && tokens.back().part == DatePart::literal) {
    tokens.back().text.append(text);
  } else {
    tokens.push_back({DatePart::literal, std::string(text)});
  }
}

bool is_hour(DatePart part) {
  return part == DatePart::hour || part == DatePart::hour2 || part == DatePart::elapsed_hours;
}
bool is_second(DatePart part) {
  return part == DatePart::second || part == DatePart::second2 || part == DatePart::elapsed_seconds;
}

// "m" and "mm" are minutes right after an hour or right before a second, months otherwise.
void resolve_minutes(std::vector<DateToken>& tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    DatePart part = tokens[i].part;
    if (part != DatePart::month && part != DatePart::month2) continue;
    bool after_hour = false;
    for (std::size_t j = i; j-- > 0;) {
      if (tokens[j].part == DatePart::literal) continue;
      after_hour = is_hour(tokens[j].part);
      break;
    }
    bool before_second = false;
    for (std::size_t j = i + 1; j < tokens.size(); ++j) {
      if (tokens[j].part == DatePart::literal) continue;
      before_second = is_second(tokens[j].part);
      break;
    }
    if (after_hour || before_second) {
      tokens[i].part = part == DatePart::month ? DatePart::minute : DatePart::minute2;
    }
  }
}

// Handles "[h]", "[mm]", "[ss]" (elapsed time); colours, conditions and locales give nothing.
void add_bracket(std::vector<DateToken>& tokens, std::string_view inside) {
  if (inside.empty()) return;
  char first = lower(inside.front());
  if (run_length(inside, 0, first) != inside.size()) {
    // "[$£-809]" carries a currency symbol; "[$-F800]" a locale. Keep a symbol if there is one.
    if (inside.front() == '$') {
      auto dash = inside.find('-');
      add_literal(tokens, inside.substr(1, dash == std::string_view::npos ? std::string_view::npos
                                                                          : dash - 1));
    }
    return;
  }
  if (first == 'h') tokens.push_back({DatePart::elapsed_hours, std::string(inside.size(), 'h')});
  if (first == 'm') tokens.push_back({DatePart::elapsed_minutes, std::string(inside.size(), 'm')});
  if (first == 's') tokens.push_back({DatePart::elapsed_seconds, std::string(inside.size(), 's')});
}

std::vector<DateToken> tokenize_date(std::string_view code) {
  std::vector<DateToken> tokens;
  std::size_t i = 0;
  while (i < code.size()) {
    char c = code[i];
    char l = lower(c);
    if (c == '"') {
      auto end = code.find('"', i + 1);
      if (end == std::string_view::npos) end = code.size();
      add_literal(tokens, code.substr(i + 1, end - i - 1));
      i = end + 1;
    } else if (c == '\\' && i + 1 < code.size()) {
      add_literal(tokens, code.substr(i + 1, 1));
      i += 2;
    } else if (c == '[') {
      auto end = code.find(']', i);
      if (end == std::string_view::npos) end = code.size();
      add_bracket(tokens, code.substr(i + 1, end - i - 1));
      i = end + 1;
    } else if (c == '_') {
      add_literal(tokens, " ");
      i += 2;
    } else if (c == '*') {
      i += 2;
    } else if (starts_with_nocase(code.substr(i), "am/pm")) {
      tokens.push_back({DatePart::am_pm, std::string(code.substr(i, 5))});
      i += 5;
    } else if (starts_with_nocase(code.substr(i), "a/p")) {
      tokens.push_back({DatePart::a_p, std::string(code.substr(i, 3))});
      i += 3;
    } else if (l == 'y' || l == 'e') {
      std::size_t n = run_length(code, i, l);
      tokens.push_back({(n <= 2 && l == 'y') ? DatePart::year2 : DatePart::year4, {}});
      i += n;
    } else if (l == 'm') {
      std::size_t n = run_length(code, i, 'm');
      static constexpr std::array kMonths = {DatePart::month, DatePart::month2,
                                             DatePart::month_abbr, DatePart::month_full,
                                             DatePart::month_letter};
      tokens.push_back({kMonths[std::min<std::size_t>(n, 5) - 1], {}});
      i += n;
    } else if (l == 'd') {
      std::size_t n = run_length(code, i, 'd');
      static constexpr std::array kDays = {DatePart::day, DatePart::day2, DatePart::weekday_abbr,
                                           DatePart::weekday_full};
      tokens.push_back({kDays[std::min<std::size_t>(n, 4) - 1], {}});
      i += n;
    } else if (l == 'h') {
      std::size_t n = run_length(code, i, 'h');
      tokens.push_back({n == 1 ? DatePart::hour : DatePart::hour2, {}});
      i += n;
    } else if (l == 's') {
      std::size_t n = run_length(code, i, 's');
      tokens.push_back({n == 1 ? DatePart::second : DatePart::second2, {}});
      i += n;
    } else if (c == '.' && i + 1 < code.size() && code[i + 1] == '0' && !tokens.empty() &&
               is_second(tokens.back().part)) {
      std::size_t n = run_length(code, i + 1, '0');
      tokens.push_back({DatePart::fraction, std::string(n, '0')});
      i += 1 + n;
    } else if (l == 'b' || l == 'g') {
      i += run_length(code, i, l);  // Buddhist years and eras: not used in UK trackers
    } else {
      add_literal(tokens, code.substr(i, 1));
      ++i;
    }
  }
  resolve_minutes(tokens);
  return tokens;
}

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

struct DateTime {
  int year = 1900;
  unsigned month = 1;
  unsigned day = 1;
  unsigned weekday = 0;  // 0 = Sunday
  long long serial_days = 0;
  long long seconds = 0;  // of the day
  double fraction = 0.0;  // of a second
};

std::optional<DateTime> to_date_time(double serial, bool date1904) {
  using namespace std::chrono;
  if (!std::isfinite(serial) || serial < 0.0 || serial > kMaxSerial) return std::nullopt;
  double whole = std::floor(serial);
  double in_day = (serial - whole) * 86400.0;
  auto days = static_cast<long long>(whole);
  auto seconds = static_cast<long long>(std::floor(in_day));
  double fraction = in_day - static_cast<double>(seconds);
  // Excel rounds to the millisecond before splitting off the seconds.
  if (fraction > 0.9995) {
    ++seconds;
    fraction = 0.0;
  }
  if (seconds >= 86400) {
    seconds -= 86400;
    ++days;
  }
  DateTime out;
  out.serial_days = days;
  out.seconds = seconds;
  out.fraction = fraction;
  if (!date1904 && days == 60) {
    // Excel's 29 February 1900, a day that never was (kept for Lotus 1-2-3 compatibility).
    out.year = 1900;
    out.month = 2;
    out.day = 29;
    out.weekday = 3;
    return out;
  }
  sys_days base = date1904 ? sys_days{year{1904} / January / 1}
                           : (days < 60 ? sys_days{year{1899} / December / 31}
                                        : sys_days{year{1899} / December / 30});
  sys_days day_point = base + std::chrono::days{days};
  year_month_day ymd{day_point};
  out.year = static_cast<int>(ymd.year());
  out.month = static_cast<unsigned>(ymd.month());
  out.day = static_cast<unsigned>(ymd.day());
  out.weekday = weekday{day_point}.c_encoding();
  return out;
}

// Zero-padded to `width` digits; no printf in the per-cell path.
void append_number(std::string& out, long long value, int width) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value < 0 ? -value : value);
  auto length = static_cast<int>(end - digits);
  if (value < 0) out += '-';
  if (length < width) out.append(static_cast<std::size_t>(width - length), '0');
  out.append(digits, end);
}

bool has_am_pm(const std::vector<DateToken>& tokens) {
  for (const auto& token : tokens) {
    if (token.part == DatePart::am_pm || token.part == DatePart::a_p) return true;
  }
  return false;
}

// Excel rounds the seconds shown when no fraction token follows.
bool has_fraction(const std::vector<DateToken>& tokens) {
  for (const auto& token : tokens) {
    if (token.part == DatePart::fraction) return true;
  }
  return false;
}

std::string render_date(const std::vector<DateToken>& tokens, DateTime when) {
  if (!has_fraction(tokens) && when.fraction >= 0.5) {
    // Round to the nearest second for display; a carry into the next day is rare and ignored.
    if (when.seconds < 86399) ++when.seconds;
  }
  bool twelve_hour = has_am_pm(tokens);
  long long hours24 = when.seconds / 3600;
  long long minutes = (when.seconds / 60) % 60;
  long long seconds = when.seconds % 60;
  long long hours12 = hours24 % 12 == 0 ? 12 : hours24 % 12;
  long long hours = twelve_hour ? hours12 : hours24;
  std::string out;
  for (const DateToken& token : tokens) {
    switch (token.part) {
      case DatePart::literal:
        out += token.text;
        break;
      case DatePart::year2:
        append_number(out, when.year % 100, 2);
        break;
      case DatePart::year4:
        append_number(out, when.year, 4);
        break;
      case DatePart::month:
        append_number(out, when.month, 1);
        break;
      case DatePart::month2:
        append_number(out, when.month, 2);
        break;
      case DatePart::month_abbr:
        out += kMonthNames[when.month - 1].substr(0, 3);
        break;
      case DatePart::month_full:
        out += kMonthNames[when.month - 1];
        break;
      case DatePart::month_letter:
        out += kMonthNames[when.month - 1].substr(0, 1);
        break;
      case DatePart::day:
        append_number(out, when.day, 1);
        break;
      case DatePart::day2:
        append_number(out, when.day, 2);
        break;
      case DatePart::weekday_abbr:
        out += kWeekdayNames[when.weekday].substr(0, 3);
        break;
      case DatePart::weekday_full:
        out += kWeekdayNames[when.weekday];
        break;
      case DatePart::hour:
        append_number(out, hours, 1);
        break;
      case DatePart::hour2:
        append_number(out, hours, 2);
        break;
      case DatePart::minute:
        append_number(out, minutes, 1);
        break;
      case DatePart::minute2:
        append_number(out, minutes, 2);
        break;
      case DatePart::second:
        append_number(out, seconds, 1);
        break;
      case DatePart::second2:
        append_number(out, seconds, 2);
        break;
      case DatePart::elapsed_hours:
        append_number(out, when.serial_days * 24 + hours24, static_cast<int>(token.text.size()));
        break;
      case DatePart::elapsed_minutes:
        append_number(out, (when.serial_days * 24 + hours24) * 60 + minutes,
                      static_cast<int>(token.text.size()));
        break;
      case DatePart::elapsed_seconds:
        append_number(out, when.serial_days * 86400 + when.seconds,
                      static_cast<int>(token.text.size()));
        break;
      case DatePart::fraction: {
        int digits = static_cast<int>(token.text.size());
        auto scaled = static_cast<long long>(std::floor(when.fraction * std::pow(10.0, digits)));
        out += '.';
        append_number(out, scaled, digits);
        break;
      }
      // "AM/PM" shows "AM" or "PM" in the case the format was written in ("am/pm" -> "am").
      case DatePart::am_pm:
        out += token.text.substr(hours24 < 12 ? 0 : 3, 2);
        break;
      case DatePart::a_p:
        out += token.text.substr(hours24 < 12 ? 0 : 2, 1);
        break;
    }
  }
  return out;
}

// ---- numbers -----------------------------------------------------------------------------

std::string general_number(double value) {
  if (!std::isfinite(value)) return value != value ? "#NUM!" : "#NUM!";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(value));
    return std::string(buffer, end);
  }
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 11);
  std::string text(buffer, end);
  // "1e+20" -> "1E+20", as Excel writes it.
  for (char& c : text) {
    if (c == 'e') c = 'E';
  }
  return text;
}

std::string group_thousands(std::string digits) {
  std::string out;
  std::size_t start = (!digits.empty() && digits[0] == '-') ? 1 : 0;
  out.append(digits, 0, start);
  std::size_t count = digits.size() - start;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0 && (count - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[start + i]);
  }
  return out;
}

// A numeric section such as "£#,##0.00", "0.0%", "0" -> the shown text.
std::string patterned_number(double value, std::string_view section) {
  std::string prefix;
  std::string suffix;
  bool percent = false;
  bool grouping = false;
  bool seen_digit = false;
  bool in_decimals = false;
  int decimals = 0;
  for (std::size_t i = 0; i < section.size(); ++i) {
    char c = section[i];
    std::string& literal = seen_digit ? suffix : prefix;
    if (c == '0' || c == '#' || c == '?') {
      seen_digit = true;
      if (in_decimals) ++decimals;
    } else if (c == '.' && seen_digit) {
      in_decimals = true;
    } else if (c == ',' && seen_digit && !in_decimals) {
      grouping = true;
    } else if (c == '%') {
      percent = true;
      literal.push_back('%');
    } else if (c == '"') {
      auto end = section.find('"', i + 1);
      if (end == std::string_view::npos) end = section.size();
      literal.append(section.substr(i + 1, end - i - 1));
      i = end;
    } else if (c == '\\' && i + 1 < section.size()) {
      literal.push_back(section[++i]);
    } else if (c == '_' || c == '*') {
      ++i;  // padding
    } else if (c == '[') {
      auto end = section.find(']', i);
      if (end == std::string_view::npos) end = section.size();
      std::string_view inside = section.substr(i + 1, end - i - 1);
      if (inside.starts_with("$")) {
        auto dash = inside.find('-');
        literal.append(inside.substr(1, dash == std::string_view::npos ? inside.npos : dash - 1));
      }
      i = end;
    } else if (c == 'E' || c == 'e' || c == '/') {
      return general_number(value);  // handled before (scientific_number, fraction_number)
    } else {
      literal.push_back(c);
    }
  }
  if (!seen_digit) return prefix.empty() ? general_number(value) : prefix;  // text alone: "nil"
  if (percent) value *= 100.0;
  // Excel rounds halves away from zero; printf would round them to even.
  double scale = std::pow(10.0, decimals);
  if (std::fabs(value) * scale < 1e15) value = std::round(value * scale) / scale;
  char buffer[400];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  if (ec != std::errc{}) return general_number(value);
  std::string number(buffer, end);
  if (number == "-0" ||
      (number.starts_with("-0.") && number.find_first_not_of("0.", 1) == std::string::npos)) {
    number.erase(0, 1);  // Excel does not show "-0.00"
  }
  if (grouping) {
    auto dot = number.find('.');
    std::string whole = number.substr(0, dot);
    std::string rest = dot == std::string::npos ? "" : number.substr(dot);
    number = group_thousands(whole) + rest;
  }
  // A negative number with a prefix shows the sign first: "-£5.00".
  if (!number.empty() && number[0] == '-' && !prefix.empty()) {
    return "-" + prefix + number.substr(1) + suffix;
  }
  return prefix + number + suffix;
}

// The literal text of a section outside its number placeholders: quoted text, escaped
// characters, currency symbols in brackets; padding and colours dropped.
void append_literal(std::string_view section, std::size_t& i, std::string& out) {
  char c = section[i];
  if (c == '"') {
    auto end = section.find('"', i + 1);
    if (end == std::string_view::npos) end = section.size();
    out.append(section.substr(i + 1, end - i - 1));
    i = end;
  } else if (c == '\\' && i + 1 < section.size()) {
    out.push_back(section[++i]);
  } else if (c == '_' || c == '*') {
    ++i;  // padding
  } else if (c == '[') {
    auto end = section.find(']', i);
    if (end == std::string_view::npos) end = section.size();
    std::string_view inside = section.substr(i + 1, end - i - 1);
    if (inside.starts_with("$")) {
      auto dash = inside.find('-');
      out.append(inside.substr(1, dash == std::string_view::npos ? inside.npos : dash - 1));
    }
    i = end;
  } else {
    out.push_back(c);
  }
}

bool is_placeholder(char c) {
  return c == '0' || c == '#' || c == '?';
}

// The position of an unquoted E (scientific) or / (fraction) in a section; npos when none.
std::size_t find_unquoted(std::string_view section, std::string_view letters) {
  bool quoted = false;
  for (std::size_t i = 0; i < section.size(); ++i) {
    char c = section[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      auto end = section.find(']', i);
      if (end == std::string_view::npos) return std::string_view::npos;
      i = end;
    } else if (letters.find(c) != std::string_view::npos) {
      return i;
    }
  }
  return std::string_view::npos;
}

// "0.00E+00", "##0.0E+0" (engineering: with # in the whole part, the exponent is a multiple of
// its number of digits), as Excel shows them: 12345 -> "1.23E+04", "12.3E+3".
std::string scientific_number(double value, std::string_view section, std::size_t e) {
  std::string prefix;
  int whole_digits = 0, whole_zeros = 0, decimals = 0;
  bool has_hash = false, in_decimals = false, seen_digit = false;
  for (std::size_t i = 0; i < e; ++i) {
    char c = section[i];
    if (is_placeholder(c)) {
      seen_digit = true;
      if (in_decimals) {
        ++decimals;
      } else {
        ++whole_digits;
        if (c == '0') ++whole_zeros;
        if (c == '#') has_hash = true;
      }
    } else if (c == '.') {
      in_decimals = true;
    } else if (c == ',' && seen_digit) {
      continue;
    } else if (!seen_digit) {
      append_literal(section, i, prefix);
    }
  }
  std::size_t at = e + 1;
  bool always_sign = at < section.size() && section[at] == '+';
  if (at < section.size() && (section[at] == '+' || section[at] == '-')) ++at;
  int exponent_digits = 0;
  while (at < section.size() && is_placeholder(section[at])) {
    ++exponent_digits;
    ++at;
  }
  std::string suffix;
  for (std::size_t i = at; i < section.size(); ++i) append_literal(section, i, suffix);
  whole_digits = std::max(whole_digits, 1);

  double magnitude = std::fabs(value);
  int exponent = 0;
  if (magnitude > 0) {
    int power = static_cast<int>(std::floor(std::log10(magnitude)));
    auto place = [&](int p) {
      if (has_hash && whole_digits > 1) {
        return static_cast<int>(std::floor(static_cast<double>(p) / whole_digits)) * whole_digits;
      }
      return p - (whole_digits - 1);
    };
    exponent = place(power);
    double scale = std::pow(10.0, decimals);
    double mantissa = std::round(magnitude / std::pow(10.0, exponent) * scale) / scale;
    // Rounding up may carry into another digit: 9.996 -> 10.00E+00 is 1.00E+01.
    double limit = std::pow(10.0, has_hash && whole_digits > 1 ? whole_digits : whole_digits);
    if (mantissa >= limit) exponent = place(power + 1);
  }
  double mantissa = magnitude > 0 ? magnitude / std::pow(10.0, exponent) : 0.0;
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, mantissa, std::chars_format::fixed, decimals);
  std::string digits = ec == std::errc{} ? std::string(buffer, end) : "0";
  if (whole_zeros == 0 && digits.starts_with("0") && digits.size() > 1 && decimals > 0) {
    digits.erase(0, 1);  // "#.0E+0" shows 0.5 as ".5E+0"
  }
  std::string out = (value < 0 ? "-" : "") + prefix + digits + "E";
  if (exponent < 0) {
    out += '-';
  } else if (always_sign) {
    out += '+';
  }
  std::string power_text = std::to_string(std::abs(exponent));
  if (static_cast<int>(power_text.size()) < exponent_digits) {
    power_text.insert(0, static_cast<std::size_t>(exponent_digits) - power_text.size(), '0');
  }
  return out + power_text + suffix;
}

// The closest fraction to `value` (0 <= value < 1) whose denominator is at most `largest`.
std::pair<long long, long long> closest_fraction(double value, long long largest) {
  long long best_numerator = 0, best_denominator = 1;
  double best_error = value;
  for (long long denominator = 1; denominator <= largest; ++denominator) {
    auto numerator = static_cast<long long>(std::llround(value * static_cast<double>(denominator)));
    double error =
        std::fabs(value - static_cast<double>(numerator) / static_cast<double>(denominator));
    if (error < best_error - 1e-12) {
      best_error = error;
      best_numerator = numerator;
      best_denominator = denominator;
    }
  }
  return {best_numerator, best_denominator};
}

// "# ?/?", "# ??/??", "?/8", "0 ?/100": a whole part (when the format has one) and a fraction
// with up to as many denominator digits as placeholders, or the denominator written.
std::string fraction_number(double value, std::string_view section, std::size_t slash) {
  std::string prefix;
  // The whole part is the placeholders before a space that precedes the numerator's.
  std::size_t numerator_start = slash;
  while (numerator_start > 0 && is_placeholder(section[numerator_start - 1])) --numerator_start;
  std::size_t whole_end = numerator_start;
  while (whole_end > 0 && section[whole_end - 1] == ' ') --whole_end;
  bool has_whole = false;
  bool whole_zero_shown = false;  // "0 ?/?" shows a zero whole part, "# ?/?" does not
  for (std::size_t i = 0; i < whole_end; ++i) {
    if (is_placeholder(section[i])) {
      has_whole = true;
      whole_zero_shown = whole_zero_shown || section[i] == '0';
    } else if (!has_whole) {
      append_literal(section, i, prefix);
    }
  }
  std::size_t at = slash + 1;
  long long fixed = 0;
  int denominator_digits = 0;
  while (at < section.size() &&
         (is_placeholder(section[at]) || (section[at] >= '1' && section[at] <= '9') ||
          (fixed > 0 && section[at] == '0'))) {
    // A denominator of more than six digits is kept at its first six (no overflow).
    bool room = fixed < 100000;
    if (section[at] >= '1' && section[at] <= '9') {
      if (room) fixed = fixed * 10 + (section[at] - '0');
    } else if (fixed > 0) {
      if (room) fixed *= 10;
    } else {
      ++denominator_digits;
    }
    ++at;
  }
  std::string suffix;
  for (std::size_t i = at; i < section.size(); ++i) append_literal(section, i, suffix);

  double magnitude = std::fabs(value);
  if (magnitude >= 1e15) return general_number(value);
  double whole = has_whole ? std::floor(magnitude) : 0.0;
  double part = magnitude - whole;
  long long numerator = 0, denominator = 1;
  if (fixed > 0) {
    denominator = fixed;
    numerator = std::llround(part * static_cast<double>(fixed));
  } else {
    long long largest = 9;
    for (int d = 1; d < std::min(denominator_digits, 3); ++d) largest = largest * 10 + 9;
    std::tie(numerator, denominator) = closest_fraction(part - std::floor(part), largest);
    numerator += static_cast<long long>(std::floor(part)) * denominator;
  }
  if (has_whole && numerator == denominator) {
    whole += 1;
    numerator = 0;
  }
  std::string out = value < 0 ? "-" : "";
  out += prefix;
  bool show_whole = has_whole && (whole != 0 || numerator == 0 || whole_zero_shown);
  if (show_whole) out += general_number(whole);
  if (numerator != 0 || !has_whole) {
    if (show_whole) out += ' ';
    out += std::to_string(numerator) + "/" + std::to_string(denominator);
  }
  return out + suffix;
}

bool is_general(std::string_view code) {
  return code.empty() || starts_with_nocase(code, "general") || code == "@";
}

}  // namespace

std::string_view builtin_number_format(int id) {
  switch (id) {
    case 1:
      return "0";
    case 2:
      return "0.00";
    case 3:
      return "#,##0";
    case 4:
      return "#,##0.00";
    case 9:
      return "0%";
    case 10:
      return "0.00%";
    case 11:
      return "0.00E+00";
    case 12:
      return "# ?/?";
    case 13:
      return "# ?\?/??";
    case 14:
      return "yyyy-mm-dd";
    case 15:
      return "d-mmm-yy";
    case 16:
      return "d-mmm";
    case 17:
      return "mmm-yy";
    case 18:
      return "h:mm AM/PM";
    case 19:
      return "h:mm:ss AM/PM";
    case 20:
      return "h:mm";
    case 21:
      return "h:mm:ss";
    case 22:
      return "yyyy-mm-dd hh:mm";
    case 37:
      return "#,##0 ;(#,##0)";
    case 38:
      return "#,##0 ;[Red](#,##0)";
    case 39:
      return "#,##0.00;(#,##0.00)";
    case 40:
      return "#,##0.00;[Red](#,##0.00)";
    case 45:
      return "mm:ss";
    case 46:
      return "[h]:mm:ss";
    case 47:
      return "mm:ss.0";
    case 48:
      return "##0.0E+0";
    case 49:
      return "@";
    default:
      // East Asian locales' built-in dates (27-31, 36, 50-58) and times (32-35): shown in the
      // reader's locale like 14, so as ISO 8601 here.
      if ((id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 58)) return "yyyy-mm-dd";
      if (id >= 32 && id <= 35) return "h:mm:ss";
      return "";
  }
}

bool is_date_format(int id, std::string_view code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
      (id >= 50 && id <= 58)) {
    return true;
  }
  if (code.empty()) return false;
  std::string_view section = first_section(code);
  bool quoted = false;
  for (std::size_t i = 0; i < section.size(); ++i) {
    char c = section[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      auto end = section.find(']', i);
      if (end == std::string_view::npos) return false;
      std::string_view inside = section.substr(i + 1, end - i - 1);
      char first = inside.empty() ? '\0' : lower(inside.front());
      if ((first == 'h' || first == 'm' || first == 's') &&
          run_length(inside, 0, first) == inside.size()) {
        return true;  // elapsed time
      }
      i = end;
    } else {
      char l = lower(c);
      if (starts_with_nocase(section.substr(i), "general")) {
        i += 6;  // "General" has an 'e' but shows no date
        continue;
      }
      // An E followed by a sign is a scientific exponent ("0.00E+00"), not a year.
      bool exponent =
          l == 'e' && i + 1 < section.size() && (section[i + 1] == '+' || section[i + 1] == '-');
      if (exponent) continue;
      if (l == 'd' || l == 'm' || l == 'y' || l == 'h' || l == 's' || l == 'e') return true;
    }
  }
  return false;
}

DateFormat::DateFormat(std::string_view code) : tokens_(tokenize_date(first_section(code))) {}

std::string DateFormat::format(double serial, bool date1904) const {
  auto when = to_date_time(serial, date1904);
  if (!when) return {};
  return render_date(tokens_, *when);
}

std::string format_excel_date(double serial, std::string_view code, bool date1904) {
  return DateFormat(code).format(serial, date1904);
}

namespace {

// The ';'-separated sections of a format code, quotes and escapes respected.
std::vector<std::string_view> sections_of(std::string_view code) {
  std::vector<std::string_view> sections;
  std::string_view rest = code;
  for (;;) {
    std::string_view section = first_section(rest);
    sections.push_back(section);
    if (section.size() == rest.size() || sections.size() == 4) break;
    rest.remove_prefix(section.size() + 1);
  }
  return sections;
}

// A section that holds a condition ("[<0]") or is text-only ("@") is not chosen by sign here.
bool has_condition(std::string_view section) {
  auto open = section.find('[');
  return open != std::string_view::npos && open + 1 < section.size() &&
         (section[open + 1] == '<' || section[open + 1] == '>' || section[open + 1] == '=');
}

}  // namespace

std::string format_excel_number(double value, std::string_view code) {
  if (is_general(code) || !std::isfinite(value)) return general_number(value);
  std::vector<std::string_view> sections = sections_of(code);
  std::string_view section = sections[0];
  // Excel's sections: positive;negative;zero;text. A negative number shown through a section
  // of its own has no minus sign unless that section writes one: "(1,234)".
  bool by_sign = sections.size() >= 2 && !has_condition(sections[0]);
  if (by_sign && value < 0 && !sections[1].empty()) {
    section = sections[1];
    value = -value;
  } else if (by_sign && value == 0 && sections.size() >= 3 && !sections[2].empty()) {
    section = sections[2];
  }
  if (is_general(section)) return general_number(value);
  if (auto e = find_unquoted(section, "Ee"); e != std::string_view::npos &&
                                             e + 1 < section.size() &&
                                             (section[e + 1] == '+' || section[e + 1] == '-')) {
    return scientific_number(value, section, e);
  }
  if (auto slash = find_unquoted(section, "/");
      slash != std::string_view::npos && slash > 0 && is_placeholder(section[slash - 1])) {
    return fraction_number(value, section, slash);
  }
  return patterned_number(value, section);
}

std::string show_number(double value, std::string_view code, const std::optional<DateFormat>& date,
                        bool date1904) {
  if (date) {
    std::string shown = date->format(value, date1904);
    if (!shown.empty()) return shown;
  }
  return format_excel_number(value, code);
}

}  // namespace trackport
