// Checked libxlsxwriter calls and the row-by-row sheet writer.
#include "exporters/workbook/sheet_writer.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>
#include <unordered_set>

#include "exporters/workbook/column_names.hpp"
#include "model/due.hpp"
#include "model/text.hpp"

namespace trackport::workbook {
namespace {

constexpr std::size_t kMinWidth = 8;
constexpr std::size_t kMaxWidth = 60;
constexpr std::size_t kDateWidth = 10;
constexpr std::size_t kFilterButtonWidth = 2;

constexpr double kLineHeight = 15;     // points, Calibri 11
constexpr double kMaxRowHeight = 409;  // points, Excel's limit
constexpr auto kMaxLines = static_cast<std::size_t>(kMaxRowHeight / kLineHeight) + 1;

constexpr std::uint8_t kPaperA4 = 9;
constexpr const char* kFooter = "&CPage &P of &N";

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

// 40000 -> "40,000".
std::string with_thousands(std::size_t number) {
  std::string digits = std::to_string(number);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}

}  // namespace

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += is_continuation_byte(c) ? 0 : 1;
  return count;
}

std::size_t cell_prefix_size(std::string_view text) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (is_continuation_byte(text[i])) continue;
    // A character of four UTF-8 bytes is two UTF-16 units (a surrogate pair).
    const std::size_t width = byte >= 0xF0 ? 2 : 1;
    if (units + width > kMaxCellUnits) return i;
    units += width;
  }
  return text.size();
}

std::string cut_cell_code(const CutCell& cut) {
  return cut.continued ? "cell-continued" : "cell-truncated";
}

std::string cut_cell_message(const CutCell& cut) {
  const std::string head = "The " + cut.column + " cell of the " + cut.sheet + " sheet holds " +
                           with_thousands(cut.length) + " characters, more than the " +
                           with_thousands(kMaxCellUnits) + " an Excel cell holds: ";
  if (cut.continued) {
    return head +
           "the cell has the first of them and the Continued sheet the rest, on rows that name "
           "the cell; trackport reads them back as one text, and the .json and .sqlite outputs "
           "hold it whole.";
  }
  return head + "the workbook has its first 32,767; the .json and .sqlite outputs hold it whole.";
}

std::size_t clean_cut(std::string_view text, std::size_t limit) {
  constexpr std::size_t kLookBack = 2000;  // bytes: a cut a little short of the limit is fine
  auto is_word = [&](std::size_t at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    return std::isalnum(byte) != 0 && byte < 0x80;
  };
  const std::size_t lowest = limit > kLookBack ? limit - kLookBack : 1;
  for (std::size_t at = limit; at >= lowest && at + 1 < text.size(); --at) {
    if (is_word(at - 1) && is_word(at) && is_word(at + 1)) return at;
  }
  return limit;
}

double row_height_for(std::size_t lines) {
  return std::min(static_cast<double>(lines) * kLineHeight, kMaxRowHeight);
}

std::size_t wrapped_line_count(std::string_view text, std::size_t widest) {
  // A column `widest` wide wraps every `widest - 6` characters: less the cell's margins and the
  // end of a line word wrap leaves empty (a width unit is a digit's width, wider than most
  // letters).
  const std::size_t widest_line = std::min(widest, kMaxWidth) - kFilterButtonWidth;
  const std::size_t wrapped_line = std::max<std::size_t>(std::min(widest, kMaxWidth), 12) - 6;
  std::size_t lines = 0;
  std::size_t length = 0;  // of the current line, in code points
  auto end_line = [&] {
    lines += length <= widest_line ? 1 : (length + wrapped_line - 1) / wrapped_line;
    length = 0;
  };
  for (char c : text) {
    if (c == '\n') {
      end_line();
      if (lines >= kMaxLines) return lines;  // the row is as high as Excel allows
    } else if (!is_continuation_byte(c)) {
      ++length;
    }
  }
  end_line();
  return lines;
}

