#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "model/due.hpp"

using trackport::parse_due;

namespace {

std::chrono::year_month_day ymd(int y, unsigned m, unsigned d) {
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m},
                                     std::chrono::day{d}};
}

// "start..end" in ISO form, "none" when the due has no dates, for readable failures.
std::string range_of(std::string_view raw) {
  const auto due = parse_due(raw);
  CHECK(due.raw == raw);
  if (!due.start && !due.end) return "none";
  REQUIRE(due.start);
  REQUIRE(due.end);
  return trackport::iso_date(*due.start) + ".." + trackport::iso_date(*due.end);
}

}  // namespace

TEST_CASE("month and year forms give the whole month", "[due]") {
  CHECK(range_of("Mar-13") == "2013-03-01..2013-03-31");
  CHECK(range_of("Mar 13") == "2013-03-01..2013-03-31");
  CHECK(range_of("March 13") == "2013-03-01..2013-03-31");
  CHECK(range_of("March 2013") == "2013-03-01..2013-03-31");
  CHECK(range_of("Mar 2013") == "2013-03-01..2013-03-31");
  CHECK(range_of("MAR-13") == "2013-03-01..2013-03-31");
  CHECK(range_of("Dec-14") == "2014-12-01..2014-12-31");
  CHECK(range_of("Dec 2014") == "2014-12-01..2014-12-31");
  CHECK(range_of("Sept 2013") == "2013-09-01..2013-09-30");
  CHECK(range_of("Aug-13") == "2013-08-01..2013-08-31");
  CHECK(range_of("Feb-12") == "2012-02-01..2012-02-29");  // leap year
  CHECK(range_of("Feb-13") == "2013-02-01..2013-02-28");
  CHECK(range_of("03/2014") == "2014-03-01..2014-03-31");
  CHECK(range_of("  March 2014 ") == "2014-03-01..2014-03-31");
}

TEST_CASE("two-digit years are 20xx below 70 and 19xx from 70", "[due]") {
  CHECK(range_of("Jan-00") == "2000-01-01..2000-01-31");
  CHECK(range_of("Jan-69") == "2069-01-01..2069-01-31");
  CHECK(range_of("Jan-70") == "1970-01-01..1970-01-31");
  CHECK(range_of("Jan-99") == "1999-01-01..1999-01-31");
}

TEST_CASE("a plain year is the calendar year", "[due]") {
  CHECK(range_of("2017") == "2017-01-01..2017-12-31");
  CHECK(range_of("2013") == "2013-01-01..2013-12-31");
  CHECK(range_of("5000") == "none");  // a count, not a year
  CHECK(range_of("13") == "none");
}

TEST_CASE("financial years run 1 April to 31 March", "[due]") {
  CHECK(range_of("2013-14") == "2013-04-01..2014-03-31");
  CHECK(range_of("2013/14") == "2013-04-01..2014-03-31");
  CHECK(range_of("2013/2014") == "2013-04-01..2014-03-31");
  CHECK(range_of("2013-2014") == "2013-04-01..2014-03-31");
  CHECK(range_of("2013\xE2\x80\x93"
                 "14") == "2013-04-01..2014-03-31");  // en dash
  CHECK(range_of("13/14") == "2013-04-01..2014-03-31");
  CHECK(range_of("1999/00") == "1999-04-01..2000-03-31");
}

TEST_CASE("a span of financial years covers all of them", "[due]") {
  CHECK(range_of("2011-14") == "2011-04-01..2014-03-31");
  CHECK(range_of("2011/2015") == "2011-04-01..2015-03-31");
}

TEST_CASE("year pairs that are no financial year", "[due]") {
  CHECK(range_of("2014-13") == "none");  // backwards
  CHECK(range_of("2013-13") == "none");
  CHECK(range_of("10/12") == "none");  // as likely October 2012 as two years
}

TEST_CASE("quarters: financial with a financial year, calendar with a plain year", "[due]") {
  CHECK(range_of("Q1 2013/14") == "2013-04-01..2013-06-30");
  CHECK(range_of("Q3 2013/14") == "2013-10-01..2013-12-31");
  CHECK(range_of("Q4 2013/14") == "2014-01-01..2014-03-31");
  CHECK(range_of("Q2 2013-14") == "2013-07-01..2013-09-30");
  CHECK(range_of("Quarter 2 2014/15") == "2014-07-01..2014-09-30");
  CHECK(range_of("2013/14 Q3") == "2013-10-01..2013-12-31");
  CHECK(range_of("Q3 2013") == "2013-07-01..2013-09-30");
  CHECK(range_of("Q1 2014") == "2014-01-01..2014-03-31");
  CHECK(range_of("Q5 2013/14") == "none");
  CHECK(range_of("Q3 2011-14") == "none");  // a quarter of three years is no quarter
}

