#include "importers/docx/docx_grid.hpp"

#include <algorithm>
#include <string>

#include "io/input.hpp"

namespace trackport::docx {

namespace {

void check_size(std::size_t cells, std::size_t max_cells) {
  if (cells > max_cells) {
    throw InputError("a table has more than " + std::to_string(max_cells) + " cells");
  }
}

// The merge a w:vMerge="continue" cell at (row, col) belongs to: the top-left of whatever sits
// directly above it. nullopt in the first row or when nothing is above.
std::optional<std::pair<int, int>> merge_above(const std::vector<std::vector<Cell>>& rows,
                                               std::size_t row, std::size_t col) {
  if (row == 0 || col >= rows[row - 1].size()) return std::nullopt;
  const Cell& above = rows[row - 1][col];
  if (above.covered) return std::pair{above.origin_row, above.origin_col};
  return std::pair{static_cast<int>(row - 1), static_cast<int>(col)};
}

void place_cell(std::vector<std::vector<Cell>>& rows, std::size_t r, std::size_t col,
                const WordCell& source) {
  auto span = static_cast<std::size_t>(source.grid_span);
  std::vector<Cell>& row = rows[r];
  if (row.size() < col + span) row.resize(col + span);
  std::optional<std::pair<int, int>> origin;
  if (source.vertical_merge == VerticalMerge::continued) origin = merge_above(rows, r, col);
  if (origin) {
    // Part of a vertical merge: every position points at the merge's top-left cell, which grows
    // by one row. The continuing cell's own content is empty in Word and is not shown.
    Cell& top =
        rows[static_cast<std::size_t>(origin->first)][static_cast<std::size_t>(origin->second)];
    top.row_span = std::max(top.row_span, static_cast<int>(r) - origin->first + 1);
    for (std::size_t c = col; c < col + span; ++c) {
      row[c].covered = true;
      row[c].origin_row = origin->first;
      row[c].origin_col = origin->second;
    }
    return;
  }
  Cell& cell = row[col];
  cell.text = source.text;
  cell.fill = source.fill;
  cell.font = source.font;
  cell.col_span = source.grid_span;
  for (std::size_t c = col + 1; c < col + span; ++c) {
    row[c].covered = true;
    row[c].origin_row = static_cast<int>(r);
    row[c].origin_col = static_cast<int>(col);
  }
}

}  // namespace

Table layout_word_table(const WordTable& source, int index, std::size_t max_cells,
                        MemoryBudget& budget) {
  Table table;
  table.index = index;
  table.headings = source.headings;
  table.headings_nested = true;  // the document's outline in force above the table
  table.addressing = Addressing::table_row;
  budget.take(source.rows.size(), sizeof(std::vector<Cell>) + sizeof(RowOrigin));
  std::vector<std::vector<Cell>> rows(source.rows.size());
  std::size_t used = 0;
  for (std::size_t r = 0; r < source.rows.size(); ++r) {
    const WordRow& word_row = source.rows[r];
    auto col = static_cast<std::size_t>(word_row.grid_before);
    for (const WordCell& cell : word_row.cells) {
      used += static_cast<std::size_t>(cell.grid_span);
      check_size(used + static_cast<std::size_t>(word_row.grid_before), max_cells);
      const std::size_t end = col + static_cast<std::size_t>(cell.grid_span);
      if (end > rows[r].size()) budget.take(end - rows[r].size(), sizeof(Cell));
      budget.take(cell.text.size(), 1);
      place_cell(rows, r, col, cell);
      col += static_cast<std::size_t>(cell.grid_span);
    }
  }
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.size());
  check_size(width * rows.size(), max_cells);
  std::size_t laid_out = 0;
  for (const auto& row : rows) laid_out += row.size();
  budget.take(width * rows.size() - laid_out, sizeof(Cell));  // the short rows' padding
  for (std::size_t r = 0; r < rows.size(); ++r) {
    rows[r].resize(width);  // gridBefore/gridAfter and short rows: empty positions
    RowOrigin origin;
    origin.number = static_cast<int>(r) + 1;
    origin.header_marked = source.rows[r].header;
    table.add_row(std::move(rows[r]), std::move(origin));
  }
  for (std::size_t c = 0; c < width; ++c) table.column_numbers.push_back(static_cast<int>(c) + 1);
  return table;
}

}  // namespace trackport::docx
