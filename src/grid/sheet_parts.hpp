// A sheet too long for Excel goes on in sheets named after it with a number, "Items (2)",
// "Items (3)" ..., each repeating the header row (trackport's standard workbook writes them so,
// and people split long sheets the same way). Reading such a workbook back, the parts are one
// table again.
#pragma once

#include <vector>

#include "grid/table.hpp"

namespace trackport {

// True when some table is a part of another (join_sheet_parts would join it).
bool has_sheet_parts(const std::vector<Table>& tables);

// Appends each part's rows after its header row to the table of the sheet it continues ("Items"
// for "Items (2)", in sheet order), and removes the part; a part whose header row is not the
// same as the sheet's, or whose sheet has no table, stays as it is.
void join_sheet_parts(std::vector<Table>& tables);

}  // namespace trackport