TEST_CASE("full dates are read day first", "[due]") {
  CHECK(range_of("31/03/2014") == "2014-03-31..2014-03-31");
  CHECK(range_of("31/3/14") == "2014-03-31..2014-03-31");
  CHECK(range_of("31.03.2014") == "2014-03-31..2014-03-31");
  CHECK(range_of("31.03.14") == "2014-03-31..2014-03-31");
  CHECK(range_of("31-03-2014") == "2014-03-31..2014-03-31");
  CHECK(range_of("01/04/2013") == "2013-04-01..2013-04-01");
  CHECK(range_of("2014-03-31") == "2014-03-31..2014-03-31");
  CHECK(range_of("31 March 2014") == "2014-03-31..2014-03-31");
  CHECK(range_of("1st April 2013") == "2013-04-01..2013-04-01");
  CHECK(range_of("22nd Sept 2014") == "2014-09-22..2014-09-22");
  CHECK(range_of("29/02/2012") == "2012-02-29..2012-02-29");
}

TEST_CASE("impossible dates give no dates", "[due]") {
  CHECK(range_of("29/02/2013") == "none");
  CHECK(range_of("31/04/2014") == "none");
  CHECK(range_of("00/03/2014") == "none");
  CHECK(range_of("12/13/2014") == "none");
  CHECK(range_of("2014-02-30") == "none");
}

TEST_CASE("deadline words in front of a date are ignored", "[due]") {
  CHECK(range_of("By March 2014") == "2014-03-01..2014-03-31");
  CHECK(range_of("End of March 2014") == "2014-03-01..2014-03-31");
  CHECK(range_of("by the end of March 2014") == "2014-03-01..2014-03-31");
  CHECK(range_of("By 31/03/2014") == "2014-03-31..2014-03-31");
}

TEST_CASE("explicit ranges run from the start of one to the end of the other", "[due]") {
  CHECK(range_of("April 2013 - March 2014") == "2013-04-01..2014-03-31");
  CHECK(range_of("Apr 2013 to Mar 2014") == "2013-04-01..2014-03-31");
  CHECK(range_of("March 2014 - April 2013") == "none");  // backwards
}

TEST_CASE("vague and recurring dues keep their text and have no dates", "[due]") {
  for (const char* raw :
       {"Annually", "Ongoing", "ongoing", "Annually in January", "June 2012 and March 2013",
        "Annual target (dependent on funding contract renewal)",
        "Annually (subject to continuation funding)", "TBC", "", "March 2014 onwards", "March",
        "end of March", "Spring 2014"}) {
    INFO(raw);
    CHECK(range_of(raw) == "none");
  }
}

TEST_CASE("raw is kept exactly as printed", "[due]") {
  const auto due = parse_due("  By  end of Mar-13\t");
  CHECK(due.raw == "  By  end of Mar-13\t");
  CHECK(due.start == ymd(2013, 3, 1));
  CHECK(due.end == ymd(2013, 3, 31));
}

TEST_CASE("a known date keeps its displayed text", "[due]") {
  const auto due = trackport::due_for_date("Mar-13", ymd(2013, 3, 1));
  CHECK(due.raw == "Mar-13");
  CHECK(due.start == ymd(2013, 3, 1));
  CHECK(due.end == ymd(2013, 3, 1));
}

TEST_CASE("ISO dates are written and read", "[due]") {
  CHECK(trackport::iso_date(ymd(2014, 3, 31)) == "2014-03-31");
  CHECK(trackport::iso_date(ymd(987, 1, 2)) == "0987-01-02");
  CHECK(trackport::parse_iso_date("2014-03-31") == ymd(2014, 3, 31));
  CHECK(trackport::parse_iso_date("2012-02-29") == ymd(2012, 2, 29));
  CHECK_FALSE(trackport::parse_iso_date("2013-02-29"));
  CHECK_FALSE(trackport::parse_iso_date("2014-3-31"));
  CHECK_FALSE(trackport::parse_iso_date("31/03/2014"));
  CHECK_FALSE(trackport::parse_iso_date("2014-03-31T00:00"));
  CHECK_FALSE(trackport::parse_iso_date(""));
}

TEST_CASE("a date-time cell's text is due on its day", "[due]") {
  CHECK(range_of("2024-06-01 14:30:00") == "2024-06-01..2024-06-01");
  CHECK(range_of("01/06/2024 14:30") == "2024-06-01..2024-06-01");
  CHECK(range_of("1/6/24 9:05") == "2024-06-01..2024-06-01");
  CHECK(range_of("2024-06-01 14:3") == "none");     // not a time
  CHECK(range_of("2024-06-01 14:30:0") == "none");  // nor this
  CHECK(range_of("Q4 14:30") == "none");            // a time after no date
  CHECK(range_of("14:30") == "none");
}
