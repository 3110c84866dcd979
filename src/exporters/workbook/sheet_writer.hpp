// Internal to the workbook exporter: checked libxlsxwriter calls, shared cell formats, and a
// writer that fills one worksheet row by row (as constant-memory mode requires) while measuring
// column widths.
#pragma once

#include <xlsxwriter.h>

#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exporters/workbook/printed_number.hpp"
#include "model/document.hpp"
#include "model/rating.hpp"

namespace trackport::workbook {

// Throws std::runtime_error naming the step and libxlsxwriter's reason unless error is
// LXW_NO_ERROR.
void check(lxw_error error, std::string_view step);

// The cell formats every sheet uses, created once per workbook.
struct Formats {
  lxw_format* header = nullptr;   // bold, grey fill, bottom border
  lxw_format* text = nullptr;     // top-aligned
  lxw_format* wrapped = nullptr;  // top-aligned, wrapped
  lxw_format* date = nullptr;     // yyyy-mm-dd
  lxw_format* score = nullptr;    // 0.00
  lxw_format* total = nullptr;    // bold, for total rows
  lxw_format* link = nullptr;     // top-aligned, blue and underlined: a hyperlink
  // Conditional-format fills, indexed by Rating (none unused).
  std::array<lxw_format*, 7> rating_fill{};

  static Formats create(lxw_workbook* workbook);
  // Makes the top-aligned format that prints numbers in `style` (before the sheets are written:
  // they are written on threads of their own, and libxlsxwriter's formats are the workbook's).
  void add_number_format(NumberStyle style);
  // The format add_number_format made for `style`; throws std::logic_error when it made none.
  lxw_format* number_format(NumberStyle style) const;
  // Every format made, for numbering them before the threads start.
  std::vector<lxw_format*> number_formats() const;
  lxw_format* fill_for(Rating rating) const {
    return rating_fill[static_cast<std::size_t>(rating)];
  }

 private:
  lxw_workbook* workbook_ = nullptr;
  std::array<lxw_format*, 128> number_formats_{};  // by NumberStyle::code()
};

// The rated values a Status cell may hold: "Red", "Amber", ... (rating_label of each rating but
// none), in severity order.
const std::vector<Rating>& rag_ratings();

// The total row of a sheet's table: a label in its first column and a SUBTOTAL(109, ...) of
// each of the given columns (Excel's sum of the rows the filter shows), with its value for
// readers that do not calculate.
struct TableTotals {
  std::string label;
  std::vector<std::pair<lxw_col_t, double>> sums;
};

// How finish_table lays a sheet out.
struct TableLayout {
  lxw_col_t frozen_columns = 0;         // columns kept in view when the sheet scrolls sideways
  const TableTotals* totals = nullptr;  // the table's total row, if it has one
  // The columns printed, from the first: 0 prints them all. A sheet of many columns prints the
  // ones people read, so that one page's width is not shrunk past reading.
  lxw_col_t printed_columns = 0;
};

// Excel holds at most 65,530 hyperlinks in a sheet; past that, a cell that would link is plain
// text.
inline constexpr std::size_t kMaxLinks = 65530;

// The height, in points, a row needs to show `lines` lines of wrapped text: 15 points a line
// (Calibri 11), at most Excel's 409.
double row_height_for(std::size_t lines);
// The lines a wrapped cell takes in its column: one per line of text up to the widest a column
// gets (a column is at least as wide as its longest line, up to that), more for a longer line.
std::size_t wrapped_line_count(std::string_view text, std::size_t widest = 60);

// Excel holds at most 32,767 characters in a cell, counted in UTF-16 units; libxlsxwriter refuses
// a string of more code points than that.
inline constexpr std::size_t kMaxCellUnits = 32767;

// Characters (code points) of UTF-8 text.
std::size_t utf8_length(std::string_view text);

// A value longer than an Excel cell holds, which the Warnings sheet reports: either cut to the
// cell (SheetWriter's last resort) or `continued`, its rest on rows of the Continued sheet (the
// exporters do not change the model: the .json and .sqlite outputs hold the text whole).
struct CutCell {
  const Document* document = nullptr;  // the row's document
  std::string sheet;
  std::string column;
  std::size_t length = 0;  // the whole text's characters
  Location location;       // where the row came from
  bool continued = false;
};
using CutCells = std::vector<CutCell>;

// The warning of such a cell: its code ("cell-continued", or "cell-truncated" when cut) and its
// message.
std::string cut_cell_code(const CutCell& cut);
std::string cut_cell_message(const CutCell& cut);

// Where a value too long for a cell is cut: at `limit` bytes (cell_prefix_size), or a little
// before, between two letters or digits, so that neither piece starts or ends with what a
// reader's whitespace and bullet cleaning would change.
std::size_t clean_cut(std::string_view text, std::size_t limit);

// The bytes of the longest start of `text` an Excel cell holds: 32,767 UTF-16 units, cut
// between characters.
std::size_t cell_prefix_size(std::string_view text);

class SheetWriter {
 public:
  // A cell cut to fit goes to cut_cells, when given, with the row's origin().
  SheetWriter(lxw_workbook* workbook, const char* name, const Formats& formats,
              CutCells* cut_cells = nullptr);

