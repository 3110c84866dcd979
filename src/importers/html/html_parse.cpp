#include "importers/html/html_parse.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <climits>
#include <memory>

#include "importers/shared/cell_text.hpp"
#include "io/input.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

// libxml2 stops building the tree at 256 levels; our own walks stop a little deeper so that they
// can never recurse without bound whatever libxml2 does.
constexpr int kMaxDepth = 300;
// A bold paragraph is section context below every real heading level.
constexpr int kBoldParagraphLevel = 7;
// A bold paragraph longer than this is prose, not a heading.
constexpr std::size_t kMaxBoldHeadingLength = 400;
constexpr int kMaxColSpan = 1000;  // the HTML standard's limits
constexpr int kMaxRowSpan = 65534;

// ---- small helpers over libxml2 nodes --------------------------------------------------------

std::string_view name_of(const xmlNode* node) {
  return node->name ? std::string_view(reinterpret_cast<const char*>(node->name)) : "";
}

bool is_element(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && name_of(node) == name;
}

std::string attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!value) return "";
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

int heading_level(const xmlNode* node) {
  std::string_view name = name_of(node);
  if (node->type != XML_ELEMENT_NODE || name.size() != 2 || name[0] != 'h') return 0;
  return (name[1] >= '1' && name[1] <= '6') ? name[1] - '0' : 0;
}

int int_attribute(const xmlNode* node, const char* name, int fallback, int low, int high) {
  std::string text(trim(attribute(node, name)));
  int value = fallback;
  auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec == std::errc::result_out_of_range) return text.starts_with('-') ? low : high;
  if (result.ec != std::errc() || text.empty()) return fallback;
  return std::clamp(value, low, high);
}

// The value of one declaration in a style attribute ("mso-list", "background"), lower-cased.
std::string style_value(std::string_view style, std::string_view property) {
  std::string lowered = lower(style);
  std::string_view rest = lowered;
  while (!rest.empty()) {
    std::size_t semi = rest.find(';');
    std::string_view declaration = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    std::size_t colon = declaration.find(':');
    if (colon == std::string_view::npos) continue;
    if (trim(declaration.substr(0, colon)) == property) {
      return std::string(trim(declaration.substr(colon + 1)));
    }
  }
  return "";
}

bool is_block(std::string_view name) {
  static constexpr std::array<std::string_view, 24> kBlocks = {
      "p",          "div",     "h1",     "h2",     "h3", "h4",      "h5",      "h6",
      "blockquote", "pre",     "tr",     "dl",     "dt", "dd",      "address", "center",
      "section",    "article", "header", "footer", "hr", "caption", "ul",      "ol"};
  return std::find(kBlocks.begin(), kBlocks.end(), name) != kBlocks.end();
}

bool is_hidden(const xmlNode* node) {
  std::string style = attribute(node, "style");
  if (style.empty()) return false;
  return style_value(style, "display") == "none" || style_value(style, "mso-hide") == "all";
}

bool is_list_marker(const xmlNode* node) {
  // Word's HTML writes list numbers and bullets as text in <span style='mso-list:Ignore'>.
  return is_element(node, "span") && style_value(attribute(node, "style"), "mso-list") == "ignore";
}

// Word's marker text: a number ("1.", "a)", "iv.") is kept, anything else (·, o, §, Ø) is a bullet.
std::string list_prefix_from_marker(std::string_view marker) {
  marker = trim(marker);
  bool has_digit = std::any_of(marker.begin(), marker.end(),
                               [](unsigned char c) { return std::isdigit(c) != 0; });
  bool lettered = marker.size() >= 2 && marker.size() <= 5 &&
                  (marker.back() == '.' || marker.back() == ')') &&
                  std::all_of(marker.begin(), marker.end() - 1,
                              [](unsigned char c) { return std::isalpha(c) != 0; });
  if (has_digit || lettered) return std::string(marker) + " ";
  return "• ";
}

