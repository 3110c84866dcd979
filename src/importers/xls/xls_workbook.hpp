// A legacy .xls workbook read into format-neutral sheets: its BIFF stream taken from the OLE
// container with libgsf (Debian's libgsf-1-dev; xls_ole.hpp), or a bare Excel 2-4 file, and its
// records parsed here (biff_records.hpp, xls_styles.hpp). BIFF8 (Excel 97-2003), BIFF5/7
// (Excel 5 and 95) and the worksheets of BIFF2-4 are read.
//
// Each worksheet gives its cells as the text Excel shows: strings (SST with CONTINUE, LABEL,
// RSTRING), numbers through their number format (dates in the 1900 or 1904 system), booleans
// (TRUE/FALSE), error values (#DIV/0!) and the cached results of formulas of each of those
// kinds; each cell's solid fill and font colour (XF, FONT and PALETTE), so a rating given only by
// colour is read; merged ranges (MERGEDCELLS); and which rows, columns and sheets are hidden.
// A workbook with a FILEPASS record is password-protected: refused with one line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "grid/sheet_tables.hpp"

namespace trackport {

enum class XlsSheetState : std::uint8_t { visible = 0, hidden = 1, very_hidden = 2 };

struct XlsSheet {
  std::string name;
  XlsSheetState state = XlsSheetState::visible;  // a hidden sheet's cells are not read
  std::vector<SheetRow> rows;                    // visible rows with text or a fill, ascending
  std::vector<int> hidden_rows;                  // every hidden row, ascending
  std::vector<SheetMerge> merges;
  std::vector<int> hidden_rows_with_text;     // for the importer's warnings
  std::vector<int> hidden_columns_with_text;  // (hidden cells are left out of `rows`)
};

struct XlsWorkbook {
  int biff_version = 8;  // 2, 3, 4, 5 (Excel 5 and 95) or 8
  std::vector<XlsSheet> sheets;
};

// The one-line error for a password-protected .xls.
inline constexpr std::string_view kXlsPasswordError =
    "password-protected or encrypted .xls workbook; remove the password in Excel and save again";

// Reads the workbook in `file` (the whole .xls file). Throws InputError with a one-line reason
// when it cannot be read, is password-protected, or holds more than `max_cells` cells.
XlsWorkbook read_xls_workbook(std::string_view file, std::size_t max_cells);

// Reads a BIFF stream (the Workbook stream, or a bare Excel 2-4 file).
XlsWorkbook read_biff_stream(std::string_view stream, std::size_t max_cells);

}  // namespace trackport
