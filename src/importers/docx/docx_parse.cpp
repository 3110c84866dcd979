#include "importers/docx/docx_parse.hpp"

#include "io/text_encoding.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>

#include "importers/docx/docx_xml.hpp"
#include "importers/shared/cell_text.hpp"
#include "model/text.hpp"

namespace trackport::docx {

namespace {

// Tables in cells in content controls in text boxes...: deep enough for any real document,
// shallow enough that the recursion cannot exhaust the stack.
constexpr int kMaxDepth = 100;
constexpr int kMaxGridSpan = 1000;
// A bold paragraph longer than this is prose, not a heading.
constexpr std::size_t kMaxBoldHeadingLength = 400;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  return text;
}

// w:sym: a character from a symbol font. Symbol and Wingdings put their glyphs in the private use
// area (F0xx); the common bullets and ticks are turned into their Unicode look-alikes, other
// symbol-font glyphs are dropped rather than shown as private-use characters.
std::string symbol_text(const pugi::xml_node& sym) {
  std::string_view hex = attr_value(sym, "char");
  std::uint32_t code = 0;
  auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), code, 16);
  if (ec != std::errc() || ptr != hex.data() + hex.size()) return "";
  if ((code & 0xFF00) == 0xF000) code &= 0xFF;
  if (code < 0x20) return "";
  if (code >= 0x80) {
    switch (code) {
      case 0xB7:
      case 0xA7:
      case 0x9F:
      case 0xA8:
        return "•";
      case 0xFC:
        return "✓";
      case 0xFB:
      case 0xFD:
        return "✗";
      default:
        break;
    }
  }
  std::string_view font = attr_value(sym, "font");
  if (font.starts_with("Wingdings") || font.starts_with("Webdings") || font == "Symbol") {
    return "";
  }
  std::string out;
  append_utf8(out, code);
  return out;
}

std::string one_line(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return std::string(trim(collapse_whitespace(out)));
}

// mc:AlternateContent offers the same content several ways; read exactly one of them, or text
// boxes would be read twice.
pugi::xml_node chosen_alternative(const pugi::xml_node& alternate) {
  if (pugi::xml_node choice = child(alternate, "Choice")) return choice;
  return child(alternate, "Fallback");
}

// Complex fields (w:fldChar begin / separate / end) show their result, not their instruction.
class FieldStack {
 public:
  void on_field_char(std::string_view type) {
    if (type == "begin") {
      in_result_.push_back(false);
    } else if (type == "separate") {
      if (!in_result_.empty()) in_result_.back() = true;
    } else if (type == "end") {
      if (!in_result_.empty()) in_result_.pop_back();
    }
  }
  bool showing() const {
    return std::all_of(in_result_.begin(), in_result_.end(), [](bool shown) { return shown; });
  }

 private:
  std::vector<bool> in_result_;
};

struct ParagraphText {
  std::string text;           // list label included; may hold '\n' from breaks
  std::optional<Rgb> colour;  // of the first run of text with a colour of its own
  bool any_text = false;
  bool all_bold = true;
  bool numbered = false;
  std::optional<int> outline_level;
  bool subtitle = false;
};

class ParagraphReader {
 public:
  ParagraphReader(WordParts& parts, FieldStack& fields) : parts_(parts), fields_(fields) {}

  ParagraphText read(const pugi::xml_node& paragraph) {
    pugi::xml_node ppr = child(paragraph, "pPr");
    const StyleFacts& style = parts_.styles.facts(attr_value(child(ppr, "pStyle"), "val"));
    paragraph_bold_ = style.bold;
    result_.outline_level = style.outline_level;
    result_.subtitle = style.subtitle;
    if (pugi::xml_node outline = child(ppr, "outlineLvl")) {
      int level = int_value(outline, 9);
      result_.outline_level =
          level >= 0 && level <= 8 ? std::optional<int>(level + 1) : std::nullopt;
    }
    if (std::optional<ListReference> list = list_of(ppr, style)) {
      result_.text = parts_.numbering.next_label(list->num_id, list->level);
      result_.numbered = list->num_id != 0;
    }
    inline_content(paragraph, 0);
    return std::move(result_);
  }