// Removes Word's downlevel conditional comments ("<![if !supportLists]>", "<![endif]>"), which
// libxml2 would otherwise keep as text.
std::string strip_conditional_markers(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t pos = 0;
  while (pos < html.size()) {
    std::size_t start = html.find("<![", pos);
    if (start == std::string_view::npos) break;
    std::size_t end = html.find("]>", start);
    std::string_view inner =
        end == std::string_view::npos ? "" : html.substr(start + 3, end - start - 3);
    bool conditional = inner.starts_with("if ") || inner == "endif";
    out.append(html.substr(pos, start - pos));
    if (conditional) {
      pos = end + 2;
    } else {
      out.append("<![");
      pos = start + 3;
    }
  }
  out.append(html.substr(std::min(pos, html.size())));
  return out;
}

std::string one_line(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return std::string(trim(collapse_whitespace(out)));
}

// Appends a text node's content with HTML whitespace rules: newlines in the source are spaces;
// non-breaking spaces become spaces and soft hyphens disappear.
void append_text(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t' || c == '\f') {
      out.push_back(' ');
    } else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      out.push_back(' ');
      ++i;
    } else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xAD') {
      ++i;
    } else {
      out.push_back(c);
    }
  }
}

// ---- cell text ----------------------------------------------------------------------------

// The text colour an element sets: style="color: ..." or <font color=...>.
std::optional<Rgb> text_colour_of(const xmlNode* node) {
  if (auto colour = parse_css_colour(style_value(attribute(node, "style"), "color"))) return colour;
  if (name_of(node) == "font") return parse_css_colour(attribute(node, "color"));
  return std::nullopt;
}

class TextCollector {
 public:
  std::string text;
  int nested_tables = 0;
  std::optional<Rgb> first_colour;  // the colour of the first visible text that has one

  // The colour the text starts in (the cell's own).
  void start_colour(std::optional<Rgb> colour) { colour_ = colour; }

  void children(const xmlNode* parent, int depth) {
    for (const xmlNode* child = parent->children; child; child = child->next) node(child, depth);
  }

  void node(const xmlNode* node, int depth) {
    if (depth > kMaxDepth) return;
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content) add_text(reinterpret_cast<const char*>(node->content));
      return;
    }
    if (node->type != XML_ELEMENT_NODE) return;
    std::string_view name = name_of(node);
    if (name == "script" || name == "style" || name == "o:p" || name == "head" || name == "title" ||
        name == "xml" || is_hidden(node)) {
      return;
    }
    // The element's colour holds for what it contains.
    struct ColourScope {
      std::optional<Rgb>& current;
      std::optional<Rgb> saved;
      ~ColourScope() { current = saved; }
    } scope{colour_, colour_};
    if (auto colour = text_colour_of(node)) colour_ = colour;
    element(node, name, depth);
  }

  void element(const xmlNode* node, std::string_view name, int depth) {
    if (name == "br") {
      text.push_back('\n');
    } else if (is_list_marker(node)) {
      TextCollector marker;
      marker.children(node, depth + 1);
      text += list_prefix_from_marker(marker.text);
    } else if (name == "ul" || name == "ol") {
      list(node, depth);
    } else if (name == "li") {
      list_item(node, "• ", depth);  // a stray <li> outside a list
    } else if (name == "table") {
      nested_table(node, depth);
    } else if (name == "td" || name == "th") {
      text.push_back(' ');
      children(node, depth + 1);
      text.push_back(' ');
    } else if (is_block(name)) {
      text.push_back('\n');
      children(node, depth + 1);
      text.push_back('\n');
    } else {
      children(node, depth + 1);
    }
  }

 private:
  // A list entry's "• " or "3. " waits for the entry's first visible text, which may sit in a
  // <p> inside the <li> (and so on a line of its own).
  std::string pending_prefix_;
  std::optional<Rgb> colour_;  // the colour the text being read is shown in

  void add_text(std::string_view raw) {
    std::string cleaned;
    append_text(cleaned, raw);
    std::string_view visible = cleaned;
    if (!first_colour && colour_ && !trim(visible).empty()) first_colour = colour_;
    if (!pending_prefix_.empty() && !trim(visible).empty()) {
      text += pending_prefix_;
      pending_prefix_.clear();
      visible.remove_prefix(visible.find_first_not_of(' '));
    }
    text += visible;
  }

  void list(const xmlNode* list_node, int depth) {
    bool ordered = name_of(list_node) == "ol";
    int number = int_attribute(list_node, "start", 1, INT_MIN / 2, INT_MAX / 2);
    text.push_back('\n');
    for (const xmlNode* child = list_node->children; child; child = child->next) {
      if (is_element(child, "li")) {
        number = int_attribute(child, "value", number, INT_MIN / 2, INT_MAX / 2);
        list_item(child, ordered ? std::to_string(number) + ". " : "• ", depth + 1);
        ++number;
      } else {
        node(child, depth + 1);
      }
    }
    text.push_back('\n');
  }

  void list_item(const xmlNode* item, const std::string& prefix, int depth) {
    text.push_back('\n');
    pending_prefix_ = prefix;
    children(item, depth + 1);
    pending_prefix_.clear();
    text.push_back('\n');
  }

  void nested_table(const xmlNode* table, int depth);
};

