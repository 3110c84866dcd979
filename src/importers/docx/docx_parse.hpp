// First stage of the docx importer: word/document.xml read into a Word-shaped intermediate form
// (tables as rows of cells with their own w:gridSpan / w:vMerge, the headings above each table).
// The second stage (docx_grid.hpp) lays the cells out on a grid.
#pragma once

#include <pugixml.hpp>

#include <optional>
#include <string>
#include <vector>

#include "importers/docx/docx_numbering.hpp"
#include "importers/docx/docx_styles.hpp"
#include "importers/docx/docx_theme.hpp"
#include "model/rating.hpp"

namespace trackport::docx {

enum class VerticalMerge { none, restart, continued };

struct WordCell {
  std::string text;  // lines separated by '\n', whitespace collapsed, list lines "• "
  std::optional<Rgb> fill;
  std::optional<Rgb> font;  // the colour of its first coloured run of text
  int grid_span = 1;
  VerticalMerge vertical_merge = VerticalMerge::none;
};

struct WordRow {
  std::vector<WordCell> cells;
  int grid_before = 0;  // empty grid columns before the first cell
  bool header = false;  // w:tblHeader: repeated at the top of each page
  int nested_tables = 0;
};

struct WordTable {
  // The headings in force above the table, outermost first: Title, Heading 1..9 (by style or
  // outline level), then a bold-only paragraph, then the table's w:tblCaption. Not the paragraph
  // that gave the document title, unless it is one of several Heading 1s (then those are the
  // document's sections).
  std::vector<std::string> headings;
  std::vector<WordRow> rows;
};

struct WordDocument {
  std::string title;     // the first Title or Heading 1 paragraph
  std::string subtitle;  // Subtitle paragraphs before the first table, a line each
  std::vector<WordTable> tables;
  bool truncated = false;  // content nested beyond the depth limit was skipped
};

// What the body reader needs from the package's other parts.
struct WordParts {
  Styles styles;
  Numbering numbering;
  ThemeColours theme;
};

// Reads <w:document>. Numbering counters in `parts` advance as list paragraphs are read.
WordDocument read_word_document(const pugi::xml_node& document_root, WordParts& parts);

}  // namespace trackport::docx