 private:
  static std::optional<ListReference> list_of(const pugi::xml_node& ppr, const StyleFacts& style) {
    pugi::xml_node num_pr = child(ppr, "numPr");
    if (!num_pr) return style.list;
    ListReference ref = style.list.value_or(ListReference{});
    if (pugi::xml_node num_id = child(num_pr, "numId")) ref.num_id = int_value(num_id, 0);
    if (pugi::xml_node level = child(num_pr, "ilvl")) ref.level = int_value(level, 0);
    return ref;
  }

  void inline_content(const pugi::xml_node& parent, int depth) {
    if (depth > kMaxDepth) return;
    for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element) continue;
      std::string_view name = local_name(node.name());
      if (name == "r") {
        run(node, depth + 1);
      } else if (name == "hyperlink" || name == "ins" || name == "smartTag" ||
                 name == "customXml" || name == "fldSimple" || name == "moveTo" || name == "bdo" ||
                 name == "dir") {
        inline_content(node, depth + 1);
      } else if (name == "sdt") {
        inline_content(child(node, "sdtContent"), depth + 1);
      } else if (name == "AlternateContent") {
        inline_content(chosen_alternative(node), depth + 1);
      }
      // w:del, w:moveFrom (tracked deletions), w:pPr, bookmarks, comments, math: not text.
    }
  }

  bool run_is_bold(const pugi::xml_node& run_node) const {
    pugi::xml_node rpr = child(run_node, "rPr");
    if (pugi::xml_node bold = child(rpr, "b")) return is_on(bold);
    if (pugi::xml_node run_style = child(rpr, "rStyle")) {
      if (parts_.styles.facts(attr_value(run_style, "val")).bold) return true;
    }
    return paragraph_bold_;
  }

  void add_text(std::string_view text, bool bold) {
    if (!fields_.showing()) return;
    result_.text += text;
    if (trim(text).empty()) return;
    result_.any_text = true;
    if (!result_.colour) result_.colour = run_colour_;
    if (!bold) result_.all_bold = false;
  }

  void run(const pugi::xml_node& run_node, int depth) {
    if (depth > kMaxDepth) return;
    bool bold = run_is_bold(run_node);
    run_colour_ = text_colour(child(child(run_node, "rPr"), "color"), parts_.theme);
    for (pugi::xml_node node = run_node.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element) continue;
      std::string_view name = local_name(node.name());
      if (name == "t") {
        add_text(node.text().get(), bold);
      } else if (name == "tab" || name == "ptab") {
        add_text(" ", bold);
      } else if (name == "br" || name == "cr") {
        add_text("\n", bold);
      } else if (name == "noBreakHyphen") {
        add_text("-", bold);
      } else if (name == "sym") {
        add_text(symbol_text(node), bold);
      } else if (name == "fldChar") {
        fields_.on_field_char(attr_value(node, "fldCharType"));
      } else if (name == "AlternateContent") {
        // Only run content is read here; text boxes are read as blocks by the body reader.
        run(chosen_alternative(node), depth + 1);
      }
      // w:delText, w:instrText, w:softHyphen, drawings, footnote references: no text.
    }
  }

  WordParts& parts_;
  FieldStack& fields_;
  bool paragraph_bold_ = false;
  std::optional<Rgb> run_colour_;
  ParagraphText result_;
};

// Reads tables and cells; shared by the body (top-level tables) and by cells (nested tables).
class TableReader {
 public:
  explicit TableReader(WordParts& parts) : parts_(parts) {}

  bool truncated = false;

  WordTable table(const pugi::xml_node& tbl, int depth) {
    WordTable result;
    if (depth > kMaxDepth) {
      truncated = true;
      return result;
    }
    std::vector<pugi::xml_node> rows;
    collect(tbl, "tr", depth, rows);
    result.rows.reserve(rows.size());
    for (const pugi::xml_node& tr : rows) {
      pugi::xml_node tr_pr = child(tr, "trPr");
      if (child(tr_pr, "del")) continue;  // a tracked row deletion, read as accepted
      result.rows.push_back(row(tr, tr_pr, depth));
    }
    return result;
  }

