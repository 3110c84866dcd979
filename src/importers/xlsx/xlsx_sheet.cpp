#include "importers/xlsx/xlsx_sheet.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>

#include "io/input.hpp"
#include "io/stream_window.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;  // whole rows, about 1 MiB at a time
constexpr int kMaxColumn = 16384;
// Row chunks: escapes (&amp;) and line ends matter for inline strings; everything else is off.
constexpr unsigned kRowOptions = pugi::parse_fragment | pugi::parse_escapes | pugi::parse_eol |
                                 pugi::parse_ws_pcdata_single | pugi::parse_embed_pcdata;

// Element names with the document's namespace prefix ("x:" in some producers' files), so the
// row loop compares whole names rather than splitting each one.
struct Names {
  std::string row, c, v, is, cols, col, merge_cells, merge_cell, conditional_formatting;
  explicit Names(const std::string& prefix)
      : row(prefix + "row"),
        c(prefix + "c"),
        v(prefix + "v"),
        is(prefix + "is"),
        cols(prefix + "cols"),
        col(prefix + "col"),
        merge_cells(prefix + "mergeCells"),
        merge_cell(prefix + "mergeCell"),
        conditional_formatting(prefix + "conditionalFormatting") {}
};

bool is_true(const char* value) {
  return std::strcmp(value, "1") == 0 || std::strcmp(value, "true") == 0;
}

template <typename Int>
bool parse_int(std::string_view text, Int& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && end == text.data() + text.size();
}

// The qualified name of the root element, e.g. "worksheet" or "x:worksheet".
std::string root_name(std::string_view xml) {
  std::size_t at = 0;
  while ((at = xml.find('<', at)) != std::string_view::npos) {
    if (at + 1 < xml.size() && xml[at + 1] != '?' && xml[at + 1] != '!') break;
    ++at;
  }
  if (at == std::string_view::npos) throw InputError("a worksheet part has no root element");
  std::size_t end = xml.find_first_of(" \t\r\n/>", at + 1);
  if (end == std::string_view::npos) throw InputError("a worksheet part is truncated");
  return std::string(xml.substr(at + 1, end - at - 1));
}

// Where an element's start tag begins ("<sheetData" followed by a space, '>' or '/').
std::size_t find_start_tag(std::string_view xml, std::string_view name, std::size_t from = 0) {
  std::string open = "<" + std::string(name);
  for (std::size_t at = xml.find(open, from); at != std::string_view::npos;
       at = xml.find(open, at + 1)) {
    std::size_t after = at + open.size();
    if (after < xml.size() && std::strchr(" \t\r\n/>", xml[after])) return at;
  }
  return std::string_view::npos;
}

// Cheap name tests for the hot loop: names are short and known.
bool same_name(const char* name, const std::string& expected) {
  const char* want = expected.c_str();
  while (*want && *name == *want) {
    ++name;
    ++want;
  }
  return *name == *want;
}

std::chrono::sys_days excel_epoch(bool date1904) {
  using namespace std::chrono;
  return date1904 ? sys_days{year{1904} / January / 1} : sys_days{year{1899} / December / 30};
}

// A t="d" cell holds an ISO 8601 date ("2013-03-01T00:00:00"); as a serial, for the date format.
std::optional<double> iso_to_serial(std::string_view text, bool date1904) {
  using namespace std::chrono;
  int y = 0;
  unsigned m = 0, d = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!parse_int(text.substr(0, 4), y) || !parse_int(text.substr(5, 2), m) ||
      !parse_int(text.substr(8, 2), d)) {
    return std::nullopt;
  }
  year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok()) return std::nullopt;
  double serial = static_cast<double>((sys_days{ymd} - excel_epoch(date1904)).count());
  int hh = 0, mm = 0, ss = 0;
  if (text.size() >= 19 && text[10] == 'T' && parse_int(text.substr(11, 2), hh) &&
      parse_int(text.substr(14, 2), mm) && parse_int(text.substr(17, 2), ss)) {
    serial += (hh * 3600 + mm * 60 + ss) / 86400.0;
  }
  if (!date1904 && serial < 61) serial -= 1;  // before Excel's phantom 29 February 1900
  return serial;
}

std::string number_text(double value, const XlsxCellStyle& style, bool date1904) {
  return show_number(value, style.number_format, style.date_format, date1904);
}

class WorksheetReader {
 public:
  WorksheetReader(const ByteSource& source, std::string_view part, const XlsxWorkbook& workbook,
                  std::size_t max_cells, XlsxSheetSkips& skips, SheetRowSink& sink)
      : buffer_(source),
        part_(part),
        workbook_(workbook),
        max_cells_(max_cells),
        skips_(skips),
        sink_(sink) {}

