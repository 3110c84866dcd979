// content.xml of an OpenDocument spreadsheet, read into format-neutral sheets: the text each
// visible cell shows (its text:p paragraphs, lists as "• " lines), its background colour from the
// cell styles, merged ranges, and which rows and columns were hidden.
//
// Repeats are expanded only where they hold something: LibreOffice writes the unused rest of a
// sheet as one row repeated a million times, which costs nothing here. The part streams in and
// each row is parsed on its own, so neither the XML nor a DOM of it is ever whole in memory.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "grid/sheet_tables.hpp"
#include "io/stream_window.hpp"
#include "model/rating.hpp"

namespace trackport {

struct OdsSheet {
  Sheet sheet;  // name, visible rows with content, hidden rows, merges
  bool hidden = false;
  std::vector<int> hidden_columns_with_text;  // ascending
  std::vector<int> hidden_rows_with_text;     // ascending
};

// Cell background colours by style name, following style:parent-style-name ("transparent" and
// styles without a background give none), and which table styles hide their sheet. Reads the
// office:styles and office:automatic-styles of styles.xml, then of content.xml.
class OdsStyles {
 public:
  void add(const pugi::xml_document& document);
  std::optional<Rgb> fill(std::string_view style_name) const;
  // The text colour a cell style sets (fo:color of its text properties), following its parents.
  std::optional<Rgb> font(std::string_view style_name) const;
  // False when the table style says table:display="false" (a hidden sheet).
  bool table_displayed(std::string_view table_style) const;

 private:
  struct Style {
    std::string parent;
    std::optional<Rgb> background;
    bool sets_background = false;  // "transparent" also stops the search up the parents
    std::optional<Rgb> colour;
    bool sets_colour = false;
  };
  std::map<std::string, Style, std::less<>> cell_styles_;
  std::map<std::string, bool, std::less<>> table_display_;
};

// Reads content.xml as it streams in (the automatic styles go into `styles`). Throws
// InputError for malformed or truncated XML, a DOCTYPE, or more than `max_cells` cells with
// content.
std::vector<OdsSheet> read_ods_content(const ByteSource& source, OdsStyles& styles,
                                       std::size_t max_cells);

// The text of a cell: its paragraphs as lines, list items as "• " lines, text:s spaces, tabs and
// line breaks; annotations left out. Not yet cleaned.
std::string ods_cell_text(pugi::xml_node cell);

}  // namespace trackport
