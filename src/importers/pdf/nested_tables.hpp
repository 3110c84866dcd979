// Tables inside a cell of a ruled table. A reader sees one cell holding a small table, not rows
// of the outer table: its text is flattened as the docx and html importers flatten a nested
// table (a line a row, the cells joined by " | ", text around it on lines of its own) and stands
// in the outer cell as one word.
#pragma once

#include <string>
#include <vector>

#include "importers/pdf/pdf_layout.hpp"
#include "importers/pdf/ruled_grid.hpp"

namespace trackport::pdf {

// A cell of the outer grid that holds a nested table drawn with the outer table's own rules
// (the nested table's side rules are the cell's): its grid and its box.
struct NestedGrid {
  Grid grid;
  Rect box;
};

// Finds such cells and removes their inner lines from `grid` (its rules must then be found
// again). A cell holds one where, in a band of rows between rules across the whole table (not
// its first, the header), some columns are divided into rows that no other column shares, by
// column lines drawn nowhere outside the band and that the text of other rows does not stand
// in columns at.
std::vector<NestedGrid> take_nested_grids(Grid& grid, const std::vector<Word>& words);

// The text of a nested table read from its grid and the words inside it.
std::string nested_text(const Grid& grid, const std::vector<Word>& words);

// A table's text as nested in a cell: a line a row, cells joined by " | "; a row that is one
// cell across the whole table (text above or below the nested table) is its own text.
std::string flattened(const PageTable& table);

// Replaces the words whose centre lies inside `box` with one word holding `text` (a block that
// cell text sets on lines of its own).
void replace_with_block(std::vector<Word>& words, const Rect& box, std::string text);

}  // namespace trackport::pdf