// ---- tables -------------------------------------------------------------------------------

std::optional<Rgb> fill_of(const xmlNode* node) {
  if (auto colour = background_from_style(attribute(node, "style"))) return colour;
  return parse_css_colour(attribute(node, "bgcolor"));
}

struct RowNode {
  const xmlNode* tr;
  bool in_thead;
};

// The <tr> elements of a table in order, looking through thead/tbody/tfoot (and any stray
// wrapper libxml2 left in place) but not into nested tables.
void collect_rows(const xmlNode* parent, bool in_thead, int depth, std::vector<RowNode>& rows) {
  if (depth > kMaxDepth) return;
  for (const xmlNode* child = parent->children; child; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    std::string_view name = name_of(child);
    if (name == "tr") {
      rows.push_back({child, in_thead});
    } else if (name != "table" && name != "td" && name != "th") {
      collect_rows(child, in_thead || name == "thead", depth + 1, rows);
    }
  }
}

HtmlCell read_cell(const xmlNode* td, std::optional<Rgb> row_fill, int depth, int& nested) {
  HtmlCell cell;
  TextCollector collector;
  collector.start_colour(text_colour_of(td));
  collector.children(td, depth + 1);
  nested += collector.nested_tables;
  cell.text = finish_cell_lines(collector.text);
  cell.font = collector.first_colour;
  cell.fill = fill_of(td);
  if (!cell.fill) cell.fill = row_fill;
  cell.col_span = int_attribute(td, "colspan", 1, 1, kMaxColSpan);
  cell.row_span = int_attribute(td, "rowspan", 1, 0, kMaxRowSpan);
  return cell;
}

std::vector<HtmlRow> read_rows(const xmlNode* table, int depth) {
  std::vector<RowNode> row_nodes;
  collect_rows(table, false, depth + 1, row_nodes);
  std::vector<HtmlRow> rows;
  rows.reserve(row_nodes.size());
  bool at_top = true;  // every row so far is a header row
  for (const RowNode& row_node : row_nodes) {
    HtmlRow row;
    bool all_th = true;
    std::optional<Rgb> row_fill = fill_of(row_node.tr);
    for (const xmlNode* child = row_node.tr->children; child; child = child->next) {
      if (is_element(child, "td") || is_element(child, "th")) {
        all_th = all_th && is_element(child, "th");
        row.cells.push_back(read_cell(child, row_fill, depth + 2, row.nested_tables));
      }
    }
    // <thead> rows, and rows of <th> cells at the top of a table without a <thead>.
    row.header = row_node.in_thead || (at_top && all_th && !row.cells.empty());
    at_top = at_top && row.header;
    rows.push_back(std::move(row));
  }
  return rows;
}

// A table inside a cell: one line per row, the cells' text joined by " | ".
void TextCollector::nested_table(const xmlNode* table, int depth) {
  ++nested_tables;
  std::vector<HtmlRow> rows = read_rows(table, depth + 1);
  text.push_back('\n');
  for (const HtmlRow& row : rows) {
    nested_tables += row.nested_tables;
    std::string line;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      if (i > 0) line += " | ";
      line += one_line(row.cells[i].text);
    }
    text += line;
    text.push_back('\n');
  }
}

// ---- the document walk --------------------------------------------------------------------

bool has_bold_ancestor(const xmlNode* node, const xmlNode* stop) {
  for (const xmlNode* at = node; at && at != stop->parent; at = at->parent) {
    if (at->type != XML_ELEMENT_NODE) continue;
    std::string_view name = name_of(at);
    if (name == "b" || name == "strong") return true;
    std::string weight = style_value(attribute(at, "style"), "font-weight");
    if (weight == "bold" || weight == "bolder" || weight == "700" || weight == "800" ||
        weight == "900") {
      return true;
    }
  }
  return false;
}