 private:
  // Rows of a table (or cells of a row), looking through content controls and custom XML.
  void collect(const pugi::xml_node& parent, std::string_view wanted, int depth,
               std::vector<pugi::xml_node>& out) {
    if (depth > kMaxDepth) {
      truncated = true;
      return;
    }
    for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
      if (is(node, wanted)) {
        out.push_back(node);
      } else if (is(node, "sdt")) {
        collect(child(node, "sdtContent"), wanted, depth + 1, out);
      } else if (is(node, "customXml")) {
        collect(node, wanted, depth + 1, out);
      }
    }
  }

  WordRow row(const pugi::xml_node& tr, const pugi::xml_node& tr_pr, int depth) {
    WordRow result;
    result.grid_before = std::clamp(int_value(child(tr_pr, "gridBefore"), 0), 0, kMaxGridSpan);
    result.header = is_on(child(tr_pr, "tblHeader"));
    std::vector<pugi::xml_node> cells;
    collect(tr, "tc", depth, cells);
    for (const pugi::xml_node& tc : cells) {
      pugi::xml_node tc_pr = child(tc, "tcPr");
      int span = std::clamp(int_value(child(tc_pr, "gridSpan"), 1), 1, kMaxGridSpan);
      // The legacy w:hMerge: a continuing cell widens the one before it.
      pugi::xml_node h_merge = child(tc_pr, "hMerge");
      if (h_merge && attr_value(h_merge, "val") != "restart" && !result.cells.empty()) {
        result.cells.back().grid_span += span;
        continue;
      }
      WordCell cell;
      cell.grid_span = span;
      if (pugi::xml_node v_merge = child(tc_pr, "vMerge")) {
        cell.vertical_merge = attr_value(v_merge, "val") == "restart" ? VerticalMerge::restart
                                                                      : VerticalMerge::continued;
      }
      cell.fill = shading_fill(child(tc_pr, "shd"), parts_.theme);
      cell_colour_.reset();
      cell.text = cell_text(tc, depth, result.nested_tables);
      cell.font = cell_colour_;
      result.cells.push_back(std::move(cell));
    }
    return result;
  }

  std::string cell_text(const pugi::xml_node& tc, int depth, int& nested) {
    FieldStack fields;  // a field cannot run from one cell into another
    std::string raw;
    cell_blocks(tc, depth + 1, fields, raw, nested);
    return finish_cell_lines(raw);
  }

  void cell_blocks(const pugi::xml_node& parent, int depth, FieldStack& fields, std::string& out,
                   int& nested) {
    if (depth > kMaxDepth) {
      truncated = true;
      return;
    }
    for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element) continue;
      std::string_view name = local_name(node.name());
      if (name == "p") {
        ParagraphText paragraph = ParagraphReader(parts_, fields).read(node);
        if (!cell_colour_) cell_colour_ = paragraph.colour;
        out += paragraph.text;
        out.push_back('\n');
      } else if (name == "tbl") {
        ++nested;
        flatten(table(node, depth + 1), out, nested);
      } else if (name == "sdt") {
        cell_blocks(child(node, "sdtContent"), depth + 1, fields, out, nested);
      } else if (name == "customXml") {
        cell_blocks(node, depth + 1, fields, out, nested);
      } else if (name == "AlternateContent") {
        cell_blocks(chosen_alternative(node), depth + 1, fields, out, nested);
      }
    }
  }

  // A table inside a cell: one line per row, the cells' text joined by " | ".
  static void flatten(const WordTable& inner, std::string& out, int& nested) {
    for (const WordRow& inner_row : inner.rows) {
      nested += inner_row.nested_tables;
      std::string line;
      for (std::size_t i = 0; i < inner_row.cells.size(); ++i) {
        if (i > 0) line += " | ";
        line += one_line(inner_row.cells[i].text);
      }
      out += line;
      out.push_back('\n');
    }
  }

  WordParts& parts_;
  std::optional<Rgb> cell_colour_;  // of the cell being read
};

class BodyReader {
 public:
  explicit BodyReader(WordParts& parts) : parts_(parts), tables_(parts) {}

  WordDocument read(const pugi::xml_node& document_root) {
    blocks(child(document_root, "body"), 0);
    drop_title_heading();
    document_.truncated = document_.truncated || tables_.truncated;
    return std::move(document_);
  }

 private:
  struct Heading {
    int level;
    std::string text;
    bool is_title = false;
  };

