// The grid of a ruled table: its column and row lines and which grid edges a rule separates, and
// the cells that grid makes (shared by ruled tables and the tables nested in their cells).
#pragma once

#include <vector>

#include "importers/pdf/pdf_layout.hpp"

namespace trackport::pdf {

struct Grid {
  std::vector<double> xs, ys;
  // rule_right[r][c]: a rule separates (r, c) from (r, c + 1); rule_below likewise downwards.
  std::vector<std::vector<bool>> rule_right, rule_below;

  std::size_t rows() const { return ys.size() - 1; }
  std::size_t cols() const { return xs.size() - 1; }
};

// Greedy spans: from each free grid position grow right while no rule separates, then down while
// no rule separates along the whole width. Cells have no text yet.
std::vector<PageCell> grid_cells(const Grid& grid);

}  // namespace trackport::pdf
