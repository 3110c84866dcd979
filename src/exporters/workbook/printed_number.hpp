// Internal to the workbook exporter: a value that is wholly a number as a spreadsheet prints one
// ("42", "1,250.50", "-3.5", "75%", "£1,200.00"), read back into the number and the Excel number
// format that prints it exactly so, so the workbook can type it as a number (sortable, summable)
// without changing what a reader sees. The model keeps every value as its printed text; this is
// only how the workbook writes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trackport::workbook {

// How a number was printed, packed in a byte (the workbook's temporary files hold one per
// cell): its decimals (0..7), thousands separators, a percent sign, a currency sign.
class NumberStyle {
 public:
  enum class Currency : std::uint8_t { none, pound, dollar, euro };

  NumberStyle() = default;
  NumberStyle(int decimals, bool thousands, bool percent, Currency currency);
  static NumberStyle from_code(std::uint8_t code) {
    NumberStyle style;
    style.code_ = code;
    return style;
  }

  std::uint8_t code() const { return code_; }
  int decimals() const { return code_ & 7; }
  bool thousands() const { return (code_ & 8) != 0; }
  bool percent() const { return (code_ & 16) != 0; }
  Currency currency() const { return static_cast<Currency>((code_ >> 5) & 3); }

  // The Excel number format that prints a number in this style: "0", "#,##0.00", "0.0%",
  // "\"£\"#,##0.00".
  std::string excel_format() const;

 private:
  std::uint8_t code_ = 0;
};

struct PrintedNumber {
  double value = 0;  // 0.75 for "75%"
  NumberStyle style;
};

// The number `text` prints, when it is one whole and a number format prints it back exactly: an
// optional "-", an optional currency sign (£, $, €), digits with no leading zero (a lone "0"
// before the point excepted) in groups of three when separated by commas, up to 7 decimals, an
// optional "%" (not with a currency), at most 15 significant digits (a double's precision).
// Anything else, "007", "1.5e3", ".5", "12 %", "1,23", a date or a reference, stays text.
std::optional<PrintedNumber> read_printed_number(std::string_view text);

}  // namespace trackport::workbook