  WorksheetTail read() {
    buffer_.fill();
    if (has_doctype(buffer_.view())) {
      throw InputError("part " + std::string(part_) +
                       " has a DOCTYPE declaration (refused: possible entity-expansion attack)");
    }
    root_ = root_name(buffer_.view());
    auto colon = root_.find(':');
    prefix_ = colon == std::string::npos ? "" : root_.substr(0, colon + 1);
    names_.emplace(prefix_);
    if (read_head()) {
      read_rows();
      read_tail();
    }
    finish();
    return std::move(tail_);
  }

 private:
  StreamWindow buffer_;
  std::string_view part_;
  const XlsxWorkbook& workbook_;
  std::size_t max_cells_;
  XlsxSheetSkips& skips_;
  SheetRowSink& sink_;
  std::string root_;
  std::string prefix_;
  std::optional<Names> names_;
  std::vector<char> hidden_columns_ = std::vector<char>(kMaxColumn + 2, 0);
  std::vector<char> hidden_column_has_text_ = std::vector<char>(kMaxColumn + 2, 0);
  WorksheetTail tail_;
  std::size_t cells_ = 0;
  int last_row_ = 0;
  std::size_t last_row_cells_ = 0;
  bool rows_in_order_ = true;
  std::string scratch_;

  // Everything before the rows (<cols> says which columns are hidden). False when the sheet has
  // no rows to read.
  bool read_head() {
    const std::string tag = prefix_ + "sheetData";
    std::size_t open = std::string_view::npos;
    std::size_t open_end = std::string_view::npos;
    std::size_t searched = 0;  // nothing is consumed here, so offsets stay valid between fills
    for (;;) {
      std::string_view view = buffer_.view();
      if (open == std::string_view::npos) {
        open = find_start_tag(view, tag, searched);
        searched = view.size() > tag.size() + 1 ? view.size() - tag.size() - 1 : 0;
      }
      if (open != std::string_view::npos) open_end = view.find('>', open);
      if (open_end != std::string_view::npos) break;
      if (!buffer_.fill()) {
        if (open != std::string_view::npos) throw InputError("a worksheet part is truncated");
        read_outside_rows(std::string(buffer_.view()));  // no <sheetData> at all
        return false;
      }
    }
    std::string_view view = buffer_.view();
    read_outside_rows(std::string(view.substr(0, open)) + "</" + root_ + ">");
    bool empty = view[open_end - 1] == '/';
    buffer_.consume(open_end + 1);
    if (empty) {
      read_tail();
      return false;
    }
    return true;
  }

  // The rows, a window of whole rows at a time, until </sheetData>. Each byte is searched about
  // once: the window's start was searched before a fill (less a tag's length, for a tag the fill
  // completes), and </sheetData> can only follow the last row end.
  void read_rows() {
    const std::string close = "</" + prefix_ + "sheetData>";
    const std::string row_close = "</" + names_->row + ">";
    const std::size_t overlap = std::max(close.size(), row_close.size());
    std::size_t searched = 0;
    for (;;) {
      const std::string_view view = buffer_.view();
      const std::size_t from = searched > overlap ? searched - overlap : 0;
      std::size_t last = view.substr(from).rfind(row_close);
      if (last != std::string_view::npos) last += from;
      const std::size_t end =
          view.find(close, last == std::string_view::npos ? from : last + row_close.size());
      if (end != std::string_view::npos) {
        parse_rows(buffer_.data(), end, row_close);
        buffer_.consume(end + close.size());
        return;
      }
      searched = view.size();
      if (last != std::string_view::npos) {
        const std::size_t complete = last + row_close.size();
        parse_rows(buffer_.data(), complete, row_close);
        buffer_.consume(complete);
        searched -= complete;
      }
      if (!buffer_.fill()) throw InputError("a worksheet part is truncated");
    }
  }

  // What follows the rows: <mergeCells> and the like.
  void read_tail() {
    buffer_.fill_to_end();
    read_outside_rows("<" + root_ + ">" + std::string(buffer_.view()));
  }

  // <cols> before the rows, <mergeCells> after them.
  void read_outside_rows(std::string xml) {
    pugi::xml_document doc;
    parse_part_in_place(doc, xml, part_, pugi::parse_default);
    for (pugi::xml_node node : doc.document_element().children()) {
      if (node.name() == names_->cols) read_columns(node);
      if (node.name() == names_->merge_cells) read_merges(node);
      if (node.name() == names_->conditional_formatting) {
        if (auto format = read_conditional_format(node, workbook_.styles)) {
          tail_.conditional_formats.push_back(std::move(*format));
        }
      }
    }
  }

