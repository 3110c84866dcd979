// Excel number formats: which ones show dates, and the text Excel displays for a number shown
// through a format ("mmm-yy" shows 41334 as "Mar-13"). Only what trackers need: date and time
// tokens, fixed decimals, thousands separators, percentages and literal text. Shared by the
// spreadsheet importers: xlsx shows every number through its format, xls (whose reader gives no
// formats) through General.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trackport {

// The format code of a built-in number format id ("" for General and unknown ids). Locale-
// dependent built-ins (14, 22) use the UK short-date form, since the trackers are British.
std::string_view builtin_number_format(int id);

// True when a format shows dates or times: built-in ids 14-22 and 45-47, or a custom code with
// d/m/y/h/s tokens outside quotes and brackets.
bool is_date_format(int id, std::string_view code);

// A serial day number (1900 or 1904 system) shown through a date/time format code.
// Returns "" when the serial is out of range (negative, or beyond year 9999).
std::string format_excel_date(double serial, std::string_view code, bool date1904);

// A date format code split into tokens once, to format many cells with it.
enum class DatePart : int;
struct DateToken {
  DatePart part{};
  std::string text;
};
class DateFormat {
 public:
  explicit DateFormat(std::string_view code);
  // "" when the serial is out of range.
  std::string format(double serial, bool date1904) const;

 private:
  std::vector<DateToken> tokens_;
};

// A number shown through a non-date format code ("" or "General": up to 11 significant digits,
// integers without ".0"; "0.00", "#,##0", "0%", literal prefixes such as "£").
std::string format_excel_number(double value, std::string_view code);

}  // namespace trackport
