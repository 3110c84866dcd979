#include "importers/html/html_grid.hpp"

#include <algorithm>
#include <string>

#include "io/budget.hpp"
#include "io/input.hpp"

namespace trackport {

namespace {

class GridBuilder {
 public:
  GridBuilder(std::size_t row_count, std::size_t max_cells, MemoryBudget& budget)
      : cells_(row_count), taken_(row_count), max_cells_(max_cells), budget_(budget) {
    budget_.take(row_count, sizeof(std::vector<Cell>) + sizeof(RowOrigin));
  }

  // The first column at or after `col` in `row` that no earlier span occupies.
  std::size_t next_free(std::size_t row, std::size_t col) const {
    while (col < taken_[row].size() && taken_[row][col]) ++col;
    return col;
  }

  void place(std::size_t row, std::size_t col, const HtmlCell& source) {
    std::size_t rows_left = cells_.size() - row;
    std::size_t row_span = source.row_span == 0
                               ? rows_left
                               : std::min(static_cast<std::size_t>(source.row_span), rows_left);
    auto col_span = static_cast<std::size_t>(source.col_span);
    for (std::size_t dr = 0; dr < row_span; ++dr) {
      for (std::size_t dc = 0; dc < col_span; ++dc) {
        Cell& cell = at(row + dr, col + dc);
        if (dr == 0 && dc == 0) {
          budget_.take(source.text.size(), 1);
          cell.text = source.text;
          cell.fill = source.fill;
          cell.font = source.font;
          cell.row_span = static_cast<int>(row_span);
          cell.col_span = static_cast<int>(col_span);
        } else {
          cell.covered = true;
          cell.origin_row = static_cast<int>(row);
          cell.origin_col = static_cast<int>(col);
        }
      }
    }
  }

  std::vector<std::vector<Cell>> take_rows() {
    std::size_t width = 0;
    for (const auto& row : cells_) width = std::max(width, row.size());
    if (!cells_.empty() && width > max_cells_ / cells_.size()) throw_too_many();
    budget_.take(width * cells_.size() - used_, sizeof(Cell));  // the short rows' padding
    for (auto& row : cells_) row.resize(width);
    return std::move(cells_);
  }

 private:
  [[noreturn]] void throw_too_many() const {
    throw InputError("a table has more than " + std::to_string(max_cells_) + " cells");
  }

  Cell& at(std::size_t row, std::size_t col) {
    if (col >= cells_[row].size()) {
      std::size_t grow = col + 1 - cells_[row].size();
      used_ += grow;
      if (used_ > max_cells_) throw_too_many();
      budget_.take(grow, sizeof(Cell));
      cells_[row].resize(col + 1);
      taken_[row].resize(col + 1, false);
    }
    taken_[row][col] = true;
    return cells_[row][col];
  }

  std::vector<std::vector<Cell>> cells_;
  std::vector<std::vector<bool>> taken_;
  std::size_t max_cells_;
  MemoryBudget& budget_;
  std::size_t used_ = 0;
};

}  // namespace

Table layout_html_table(const HtmlTable& source, int index, std::size_t max_cells,
                        MemoryBudget& budget) {
  Table table;
  table.index = index;
  table.headings = source.headings;
  table.headings_nested = true;  // h1..h6 in force above the table
  table.addressing = Addressing::table_row;
  GridBuilder grid(source.rows.size(), max_cells, budget);
  for (std::size_t r = 0; r < source.rows.size(); ++r) {
    std::size_t col = 0;
    for (const HtmlCell& cell : source.rows[r].cells) {
      col = grid.next_free(r, col);
      grid.place(r, col, cell);
      col += static_cast<std::size_t>(cell.col_span);
    }
  }
  auto rows = grid.take_rows();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    RowOrigin origin;
    origin.number = static_cast<int>(r) + 1;
    origin.header_marked = source.rows[r].header;
    table.add_row(std::move(rows[r]), std::move(origin));
  }
  std::size_t width = table.column_count();
  for (std::size_t c = 0; c < width; ++c) table.column_numbers.push_back(static_cast<int>(c) + 1);
  return table;
}

}  // namespace trackport