  // The paragraph that gave the document title is not a section heading of the tables under it,
  // unless it is one of several Heading 1s: then they are the document's sections, the first
  // doubling as the title.
  void drop_title_heading() {
    if (title_level_ == 1 && level_one_headings_ > 1) return;
    for (std::size_t i = 0; i < document_.tables.size(); ++i) {
      auto& headings = document_.tables[i].headings;
      if (title_in_force_[i] && !headings.empty()) headings.erase(headings.begin());
    }
  }

  void blocks(const pugi::xml_node& parent, int depth) {
    if (depth > kMaxDepth) {
      document_.truncated = true;
      return;
    }
    for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element) continue;
      std::string_view name = local_name(node.name());
      if (name == "p") {
        paragraph(node, depth);
      } else if (name == "tbl") {
        add_table(node, depth);
      } else if (name == "sdt") {
        blocks(child(node, "sdtContent"), depth + 1);
      } else if (name == "customXml" || name == "ins" || name == "moveTo") {
        blocks(node, depth + 1);
      } else if (name == "AlternateContent") {
        blocks(chosen_alternative(node), depth + 1);
      }
    }
  }

  void paragraph(const pugi::xml_node& p, int depth) {
    ParagraphText read = ParagraphReader(parts_, body_fields_).read(p);
    if (read.subtitle && document_.tables.empty())
      add_subtitle(one_line(finish_cell_lines(read.text)));
    if (std::optional<int> level = heading_level(read)) {
      add_heading(*level, one_line(finish_cell_lines(read.text)));
    }
    text_boxes(p, depth + 1);
  }

  static std::optional<int> heading_level(const ParagraphText& paragraph) {
    if (paragraph.outline_level) return paragraph.outline_level;
    if (paragraph.any_text && paragraph.all_bold && !paragraph.numbered &&
        paragraph.text.size() <= kMaxBoldHeadingLength) {
      return kBoldParagraphLevel;
    }
    return std::nullopt;
  }

  // Tables in text boxes anchored in this paragraph (w:txbxContent, in DrawingML or VML).
  void text_boxes(const pugi::xml_node& parent, int depth) {
    if (depth > kMaxDepth) {
      document_.truncated = true;
      return;
    }
    for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
      if (node.type() != pugi::node_element) continue;
      std::string_view name = local_name(node.name());
      if (name == "txbxContent") {
        blocks(node, depth + 1);
      } else if (name == "AlternateContent") {
        text_boxes(chosen_alternative(node), depth + 1);
      } else if (name != "t" && name != "pPr" && name != "rPr") {
        text_boxes(node, depth + 1);
      }
    }
  }

  // The title block's other lines ("Progress against actions, March 2024") often say the period.
  void add_subtitle(const std::string& text) {
    if (text.empty() || text.size() > kMaxBoldHeadingLength) return;
    if (!document_.subtitle.empty()) document_.subtitle += '\n';
    document_.subtitle += text;
  }

  void add_heading(int level, std::string text) {
    if (text.empty()) return;
    while (!outline_.empty() && outline_.back().level >= level) outline_.pop_back();
    bool is_title = (level == kTitleLevel || level == 1) && document_.title.empty();
    if (is_title) {
      document_.title = text;
      title_level_ = level;
    }
    if (level == 1) ++level_one_headings_;
    outline_.push_back({level, std::move(text), is_title});
  }

  void add_table(const pugi::xml_node& tbl, int depth) {
    WordTable table = tables_.table(tbl, depth + 1);
    for (const Heading& heading : outline_) table.headings.push_back(heading.text);
    title_in_force_.push_back(!outline_.empty() && outline_.front().is_title);
    // A table's own title (Table Properties > Alt Text) is the innermost context.
    std::string caption =
        one_line(finish_cell_lines(attr_value(child(child(tbl, "tblPr"), "tblCaption"), "val")));
    if (!caption.empty()) table.headings.push_back(std::move(caption));
    document_.tables.push_back(std::move(table));
  }

  WordParts& parts_;
  TableReader tables_;
  FieldStack body_fields_;
  std::vector<Heading> outline_;
  WordDocument document_;
  int title_level_ = -1;
  int level_one_headings_ = 0;
  std::vector<bool> title_in_force_;  // per table: the title paragraph heads its headings
};

}  // namespace

WordDocument read_word_document(const pugi::xml_node& document_root, WordParts& parts) {
  return BodyReader(parts).read(document_root);
}

}  // namespace trackport::docx
