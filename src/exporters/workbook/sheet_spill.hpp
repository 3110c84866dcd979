// Internal to the workbook exporter: the rows of one sheet kept in a temporary file while
// documents come in, written into the sheet once the last one is in. A sheet's header can
// depend on every document (the Items sheet's assessment columns, the Indicators sheet's
// periods) and a sheet exists only if some document has rows for it, while libxlsxwriter's
// constant-memory mode needs each sheet's header first and the sheets in their order: so the
// rows wait here, a few bytes a cell, and memory stays flat for a batch of any size.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "exporters/workbook/sheet_writer.hpp"
#include "model/document.hpp"

namespace trackport::workbook {

// The format a spilled cell is written in (Formats' members).
enum class CellFormat : std::uint8_t { text, wrapped, date, score, total };

// A spilled cell's column: a fixed column (its number), the i-th key of the sheet's variable
// block (keys numbered in first-seen order; their columns are known only at the end), or the
// j-th fixed column after that block.
using SpillColumn = std::uint32_t;
inline constexpr SpillColumn kKeyColumns = 1U << 20;
inline constexpr SpillColumn kColumnsAfterKeys = 1U << 21;
constexpr SpillColumn key_column(std::size_t key) {
  return kKeyColumns + static_cast<SpillColumn>(key);
}
constexpr SpillColumn column_after_keys(std::size_t column) {
  return kColumnsAfterKeys + static_cast<SpillColumn>(column);
}

// Where a sheet's spilled columns go: each key's column, and the first column after the keys.
struct ColumnPlan {
  std::vector<lxw_col_t> key_columns;  // by key number
  lxw_col_t first_after_keys = 0;
};

// The column a spilled column goes to under a plan.
lxw_col_t planned_column(SpillColumn column, const ColumnPlan& plan);

// A sheet holds at most this many data rows (Excel's 1,048,576 rows less its header row and room
// for a total row and the Summary's chart data); a spill of more rows goes on in parts, sheets
// named "Items (2)", "Items (3)" ... after the first, each with the header row.
inline constexpr std::size_t kRowsPerSheet = LXW_ROW_MAX - 64;

// The name of part `part` (0-based) of a sheet: the sheet's own name for the first.
std::string part_sheet_name(const std::string& sheet, std::size_t part);

// Where data row `row` (1-based, over all parts) of a sheet is: the part's name and its row there.
struct PartCell {
  std::string sheet;
  std::uint32_t row = 0;
};

// Places cells of other sheets, for the Continued sheet's Sheet and Cell columns: the sheet column
// of a spilled column of a sheet (by its name), and the part and row of a data row.
struct CellResolver {
  std::function<lxw_col_t(const std::string& sheet, SpillColumn column)> column;
  std::function<PartCell(const std::string& sheet, std::uint32_t row)> part;
};

// The Continued sheet's columns: the rest of each value too long for its cell, in parts that fit
// (part 2 is the text after the cell's, part 3 after that ...), naming the cell it continues.
inline constexpr std::array<const char*, 5> kContinuedHeaders = {"Source", "Sheet", "Cell", "Part",
                                                                 "Text"};

// A document field that a row streamed before its document was complete names rather than
// holds (mapping may still change it): filled in from the finished document at the end.
enum class DocumentField : std::uint8_t { organisation };

class SheetSpill {
 public:
  // `header_of` names a column in a cell-truncated warning; without it (a sheet whose cells
  // repeat what another sheet reports) cut cells are not reported.
  SheetSpill(std::string sheet, std::function<std::string(SpillColumn)> header_of);
  ~SheetSpill();
  SheetSpill(const SheetSpill&) = delete;
  SheetSpill& operator=(const SheetSpill&) = delete;

  const std::string& name() const { return sheet_; }

  // Starts the next row (past kRowsPerSheet, the rows go on in parts when written).
  void next_row();
  std::size_t rows() const { return rows_; }
  // Where the current row's values came from, for a warning about a cell cut to fit.
  void origin(const Location& location) { origin_ = &location; }

  // Where the rest of a value too long for a cell goes (the Continued sheet's spill); without
  // one, such a value is cut to fit.
  void continue_into(SheetSpill* continued) { continued_ = continued; }

  // Empty text leaves the cell blank; text over an Excel cell's 32,767 characters fills the cell
  // and continues on rows of continue_into's spill (or is cut), and goes to cut_cells().
  void text(SpillColumn column, std::string_view value, CellFormat format = CellFormat::text);
  void wrapped_text(SpillColumn column, std::string_view value) {
    text(column, value, CellFormat::wrapped);
  }
  void number(SpillColumn column, double value, CellFormat format = CellFormat::text);
  // A value that may be a number as printed ("1,250", "75%", "£3.50"): a number cell that prints
  // it exactly so when it is one whole (read_printed_number), else text in `format`.
  void number_or_text(SpillColumn column, std::string_view value, CellFormat format);
  // The number styles of the cells number_or_text() made numbers, each once (by code): their
  // formats are made before the sheets are written.
  const std::vector<NumberStyle>& number_styles() const { return number_styles_; }
  void date(SpillColumn column, std::chrono::year_month_day day);
  void boolean(SpillColumn column, bool value);
  // Text that links to row `target_row` (1-based, under the header row) of the sheet `target`.
  void link(SpillColumn column, std::string_view value, const char* target,
            std::uint32_t target_row);
  void document_field(SpillColumn column, DocumentField field);
  // The A1 address ("C2") of the cell at data row `row` and spilled column `target_column` of the
  // sheet `sheet`, and the name of the sheet part holding it, placed when written (CellResolver).
  void cell_address(SpillColumn column, const std::string& sheet, std::uint32_t row,
                    SpillColumn target_column);
  void part_name(SpillColumn column, const std::string& sheet, std::uint32_t row);

  // The cells cut since the last take_cut_cells() (the current document's).
  CutCells take_cut_cells();

  // Writes every row after the header rows of `parts`, `rows_per_sheet` rows in each part (the
  // parts are as many as the rows need); `document` gives document_field cells, `resolver`
  // cell_address and part_name cells.
  void write_to(const std::vector<SheetWriter*>& parts, std::size_t rows_per_sheet,
                const ColumnPlan& plan, const Document* document,
                const CellResolver& resolver = {});
  void write_to(SheetWriter& sheet, const ColumnPlan& plan, const Document* document) {
    write_to({&sheet}, kRowsPerSheet, plan, document);
  }

 private:
  void put(const void* bytes, std::size_t size);
  template <typename T>
  void put_value(T value) {
    put(&value, sizeof value);
  }
  void put_cell(char tag, SpillColumn column);
  void flush();
  void continue_rest(SpillColumn column, std::string_view rest);

  std::string sheet_;
  std::function<std::string(SpillColumn)> header_of_;
  int fd_ = -1;  // an unlinked temporary file
  std::vector<char> buffer_;
  std::size_t rows_ = 0;
  const Location* origin_ = nullptr;
  CutCells cut_cells_;
  SheetSpill* continued_ = nullptr;
  std::vector<NumberStyle> number_styles_;
  std::array<bool, 128> has_number_style_{};
};

}  // namespace trackport::workbook
