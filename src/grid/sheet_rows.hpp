// Steps of turning sheet rows into table rows, shared by sheet_to_tables (a whole sheet at once)
// and SheetStreamer (rows as they come). Internal to the grid module.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "grid/sheet_tables.hpp"

namespace trackport::detail {

// True when some cell of the row has text (a row of fills alone is blank).
bool has_text(const SheetRow& row);
// Grid column of each sheet column (for a table's columns), -1 elsewhere.
std::vector<int> column_positions(const std::vector<int>& columns);
// The row's cells at their grid columns (every one of the row's columns is among `columns`);
// the sheet row is left empty.
std::vector<Cell> place_row(SheetRow& row, const std::vector<int>& columns,
                            const std::vector<int>& positions);
// A one-line table with one text: a title or section heading, e.g. "Priority Action 4a – ...".
std::optional<std::string> heading_text(const Table& table);

}  // namespace trackport::detail
