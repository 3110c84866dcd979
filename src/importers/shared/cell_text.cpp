#include "importers/shared/cell_text.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <climits>
#include <memory>
#include <vector>

#include "model/text.hpp"
#include "model/utf8.hpp"

namespace trackport {

namespace {

using utf8::decode;
using utf8::is_dropped;
using utf8::is_horizontal_space;
using utf8::is_line_break;
using utf8::valid_sequence_length;

constexpr std::string_view kBulletLine = "\xE2\x80\xA2 ";  // "• "

// Characters that always start a list entry, wherever they appear: Word and PDF bullets,
// including the private-use Symbol/Wingdings code points Word writes for its bullet fonts.
bool is_strong_bullet(char32_t c) {
  static constexpr std::array<char32_t, 17> kBullets{0x2022, 0x2023, 0x2043, 0x25A0, 0x25A1, 0x25AA,
                                                     0x25AB, 0x25BA, 0x25CB, 0x25CF, 0x25E6, 0x27A2,
                                                     0xF06E, 0xF076, 0xF0A7, 0xF0B7, 0xF0D8};
  return std::find(kBullets.begin(), kBullets.end(), c) != kBullets.end();
}

// Characters that are bullets only where a line starts with them, followed by a space: Word's
// "§" (Wingdings square) and "·", and "o" (its second-level bullet).
bool is_weak_bullet(char32_t c) {
  return c == 0xA7 || c == 0xB7 || c == 'o';
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Bullets

// Appends one output line, with a leading "• " when it is a list entry. Empty entries are dropped.
void append_line(std::string& out, std::string_view text, bool bullet) {
  text = trim_spaces(text);
  if (text.empty()) return;
  if (!out.empty()) out += '\n';
  if (bullet) out += kBulletLine;
  out += text;
}

// Splits one collapsed, trimmed line at its bullet characters: "• a • b" gives "• a" and "• b";
// "§ a § b" too, but "see § 3" stays as it is (a weak bullet counts only in a line it starts).
void append_with_bullets(std::string& out, std::string_view line) {
  // A line of symbols alone ("●", "■ ■") is no list: it is what the cell shows, often a rating
  // given by the symbol's colour.
  bool symbols_only = !line.empty();
  for (std::size_t at = 0; at < line.size() && symbols_only;) {
    std::size_t length = 0;
    const char32_t c = decode(line, at, length);
    symbols_only = c == ' ' || is_strong_bullet(c);
    at += length;
  }
  if (symbols_only) {
    append_line(out, line, false);
    return;
  }
  std::size_t first_length = 0;
  const char32_t first = decode(line, 0, first_length);
  const bool weak_start =
      is_weak_bullet(first) && line.size() > first_length && line[first_length] == ' ';
  const char32_t weak = weak_start && first != 'o' ? first : 0;
  bool bullet = false;
  std::size_t piece_start = 0;
  if (is_strong_bullet(first) || weak_start) {
    bullet = true;
    piece_start = first_length;
  }
  std::size_t at = piece_start;
  while (at < line.size()) {
    std::size_t length = 0;
    const char32_t c = decode(line, at, length);
    const bool splits =
        is_strong_bullet(c) || (c == weak && weak != 0 && line[at - 1] == ' ' &&
                                (at + length == line.size() || line[at + length] == ' '));
    if (splits) {
      append_line(out, line.substr(piece_start, at - piece_start), bullet);
      bullet = true;
      piece_start = at + length;
    }
    at += length;
  }
  append_line(out, line.substr(piece_start), bullet);
}

// ---------------------------------------------------------------------------------------------
// HTML

char lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_alnum(char c) {
  return is_ascii_letter(c) || (c >= '0' && c <= '9');
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower_ascii(a[i]) != b[i]) return false;
  }
  return true;
}

// Tags that cell fragments use; a "<" before anything else ("<5 years", "a < b") is text.
constexpr std::array<std::string_view, 52> kKnownTags{
    "a",     "abbr",  "b",      "big",    "blockquote", "body", "br",   "caption", "center",
    "code",  "col",   "dd",     "del",    "div",        "dl",   "dt",   "em",      "font",
    "h1",    "h2",    "h3",     "h4",     "h5",         "h6",   "head", "hr",      "html",
    "i",     "img",   "ins",    "li",     "meta",       "ol",   "p",    "pre",     "s",
    "small", "span",  "strike", "strong", "style",      "sub",  "sup",  "table",   "tbody",
    "td",    "tfoot", "th",     "thead",  "tr",         "u",    "ul"};

bool is_known_tag(std::string_view name) {
  return std::any_of(kKnownTags.begin(), kKnownTags.end(),
                     [&](std::string_view tag) { return equals_ignoring_case(name, tag); });
}

// "<ul", "</p>", "<br/>", "<o:p>", "<!--" at `at` (which holds '<').
bool tag_at(std::string_view text, std::size_t at) {
  std::size_t i = at + 1;
  if (text.substr(i, 3) == "!--") return true;
  if (i < text.size() && text[i] == '/') ++i;
  const std::size_t name_start = i;
  while (i < text.size() && (is_ascii_alnum(text[i]) || text[i] == ':')) ++i;
  if (i == name_start || i >= text.size()) return false;
  const char after = text[i];
  if (after != '>' && after != ' ' && after != '/' && after != '\t' && after != '\n' &&
      after != '\r') {
    return false;
  }
  const std::string_view name = text.substr(name_start, i - name_start);
  // Word's namespaced tags ("o:p", "w:sdt") count too.
  return name.find(':') != std::string_view::npos || is_known_tag(name);
}

// "&amp;", "&#8217;", "&#x2019;" at `at` (which holds '&').
bool entity_at(std::string_view text, std::size_t at) {
  std::size_t i = at + 1;
  const bool numeric = i < text.size() && text[i] == '#';
  if (numeric) ++i;
  const bool hex = numeric && i < text.size() && (text[i] == 'x' || text[i] == 'X');
  if (hex) ++i;
  const std::size_t start = i;
  while (i < text.size() && i - start < 10 && is_ascii_alnum(text[i])) ++i;
  if (i == start || i >= text.size() || text[i] != ';') return false;
  return numeric || is_ascii_letter(text[start]);
}

void init_libxml_once() {
  // xmlInitParser is idempotent but not safe to race; a function-local static runs it once.
  static const bool initialised = [] {
    xmlInitParser();
    return true;
  }();
  (void)initialised;
}

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

std::string_view name_of(const xmlNode* node) {
  return node->name ? std::string_view(reinterpret_cast<const char*>(node->name)) : "";
}

bool name_in(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_skipped_element(std::string_view name) {
  return name_in(name, {"script", "style", "head", "title", "xml", "template", "meta", "link"});
}

bool is_block_element(std::string_view name) {
  return name_in(name, {"p",     "div",     "h1",     "h2",      "h3",       "h4",     "h5",
                        "h6",    "ul",      "ol",     "dl",      "dt",       "dd",     "blockquote",
                        "pre",   "address", "center", "section", "article",  "header", "footer",
                        "table", "caption", "hr",     "form",    "fieldset", "figure", "figcaption",
                        "main",  "nav",     "aside",  "body",    "html",     "menu"});
}

bool is_list(std::string_view name) {
  return name == "ul" || name == "ol" || name == "menu";
}

// Walks a parsed fragment and writes its text: lines separated by '\n', list entries starting
// with "• ", nested table rows as one line with cells joined by " | ". Whitespace is collapsed
// later, so this only has to put the breaks in the right places.
class TextWriter {
 public:
  std::string take() { return std::move(out_); }

  // Returns whether the walk should descend into the node's children.
  bool enter(const xmlNode* node) {
    switch (node->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        text(node);
        return false;
      case XML_ELEMENT_NODE:
        return enter_element(node);
      default:
        return false;  // comments, processing instructions, doctype
    }
  }

  void leave(const xmlNode* node) {
    if (node->type != XML_ELEMENT_NODE) return;
    const std::string_view name = name_of(node);
    if (name == "pre") --pre_depth_;
    if (name == "td" || name == "th") {
      leave_cell();
    } else if (name == "tr") {
      if (!cells_in_row_.empty()) cells_in_row_.pop_back();
      line_break();
    } else if (name == "li" || is_block_element(name)) {
      line_break();
    }
    if (name == "li" || is_list(name)) pending_bullet_ = false;  // an empty entry ends here
  }

 private:
  bool enter_element(const xmlNode* node) {
    const std::string_view name = name_of(node);
    if (is_skipped_element(name)) return false;
    if (node->parent && node->parent->type == XML_ELEMENT_NODE && is_list(name_of(node->parent)) &&
        name != "li" && !line_has_text_) {
      pending_bullet_ = true;  // Word's <ul> without <li>: its content is the entry
    }
    if (name == "br") {
      line_break();
    } else if (name == "li") {
      line_break();
      if (cell_depth_ == 0) pending_bullet_ = true;
    } else if (name == "tr") {
      line_break();
      cells_in_row_.push_back(0);
    } else if (name == "td" || name == "th") {
      enter_cell();
    } else if (is_block_element(name)) {
      line_break();
    }
    if (name == "pre") ++pre_depth_;
    return true;
  }

  void text(const xmlNode* node) {
    if (!node->content) return;
    const std::string_view content(reinterpret_cast<const char*>(node->content));
    const bool blank = std::all_of(content.begin(), content.end(), [](char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    });
    if (blank) {
      out_ += ' ';
      return;
    }
    if (node->parent && node->parent->type == XML_ELEMENT_NODE && is_list(name_of(node->parent)) &&
        !line_has_text_) {
      pending_bullet_ = true;  // text straight inside <ul>
    }
    if (pending_bullet_ && cell_depth_ == 0 && !starts_with_bullet(content)) {
      out_ += kBulletLine;
    }
    pending_bullet_ = false;
    line_has_text_ = true;
    for (char c : content) {
      const bool newline = c == '\n' || c == '\r';
      out_ += (newline && pre_depth_ == 0) || c == '\t' ? ' ' : c;
    }
  }

  // A cell of a table inside the fragment joins its row's line. A cell with no row around it is
  // the fragment's own cell (an importer passed the whole <td>): its content is read as usual.
  void enter_cell() {
    const bool nested = !cells_in_row_.empty();
    cell_is_nested_.push_back(nested);
    if (!nested) {
      line_break();
      return;
    }
    if (cells_in_row_.back()++ > 0) out_ += " | ";
    ++cell_depth_;
  }

  void leave_cell() {
    if (cell_is_nested_.empty()) return;
    if (cell_is_nested_.back()) {
      --cell_depth_;
    } else {
      line_break();
    }
    cell_is_nested_.pop_back();
  }

  static bool starts_with_bullet(std::string_view content) {
    const std::string_view trimmed = trim_spaces(content);
    if (trimmed.empty()) return false;
    std::size_t length = 0;
    const char32_t first = decode(trimmed, 0, length);
    return is_strong_bullet(first) || (is_weak_bullet(first) && first != 'o');
  }

  // Inside a nested table's cell a break would split the row, so it becomes a space.
  void line_break() {
    if (cell_depth_ > 0) {
      out_ += ' ';
      return;
    }
    if (!out_.empty() && out_.back() != '\n') out_ += '\n';
    line_has_text_ = false;
  }

  std::string out_;
  std::vector<int> cells_in_row_;
  std::vector<bool> cell_is_nested_;
  int cell_depth_ = 0;
  int pre_depth_ = 0;
  bool line_has_text_ = false;
  bool pending_bullet_ = false;
};

// Visits every node in document order without recursion, so that deeply nested markup cannot
// exhaust the stack.
void walk(const xmlDoc* doc, TextWriter& writer) {
  const xmlNode* node = doc->children;
  while (node) {
    const bool entered = writer.enter(node);  // false for text and skipped elements
    if (entered && node->children) {
      node = node->children;
      continue;
    }
    if (entered) writer.leave(node);
    while (node && !node->next) {
      node = node->parent;
      if (!node || node == reinterpret_cast<const xmlNode*>(doc)) return;
      writer.leave(node);
    }
    node = node ? node->next : nullptr;
  }
}

// Word's "<![if !supportLists]>" and "<![endif]>" markers are not comments to the HTML parser,
// which would keep them as text; the content between them (Word's own bullet glyph) stays.
std::string strip_word_conditionals(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t copied = 0;
  for (std::size_t at = html.find("<!["); at != std::string_view::npos;
       at = html.find("<![", at + 1)) {
    const std::string_view keyword = html.substr(at + 3, 5);
    const bool conditional =
        equals_ignoring_case(keyword.substr(0, 2), "if") || equals_ignoring_case(keyword, "endif");
    const std::size_t close = html.find("]>", at);
    if (!conditional || close == std::string_view::npos) continue;
    out.append(html.substr(copied, at - copied));
    copied = close + 2;
    at = close;
  }
  out.append(html.substr(copied));
  return out;
}

std::string html_to_text(std::string_view raw_html) {
  init_libxml_once();
  // Inside a <div>, text that follows inline markup at the top of the fragment ("<u>a</u> b")
  // stays inline; at the top level the parser would wrap it in an implied <p>, a false break.
  std::string wrapped = "<div>";
  wrapped.reserve(raw_html.size() + 16);
  if (raw_html.find("<![") != std::string_view::npos) {
    wrapped += strip_word_conditionals(raw_html);
  } else {
    wrapped += raw_html;
  }
  wrapped += "</div>";
  const std::string_view html = wrapped;
  const auto size = static_cast<int>(std::min<std::size_t>(html.size(), INT_MAX));
  constexpr int kOptions = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                           HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT | XML_PARSE_HUGE;
  const DocPtr doc(htmlReadMemory(html.data(), size, nullptr, "UTF-8", kOptions));
  if (!doc) return std::string(raw_html);  // never drop text, even unparsed
  TextWriter writer;
  walk(doc.get(), writer);
  return writer.take();
}

// Collapses whitespace and splits lines at their bullets.
std::string tidy_lines(std::string_view text) {
  const std::string collapsed = collapse_whitespace(text);
  std::string out;
  out.reserve(collapsed.size() + 8);
  std::size_t start = 0;
  while (start < collapsed.size()) {
    std::size_t end = collapsed.find('\n', start);
    if (end == std::string::npos) end = collapsed.size();
    append_with_bullets(out, std::string_view(collapsed).substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text that needs no cleaning

// Printable ASCII but the space, '<' and '&': bytes already_clean need not look at.
constexpr std::array<bool, 256> ordinary_bytes() {
  std::array<bool, 256> ordinary{};
  for (std::size_t byte = 0x21; byte < 0x7F; ++byte) ordinary[byte] = true;
  ordinary['<'] = false;
  ordinary['&'] = false;
  return ordinary;
}
constexpr std::array<bool, 256> kOrdinaryBytes = ordinary_bytes();

// "o " where a line starts: Word's second-level bullet.
bool weak_bullet_at(std::string_view text, std::size_t at) {
  return text.substr(at, 2) == "o ";
}

// True when cleaning would not change the text: valid UTF-8, no markup, no space to collapse, no
// bullet to rewrite. Most spreadsheet cells are like this, and one scan is all they then cost:
// runs of ordinary bytes are skipped with a table lookup each.
bool already_clean(std::string_view text) {
  if (text.empty()) return true;
  if (text.front() == ' ' || text.front() == '\n' || text.back() == ' ' || text.back() == '\n') {
    return false;
  }
  if (weak_bullet_at(text, 0)) return false;
  const std::size_t size = text.size();
  char previous = '\n';  // only ever compared with a space or a line break
  for (std::size_t at = 0; at < size;) {
    if (kOrdinaryBytes[static_cast<unsigned char>(text[at])]) {
      do {
        ++at;
      } while (at < size && kOrdinaryBytes[static_cast<unsigned char>(text[at])]);
      previous = 'x';
      continue;
    }
    const char c = text[at];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      std::size_t consumed = 0;
      const std::size_t length = valid_sequence_length(text, at, consumed);
      if (length == 0) return false;
      std::size_t decoded_length = 0;
      const char32_t code_point = decode(text, at, decoded_length);
      if (is_horizontal_space(code_point) || is_line_break(code_point) || is_dropped(code_point) ||
          is_strong_bullet(code_point) || is_weak_bullet(code_point)) {
        return false;
      }
      previous = 'x';
      at += length;
      continue;
    }
    const bool control = byte < 0x20 && c != '\n';
    const bool doubled_space = (c == ' ' || c == '\n') && (previous == ' ' || previous == '\n');
    const bool weak_bullet_next = c == '\n' && weak_bullet_at(text, at + 1);
    if (control || doubled_space || weak_bullet_next || c == '<' || c == '&' || byte == 0x7F) {
      return false;
    }
    previous = c;
    ++at;
  }
  return true;
}

}  // namespace

bool looks_like_html(std::string_view text) {
  for (std::size_t at = text.find_first_of("<&"); at != std::string_view::npos;
       at = text.find_first_of("<&", at + 1)) {
    if (text[at] == '<' ? tag_at(text, at) : entity_at(text, at)) return true;
  }
  return false;
}

std::string clean_cell_text(std::string_view raw) {
  if (already_clean(raw)) return std::string(raw);
  const std::string valid = sanitise_utf8(raw);
  if (looks_like_html(valid)) return tidy_lines(html_to_text(valid));
  return tidy_lines(valid);
}

namespace {

std::string_view trim_line(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  return text;
}

// A line starting with a bullet glyph (from the text itself, or doubled by a list marker around
// text that already had one) becomes a "• " line.
std::string normalise_bullet(std::string_view line) {
  static constexpr std::array<std::string_view, 7> kGlyphs = {"•", "·", "\xEF\x82\xB7", "▪", "◦",
                                                              "‣", "∙"};
  bool bullet = false;
  for (int round = 0; round < 3; ++round) {
    bool stripped = false;
    for (std::string_view glyph : kGlyphs) {
      if (line.starts_with(glyph) && (line.size() == glyph.size() || line[glyph.size()] == ' ')) {
        line = trim_line(line.substr(glyph.size()));
        bullet = stripped = true;
        break;
      }
    }
    if (!stripped) break;
  }
  return bullet ? "• " + std::string(line) : std::string(line);
}

}  // namespace

std::string finish_cell_lines(std::string_view text) {
  std::string collapsed = collapse_whitespace(sanitise_utf8(text));
  std::string out;
  std::size_t pos = 0;
  while (pos <= collapsed.size()) {
    std::size_t end = collapsed.find('\n', pos);
    if (end == std::string::npos) end = collapsed.size();
    std::string line =
        normalise_bullet(trim_line(std::string_view(collapsed).substr(pos, end - pos)));
    if (!line.empty() && line != "•" && line != "• ") {  // a bullet with no entry is not a line
      if (!out.empty()) out.push_back('\n');
      out += line;
    }
    pos = end + 1;
  }
  return out;
}

}  // namespace trackport
