#include "importers/ods/ods_content.hpp"

#include <algorithm>
#include <cstring>
#include <deque>

#include "importers/shared/cell_text.hpp"
#include "io/input.hpp"
#include "io/stream_window.hpp"

namespace trackport {

namespace {

constexpr int kMaxColumn = 16384;
constexpr int kMaxRow = 1048576;
constexpr int kMaxSpaces = 1000;  // text:s c="..." in a hostile file
// Cells with content made by number-*-repeated beyond their first copy. A few bytes of XML can
// ask for millions; real files repeat a value a few hundred times at most.
constexpr std::size_t kMaxRepeatedCells = 2'000'000;

bool is(pugi::xml_node node, const char* name) {
  return std::strcmp(node.name(), name) == 0;
}

int count_attribute(pugi::xml_node node, const char* name) {
  int value = node.attribute(name).as_int(1);
  return value < 1 ? 1 : value;
}

bool is_collapsed(pugi::xml_node node) {
  std::string_view visibility = node.attribute("table:visibility").value();
  return visibility == "collapse" || visibility == "filter";
}

// ---- text --------------------------------------------------------------------------------

// The node after `node` in a walk of `root`'s subtree in document order, entering `node`'s
// children when `enter`; an empty node at the end. No recursion: elements nest as deep as the
// file says (a million spans is a few megabytes of XML).
pugi::xml_node next_in_walk(pugi::xml_node node, pugi::xml_node root, bool enter) {
  if (enter && node.first_child()) return node.first_child();
  while (node != root && !node.next_sibling()) node = node.parent();
  return node == root ? pugi::xml_node() : node.next_sibling();
}

void append_inline(pugi::xml_node root, std::string& out) {
  for (pugi::xml_node node = root.first_child(); node;) {
    bool enter = false;
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      out += node.value();
    } else if (is(node, "text:s")) {
      out.append(static_cast<std::size_t>(std::min(count_attribute(node, "text:c"), kMaxSpaces)),
                 ' ');
    } else if (is(node, "text:tab")) {
      out += '\t';
    } else if (is(node, "text:line-break")) {
      out += '\n';
    } else if (is(node, "office:annotation") || is(node, "text:note") ||
               is(node, "office:annotation-end")) {
      // comments and notes are not the cell's text
    } else {
      enter = true;  // text:span, text:a, text:bookmark ...
    }
    node = next_in_walk(node, root, enter);
  }
}

void append_line(std::string& out, std::string_view line) {
  if (!out.empty()) out += '\n';
  out += line;
}

bool is_list_item(pugi::xml_node node) {
  return is(node, "text:list-item") || is(node, "text:list-header");
}

// Each paragraph of the list's items a "• " line, nested lists in their place.
void append_list(pugi::xml_node root, std::string& out) {
  for (pugi::xml_node node = root.first_child(); node;) {
    const pugi::xml_node parent = node.parent();
    bool enter = false;
    if (is_list_item(node)) {
      enter = is(parent, "text:list");
    } else if (is_list_item(parent) && (is(node, "text:p") || is(node, "text:h"))) {
      std::string line;
      append_inline(node, line);
      append_line(out, "\xE2\x80\xA2 " + line);
    } else if (is_list_item(parent) && is(node, "text:list")) {
      enter = true;
    }
    node = next_in_walk(node, root, enter);
  }
}

// ---- columns and rows --------------------------------------------------------------------

struct ColumnInfo {
  std::vector<char> hidden = std::vector<char>(kMaxColumn + 1, 0);
  std::vector<const char*> default_style = std::vector<const char*>(kMaxColumn + 1, nullptr);
};

// One <table:table-row> read once, whatever its number-rows-repeated.
struct RowPattern {
  std::vector<int> columns;
  std::vector<Cell> cells;
  struct Span {
    int column, rows, columns;
  };
  std::vector<Span> spans;
  std::vector<int> hidden_columns_with_text;
  bool has_text = false;
};

class TableReader {
 public:
  TableReader(const OdsStyles& styles, std::size_t& cell_budget, OdsSheet& out)
      : styles_(styles), cell_budget_(cell_budget), out_(out) {}