  void read_columns(pugi::xml_node cols) {
    for (pugi::xml_node col : cols.children()) {
      if (col.name() != names_->col) continue;
      // Excel shows a column of width 0 no more than a hidden one.
      bool zero_width = col.attribute("width") && col.attribute("width").as_double(1.0) == 0.0;
      if (!is_true(col.attribute("hidden").value()) && !zero_width) continue;
      int first = std::clamp(col.attribute("min").as_int(0), 1, kMaxColumn);
      int last = std::clamp(col.attribute("max").as_int(first), first, kMaxColumn);
      std::fill(hidden_columns_.begin() + first, hidden_columns_.begin() + last + 1, 1);
    }
  }

  void read_merges(pugi::xml_node merges) {
    for (pugi::xml_node merge : merges.children()) {
      if (merge.name() != names_->merge_cell) continue;
      SheetMerge range = parse_range_reference(merge.attribute("ref").value());
      if (range.first_row > 0) tail_.merges.push_back(range);
    }
  }

  // Parses whole rows in place, about kChunkBytes at a time to keep each DOM small.
  void parse_rows(char* data, std::size_t size, const std::string& row_close) {
    pugi::xml_document doc;
    std::string_view rows(data, size);
    std::size_t begin = 0;
    while (begin < size) {
      std::size_t end = size;
      if (size - begin > kChunkBytes) {
        std::size_t close = rows.find(row_close, begin + kChunkBytes);
        if (close != std::string_view::npos) end = close + row_close.size();
      }
      pugi::xml_parse_result result =
          doc.load_buffer_inplace(data + begin, end - begin, kRowOptions);
      if (!result) {
        throw InputError("malformed XML in " + std::string(part_) + ": " + result.description());
      }
      for (pugi::xml_node row = doc.first_child(); row; row = row.next_sibling()) {
        if (same_name(row.name(), names_->row)) read_row(row);
      }
      begin = end;
    }
  }