namespace {

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
  formats.workbook_ = workbook;
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
  formats.link = top_aligned(workbook);
  format_set_font_color(formats.link, 0x0563C1);  // Office's hyperlink blue
  format_set_underline(formats.link, LXW_UNDERLINE_SINGLE);

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

void Formats::add_number_format(NumberStyle style) {
  lxw_format*& format = number_formats_.at(style.code());
  if (format != nullptr) return;
  format = top_aligned(workbook_);
  format_set_num_format(format, style.excel_format().c_str());
}

lxw_format* Formats::number_format(NumberStyle style) const {
  lxw_format* format = number_formats_.at(style.code());
  if (format == nullptr) throw std::logic_error("a number style whose format was not made");
  return format;
}

std::vector<lxw_format*> Formats::number_formats() const {
  std::vector<lxw_format*> made;
  for (lxw_format* format : number_formats_)
    if (format != nullptr) made.push_back(format);
  return made;
}

const std::vector<Rating>& rag_ratings() {
  static const std::vector<Rating> ratings = {Rating::red,         Rating::amber_red, Rating::amber,
                                              Rating::amber_green, Rating::green,     Rating::blue};
  return ratings;
}

SheetWriter::SheetWriter(lxw_workbook* workbook, const char* name, const Formats& formats,
                         CutCells* cut_cells)
    : sheet_(workbook_add_worksheet(workbook, name)),
      formats_(formats),
      name_(name),
      cut_cells_(cut_cells) {
  if (sheet_ == nullptr)
    throw std::runtime_error("writing the workbook: cannot add sheet " + name_);
}

void SheetWriter::write_header(const std::vector<std::string>& headers) {
  widths_.assign(headers.size(), kMinWidth);
  headers_ = headers;
  for (std::size_t column = 0; column < headers.size(); ++column) {
    text(static_cast<lxw_col_t>(column), headers[column], formats_.header);
  }
}

void SheetWriter::next_row() {
  set_row_height();
  origin_document_ = nullptr;
  origin_location_ = nullptr;
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
  // A single short line needs no more than the default height.
  const std::size_t widest = widest_of(column);
  if (value.size() > widest - kFilterButtonWidth || value.find('\n') != std::string::npos) {
    row_lines_ = std::max(row_lines_, wrapped_line_count(value, widest));
  }
}

void SheetWriter::text(lxw_col_t column, const std::string& value, lxw_format* format) {
  if (value.empty()) return;
  // A value has no more UTF-16 units than bytes: only a long one can be too long for a cell.
  if (value.size() > kMaxCellUnits) {
    const std::size_t size = cell_prefix_size(value);
    if (size < value.size()) {
      const std::string cell = value.substr(0, size);
      measure_lines(column, cell);
      check_cell(worksheet_write_string(sheet_, row_, column, cell.c_str(), format));
      report_cut(column, value);
      return;
    }
  }
  measure_lines(column, value);
  check_cell(worksheet_write_string(sheet_, row_, column, value.c_str(), format));
}

void SheetWriter::number(lxw_col_t column, double value, lxw_format* format) {
  constexpr std::size_t kDecimals = 3;  // room for a sign or a fraction such as ".85"
  measure(column, std::to_string(static_cast<long long>(value)).size() + kDecimals);
  check_cell(worksheet_write_number(sheet_, row_, column, value, format ? format : formats_.text));
}

void SheetWriter::printed_number(lxw_col_t column, double value, NumberStyle style,
                                 std::size_t printed_width) {
  measure(column, printed_width);
  check_cell(worksheet_write_number(sheet_, row_, column, value, formats_.number_format(style)));
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

void SheetWriter::link(lxw_col_t column, const std::string& value, const std::string& sheet,
                       lxw_row_t target_row) {
  if (value.empty()) return;
  if (links_ >= kMaxLinks || value.size() > kMaxCellUnits) {
    text(column, value);
    return;
  }
  ++links_;
  const std::string target = "internal:" + sheet + "!A" + std::to_string(target_row + 1);
  measure_lines(column, value);
  check_cell(worksheet_write_url_opt(sheet_, row_, column, target.c_str(), formats_.link,
                                     value.c_str(), nullptr));
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
  const std::size_t widest_measured = widest_of(column) - kFilterButtonWidth;
  if (text.size() <= width || width >= widest_measured) return;
  width = std::max(width, longest_line(text, widest_measured));
}

void SheetWriter::limit_width(lxw_col_t column, std::size_t widest) {
  if (column >= widest_.size()) widest_.resize(column + 1, kMaxWidth);
  widest_[column] = std::clamp(widest, kMinWidth, kMaxWidth);
}

std::size_t SheetWriter::widest_of(std::size_t column) const {
  return column < widest_.size() ? widest_[column] : kMaxWidth;
}

void SheetWriter::report_cut(lxw_col_t column, std::string_view value) {
  if (cut_cells_ == nullptr) return;
  CutCell cut;
  cut.document = origin_document_;
  cut.sheet = name_;
  cut.column = column < headers_.size() ? headers_[column] : "column " + std::to_string(column + 1);
  cut.length = utf8_length(value);
  if (origin_location_ != nullptr) cut.location = *origin_location_;
  cut_cells_->push_back(std::move(cut));
}

// The step's text is made only on failure: this runs for every cell.
void SheetWriter::check_cell(lxw_error error) const {
  if (error != LXW_NO_ERROR) check(error, "writing " + name_);
}

// The height of the row just written, when its wrapped text needs more than one line: the row
// must still be the current one, before the next begins.
void SheetWriter::set_row_height() {
  if (row_lines_ > 1) {
    check(worksheet_set_row_opt(sheet_, row_, row_height_for(row_lines_), nullptr, nullptr),
          "setting the row heights of " + name_);
  }
  row_lines_ = 1;
}

void SheetWriter::set_up_printing(lxw_col_t printed_columns) {
  worksheet_set_landscape(sheet_);
  worksheet_set_paper(sheet_, kPaperA4);
  const auto columns = printed_columns == 0
                           ? widths_.size()
                           : std::min<std::size_t>(printed_columns, widths_.size());
  if (columns < widths_.size()) {
    check(worksheet_print_area(sheet_, 0, 0, row_, static_cast<lxw_col_t>(columns - 1)),
          "setting the print area of " + name_);
  }
  worksheet_fit_to_pages(sheet_, 1, 0);  // one page wide, as many pages long as it takes
  check(worksheet_repeat_rows(sheet_, 0, 0), "repeating the header row of " + name_);
  check(worksheet_set_footer(sheet_, kFooter), "setting the footer of " + name_);
}

bool SheetWriter::headers_make_a_table() const {
  constexpr std::size_t kMaxHeaderLength = 255;  // Excel's, for a table column's name
  std::unordered_set<std::string> seen;
  for (const auto& header : headers_) {
    if (header.empty() || utf8_length(header) > kMaxHeaderLength) return false;
    if (!seen.insert(fold_case_latin1(header)).second) return false;
  }
  return !headers_.empty();
}

namespace {

// A table's name is a sheet's without what Excel's names may not hold: "Items (2)" is "Items_2".
std::string excel_table_name(std::string_view sheet) {
  std::string name;
  for (char c : sheet) {
    const bool kept = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
    if (kept) {
      name += c;
    } else if (!name.empty() && name.back() != '_') {
      name += '_';
    }
  }
  while (!name.empty() && name.back() == '_') name.pop_back();
  return name;
}

}  // namespace

void SheetWriter::add_table(const TableTotals* totals) {
  // Table column names are the header cells' text; a line break is written as Excel writes it
  // in a name (an XML attribute would turn it into a space).
  std::vector<std::string> names;
  for (const auto& header : headers_) {
    std::string name;
    for (char c : header) name += c == '\n' ? std::string("_x000a_") : std::string(1, c);
    names.push_back(std::move(name));
  }
  std::vector<lxw_table_column> columns(headers_.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    columns[i].header = names[i].data();
    columns[i].header_format = formats_.header;
  }
  if (totals != nullptr) {
    columns[0].total_string = const_cast<char*>(totals->label.c_str());
    for (const auto& [column, value] : totals->sums) {
      columns.at(column).total_function = LXW_TABLE_FUNCTION_SUM;
      columns[column].total_value = value;
    }
  }
  std::vector<lxw_table_column*> column_list;
  for (auto& column : columns) column_list.push_back(&column);
  column_list.push_back(nullptr);

  lxw_table_options options{};
  std::string table_name = excel_table_name(name_);
  options.name = table_name.data();
  options.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
  options.style_type_number = 2;
  options.total_row = totals != nullptr ? LXW_TRUE : LXW_FALSE;
  options.columns = column_list.data();
  const lxw_row_t last_row = totals != nullptr ? row_ + 1 : row_;
  // libxlsxwriter refuses tables in constant-memory mode only because it writes the header and
  // total cells itself, and those rows are behind it here: its author's advice (excel-writer-xlsx
  // issue 273) is to turn the mode off around the call. The cells it writes then go nowhere;
  // the header row is written already, and write_totals() writes the total row.
  // With the mode off, libxlsxwriter puts those cells' strings in the workbook's shared string
  // table, which the sheets written on other threads may be adding to at the same time: one
  // sheet at a time (a lost table entry showed as a leak under the sanitizers).
  static std::mutex shared_strings;
  const std::lock_guard lock(shared_strings);
  const uint8_t optimize = sheet_->optimize;
  sheet_->optimize = LXW_FALSE;
  const lxw_error error = worksheet_add_table(
      sheet_, 0, 0, last_row, static_cast<lxw_col_t>(headers_.size() - 1), &options);
  sheet_->optimize = optimize;
  check(error, "making " + name_ + " a table");
}

// The table's total row, below the last data row.
void SheetWriter::write_totals(const TableTotals& totals) {
  next_row();
  check_cell(worksheet_write_string(sheet_, row_, 0, totals.label.c_str(), formats_.total));
  for (const auto& [column, value] : totals.sums) {
    // The formula Excel writes for a table's "Sum" total: the sum of the rows the filter shows.
    std::string formula = "SUBTOTAL(109,[";
    for (char c : headers_.at(column)) {
      if (c == '\'' || c == '#' || c == '[' || c == ']') formula += '\'';
      formula += c;
    }
    formula += "])";
    measure(column, std::to_string(static_cast<long long>(value)).size());
    check_cell(
        worksheet_write_formula_num(sheet_, row_, column, formula.c_str(), formats_.total, value));
  }
}

void SheetWriter::finish_table(const TableLayout& layout) {
  if (row_ == 0) next_row();  // a table has a data row, if an empty one
  set_row_height();
  if (headers_make_a_table()) {
    add_table(layout.totals);
    if (layout.totals != nullptr) write_totals(*layout.totals);
  } else {
    if (layout.totals != nullptr) write_totals(*layout.totals);
    const lxw_row_t last_filtered = layout.totals != nullptr ? row_ - 1 : row_;
    check(worksheet_autofilter(sheet_, 0, 0, last_filtered,
                               static_cast<lxw_col_t>(widths_.size() - 1)),
          "adding the autofilter to " + name_);
  }
  set_row_height();
  worksheet_freeze_panes(sheet_, 1, layout.frozen_columns);
  set_up_printing(layout.printed_columns);
  for (std::size_t column = 0; column < widths_.size(); ++column) {
    const auto col = static_cast<lxw_col_t>(column);
    check(
        worksheet_set_column(sheet_, col, col, static_cast<double>(column_width(column)), nullptr),
        "sizing the columns of " + name_);
  }
}

std::size_t SheetWriter::column_width(std::size_t column) const {
  return std::clamp(widths_[column] + kFilterButtonWidth, kMinWidth, widest_of(column));
}

}  // namespace trackport::workbook
