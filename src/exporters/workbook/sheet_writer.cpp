// Checked libxlsxwriter calls and the row-by-row sheet writer.
#include "exporters/workbook/sheet_writer.hpp"

#include <algorithm>
#include <stdexcept>

#include "model/due.hpp"

namespace trackport::workbook {
namespace {

// Excel holds at most 32,767 characters in a cell and libxlsxwriter refuses longer strings. Keep
// a margin, because Excel counts UTF-16 units and we count code points.
constexpr std::size_t kMaxCellCodePoints = 32000;
constexpr std::string_view kTruncatedMark = " […truncated: Excel cells hold 32,767 characters]";

constexpr std::size_t kMinWidth = 8;
constexpr std::size_t kMaxWidth = 60;
constexpr std::size_t kDateWidth = 10;
constexpr std::size_t kFilterButtonWidth = 2;
// A column is never wider than kMaxWidth, autofilter button included: longer lines need not be
// measured.
constexpr std::size_t kWidestMeasured = kMaxWidth - kFilterButtonWidth;

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The longest line, in code points, up to `enough`: what a column must show without wrapping.
std::size_t longest_line(std::string_view text, std::size_t enough) {
  std::size_t longest = 0;
  std::size_t current = 0;
  for (char c : text) {
    if (c == '\n') {
      current = 0;
    } else if (!is_continuation_byte(c)) {
      longest = std::max(longest, ++current);
      if (longest >= enough) break;
    }
  }
  return longest;
}

// Cuts text after max_code_points code points (at a character boundary) and marks the cut.
std::string fit_in_cell(std::string_view text) {
  std::size_t code_points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation_byte(text[i])) continue;
    if (code_points++ == kMaxCellCodePoints) {
      return std::string(text.substr(0, i)) + std::string(kTruncatedMark);
    }
  }
  return std::string(text);
}

lxw_format* new_format(lxw_workbook* workbook) {
  lxw_format* format = workbook_add_format(workbook);
  if (format == nullptr) throw std::runtime_error("writing the workbook: out of memory");
  return format;
}

lxw_format* top_aligned(lxw_workbook* workbook) {
  lxw_format* format = new_format(workbook);
  format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
  return format;
}

lxw_format* fill(lxw_workbook* workbook, lxw_color_t background, lxw_color_t font) {
  lxw_format* format = new_format(workbook);
  format_set_bg_color(format, background);
  format_set_font_color(format, font);
  return format;
}

}  // namespace

void check(lxw_error error, std::string_view step) {
  if (error == LXW_NO_ERROR) return;
  throw std::runtime_error("writing the workbook: " + std::string(step) + ": " +
                           lxw_strerror(error));
}

Formats Formats::create(lxw_workbook* workbook) {
  Formats formats;
  formats.header = new_format(workbook);
  format_set_bold(formats.header);
  format_set_bg_color(formats.header, 0xD9D9D9);
  format_set_bottom(formats.header, LXW_BORDER_THIN);
  format_set_align(formats.header, LXW_ALIGN_VERTICAL_TOP);
  formats.text = top_aligned(workbook);
  formats.wrapped = top_aligned(workbook);
  format_set_text_wrap(formats.wrapped);
  formats.date = top_aligned(workbook);
  format_set_num_format(formats.date, "yyyy-mm-dd");
  formats.score = top_aligned(workbook);
  format_set_num_format(formats.score, "0.00");
  formats.total = top_aligned(workbook);
  format_set_bold(formats.total);

  constexpr lxw_color_t kWhite = 0xFFFFFF;
  constexpr lxw_color_t kBlack = 0x000000;
  auto set = [&](Rating rating, lxw_color_t background, lxw_color_t font) {
    formats.rating_fill[static_cast<std::size_t>(rating)] = fill(workbook, background, font);
  };
  set(Rating::red, 0xFF0000, kWhite);
  set(Rating::amber_red, 0xFF7C00, kBlack);
  set(Rating::amber, 0xFFC000, kBlack);
  set(Rating::amber_green, 0x92D050, kBlack);
  set(Rating::green, 0x00B050, kBlack);
  set(Rating::blue, 0x0070C0, kWhite);
  return formats;
}

const std::vector<Rating>& rag_ratings() {
  static const std::vector<Rating> ratings = {Rating::red,         Rating::amber_red, Rating::amber,
                                              Rating::amber_green, Rating::green,     Rating::blue};
  return ratings;
}