  // A table:table-column element (the columns come before the rows).
  void add_columns(pugi::xml_node column) {
    int repeat = count_attribute(column, "table:number-columns-repeated");
    bool hidden = is_collapsed(column);
    // The style name must outlive this element's parse: keep it.
    const char* style = keep(column.attribute("table:default-cell-style-name").value());
    for (int i = 0; i < repeat && next_column_ < kMaxColumn; ++i) {
      ++next_column_;
      columns_.hidden[static_cast<std::size_t>(next_column_)] = hidden ? 1 : 0;
      columns_.default_style[static_cast<std::size_t>(next_column_)] = style;
    }
  }

  // A table:table-row element, whatever group it stands in.
  void add_row(pugi::xml_node row) {
    if (row_number_ < kMaxRow) read_row(row);
  }

  void finish() {
    std::sort(hidden_columns_with_text_.begin(), hidden_columns_with_text_.end());
    hidden_columns_with_text_.erase(
        std::unique(hidden_columns_with_text_.begin(), hidden_columns_with_text_.end()),
        hidden_columns_with_text_.end());
    out_.hidden_columns_with_text = std::move(hidden_columns_with_text_);
  }

 private:
  const OdsStyles& styles_;
  std::size_t& cell_budget_;
  OdsSheet& out_;
  ColumnInfo columns_;
  int row_number_ = 0;
  int next_column_ = 0;
  std::size_t repeated_cells_ = 0;
  std::deque<std::string> style_names_;  // distinct default cell style names; stable addresses

  const char* keep(const char* name) {
    if (!*name) return nullptr;
    for (const std::string& kept : style_names_) {
      if (kept == name) return kept.c_str();
    }
    return style_names_.emplace_back(name).c_str();
  }
  std::vector<int> hidden_columns_with_text_;

  void count_repeats(std::size_t cells) {
    repeated_cells_ += cells;
    if (repeated_cells_ > kMaxRepeatedCells) {
      throw InputError("too many repeated cells with content (over " +
                       std::to_string(kMaxRepeatedCells) + ")");
    }
  }

  void spend(std::size_t cells) {
    if (cells > cell_budget_)
      throw InputError("too many cells (over the cell limit, or --table-memory)");
    cell_budget_ -= cells;
  }

  void read_row(pugi::xml_node row) {
    int repeat =
        std::min(count_attribute(row, "table:number-rows-repeated"), kMaxRow - row_number_);
    bool hidden = is_collapsed(row);
    RowPattern pattern = read_cells(row);
    bool empty = pattern.cells.empty() && pattern.spans.empty();
    for (int i = 0; i < repeat; ++i) {
      int number = ++row_number_;
      if (hidden) {
        out_.sheet.hidden_rows.push_back(number);
        if (pattern.has_text) out_.hidden_rows_with_text.push_back(number);
        continue;
      }
      // Empty repeats (a million of them at the end of every LibreOffice sheet) cost nothing.
      if (empty) continue;
      spend(pattern.cells.size());
      if (i > 0) count_repeats(pattern.cells.size());
      for (int c : pattern.hidden_columns_with_text) hidden_columns_with_text_.push_back(c);
      SheetRow sheet_row;
      sheet_row.number = number;
      sheet_row.columns = pattern.columns;
      sheet_row.cells = pattern.cells;
      for (const auto& span : pattern.spans) {
        out_.sheet.merges.push_back(
            {number, span.column, number + span.rows - 1, span.column + span.columns - 1});
      }
      if (!sheet_row.cells.empty()) out_.sheet.rows.push_back(std::move(sheet_row));
    }
  }

