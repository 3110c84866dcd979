// One worksheet part (xl/worksheets/sheetN.xml) read row by row into format-neutral sheet rows:
// the text each visible cell shows, its fill, hidden rows, and merged ranges.
//
// The part streams in: the rows inside <sheetData> are parsed with pugixml in place, a window of
// whole rows at a time, so neither a 77 MB sheet's XML nor its DOM is ever whole in memory; the
// small parts before and after <sheetData> (cols, mergeCells) are parsed on their own.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "grid/sheet_stream.hpp"
#include "importers/xlsx/xlsx_conditional.hpp"
#include "importers/xlsx/xlsx_workbook.hpp"
#include "io/stream_window.hpp"

namespace trackport {

// What was left out, for warnings.
struct XlsxSheetSkips {
  std::vector<int> hidden_columns_with_text;  // ascending
  std::vector<int> hidden_rows_with_text;     // ascending
};

// What follows a sheet's rows in its part.
struct WorksheetTail {
  std::vector<SheetMerge> merges;
  std::vector<XlsxConditionalFormat> conditional_formats;
};

// Reads the part as it streams in, handing each row to `sink` in the order the part lists them,
// and returns the merged ranges and conditional formats (which follow the rows). Throws
// InputError for a DOCTYPE, malformed or truncated XML, or more cells than `max_cells`.
WorksheetTail read_worksheet(const ByteSource& source, std::string_view part,
                             const XlsxWorkbook& workbook, std::size_t max_cells,
                             XlsxSheetSkips& skips, SheetRowSink& sink);

// The text Excel shows for a cell value of type `type` (the t attribute) with `style`.
std::string cell_display_text(std::string_view type, std::string_view value,
                              const XlsxCellStyle& style, const XlsxWorkbook& workbook);

}  // namespace trackport
