// A legacy .xls (BIFF) workbook read with freexl (Debian's libfreexl-dev 1.0.6) into
// format-neutral sheets: every worksheet in order, each row's cells with content as the text the
// importer shows (the same grid rows the xlsx and ods readers give).
//
// What freexl 1.0.6 does not give, and so the grid does not have: which sheets, rows and columns
// are hidden (all are read), merged ranges (a merged cell is its top-left cell), fills (no
// status from a cell's colour), number formats (numbers are shown as Excel's General format
// shows them: 0.5, not 50%), formula results (a formula cell comes out empty), and booleans and
// error values (freexl turns both into 0 or 1). Dates and times come as freexl writes them:
// "2024-03-31", "2024-03-31 14:30:00", "14:30:00".
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "grid/sheet_tables.hpp"

namespace trackport {

struct XlsSheet {
  std::string name;
  std::vector<SheetRow> rows;  // rows with text, ascending; cells without fills
};

// The one-line error for a password-protected .xls.
inline constexpr std::string_view kXlsPasswordError =
    "password-protected or encrypted .xls workbook; remove the password in Excel and save again";

// Reads the workbook in the file at `file` (freexl reads files, not memory). Throws InputError
// with a one-line reason when freexl cannot read it, when it is password-protected, or when it
// holds more than `max_cells` cells with content.
std::vector<XlsSheet> read_xls_file(const std::filesystem::path& file, std::size_t max_cells);

// True when the bytes hold a BIFF5 or BIFF8 workbook whose globals begin with a FILEPASS record:
// the workbook is encrypted (a password to open it). Looked for directly because freexl 1.0.6
// does not report it: it fails on the enciphered records that follow, like on a damaged file.
bool has_biff_password(std::string_view bytes);

}  // namespace trackport