  RowPattern read_cells(pugi::xml_node row) {
    RowPattern pattern;
    const char* row_style = row.attribute("table:default-cell-style-name").value();
    int column = 0;
    for (pugi::xml_node cell : row.children()) {
      bool covered = is(cell, "table:covered-table-cell");
      if (!covered && !is(cell, "table:table-cell")) continue;
      int repeat =
          std::min(count_attribute(cell, "table:number-columns-repeated"), kMaxColumn - column);
      if (covered) {
        column += repeat;
        continue;
      }
      std::string text = clean_cell_text(ods_cell_text(cell));
      int col_span = count_attribute(cell, "table:number-columns-spanned");
      int row_span = count_attribute(cell, "table:number-rows-spanned");
      bool merged = col_span > 1 || row_span > 1;
      const char* own_style = cell.attribute("table:style-name").value();
      std::optional<Rgb> own_fill = *own_style ? styles_.fill(own_style) : std::nullopt;
      if (text.empty() && !own_fill && !merged) {
        column += repeat;  // the empty rest of a row: thousands of columns, skipped at once
        continue;
      }
      for (int i = 0; i < repeat; ++i) {
        ++column;
        std::optional<Rgb> fill = *own_style ? own_fill : default_fill(column, row_style, text);
        if (columns_.hidden[static_cast<std::size_t>(column)]) {
          if (!text.empty()) pattern.hidden_columns_with_text.push_back(column);
          continue;
        }
        pattern.has_text = pattern.has_text || !text.empty();
        if (merged) pattern.spans.push_back({column, row_span, col_span});
        if (text.empty() && !fill) continue;
        if (i > 0) count_repeats(1);
        pattern.columns.push_back(column);
        Cell& out = pattern.cells.emplace_back();
        out.text = text;
        out.fill = fill;
        if (*own_style && !text.empty()) out.font = styles_.font(own_style);
      }
    }
    return pattern;
  }

  // For a cell without a style of its own: the column's or row's default style, and only for a
  // cell with text, so that a coloured column does not turn the million empty cells below the
  // data into content.
  std::optional<Rgb> default_fill(int column, const char* row_style,
                                  const std::string& text) const {
    if (text.empty()) return std::nullopt;
    const char* style = columns_.default_style[static_cast<std::size_t>(column)];
    if ((!style || !*style) && row_style) style = row_style;
    if (!style || !*style) return std::nullopt;
    return styles_.fill(style);
  }
};

}  // namespace

// ---- styles ------------------------------------------------------------------------------

void OdsStyles::add(const pugi::xml_document& document) {
  pugi::xml_node root = document.document_element();
  for (const char* section : {"office:styles", "office:automatic-styles"}) {
    for (pugi::xml_node style : root.child(section).children("style:style")) {
      std::string_view family = style.attribute("style:family").value();
      std::string name = style.attribute("style:name").value();
      if (family == "table") {
        pugi::xml_node properties = style.child("style:table-properties");
        table_display_[name] =
            std::string_view(properties.attribute("table:display").value()) != "false";
        continue;
      }
      if (family != "table-cell") continue;
      Style entry;
      entry.parent = style.attribute("style:parent-style-name").value();
      pugi::xml_attribute background =
          style.child("style:table-cell-properties").attribute("fo:background-color");
      if (background) {
        entry.sets_background = true;
        entry.background = parse_hex_colour(background.value());  // "transparent" -> none
      }
      if (pugi::xml_attribute colour = style.child("style:text-properties").attribute("fo:color")) {
        entry.sets_colour = true;
        entry.colour = parse_hex_colour(colour.value());
      }
      cell_styles_[name] = std::move(entry);
    }
  }
}

std::optional<Rgb> OdsStyles::fill(std::string_view style_name) const {
  // Follow the parents, at most a few steps (a hostile file could loop).
  for (int depth = 0; depth < 16; ++depth) {
    auto it = cell_styles_.find(style_name);
    if (it == cell_styles_.end()) return std::nullopt;
    if (it->second.sets_background) return it->second.background;
    style_name = it->second.parent;
  }
  return std::nullopt;
}

