// First stage of the HTML importer: libxml2's parse tree turned into an HTML-shaped intermediate
// form (tables as rows of cells with their own spans, the headings in force above each table).
// The second stage (html_grid.hpp) lays the cells out on a grid.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/rating.hpp"

namespace trackport {

struct HtmlCell {
  std::string text;  // lines separated by '\n', whitespace collapsed
  std::optional<Rgb> fill;
  std::optional<Rgb> font;  // the colour of its first coloured text
  int col_span = 1;
  int row_span = 1;  // 0 = to the end of the table, as in HTML
};

struct HtmlRow {
  std::vector<HtmlCell> cells;
  bool header = false;    // in <thead>, or one of the rows of only <th> cells at the top
  int nested_tables = 0;  // tables inside this row's cells, flattened into their text
};

struct HtmlTable {
  // The headings in force above the table, outermost first: h1..h6, then a bold-only paragraph,
  // then the table's <caption>. Not the h1 that gave the document title, unless the document has
  // several h1s (then those are its sections).
  std::vector<std::string> headings;
  std::vector<HtmlRow> rows;
};

struct HtmlDocument {
  std::string title;  // the first <h1>, else <title>
  std::vector<HtmlTable> tables;
  bool truncated = false;  // nesting beyond the parser's depth limit was cut off
};

// Parses UTF-8 HTML. Never throws on malformed markup (libxml2 recovers); the nesting depth is
// limited both by libxml2 and by our own tree walk.
HtmlDocument parse_html(std::string_view utf8);

// A CSS or HTML colour: "#RGB", "#RRGGBB", "rgb(r, g, b)", or one of the common colour names.
// nullopt for "transparent", "auto", Word's "windowtext" and anything else.
std::optional<Rgb> parse_css_colour(std::string_view value);

// The background colour from a style attribute ("background:#92D050;mso-..." or
// "background-color: rgb(...)"), nullopt when it sets none.
std::optional<Rgb> background_from_style(std::string_view style);

}  // namespace trackport
