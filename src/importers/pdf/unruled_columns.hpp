// Where unruled tables are on a page and what their columns are: lines split into chunks at
// gaps wider than a space, runs of lines with several chunks (blocks), blocks of one table
// rejoined across section labels, and column lines from the x ranges no chunk covers.
#pragma once

#include <cstddef>
#include <vector>

#include "importers/pdf/pdf_layout.hpp"

namespace trackport::pdf {

// Words of one line closer together than a column gap.
struct Chunk {
  std::vector<const Word*> words;
  Rect box;
};

// A line with its chunks.
struct LineChunks {
  const TextLine* line = nullptr;
  std::vector<Chunk> chunks;
  bool prose = false;  // a line of running text in columns: long chunks of many words
  bool tabular() const { return chunks.size() >= 2 && !prose; }
};

// Runs of lines that look like a table: they start and end with a line of two or more chunks,
// have no wide vertical gap, and single-chunk lines inside them are short (labels, wrapped
// cells), not paragraphs.
struct Block {
  std::size_t first = 0, last = 0;  // inclusive line indices
};

// The page's lines (top to bottom) split into chunks.
std::vector<LineChunks> chunk_lines(const std::vector<TextLine>& lines);

// Typewriter tables separate their columns by a single space, and figures in columns often sit
// closer than a column gap: between left and right, an x range that no word of the body lines
// covers, with words on both sides of it on (almost) every body line, is a column line. A header
// cell may span it (a group header) only where a header line below names the columns on both
// sides. `rows` are the lines' words, top to bottom; header lines are those of words before the
// first line of half or more figures (a third of the lines at most).
std::vector<double> aligned_gaps(const std::vector<std::vector<const Word*>>& rows, double left,
                                 double right);

// The blocks that may be tables, in page order.
std::vector<Block> find_table_blocks(const std::vector<LineChunks>& lines, double page_width);

// Column lines of a block, left edge to right edge.
std::vector<double> column_edges(const std::vector<LineChunks>& lines, const Block& block);

// Prose in two or three columns of text is not a table: its chunks are long runs of words.
bool looks_like_prose(const std::vector<LineChunks>& lines, const Block& block, int cols);

// The median line height of lines[from, to).
double typical_height(const std::vector<LineChunks>& lines, std::size_t from, std::size_t to);

}  // namespace trackport::pdf
