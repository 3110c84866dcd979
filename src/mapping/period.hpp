// Reporting periods named in a document: "Update June 2014", "Quarter two 2013/14", "Q2 2024/25",
// "Position at 30 September 2024". The period a document reports is the first one its update
// column's header, its title rows or headings, or its title name.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trackport {

// The reporting period a short text names, as printed ("Update June 2014"); nullopt when none.
std::optional<std::string> find_period(std::string_view text);

}  // namespace trackport