std::optional<Rgb> OdsStyles::font(std::string_view style_name) const {
  for (int depth = 0; depth < 16; ++depth) {
    auto it = cell_styles_.find(style_name);
    if (it == cell_styles_.end()) return std::nullopt;
    if (it->second.sets_colour) return it->second.colour;
    style_name = it->second.parent;
  }
  return std::nullopt;
}

bool OdsStyles::table_displayed(std::string_view table_style) const {
  auto it = table_display_.find(table_style);
  return it == table_display_.end() || it->second;
}

// ---- content -----------------------------------------------------------------------------

std::string ods_cell_text(pugi::xml_node cell) {
  std::string out;
  for (pugi::xml_node part : cell.children()) {
    if (is(part, "text:p") || is(part, "text:h")) {
      std::string line;
      append_inline(part, line);
      append_line(out, line);
    } else if (is(part, "text:list")) {
      append_list(part, out);
    }
  }
  if (out.empty() && !cell.first_child()) {
    // No paragraph at all: the value itself, where there is one.
    for (const char* value : {"office:string-value", "office:date-value", "office:value"}) {
      if (auto attribute = cell.attribute(value)) return attribute.value();
    }
  }
  return out;
}

namespace {

// The end ('>') of the tag starting at `at`, honouring quoted attribute values (which may hold
// '>'); npos when the window does not hold all of it yet.
std::size_t tag_end(std::string_view view, std::size_t at) {
  char quote = 0;
  for (std::size_t i = at + 1; i < view.size(); ++i) {
    char c = view[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

std::string_view tag_name(std::string_view tag) {
  std::size_t start = tag.size() > 1 && tag[1] == '/' ? 2 : 1;
  std::size_t end = tag.find_first_of(" \t\r\n/>", start);
  return tag.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

// content.xml as it streams in: the head (automatic styles) parsed whole, then the body scanned
// tag by tag; each table:table-row is parsed on its own with pugixml, in place, and dropped.
class ContentReader {
 public:
  ContentReader(const ByteSource& source, OdsStyles& styles, std::size_t max_cells)
      : window_(source), styles_(styles), budget_(max_cells) {}

  std::vector<OdsSheet> read() {
    if (read_head()) read_body();
    return std::move(sheets_);
  }

 private:
  static constexpr std::string_view kRowClose = "</table:table-row>";
  StreamWindow window_;
  OdsStyles& styles_;
  std::size_t budget_;
  std::vector<OdsSheet> sheets_;
  std::optional<TableReader> table_;
  bool table_hidden_ = false;
  pugi::xml_document row_doc_;
  pugi::xml_document tag_doc_;

  static void refuse_doctype(const pugi::xml_document& doc) {
    for (pugi::xml_node node : doc.children()) {
      if (node.type() == pugi::node_doctype) {
        throw InputError(
            "part content.xml has a DOCTYPE declaration (refused: possible entity-expansion "
            "attack)");
      }
    }
  }

  void parse_whole(std::string xml) {
    pugi::xml_document doc;
    auto result =
        doc.load_buffer_inplace(xml.data(), xml.size(), pugi::parse_default | pugi::parse_doctype);
    if (!result)
      throw InputError(std::string("malformed XML in content.xml: ") + result.description());
    refuse_doctype(doc);
    styles_.add(doc);
  }

  // Everything before <office:body>: the automatic styles. False when there is no body.
  bool read_head() {
    std::size_t searched = 0;
    for (;;) {
      std::string_view view = window_.view();
      std::size_t body = view.find("<office:body", searched);
      if (body != std::string_view::npos) {
        std::size_t end = tag_end(view, body);
        if (end != std::string_view::npos) {
          parse_whole(std::string(view.substr(0, body)) + "</office:document-content>");
          window_.consume(end + 1);
          return true;
        }
      } else {
        searched = view.size() > 12 ? view.size() - 12 : 0;
      }
      if (!window_.fill()) {
        parse_whole(std::string(window_.view()));  // no body: still well-formed, no DOCTYPE?
        return false;
      }
    }
  }

  void read_body() {
    std::size_t at = 0;
    for (;;) {
      std::string_view view = window_.view();
      std::size_t open = view.find('<', at);
      std::size_t done = open == std::string_view::npos ? view.size() : open;
      std::size_t used = open == std::string_view::npos ? std::string_view::npos : step(open);
      if (used == std::string_view::npos) {
        // Not all of the next construct is here: keep it, drop what is behind it, read more.
        window_.consume(done);
        at = 0;
        if (!window_.fill()) throw InputError("content.xml is truncated");
        continue;
      }
      if (used == 0) return;  // </office:spreadsheet>
      at = used;
    }
  }

  // Handles the construct at `open`; returns where scanning goes on, npos when the window does
  // not hold all of it, 0 at the end of the spreadsheet.
  std::size_t step(std::size_t open) {
    std::string_view view = window_.view();
    if (view.substr(open).starts_with("<!--")) {
      std::size_t end = view.find("-->", open);
      return end == std::string_view::npos ? end : end + 3;
    }
    std::size_t end = tag_end(view, open);
    if (end == std::string_view::npos) return end;
    std::string_view tag = view.substr(open, end - open + 1);
    std::string_view name = tag_name(tag);
    if (tag[1] == '/') {
      if (name == "table:table") finish_table();
      if (name == "office:spreadsheet" || name == "office:body") return 0;
      return end + 1;
    }
    bool self_closing = tag[tag.size() - 2] == '/';
    if (name == "table:table") {
      start_table(parse_tag(tag));
    } else if (name == "table:table-column") {
      if (table_ && !table_hidden_) table_->add_columns(parse_tag(tag));
    } else if (name == "table:table-row") {
      if (self_closing) {
        if (table_ && !table_hidden_) table_->add_row(parse_tag(tag));
        return end + 1;
      }
      std::size_t close = view.find(kRowClose, end);
      if (close == std::string_view::npos) return close;
      std::size_t after = close + kRowClose.size();
      if (table_ && !table_hidden_) {
        auto result =
            row_doc_.load_buffer_inplace(window_.data() + open, after - open, pugi::parse_default);
        if (!result) {
          throw InputError(std::string("malformed XML in content.xml: ") + result.description());
        }
        table_->add_row(row_doc_.document_element());
      }
      return after;
    }
    return end + 1;  // any other tag: step inside it
  }

  // A start tag on its own, closed so pugixml reads its attributes.
  pugi::xml_node parse_tag(std::string_view tag) {
    std::string element(tag);
    if (element[element.size() - 2] != '/') element.insert(element.size() - 1, "/");
    auto result = tag_doc_.load_string(element.c_str(), pugi::parse_default);
    if (!result)
      throw InputError(std::string("malformed XML in content.xml: ") + result.description());
    return tag_doc_.document_element();
  }

  void start_table(pugi::xml_node table) {
    finish_table();
    OdsSheet& sheet = sheets_.emplace_back();
    sheet.sheet.name = table.attribute("table:name").value();
    sheet.hidden = !styles_.table_displayed(table.attribute("table:style-name").value());
    table_hidden_ = sheet.hidden;
    table_.emplace(styles_, budget_, sheet);
  }

  void finish_table() {
    if (table_) table_->finish();
    table_.reset();
  }
};

}  // namespace

std::vector<OdsSheet> read_ods_content(const ByteSource& source, OdsStyles& styles,
                                       std::size_t max_cells) {
  return ContentReader(source, styles, max_cells).read();
}

}  // namespace trackport