  void read_row(pugi::xml_node row) {
    int number = 0;
    bool hidden = false;
    for (pugi::xml_attribute a = row.first_attribute(); a; a = a.next_attribute()) {
      const char* name = a.name();
      if (name[0] == 'r' && name[1] == '\0') parse_int(std::string_view(a.value()), number);
      if (std::strcmp(name, "hidden") == 0) hidden = hidden || is_true(a.value());
      // A row of height 0 is as invisible as a hidden one.
      if (name[0] == 'h' && name[1] == 't' && name[2] == '\0') {
        hidden = hidden || std::string_view(a.value()) == "0";
      }
    }
    if (number < 1 || number > 1048576) number = last_row_ + 1;
    if (number <= last_row_) rows_in_order_ = false;
    last_row_ = number;
    if (hidden) sink_.hidden_row(number);

    SheetRow out;
    out.number = number;
    // Rows of a sheet are mostly alike: reserving the last row's size avoids both the waste of
    // growth by doubling (a third of the sheet's memory) and a second walk over the row.
    if (!hidden) {
      out.cells.reserve(last_row_cells_);
      out.columns.reserve(last_row_cells_);
    }
    bool hidden_row_has_text = false;
    int last_column = 0;
    bool columns_in_order = true;
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (!same_name(c.name(), names_->c)) continue;
      if (++cells_ > max_cells_) {
        throw InputError("too many cells (more than " + std::to_string(max_cells_) + ")");
      }
      RawCell raw = raw_cell(c);
      int column = raw.column > 0 ? raw.column : std::min(last_column + 1, kMaxColumn);
      if (column <= last_column) columns_in_order = false;
      last_column = column;
      std::string text = cell_text(c, raw);
      if (hidden_columns_[static_cast<std::size_t>(column)]) {
        if (!text.empty()) hidden_column_has_text_[static_cast<std::size_t>(column)] = 1;
        continue;
      }
      if (hidden) {
        hidden_row_has_text = hidden_row_has_text || !text.empty();
        continue;
      }
      const XlsxCellStyle& style = workbook_.styles.at(raw.style);
      if (text.empty() && !style.fill) continue;
      Cell& cell = out.cells.emplace_back();
      cell.fill = style.fill;
      if (!text.empty()) cell.font = text_colour(c, raw, style);
      cell.text = std::move(text);
      out.columns.push_back(column);
    }
    if (hidden_row_has_text) skips_.hidden_rows_with_text.push_back(number);
    if (hidden || out.cells.empty()) return;
    last_row_cells_ = out.cells.size();
    if (out.cells.capacity() > out.cells.size()) {
      out.cells.shrink_to_fit();
      out.columns.shrink_to_fit();
    }
    if (!columns_in_order) sort_row_cells(out);
    sink_.row(std::move(out));
  }

  // The attributes of a <c>, read in one pass.
  struct RawCell {
    int column = 0;  // 0 when there is no (valid) r
    std::size_t style = 0;
    std::string_view type;
  };

  static RawCell raw_cell(pugi::xml_node c) {
    RawCell raw;
    for (pugi::xml_attribute a = c.first_attribute(); a; a = a.next_attribute()) {
      const char* name = a.name();
      if (name[0] == '\0' || name[1] != '\0') continue;
      if (name[0] == 'r') raw.column = parse_cell_reference(a.value()).column;
      if (name[0] == 's') parse_int(std::string_view(a.value()), raw.style);
      if (name[0] == 't') raw.type = a.value();
    }
    return raw;
  }

  // The colour the cell's text is shown in: its first coloured run's (a "●" coloured within a
  // rich text), else its font's.
  std::optional<Rgb> text_colour(pugi::xml_node c, const RawCell& raw, const XlsxCellStyle& style) {
    if (raw.type.size() == 1 && raw.type[0] == 's' && !workbook_.shared_string_colours.empty()) {
      for (pugi::xml_node v = c.first_child(); v; v = v.next_sibling()) {
        if (!same_name(v.name(), names_->v)) continue;
        std::size_t index = 0;
        if (!parse_int(std::string_view(v.text().get()), index)) break;
        const auto& colours = workbook_.shared_string_colours;
        auto it =
            std::lower_bound(colours.begin(), colours.end(), index,
                             [](const auto& entry, std::size_t i) { return entry.first < i; });
        if (it != colours.end() && it->first == index) return it->second;
        break;
      }
    } else if (raw.type == "inlineStr") {
      for (pugi::xml_node is = c.first_child(); is; is = is.next_sibling()) {
        if (!same_name(is.name(), names_->is)) continue;
        if (auto colour = first_run_colour(is, workbook_.styles)) return colour;
      }
    }
    return style.font;
  }

  std::string cell_text(pugi::xml_node c, const RawCell& raw) {
    if (raw.type.size() == 9 && raw.type == "inlineStr") {
      scratch_.clear();
      for (pugi::xml_node is = c.first_child(); is; is = is.next_sibling()) {
        if (same_name(is.name(), names_->is)) append_rich_text(is, scratch_);
      }
      decode_ooxml_escapes(scratch_);
      return clean_cell_text(scratch_);
    }
    for (pugi::xml_node child = c.first_child(); child; child = child.next_sibling()) {
      if (same_name(child.name(), names_->v)) {
        return cell_display_text(raw.type, child.text().get(), workbook_.styles.at(raw.style),
                                 workbook_);
      }
    }
    return {};  // an empty styled cell, or a formula never calculated
  }

  void finish() {
    if (!rows_in_order_) {
      std::sort(skips_.hidden_rows_with_text.begin(), skips_.hidden_rows_with_text.end());
    }
    for (int column = 1; column <= kMaxColumn; ++column) {
      if (hidden_column_has_text_[static_cast<std::size_t>(column)]) {
        skips_.hidden_columns_with_text.push_back(column);
      }
    }
  }
};

}  // namespace

std::string cell_display_text(std::string_view type, std::string_view value,
                              const XlsxCellStyle& style, const XlsxWorkbook& workbook) {
  // Dispatch on the type's first letter: this runs for every cell.
  char kind = type.empty() ? 'n' : type[0];
  if (kind == 's' && type.size() == 1) {
    std::size_t index = 0;
    if (!parse_int(value, index) || index >= workbook.shared_strings.size()) return {};
    return workbook.shared_strings[index];
  }
  if (kind == 'b') return !value.empty() && (value[0] == '1' || value[0] == 't') ? "TRUE" : "FALSE";
  if (kind == 'e') return std::string(value);
  if (kind == 's') {  // "str": a formula's text result
    std::string text(value);
    decode_ooxml_escapes(text);
    return clean_cell_text(text);
  }
  if (kind == 'd') {
    auto serial = iso_to_serial(value, workbook.date1904);
    if (serial && style.date_format) return number_text(*serial, style, workbook.date1904);
    return std::string(value.substr(0, 10));
  }
  double number = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec != std::errc{} || end != value.data() + value.size()) {
    return clean_cell_text(value);  // not a number after all: show what is there
  }
  return number_text(number, style, workbook.date1904);
}

WorksheetTail read_worksheet(const ByteSource& source, std::string_view part,
                             const XlsxWorkbook& workbook, std::size_t max_cells,
                             XlsxSheetSkips& skips, SheetRowSink& sink) {
  return WorksheetReader(source, part, workbook, max_cells, skips, sink).read();
}

}  // namespace trackport
