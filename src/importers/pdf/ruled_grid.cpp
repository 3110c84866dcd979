#include "importers/pdf/ruled_grid.hpp"

namespace trackport::pdf {

std::vector<PageCell> grid_cells(const Grid& grid) {
  const std::size_t rows = grid.ys.size() - 1, cols = grid.xs.size() - 1;
  std::vector<std::vector<bool>> taken(rows, std::vector<bool>(cols, false));
  std::vector<PageCell> cells;
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      if (taken[r][c]) continue;
      std::size_t c_end = c;
      while (c_end + 1 < cols && !grid.rule_right[r][c_end] && !taken[r][c_end + 1]) ++c_end;
      std::size_t r_end = r;
      const auto open_below = [&](std::size_t row) {
        for (std::size_t k = c; k <= c_end; ++k)
          if (grid.rule_below[row][k] || taken[row + 1][k]) return false;
        return true;
      };
      while (r_end + 1 < rows && open_below(r_end)) ++r_end;
      for (std::size_t i = r; i <= r_end; ++i)
        for (std::size_t k = c; k <= c_end; ++k) taken[i][k] = true;
      PageCell cell;
      cell.row = static_cast<int>(r);
      cell.col = static_cast<int>(c);
      cell.row_span = static_cast<int>(r_end - r + 1);
      cell.col_span = static_cast<int>(c_end - c + 1);
      cell.box = {grid.xs[c], grid.ys[r], grid.xs[c_end + 1], grid.ys[r_end + 1]};
      cells.push_back(cell);
    }
  }
  return cells;
}

}  // namespace trackport::pdf