  // Row 0: the column headers.
  void write_header(const std::vector<std::string>& headers);
  // Moves to the next data row (1, 2, ...), giving the row just written the height its wrapped
  // text needs (constant-memory mode writes a row out once the next one begins).
  void next_row();
  lxw_row_t row() const { return row_; }
  // Where the current row's values came from, for a warning about a cell cut to fit.
  void origin(const Document& document, const Location& location) {
    origin_document_ = &document;
    origin_location_ = &location;
  }
  lxw_col_t columns() const { return static_cast<lxw_col_t>(widths_.size()); }
  // Makes a column at most `widest` characters wide (8..60; 60 unless limited), before its
  // rows are written: its wrapped text's lines, and so the rows' heights, are counted at that
  // width.
  void limit_width(lxw_col_t column, std::size_t widest);

  // Empty text leaves the cell blank. The value's own C string goes to libxlsxwriter: no copy
  // unless it must be cut to fit a cell (to its first 32,767 characters, Excel's limit).
  void text(lxw_col_t column, const std::string& value);
  void wrapped_text(lxw_col_t column, const std::string& value);
  void text(lxw_col_t column, const std::string& value, lxw_format* format);
  void number(lxw_col_t column, double value, lxw_format* format = nullptr);
  // A number read from its printed text (read_printed_number), in the format that prints it
  // so; `printed_width` is that text's length, for the column's width.
  void printed_number(lxw_col_t column, double value, NumberStyle style, std::size_t printed_width);
  void date(lxw_col_t column, std::chrono::year_month_day day);
  void boolean(lxw_col_t column, bool value);
  // Text that links to cell A<target_row + 1> of the named sheet (the first kMaxLinks links of
  // the sheet; plain text after that).
  void link(lxw_col_t column, const std::string& value, const std::string& sheet,
            lxw_row_t target_row);
  std::size_t links() const { return links_; }

  // Makes the rows written so far an Excel Table named after the sheet, in the table style, its
  // header the header row (a sheet with no rows gets one empty row: a table has at least one),
  // with layout.totals as its total row; freezes the header row (and layout.frozen_columns);
  // sets each column's width from the longest line it holds (8..60 characters) and sets the sheet
  // up for printing: A4 landscape, layout.printed_columns fitted to one page wide, the header
  // row on every page and "Page n of m" in the footer. A header row Excel would not take as a
  // table's (two headers alike, or one of over 255 characters) gets an autofilter instead.
  void finish_table(const TableLayout& layout = {});

  lxw_worksheet* worksheet() const { return sheet_; }
  const Formats& formats() const { return formats_; }

 private:
  void measure(lxw_col_t column, std::size_t width);
  void measure_lines(lxw_col_t column, std::string_view text);
  void check_cell(lxw_error error) const;
  void report_cut(lxw_col_t column, std::string_view value);
  void set_row_height();
  void set_up_printing(lxw_col_t printed_columns);
  std::size_t column_width(std::size_t column) const;  // in characters, as the sheet sets it
  std::size_t widest_of(std::size_t column) const;
  bool headers_make_a_table() const;
  void add_table(const TableTotals* totals);
  void write_totals(const TableTotals& totals);

  lxw_worksheet* sheet_;
  const Formats& formats_;
  std::string name_;
  CutCells* cut_cells_;
  std::vector<std::string> headers_;
  const Document* origin_document_ = nullptr;
  const Location* origin_location_ = nullptr;
  lxw_row_t row_ = 0;
  std::vector<std::size_t> widths_;  // longest line seen, per column
  std::vector<std::size_t> widest_;  // limit_width's, per column
  std::size_t links_ = 0;
  std::size_t row_lines_ = 1;  // the most lines a wrapped cell of the current row takes
};

}  // namespace trackport::workbook
