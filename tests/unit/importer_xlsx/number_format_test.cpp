#include <catch2/catch.hpp>

#include <cmath>

#include "grid/number_format.hpp"

using namespace trackport;

TEST_CASE("number formats: which formats show dates") {
  CHECK(is_date_format(14, ""));
  CHECK(is_date_format(17, ""));
  CHECK(is_date_format(22, ""));
  CHECK(is_date_format(45, ""));
  CHECK(is_date_format(47, ""));
  CHECK_FALSE(is_date_format(0, ""));
  CHECK_FALSE(is_date_format(23, ""));
  CHECK_FALSE(is_date_format(164, "General"));
  CHECK(is_date_format(164, "mmm-yy"));
  CHECK(is_date_format(164, "dd/mm/yyyy"));
  CHECK(is_date_format(164, "[$-809]dd mmmm yyyy;@"));
  CHECK(is_date_format(164, "[h]:mm"));
  CHECK(is_date_format(164, "\"Due \"dd-mmm-yyyy"));
  CHECK_FALSE(is_date_format(164, "0.00"));
  CHECK_FALSE(is_date_format(164, "[Red]0.00"));
  CHECK_FALSE(is_date_format(164, "\"Qty: \"0"));
  CHECK_FALSE(is_date_format(164, "#,##0 \"days\""));
  CHECK_FALSE(is_date_format(164, "0\\d"));
  CHECK_FALSE(is_date_format(164, "0_);[Red](0)"));
}

TEST_CASE("number formats: dates as Excel shows them") {
  // 41334 is 1 March 2013 in the 1900 system (41275 = 1 Jan 2013, + 31 + 28).
  CHECK(format_excel_date(41334, "mmm-yy", false) == "Mar-13");
  CHECK(format_excel_date(41334, "mmmm d, yyyy", false) == "March 1, 2013");
  CHECK(format_excel_date(41334, "dddd", false) == "Friday");
  CHECK(format_excel_date(41334, "ddd dd/mm/yy", false) == "Fri 01/03/13");
  CHECK(format_excel_date(41334, "mmmmm", false) == "M");
  CHECK(format_excel_date(41334, "d/m/yy", false) == "1/3/13");
  CHECK(format_excel_date(41334, "\"Due \"dd-mmm-yyyy", false) == "Due 01-Mar-2013");
  CHECK(format_excel_date(41334, "[$-809]dd mmmm yyyy;@", false) == "01 March 2013");
  CHECK(format_excel_date(41334, "yyyy\\-mm\\-dd", false) == "2013-03-01");
  // The 1900 system's phantom 29 February and the days around it.
  CHECK(format_excel_date(1, "yyyy-mm-dd", false) == "1900-01-01");
  CHECK(format_excel_date(59, "yyyy-mm-dd", false) == "1900-02-28");
  CHECK(format_excel_date(60, "yyyy-mm-dd", false) == "1900-02-29");
  CHECK(format_excel_date(61, "yyyy-mm-dd", false) == "1900-03-01");
  // The 1904 system counts from 1 January 1904: 1 March 2013 is 1462 days earlier.
  CHECK(format_excel_date(0, "yyyy-mm-dd", true) == "1904-01-01");
  CHECK(format_excel_date(41334 - 1462, "mmm-yy", true) == "Mar-13");
  // Out of range: nothing.
  CHECK(format_excel_date(-1, "yyyy", false) == "");
  CHECK(format_excel_date(3e6, "yyyy", false) == "");
}

TEST_CASE("number formats: times, minutes versus months, AM/PM") {
  CHECK(format_excel_date(41334.75, "h:mm AM/PM", false) == "6:00 PM");
  CHECK(format_excel_date(41334.25, "hh:mm am/pm", false) == "06:00 am");
  CHECK(format_excel_date(0.5, "h:mm", false) == "12:00");
  CHECK(format_excel_date(0.0, "h:mm AM/PM", false) == "12:00 AM");
  // 12:05:07 = (12*3600 + 5*60 + 7) / 86400
  double time = (12 * 3600 + 5 * 60 + 7) / 86400.0;
  CHECK(format_excel_date(time, "h:m:s", false) == "12:5:7");
  CHECK(format_excel_date(time, "mm:ss", false) == "05:07");
  CHECK(format_excel_date(41334 + time, "d/m/yyyy h:mm", false) == "1/3/2013 12:05");
  CHECK(format_excel_date(1.5, "[h]:mm", false) == "36:00");
  CHECK(format_excel_date(1.5 / 24, "[mm]:ss", false) == "90:00");
  CHECK(format_excel_date((5 * 60 + 7.25) / 86400.0, "mm:ss.00", false) == "05:07.25");
  // 59.6 seconds show as the next minute without a fraction token.
  CHECK(format_excel_date(59.6 / 86400.0, "h:mm:ss", false) == "0:01:00");
}

