// Reading trackport's own standard workbook back into the model (round trip): a data team can
// correct the workbook by hand and re-import it. Beside its writer (workbook_exporter.hpp), whose
// column tables it reads by (exporters/item_table.hpp, column_names.hpp); it works on the grid of
// any spreadsheet reader, knowing the standard sheets' names and headers, not the file format.
#pragma once

#include <optional>
#include <vector>

#include "grid/table.hpp"
#include "model/document.hpp"

namespace trackport {

// The documents of a standard workbook (sheets Items and Sources with their standard headers,
// plus Extra, Assessments, Warnings, Indicators and Risks when present), or nullopt when the grid
// is not one. Every row goes to the document its Source column names (a row whose source the
// Sources sheet does not list is left out, as is an item's).
// Item fields come from the Items sheet as it now reads (hand corrections included); where the
// Assessments sheet is missing, assessments come from the rating columns after Comments.
std::optional<std::vector<Document>> read_standard_workbook(const SourceDocument& grid);

// True for the names of the sheets a standard workbook needs (a workbook with such a sheet may
// be one, and must be read whole to tell).
bool is_standard_workbook_sheet(std::string_view sheet_name);

// Parses a location label as the workbook writes it ("file.xlsx!Sheet1!A7:J9",
// "file.docx table 2 row 5", "file.pdf p. 3-4"), given the file it is expected to start with
// (a label that starts with another file keeps that one).
Location parse_location_label(const std::string& label, const std::string& file);

}  // namespace trackport