// True when every visible piece of text in the paragraph is bold, and it is not a list entry.
bool all_text_bold(const xmlNode* node, const xmlNode* paragraph, int depth, bool& any_text) {
  if (depth > kMaxDepth) return false;
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (child->type == XML_TEXT_NODE && child->content) {
      std::string text;
      append_text(text, reinterpret_cast<const char*>(child->content));
      if (trim(text).empty()) continue;
      any_text = true;
      if (!has_bold_ancestor(child, paragraph)) return false;
    } else if (child->type == XML_ELEMENT_NODE) {
      if (is_list_marker(child) || is_element(child, "table") || is_element(child, "img")) {
        return false;
      }
      if (is_element(child, "o:p")) continue;
      if (!all_text_bold(child, paragraph, depth + 1, any_text)) return false;
    }
  }
  return true;
}

bool is_bold_only_paragraph(const xmlNode* node) {
  if (!is_element(node, "p")) return false;
  if (!style_value(attribute(node, "style"), "mso-list").empty()) return false;
  bool any_text = false;
  return all_text_bold(node, node, 0, any_text) && any_text;
}

class DocumentWalker {
 public:
  HtmlDocument run(const xmlNode* root) {
    walk(root, 0);
    drop_title_heading();
    if (document_.title.empty()) document_.title = title_element_;
    return std::move(document_);
  }

 private:
  struct Heading {
    int level;
    std::string text;
    bool is_title = false;
  };

  // The h1 that gave the document title is not a section heading of the tables under it, unless
  // the document has several h1s: then they are its sections, the first doubling as the title.
  void drop_title_heading() {
    if (level_one_headings_ > 1) return;
    for (std::size_t i = 0; i < document_.tables.size(); ++i) {
      auto& headings = document_.tables[i].headings;
      if (title_in_force_[i] && !headings.empty()) headings.erase(headings.begin());
    }
  }

  void walk(const xmlNode* parent, int depth) {
    if (depth > kMaxDepth) {
      document_.truncated = true;
      return;
    }
    for (const xmlNode* child = parent->children; child; child = child->next) {
      if (child->type != XML_ELEMENT_NODE) continue;
      std::string_view name = name_of(child);
      if (name == "table") {
        add_table(child, depth);
      } else if (int level = heading_level(child); level > 0) {
        add_heading(level, text_of(child, depth));
      } else if (name == "title") {
        if (title_element_.empty()) title_element_ = text_of(child, depth);
      } else if (is_bold_only_paragraph(child)) {
        std::string text = text_of(child, depth);
        if (text.size() <= kMaxBoldHeadingLength) add_heading(kBoldParagraphLevel, std::move(text));
      } else if (name != "script" && name != "style" && !is_hidden(child)) {
        walk(child, depth + 1);
      }
    }
  }

  std::string text_of(const xmlNode* node, int depth) {
    TextCollector collector;
    collector.children(node, depth + 1);
    return one_line(collector.text);
  }

  void add_heading(int level, std::string text) {
    if (text.empty()) return;
    while (!outline_.empty() && outline_.back().level >= level) outline_.pop_back();
    bool is_title = level == 1 && document_.title.empty();
    if (is_title) document_.title = text;
    if (level == 1) ++level_one_headings_;
    outline_.push_back({level, std::move(text), is_title});
  }

  void add_table(const xmlNode* node, int depth) {
    HtmlTable table;
    for (const Heading& heading : outline_) table.headings.push_back(heading.text);
    title_in_force_.push_back(!outline_.empty() && outline_.front().is_title);
    // A <caption> names the table itself: the innermost context.
    for (const xmlNode* child = node->children; child; child = child->next) {
      if (!is_element(child, "caption")) continue;
      if (std::string caption = text_of(child, depth); !caption.empty()) {
        table.headings.push_back(std::move(caption));
      }
    }
    table.rows = read_rows(node, depth);
    document_.tables.push_back(std::move(table));
  }

  HtmlDocument document_;
  std::string title_element_;
  std::vector<Heading> outline_;
  int level_one_headings_ = 0;
  std::vector<bool> title_in_force_;  // per table: the title's h1 heads its headings
};

