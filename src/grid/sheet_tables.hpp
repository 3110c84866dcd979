// Turns one spreadsheet sheet (sparse cells by sheet row and column, plus merged ranges) into the
// grid's tables. Format-neutral: the xlsx and ods readers fill a Sheet.
//
// Conventions (shared by every spreadsheet importer):
//  - hidden rows and columns are left out by the reader before this step;
//  - a sheet splits into tables at fully blank rows (a row with no text that no vertical merge
//    with text passes through); hidden rows do not count as blank;
//  - a table keeps the columns that have text or a fill somewhere in it, with their sheet
//    column numbers; rows keep their sheet row numbers;
//  - a merged range is stored once at its top-left (row_span/col_span counted in the table's
//    own rows and columns); the other positions are covered, pointing at the top-left;
//  - a block that is a single line with a single text (a title or section heading) directly
//    followed by another table becomes a heading of that table.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "grid/table.hpp"

namespace trackport {

// One row's cells with text or a fill, in ascending columns. Two parallel vectors rather than
// (column, cell) pairs: when a row fills exactly the table's columns (the usual case in big
// sheets) its cells move into the table whole, without a copy.
struct SheetRow {
  int number = 0;            // 1-based sheet row
  std::vector<int> columns;  // 1-based, ascending
  std::vector<Cell> cells;   // text (cleaned) and fill; spans are set from the merges
};

struct SheetMerge {
  int first_row = 0, first_column = 0, last_row = 0, last_column = 0;  // 1-based, inclusive
};

struct Sheet {
  std::string name;
  std::vector<SheetRow> rows;      // visible rows with content, ascending numbers
  std::vector<int> hidden_rows;    // every hidden row number, ascending (not blank separators)
  std::vector<SheetMerge> merges;  // as written; hidden or out-of-range parts are tolerated
};

// Moves the sheet's cells into tables (consuming `sheet.rows`). `cell_budget` is decreased by
// the cells the tables hold; InputError when it would go below zero.
std::vector<Table> sheet_to_tables(Sheet& sheet, std::size_t& cell_budget);
// The same, appended to a document's `tables` and numbered on from them (Table::index).
void append_sheet_tables(Sheet& sheet, std::vector<Table>& tables, std::size_t& cell_budget);

// "A1:C4"-style reference -> merge; nullopt-like (all zero) when malformed.
SheetMerge parse_range_reference(std::string_view reference);

// "AB12" -> column 28, row 12; {0, 0} when malformed. Either part may be absent ("AB", "12").
struct CellReference {
  int column = 0;
  int row = 0;
};
CellReference parse_cell_reference(std::string_view reference);

// A warning about a sheet of a spreadsheet file.
inline Warning sheet_warning(std::string code, std::string message, const std::string& file,
                             const std::string& sheet) {
  Warning warning{std::move(code), std::move(message), {}};
  warning.location.file = file;
  warning.location.sheet = sheet;
  return warning;
}

// "D", "F:H" / "7", "9:12": runs of consecutive numbers (hidden columns or rows, for warnings),
// each number spelled by `name`.
template <typename Name>
std::string describe_runs(const std::vector<int>& numbers, Name name) {
  std::string out;
  for (std::size_t i = 0; i < numbers.size();) {
    std::size_t j = i;
    while (j + 1 < numbers.size() && numbers[j + 1] == numbers[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += name(numbers[i]);
    if (j > i) out += ":" + name(numbers[j]);
    i = j + 1;
  }
  return out;
}

// The warnings for a sheet's hidden rows and columns that held text (skipped, as every
// spreadsheet importer does): "hidden columns F:G skipped (sheet 'Plan')".
void warn_about_hidden_cells(const std::vector<int>& hidden_rows_with_text,
                             const std::vector<int>& hidden_columns_with_text,
                             const std::string& file, const std::string& sheet,
                             std::vector<Warning>& warnings);

}  // namespace trackport
