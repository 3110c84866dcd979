// Due dates: keep the printed form, derive a date range where the form allows it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "model/document.hpp"

namespace trackport {

// Derives start/end from the printed text; raw is kept exactly as given.
//   "Mar-13", "March 2013", "Dec 2014"   -> the month
//   "2013"                               -> the calendar year
//   "2013-14", "2013/14", "2013/2014"    -> UK financial year 1 Apr 2013 .. 31 Mar 2014
//   "Q3 2013/14"                         -> financial quarter (Q1 = Apr-Jun) .. Oct-Dec 2013
//   "31/03/2014", "31.03.14", "2014-03-31" -> that day (day first)
//   "Annually", "Ongoing", "Annually in January", "June 2012 and March 2013" -> no dates
Due parse_due(std::string_view raw);

// A due for a known date (e.g. an Excel date cell), keeping the displayed text as raw.
Due due_for_date(std::string raw, std::chrono::year_month_day day);

// "YYYY-MM-DD".
std::string iso_date(std::chrono::year_month_day day);
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);

}  // namespace trackport
