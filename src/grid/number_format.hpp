// Excel number formats: which ones show dates, and the text Excel displays for a number shown
// through a format ("mmm-yy" shows 41334 as "Mar-13"). Only what trackers need: date and time
// tokens, fixed decimals, thousands separators, percentages and literal text. Shared by the
// spreadsheet importers: xlsx shows every number through its format, xls (whose reader gives no
// formats) through General.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trackport {

// The format code of a built-in number format id ("" for General and unknown ids).
// The built-in short date (14) and date-time (22) are shown in the locale of whoever opens the
// file, which the file does not record (Excel writes 31/03/2024 in the UK, 3/31/2024 in the US):
// trackport shows them as ISO 8601, 2024-03-31 and 2024-03-31 14:30, which no reader can take
// for another day. An .xls spells them out in its FORMAT records in the writer's locale; they
// are read as these built-ins all the same (is_locale_date_format).
std::string_view builtin_number_format(int id);

// True for the built-in formats shown in the reader's locale: 14 and 22.
inline bool is_locale_date_format(int id) {
  return id == 14 || id == 22;
}

// True when a format shows dates or times: built-in ids 14-22, 27-36, 45-47 and 50-58, or a
// custom code with d/m/y/h/s tokens outside quotes and brackets.
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
// integers without ".0"; "0.00", "#,##0", "0%", literal prefixes such as "£"; scientific
// "0.00E+00" and engineering "##0.0E+0"; fractions "# ?/?", "?/8"; a negative or zero number
// through the format's second or third section, "#,##0;(#,##0)").
std::string format_excel_number(double value, std::string_view code);

// A cell's number as its format shows it: through `date` when the format shows dates (and the
// serial is in range), else through the number format `code`.
std::string show_number(double value, std::string_view code, const std::optional<DateFormat>& date,
                        bool date1904);

}  // namespace trackport
