// The workbook types a value as a number only when a number format prints it back exactly as the
// source printed it: these cases are read by hand from how Excel shows each format.
#include "exporters/workbook/printed_number.hpp"

#include <catch2/catch.hpp>

using namespace trackport::workbook;

namespace {

PrintedNumber read(std::string_view text) {
  auto number = read_printed_number(text);
  REQUIRE(number.has_value());
  return *number;
}

}  // namespace

TEST_CASE("whole numbers, decimals and thousands separators keep their printed form") {
  auto plain = read("42");
  CHECK(plain.value == 42);
  CHECK(plain.style.excel_format() == "0");

  auto decimals = read("1250.50");
  CHECK(decimals.value == Approx(1250.5));
  CHECK(decimals.style.excel_format() == "0.00");  // the trailing zero stays printed

  auto separated = read("1,250,000");
  CHECK(separated.value == 1250000);
  CHECK(separated.style.excel_format() == "#,##0");

  auto negative = read("-3.5");
  CHECK(negative.value == Approx(-3.5));
  CHECK(negative.style.excel_format() == "0.0");

  auto zero_point = read("0.05");
  CHECK(zero_point.value == Approx(0.05));
  CHECK(zero_point.style.excel_format() == "0.00");
}

TEST_CASE("percentages are fractions shown as percentages") {
  auto percent = read("75%");
  CHECK(percent.value == Approx(0.75));
  CHECK(percent.style.excel_format() == "0%");

  auto decimal_percent = read("12.5%");
  CHECK(decimal_percent.value == Approx(0.125));
  CHECK(decimal_percent.style.excel_format() == "0.0%");
}

TEST_CASE("money keeps its currency sign in the format") {
  auto pounds = read(
      "\xC2\xA3"
      "1,200.00");
  CHECK(pounds.value == 1200);
  CHECK(pounds.style.excel_format() == "\"\xC2\xA3\"#,##0.00");
  CHECK(read("$15").style.excel_format() == "\"$\"0");
  CHECK(read("\xE2\x82\xAC"
             "3.50")
            .style.excel_format() == "\"\xE2\x82\xAC\"0.00");
  auto owed = read(
      "-\xC2\xA3"
      "40");
  CHECK(owed.value == -40);
}

TEST_CASE("a style survives its one-byte code") {
  const auto style = read(
                         "\xC2\xA3"
                         "1,200.125")
                         .style;
  const auto back = NumberStyle::from_code(style.code());
  CHECK(back.decimals() == 3);
  CHECK(back.thousands());
  CHECK_FALSE(back.percent());
  CHECK(back.currency() == NumberStyle::Currency::pound);
}

TEST_CASE("what a number format would print differently stays text") {
  for (std::string_view text : {
           "",          // nothing
           "007",       // a leading zero: a code, not a quantity
           "00",        //
           ".5",        // Excel prints "0.5"
           "5.",        // nor a bare point
           "1.5e3",     // exponent
           "12 %",      // a space
           " 12",       // surrounding space
           "12 ",       //
           "1,23",      // not a thousands group
           "1,2345",    //
           "1234,567",  // first group too long
           ",123",      //
           "0,123",     //
           "-0",        // prints as 0
           "+5",        // Excel prints no plus
           "\xC2\xA3"
           "5%",                // money and percent at once
           "5%%",               //
           "1.12345678",        // more decimals than kept
           "1234567890123456",  // past a double's 15 digits
           "2019-20",           // a financial year
           "31/03/2024",        // a date
           "1.2.3",             // a section reference
           "Q1",                //
           "NI 45",             //
           "12a",               //
           "-",                 //
           "\xC2\xA3",          //
       }) {
    INFO("text: '" << text << "'");
    CHECK_FALSE(read_printed_number(text).has_value());
  }
}

TEST_CASE("fifteen significant digits are still a number") {
  CHECK(read("123456789012345").value == 123456789012345.0);
  CHECK(read("0.000001").style.decimals() == 6);
}
