#include "exporters/changes/xlsx_sheet.hpp"

#include <algorithm>
#include <stdexcept>

namespace trackport::changes {
namespace {

constexpr std::size_t kMinWidth = 10;
constexpr std::size_t kMaxWidth = 60;
constexpr std::size_t kFilterButtonWidth = 2;
// Excel holds at most 32,767 characters (UTF-16 units) in a cell; keep a margin.
constexpr std::size_t kMaxCellBytes = 32000;

lxw_format* new_format(lxw_workbook* workbook) {
  lxw_format* format = workbook_add_format(workbook);
  if (format == nullptr) throw std::runtime_error("writing the workbook: out of memory");
  format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
  return format;
}

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::size_t longest_line(std::string_view text) {
  std::size_t longest = 0, current = 0;
  for (char c : text) {
    if (c == '\n') {
      current = 0;
    } else if (!is_continuation_byte(c)) {
      longest = std::max(longest, ++current);
    }
  }
  return longest;
}

// Cuts an over-long value at a character boundary.
std::string fit_in_cell(const std::string& value) {
  if (value.size() <= kMaxCellBytes) return value;
  std::size_t end = kMaxCellBytes;
  while (end > 0 && is_continuation_byte(value[end])) --end;
  return value.substr(0, end) + " […]";
}

}  // namespace

void check(lxw_error error, std::string_view step) {
  if (error == LXW_NO_ERROR) return;
  throw std::runtime_error("writing the changes workbook: " + std::string(step) + ": " +
                           lxw_strerror(error));
}

Formats Formats::create(lxw_workbook* workbook) {
  Formats formats;
  formats.header = new_format(workbook);
  format_set_bold(formats.header);
  format_set_bg_color(formats.header, 0xD9D9D9);
  format_set_bottom(formats.header, LXW_BORDER_THIN);
  formats.text = new_format(workbook);
  formats.wrapped = new_format(workbook);
  format_set_text_wrap(formats.wrapped);
  formats.bold = new_format(workbook);
  format_set_bold(formats.bold);
  // The standard workbook's RAG colours, so both read the same.
  auto set = [&](Rating rating, lxw_color_t background, lxw_color_t font) {
    lxw_format* fill = new_format(workbook);
    format_set_bg_color(fill, background);
    format_set_font_color(fill, font);
    formats.rating_fill[static_cast<std::size_t>(rating)] = fill;
  };
  constexpr lxw_color_t kWhite = 0xFFFFFF, kBlack = 0x000000;
  set(Rating::red, 0xFF0000, kWhite);
  set(Rating::amber_red, 0xFF7C00, kBlack);
  set(Rating::amber, 0xFFC000, kBlack);
  set(Rating::amber_green, 0x92D050, kBlack);
  set(Rating::green, 0x00B050, kBlack);
  set(Rating::blue, 0x0070C0, kWhite);
  return formats;
}

lxw_format* Formats::fill_for(Rating rating) const {
  lxw_format* fill = rating_fill[static_cast<std::size_t>(rating)];
  return fill ? fill : text;
}

Sheet::Sheet(lxw_workbook* workbook, const char* name, const Formats& formats)
    : sheet_(workbook_add_worksheet(workbook, name)), formats_(formats), name_(name) {
  if (sheet_ == nullptr)
    throw std::runtime_error("writing the changes workbook: cannot add " + name_);
}

void Sheet::text(lxw_row_t row, lxw_col_t column, const std::string& value, lxw_format* format) {
  if (value.empty()) return;
  const std::string cell = fit_in_cell(value);
  measure(column, cell);
  check(worksheet_write_string(sheet_, row, column, cell.c_str(), format), "writing " + name_);
}

void Sheet::number(lxw_row_t row, lxw_col_t column, double value, lxw_format* format) {
  measure(column, std::to_string(static_cast<long long>(value)));
  check(worksheet_write_number(sheet_, row, column, value, format), "writing " + name_);
}

void Sheet::header(lxw_row_t row, const std::vector<std::string>& names) {
  for (std::size_t column = 0; column < names.size(); ++column) {
    text(row, static_cast<lxw_col_t>(column), names[column], formats_.header);
  }
}

void Sheet::freeze_above(lxw_row_t row) {
  worksheet_freeze_panes(sheet_, row, 0);
}

void Sheet::autofilter(lxw_row_t first_row, lxw_row_t last_row, lxw_col_t last_column) {
  check(worksheet_autofilter(sheet_, first_row, 0, last_row, last_column),
        "adding the autofilter to " + name_);
}

void Sheet::set_widths() {
  for (std::size_t column = 0; column < widths_.size(); ++column) {
    const auto width =
        static_cast<double>(std::clamp(widths_[column] + kFilterButtonWidth, kMinWidth, kMaxWidth));
    const auto col = static_cast<lxw_col_t>(column);
    check(worksheet_set_column(sheet_, col, col, width, nullptr), "sizing the columns of " + name_);
  }
}

void Sheet::measure(lxw_col_t column, std::string_view value) {
  if (column >= widths_.size()) widths_.resize(column + 1, 0);
  widths_[column] = std::max(widths_[column], longest_line(value));
}

}  // namespace trackport::changes
