#include "exporters/workbook/printed_number.hpp"

#include <charconv>

namespace trackport::workbook {
namespace {

constexpr int kMaxDecimals = 7;
constexpr int kMaxSignificantDigits = 15;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Consumes a currency sign at the front of `text`.
NumberStyle::Currency take_currency(std::string_view& text) {
  struct Sign {
    std::string_view bytes;
    NumberStyle::Currency currency;
  };
  static constexpr Sign kSigns[] = {{"\xC2\xA3", NumberStyle::Currency::pound},
                                    {"$", NumberStyle::Currency::dollar},
                                    {"\xE2\x82\xAC", NumberStyle::Currency::euro}};
  for (const auto& sign : kSigns) {
    if (text.starts_with(sign.bytes)) {
      text.remove_prefix(sign.bytes.size());
      return sign.currency;
    }
  }
  return NumberStyle::Currency::none;
}

// Consumes the integer part ("1,250" or "1250"), appending its digits to `digits`; false when
// it is not one a number format prints: no digits, a leading zero, or separators that do not
// part groups of three after a first group of one to three.
bool take_integer_part(std::string_view& text, std::string& digits, bool& thousands) {
  std::size_t i = 0;
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i == 0 || (text[0] == '0' && i > 1)) return false;
  digits.append(text.substr(0, i));
  thousands = i < text.size() && text[i] == ',';
  if (thousands && (i > 3 || text[0] == '0')) return false;
  while (i < text.size() && text[i] == ',') {
    std::size_t group = 0;
    while (i + 1 + group < text.size() && is_digit(text[i + 1 + group])) ++group;
    if (group != 3) return false;
    digits.append(text.substr(i + 1, 3));
    i += 4;
  }
  text.remove_prefix(i);
  return true;
}

int significant_digits(std::string_view digits) {
  const std::size_t first = digits.find_first_not_of('0');
  return first == std::string_view::npos ? 1 : static_cast<int>(digits.size() - first);
}

}  // namespace

NumberStyle::NumberStyle(int decimals, bool thousands, bool percent, Currency currency)
    : code_(static_cast<std::uint8_t>((decimals & 7) | (thousands ? 8 : 0) | (percent ? 16 : 0) |
                                      (static_cast<unsigned>(currency) << 5))) {}

std::string NumberStyle::excel_format() const {
  std::string format;
  switch (currency()) {
    case Currency::pound:
      format = "\"\xC2\xA3\"";
      break;
    case Currency::dollar:
      format = "\"$\"";
      break;
    case Currency::euro:
      format = "\"\xE2\x82\xAC\"";
      break;
    case Currency::none:
      break;
  }
  format += thousands() ? "#,##0" : "0";
  if (decimals() > 0) format += "." + std::string(static_cast<std::size_t>(decimals()), '0');
  if (percent()) format += '%';
  return format;
}

std::optional<PrintedNumber> read_printed_number(std::string_view text) {
  const bool negative = text.starts_with('-');
  if (negative) text.remove_prefix(1);
  const NumberStyle::Currency currency = take_currency(text);

  std::string digits = negative ? "-" : "";
  bool thousands = false;
  if (!take_integer_part(text, digits, thousands)) return std::nullopt;
  int decimals = 0;
  if (text.starts_with('.')) {
    text.remove_prefix(1);
    while (decimals < static_cast<int>(text.size()) && is_digit(text[decimals])) ++decimals;
    if (decimals == 0 || decimals > kMaxDecimals) return std::nullopt;
    digits += '.';
    digits.append(text.substr(0, static_cast<std::size_t>(decimals)));
    text.remove_prefix(static_cast<std::size_t>(decimals));
  }
  const bool percent = text == "%" && currency == NumberStyle::Currency::none;
  if (!text.empty() && !percent) return std::nullopt;

  std::string_view unsigned_digits(digits);
  if (negative) unsigned_digits.remove_prefix(1);
  std::string bare;
  for (char c : unsigned_digits) {
    if (c != '.') bare += c;
  }
  if (significant_digits(bare) > kMaxSignificantDigits) return std::nullopt;

  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  // "-0" prints as "0": keep it as text rather than change it.
  if (negative && value == 0) return std::nullopt;
  if (percent) value /= 100;
  return PrintedNumber{value, NumberStyle(decimals, thousands, percent, currency)};
}

}  // namespace trackport::workbook
