// Internal to the workbook exporter: the header names of a sheet's variable block of columns
// (the Items sheet's assessment columns, the Indicators sheet's period columns) made distinct,
// as an Excel Table needs its column names to be, in a form the reader
// (workbook_reader.cpp, names_of_headers) turns back into the names themselves.
//
// A name is written as it is unless it needs one of two marks:
// - a name already taken, case-insensitively, by a fixed column of the sheet or an earlier name
//   of the block, is numbered: the second "Status" becomes "Status (2)" (the lowest number from
//   2 that no header has);
// - a name that would read back as another (one that ends " (1)", or "X (n)" where X is taken,
//   or an empty one) gets " (1)" after it, which the reader removes.
// So the reader removes a final " (1)", and a final " (n)" when the rest is a fixed column's
// name or a name read earlier in the block; every other header is the name itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trackport::workbook {

// The names, made distinct from one another and from `fixed` (the sheet's other headers, which
// keep their names).
std::vector<std::string> distinct_column_names(const std::vector<std::string>& names,
                                               const std::vector<std::string_view>& fixed);

// The reverse, for the reader: the names under such headers, given the sheet's fixed headers. A
// final " (1)" goes, and a final " (n)" where the rest is a fixed header or a name read before it
// in the block. A workbook written before the tables has the names as they are, and reads the
// same unless a name of its own ends so.
std::vector<std::string> names_of_headers(const std::vector<std::string>& headers,
                                          const std::vector<std::string>& fixed);

}  // namespace trackport::workbook
