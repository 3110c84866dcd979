// Ruled tables whose rules are partial. Rules that separate only columns (or only groups of
// rows): a grid row holding several text lines that line up across the columns holds several
// table rows, one a line; a line whose key column is empty and which carries words, not figures,
// continues the row above. Rules that separate only rows (column rules in the header only): a
// cell spanning grid columns whose words sit each inside one column is one cell per column.
#pragma once

#include <vector>

#include "importers/pdf/pdf_layout.hpp"

namespace trackport::pdf {

struct CellWords {
  PageCell cell;
  std::vector<Word> words;
};

// A cell the grid merged down several rows only because its column has no rules between them,
// holding one entry level with each row's own text ("12 May 2025" beside each visit): one cell
// per row. Entries are figures, or three rows or more; none starts in lower case (a wrapped
// sentence). `row_edges` are the grid's row lines, top to bottom.
void split_stacked_cells(std::vector<CellWords>& cells, const std::vector<double>& row_edges);

// Splits such grid rows into one row per line; row numbers and spans of the other cells follow.
// `rows` is the table's row count before and after.
void split_aligned_rows(std::vector<CellWords>& cells, int& rows);

// Splits cells spanning columns whose words each sit inside one column (col_edges: the grid's
// column lines, left to right).
void split_spanned_columns(std::vector<CellWords>& cells, const std::vector<double>& col_edges);

}  // namespace trackport::pdf