struct ParserContextFree {
  void operator()(htmlParserCtxt* ctxt) const { htmlFreeParserCtxt(ctxt); }
};
struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

}  // namespace

std::optional<Rgb> parse_css_colour(std::string_view value) {
  std::string text = lower(trim(value));
  if (text.empty()) return std::nullopt;
  // "background: #92D050 none" and similar shorthands: the colour is one of the words.
  if (std::size_t space = text.find(' '); space != std::string::npos && !text.starts_with("rgb")) {
    std::string_view rest = text;
    while (!rest.empty()) {
      std::size_t end = rest.find(' ');
      if (auto colour = parse_css_colour(rest.substr(0, end))) return colour;
      if (end == std::string_view::npos) break;
      rest = trim(rest.substr(end + 1));
    }
    return std::nullopt;
  }
  if (text.starts_with("rgb")) {
    std::size_t open = text.find('(');
    std::size_t close = text.find(')');
    if (open == std::string::npos || close == std::string::npos || close < open) {
      return std::nullopt;
    }
    std::array<int, 3> parts{};
    std::string_view args = std::string_view(text).substr(open + 1, close - open - 1);
    for (int& part : parts) {
      args = trim(args);
      auto [ptr, ec] = std::from_chars(args.data(), args.data() + args.size(), part);
      if (ec != std::errc()) return std::nullopt;
      args.remove_prefix(static_cast<std::size_t>(ptr - args.data()));
      args = trim(args);
      if (!args.empty() && (args.front() == ',' || args.front() == '%')) args.remove_prefix(1);
      part = std::clamp(part, 0, 255);
    }
    return Rgb{static_cast<std::uint8_t>(parts[0]), static_cast<std::uint8_t>(parts[1]),
               static_cast<std::uint8_t>(parts[2])};
  }
  if (text.starts_with('#')) return parse_hex_colour(text);
  struct Named {
    std::string_view name;
    Rgb colour;
  };
  static constexpr std::array<Named, 18> kNamed = {{
      {"red", {255, 0, 0}},
      {"green", {0, 128, 0}},
      {"lime", {0, 255, 0}},
      {"yellow", {255, 255, 0}},
      {"orange", {255, 165, 0}},
      {"amber", {255, 191, 0}},
      {"blue", {0, 0, 255}},
      {"navy", {0, 0, 128}},
      {"aqua", {0, 255, 255}},
      {"teal", {0, 128, 128}},
      {"silver", {192, 192, 192}},
      {"gray", {128, 128, 128}},
      {"grey", {128, 128, 128}},
      {"white", {255, 255, 255}},
      {"black", {0, 0, 0}},
      {"maroon", {128, 0, 0}},
      {"olive", {128, 128, 0}},
      {"purple", {128, 0, 128}},
  }};
  for (const Named& named : kNamed) {
    if (named.name == text) return named.colour;
  }
  // Old HTML allows bgcolor="92D050" without the '#'.
  if (text.size() == 6 && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isxdigit(c) != 0; })) {
    return parse_hex_colour(text);
  }
  return std::nullopt;
}

std::optional<Rgb> background_from_style(std::string_view style) {
  if (style.empty()) return std::nullopt;
  if (auto colour = parse_css_colour(style_value(style, "background-color"))) return colour;
  return parse_css_colour(style_value(style, "background"));
}

HtmlDocument parse_html(std::string_view utf8) {
  std::string html = strip_conditional_markers(utf8);
  if (html.size() > static_cast<std::size_t>(INT_MAX)) throw InputError("HTML file is too large");
  std::unique_ptr<htmlParserCtxt, ParserContextFree> ctxt(htmlNewParserCtxt());
  if (!ctxt) throw std::bad_alloc();
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;
  std::unique_ptr<xmlDoc, DocFree> doc(htmlCtxtReadMemory(
      ctxt.get(), html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options));
  if (!doc) return {};
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return {};
  // xmlDoc starts like an xmlNode (libxml2 relies on this too): walking it visits the root.
  HtmlDocument document = DocumentWalker{}.run(reinterpret_cast<const xmlNode*>(doc.get()));
  const xmlError* error = xmlCtxtGetLastError(ctxt.get());
  if (error && error->message &&
      std::string_view(error->message).find("depth") != std::string_view::npos) {
    document.truncated = true;
  }
  return document;
}

}  // namespace trackport
