// Internal to the changes workbook: checked libxlsxwriter calls and a sheet writer that measures
// its columns. (The standard workbook has its own, tuned for constant-memory mode; a list of
// changes is small.)
#pragma once

#include <xlsxwriter.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "model/rating.hpp"

namespace trackport::changes {

// Throws std::runtime_error naming the step unless error is LXW_NO_ERROR.
void check(lxw_error error, std::string_view step);

struct Formats {
  lxw_format* header = nullptr;   // bold, grey fill, bottom border
  lxw_format* text = nullptr;     // top-aligned
  lxw_format* wrapped = nullptr;  // top-aligned, wrapped
  lxw_format* bold = nullptr;
  std::array<lxw_format*, 7> rating_fill{};  // indexed by Rating; none is plain text

  static Formats create(lxw_workbook* workbook);
  lxw_format* fill_for(Rating rating) const;
};

class Sheet {
 public:
  Sheet(lxw_workbook* workbook, const char* name, const Formats& formats);

  // Empty text leaves the cell blank.
  void text(lxw_row_t row, lxw_col_t column, const std::string& value, lxw_format* format);
  void number(lxw_row_t row, lxw_col_t column, double value, lxw_format* format);
  // A row of column headers at `row`.
  void header(lxw_row_t row, const std::vector<std::string>& names);
  // Keeps the rows above `row` in view when scrolling.
  void freeze_above(lxw_row_t row);
  void autofilter(lxw_row_t first_row, lxw_row_t last_row, lxw_col_t last_column);
  // Widths from the longest line of each column (10..60 characters).
  void set_widths();

  const Formats& formats() const { return formats_; }

 private:
  void measure(lxw_col_t column, std::string_view value);

  lxw_worksheet* sheet_;
  const Formats& formats_;
  std::string name_;
  std::vector<std::size_t> widths_;
};

}  // namespace trackport::changes
