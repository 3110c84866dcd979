// The PDF importer's working types: words, lines, ruling segments and page tables, all in page
// points with the origin at the top-left of the displayed page (y grows downwards), which is how
// poppler reports text and renders images. Conversion to PDF's bottom-left origin happens once,
// when the grid is built.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "model/rating.hpp"

namespace trackport::pdf {

struct Rect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  // The rectangle with corners (ax, ay) and (bx, by), in either order.
  static Rect around(double ax, double ay, double bx, double by) {
    return {std::min(ax, bx), std::min(ay, by), std::max(ax, bx), std::max(ay, by)};
  }

  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  double centre_x() const { return (x0 + x1) / 2; }
  double centre_y() const { return (y0 + y1) / 2; }
  bool contains(double x, double y) const { return x >= x0 && x <= x1 && y >= y0 && y <= y1; }
  void extend(const Rect& other) {
    x0 = std::min(x0, other.x0);
    y0 = std::min(y0, other.y0);
    x1 = std::max(x1, other.x1);
    y1 = std::max(y1, other.y1);
  }
};

// One poppler text box (a word).
struct Word {
  std::string text;
  Rect box;
  double font_size = 0;
  bool space_after = true;  // poppler saw a space (not just a font change) after the word
  // The writing direction in quarter turns clockwise, as poppler reports it: 0 left to right,
  // 1 top to bottom, 2 upside down, 3 bottom to top.
  int rotation = 0;
  bool bold = false, italic = false;
  bool block = false;         // a nested table's text (nested_tables.hpp): set on lines of its own
  std::optional<Rgb> colour;  // the colour of its glyphs, when they are clearly coloured

  bool upright() const { return rotation == 0; }
};

// Words sharing a baseline, left to right.
struct TextLine {
  std::vector<Word> words;
  Rect box;
  double font_size = 0;
};

// A straight ruling stroke found in the rendered page: horizontal ones have y0 == y1.
struct Segment {
  double position = 0;  // y for horizontal, x for vertical
  double from = 0, to = 0;
};

struct Rulings {
  std::vector<Segment> horizontal;
  std::vector<Segment> vertical;
};

// A cell of a table found on one page, in grid positions of that page's table.
struct PageCell {
  int row = 0, col = 0;
  int row_span = 1, col_span = 1;
  std::string text;
  std::optional<Rgb> fill;
  std::optional<Rgb> font;  // the colour of its first coloured word
  Rect box;
};

// A table found on one page, before tables are joined across pages.
struct PageTable {
  int page = 0;  // 1-based
  Rect box;
  bool ruled = false;
  int rows = 0;
  int cols = 0;
  std::vector<double> col_edges;  // cols + 1 x positions
  std::vector<PageCell> cells;    // each grid position covered by exactly one cell
  std::vector<std::string> headings;
};

// A page reduced to what table building needs.
struct PageLayout {
  int number = 0;                // 1-based
  double width = 0, height = 0;  // as displayed (after the page's /Rotate)
  int rotation = 0;              // the page's /Rotate: 0, 90, 180 or 270
  // Quarter turns (clockwise) the page was turned to read text printed sideways (page_turn.hpp);
  // width, height and every box are then those of the turned page.
  int turn = 0;
  Rect crop;                    // the crop box in PDF user space (origin bottom-left)
  std::vector<TextLine> lines;  // lines outside any table after tables are built
  std::vector<PageTable> tables;
};

}  // namespace trackport::pdf