SheetWriter::SheetWriter(lxw_workbook* workbook, const char* name, const Formats& formats)
    : sheet_(workbook_add_worksheet(workbook, name)), formats_(formats), name_(name) {
  if (sheet_ == nullptr)
    throw std::runtime_error("writing the workbook: cannot add sheet " + name_);
}

void SheetWriter::write_header(const std::vector<std::string>& headers) {
  widths_.assign(headers.size(), kMinWidth);
  for (std::size_t column = 0; column < headers.size(); ++column) {
    text(static_cast<lxw_col_t>(column), headers[column], formats_.header);
  }
}

void SheetWriter::next_row() {
  if (row_ + 1 >= LXW_ROW_MAX) {
    throw std::runtime_error("the " + name_ + " sheet would need more than " +
                             std::to_string(LXW_ROW_MAX) +
                             " rows, Excel's limit; export to JSON or CSV instead");
  }
  ++row_;
}

void SheetWriter::text(lxw_col_t column, const std::string& value) {
  text(column, value, formats_.text);
}

void SheetWriter::wrapped_text(lxw_col_t column, const std::string& value) {
  text(column, value, formats_.wrapped);
}

void SheetWriter::text(lxw_col_t column, const std::string& value, lxw_format* format) {
  if (value.empty()) return;
  // A value has no more code points than bytes: only a long one can be too long for a cell.
  if (value.size() > kMaxCellCodePoints) {
    const std::string cell = fit_in_cell(value);
    measure_lines(column, cell);
    check_cell(worksheet_write_string(sheet_, row_, column, cell.c_str(), format));
    return;
  }
  measure_lines(column, value);
  check_cell(worksheet_write_string(sheet_, row_, column, value.c_str(), format));
}

void SheetWriter::number(lxw_col_t column, double value, lxw_format* format) {
  constexpr std::size_t kDecimals = 3;  // room for a sign or a fraction such as ".85"
  measure(column, std::to_string(static_cast<long long>(value)).size() + kDecimals);
  check_cell(worksheet_write_number(sheet_, row_, column, value, format ? format : formats_.text));
}

void SheetWriter::date(lxw_col_t column, std::chrono::year_month_day day) {
  // Excel has no dates before 1900 (nor after 9999); such a day is kept as ISO text.
  if (!day.ok() || day.year() < std::chrono::year{1900} || day.year() > std::chrono::year{9999}) {
    text(column, iso_date(day));
    return;
  }
  lxw_datetime datetime{};
  datetime.year = static_cast<int>(day.year());
  datetime.month = static_cast<int>(static_cast<unsigned>(day.month()));
  datetime.day = static_cast<int>(static_cast<unsigned>(day.day()));
  measure(column, kDateWidth);
  check_cell(worksheet_write_datetime(sheet_, row_, column, &datetime, formats_.date));
}

void SheetWriter::boolean(lxw_col_t column, bool value) {
  check_cell(worksheet_write_boolean(sheet_, row_, column, value ? 1 : 0, formats_.text));
}

void SheetWriter::measure(lxw_col_t column, std::size_t width) {
  if (column >= widths_.size()) widths_.resize(column + 1, kMinWidth);
  widths_[column] = std::max(widths_[column], width);
}

void SheetWriter::measure_lines(lxw_col_t column, std::string_view text) {
  if (column >= widths_.size()) widths_.resize(column + 1, kMinWidth);
  std::size_t& width = widths_[column];
  // No line is longer than the text's size in bytes; and a column as wide as it gets (the common
  // case for prose) needs no more measuring.
  if (text.size() <= width || width >= kWidestMeasured) return;
  width = std::max(width, longest_line(text, kWidestMeasured));
}

// The step's text is made only on failure: this runs for every cell.
void SheetWriter::check_cell(lxw_error error) const {
  if (error != LXW_NO_ERROR) check(error, "writing " + name_);
}

void SheetWriter::finish_table() {
  worksheet_freeze_panes(sheet_, 1, 0);
  if (!widths_.empty()) {
    check(worksheet_autofilter(sheet_, 0, 0, row_, static_cast<lxw_col_t>(widths_.size() - 1)),
          "adding the autofilter to " + name_);
  }
  for (std::size_t column = 0; column < widths_.size(); ++column) {
    const double width =
        static_cast<double>(std::clamp(widths_[column] + kFilterButtonWidth, kMinWidth, kMaxWidth));
    const auto col = static_cast<lxw_col_t>(column);
    check(worksheet_set_column(sheet_, col, col, width, nullptr), "sizing the columns of " + name_);
  }
}

}  // namespace trackport::workbook
