// Internal to the workbook exporter: checked libxlsxwriter calls, shared cell formats, and a
// writer that fills one worksheet row by row (as constant-memory mode requires) while measuring
// column widths.
#pragma once

#include <xlsxwriter.h>

#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

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
  // Conditional-format fills, indexed by Rating (none unused).
  std::array<lxw_format*, 7> rating_fill{};

  static Formats create(lxw_workbook* workbook);
  lxw_format* fill_for(Rating rating) const {
    return rating_fill[static_cast<std::size_t>(rating)];
  }
};

// The rated values a Status cell may hold: "Red", "Amber", ... (rating_label of each rating but
// none), in severity order.
const std::vector<Rating>& rag_ratings();

class SheetWriter {
 public:
  SheetWriter(lxw_workbook* workbook, const char* name, const Formats& formats);

  // Row 0: the column headers.
  void write_header(const std::vector<std::string>& headers);
  // Moves to the next data row (1, 2, ...).
  void next_row();
  lxw_row_t row() const { return row_; }
  lxw_col_t columns() const { return static_cast<lxw_col_t>(widths_.size()); }

  // Empty text leaves the cell blank. The value's own C string goes to libxlsxwriter: no copy
  // unless it must be cut to fit a cell.
  void text(lxw_col_t column, const std::string& value);
  void wrapped_text(lxw_col_t column, const std::string& value);
  void text(lxw_col_t column, const std::string& value, lxw_format* format);
  void number(lxw_col_t column, double value, lxw_format* format = nullptr);
  void date(lxw_col_t column, std::chrono::year_month_day day);
  void boolean(lxw_col_t column, bool value);

  // Freezes the header row, puts an autofilter over the used range and sets each column's width
  // from the longest line it holds (8..60 characters).
  void finish_table();

  lxw_worksheet* worksheet() const { return sheet_; }
  const Formats& formats() const { return formats_; }

 private:
  void measure(lxw_col_t column, std::size_t width);
  void measure_lines(lxw_col_t column, std::string_view text);
  void check_cell(lxw_error error) const;

  lxw_worksheet* sheet_;
  const Formats& formats_;
  std::string name_;
  lxw_row_t row_ = 0;
  std::vector<std::size_t> widths_;  // longest line seen, per column
};

}  // namespace trackport::workbook