TEST_CASE("number formats: numbers") {
  CHECK(format_excel_number(3, "") == "3");
  CHECK(format_excel_number(3, "General") == "3");
  CHECK(format_excel_number(-12, "") == "-12");
  CHECK(format_excel_number(0.1 + 0.2, "") == "0.3");
  CHECK(format_excel_number(3.5, "") == "3.5");
  CHECK(format_excel_number(1e20, "") == "1E+20");
  CHECK(format_excel_number(123456789012.0, "") == "123456789012");
  CHECK(format_excel_number(1234567.891, "#,##0.00") == "1,234,567.89");
  CHECK(format_excel_number(-1234.6, "#,##0") == "-1,235");
  CHECK(format_excel_number(2.5, "0") == "3");  // halves away from zero, as Excel
  CHECK(format_excel_number(0.125, "0.0%") == "12.5%");
  CHECK(format_excel_number(0.5, "0%") == "50%");
  CHECK(format_excel_number(5, "\"Qty: \"0") == "Qty: 5");
  CHECK(format_excel_number(-5, "£#,##0.00") == "-£5.00");
  CHECK(format_excel_number(5, "[$£-809]#,##0.00") == "£5.00");
  CHECK(format_excel_number(7, "0_);[Red](0)") == "7");  // padding is not shown
  CHECK(format_excel_number(12, "@") == "12");  // text format: a number in it shows as General
}

TEST_CASE("number formats: negative and zero sections") {
  CHECK(format_excel_number(-1234, "#,##0;(#,##0)") == "(1,234)");
  CHECK(format_excel_number(1234, "#,##0;(#,##0)") == "1,234");
  CHECK(format_excel_number(-7, "0_);[Red](0)") == "(7)");
  CHECK(format_excel_number(0, "0.00;-0.00;\"nil\"") == "nil");
  CHECK(format_excel_number(-5, "0;-0;0") == "-5");
}

// Expected texts as Excel (and LibreOffice) show them.
TEST_CASE("number formats: scientific and engineering") {
  CHECK(format_excel_number(2.5, "0.00E+00") == "2.50E+00");
  CHECK(format_excel_number(12345, "0.00E+00") == "1.23E+04");
  CHECK(format_excel_number(0.000123, "0.00E+00") == "1.23E-04");
  CHECK(format_excel_number(-12345, "0.00E+00") == "-1.23E+04");
  CHECK(format_excel_number(0, "0.00E+00") == "0.00E+00");
  CHECK(format_excel_number(9.999, "0.00E+00") == "1.00E+01");  // rounding carries
  CHECK(format_excel_number(1, "0.0E-0") == "1.0E0");
  // Engineering (built-in 48): the exponent a multiple of three. It used to read its E as a year.
  CHECK(format_excel_number(1, "##0.0E+0") == "1.0E+0");
  CHECK(format_excel_number(12345, "##0.0E+0") == "12.3E+3");
  CHECK(format_excel_number(123456, "##0.0E+0") == "123.5E+3");
  CHECK(format_excel_number(0.00012, "##0.0E+0") == "120.0E-6");
  CHECK(format_excel_number(1, builtin_number_format(48)) == "1.0E+0");
  CHECK_FALSE(is_date_format(48, builtin_number_format(48)));
  CHECK(format_excel_number(1, builtin_number_format(11)) == "1.00E+00");
}

TEST_CASE("number formats: fractions") {
  CHECK(format_excel_number(1.5, "# ?/?") == "1 1/2");
  CHECK(format_excel_number(0.75, "# ?/?") == "3/4");
  CHECK(format_excel_number(2, "# ?/?") == "2");
  CHECK(format_excel_number(-1.25, "# ?/?") == "-1 1/4");
  CHECK(format_excel_number(3.14159, "# ?\?/??") == "3 14/99");
  CHECK(format_excel_number(0.333, "# ?/?") == "1/3");
  CHECK(format_excel_number(1.5, "?/?") == "3/2");    // no whole part: an improper fraction
  CHECK(format_excel_number(0.3, "# ?/8") == "2/8");  // a fixed denominator
  CHECK(format_excel_number(0.37, "0 ?/100") == "0 37/100");
  CHECK(format_excel_number(1.5, builtin_number_format(12)) == "1 1/2");
  // Found by fuzz_xls: a NaN read from a file, and a denominator too long for any integer.
  CHECK(format_excel_number(std::nan(""), "# ?/?") == "#NUM!");
  CHECK(format_excel_number(0.5, "# ?/12345678901234567890") == "61728/123456");
}

TEST_CASE("number formats: the locale's short date is shown as ISO 8601") {
  CHECK(is_locale_date_format(14));
  CHECK(is_locale_date_format(22));
  CHECK_FALSE(is_locale_date_format(15));
  CHECK(format_excel_date(41334, builtin_number_format(14), false) == "2013-03-01");
  CHECK(format_excel_date(41334.5, builtin_number_format(22), false) == "2013-03-01 12:00");
  CHECK(format_excel_date(1.5, builtin_number_format(46), false) == "36:00:00");  // elapsed
  // East Asian locales' built-in dates (a Japanese Excel's 30, 57) are dates too.
  CHECK(is_date_format(30, ""));
  CHECK(is_date_format(57, ""));
  CHECK(format_excel_date(23459, builtin_number_format(57), false) == "1964-03-23");
}
