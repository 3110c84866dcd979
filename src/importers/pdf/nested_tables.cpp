#include "importers/pdf/nested_tables.hpp"

#include <algorithm>
#include <cstddef>

#include "importers/pdf/text_extraction.hpp"

namespace trackport::pdf {

namespace {

// Row bands: runs of grid rows between rules that cross every column.
std::vector<std::pair<std::size_t, std::size_t>> row_bands(const Grid& grid) {
  std::vector<std::pair<std::size_t, std::size_t>> bands;
  std::size_t start = 0;
  for (std::size_t r = 0; r < grid.rows(); ++r) {
    const bool last = r + 1 == grid.rows();
    const bool across = !last && std::all_of(grid.rule_below[r].begin(), grid.rule_below[r].end(),
                                             [](bool rule) { return rule; });
    if (last || across) {
      bands.emplace_back(start, r);
      start = r + 1;
    }
  }
  return bands;
}

// The grid lines between columns c and c + 1 are drawn in the band's rows only.
bool line_only_in_band(const Grid& grid, std::size_t c, std::size_t first, std::size_t last) {
  bool drawn = false;
  for (std::size_t r = 0; r < grid.rows(); ++r) {
    const bool inside = r >= first && r <= last;
    if (grid.rule_right[r][c] && !inside) return false;
    drawn = drawn || (inside && grid.rule_right[r][c]);
  }
  return drawn;
}

bool ruled_sides(const Grid& grid, std::size_t c0, std::size_t c1, std::size_t first,
                 std::size_t last) {
  for (std::size_t r = first; r <= last; ++r) {
    if (c0 > 0 && !grid.rule_right[r][c0 - 1]) return false;
    if (c1 + 1 < grid.cols() && !grid.rule_right[r][c1]) return false;
  }
  return true;
}

Grid sub_grid(const Grid& grid, std::size_t c0, std::size_t c1, std::size_t first,
              std::size_t last) {
  Grid sub;
  sub.xs.assign(grid.xs.begin() + static_cast<long>(c0),
                grid.xs.begin() + static_cast<long>(c1) + 2);
  sub.ys.assign(grid.ys.begin() + static_cast<long>(first),
                grid.ys.begin() + static_cast<long>(last) + 2);
  for (std::size_t r = first; r <= last; ++r) {
    sub.rule_right.emplace_back(grid.rule_right[r].begin() + static_cast<long>(c0),
                                grid.rule_right[r].begin() + static_cast<long>(c1) + 1);
    sub.rule_below.emplace_back(grid.rule_below[r].begin() + static_cast<long>(c0),
                                grid.rule_below[r].begin() + static_cast<long>(c1) + 1);
  }
  return sub;
}

// Text outside the band stands in columns at the line at `x`: in two rows or more, words on both
// sides of it within [left, right] and none across it. Then it is a column line of the table
// left undrawn in the body (a header's sub-columns), not a nested table's.
bool columns_at_line(const Grid& grid, const std::vector<Word>& words, double x, double left,
                     double right, std::size_t first, std::size_t last) {
  int aligned = 0;
  for (std::size_t r = 0; r < grid.rows(); ++r) {
    if (r >= first && r <= last) continue;
    bool before = false, after = false, across = false;
    for (const Word& w : words) {
      const double cy = w.box.centre_y(), cx = w.box.centre_x();
      if (cy < grid.ys[r] || cy > grid.ys[r + 1] || cx < left || cx > right) continue;
      across = across || (w.box.x0 < x && w.box.x1 > x);
      before = before || w.box.x1 <= x;
      after = after || w.box.x0 >= x;
    }
    aligned += before && after && !across ? 1 : 0;
  }
  return aligned >= 2;
}

// The nested grids of one band, or none unless every column run divided into rows holds one.
std::vector<NestedGrid> band_nested(const Grid& grid, const std::vector<Word>& words,
                                    std::size_t first, std::size_t last,
                                    std::vector<bool>& drop_x) {
  std::vector<bool> divided(grid.cols(), false);
  for (std::size_t c = 0; c < grid.cols(); ++c)
    for (std::size_t r = first; r < last; ++r) divided[c] = divided[c] || grid.rule_below[r][c];
  std::vector<NestedGrid> found;
  std::vector<std::size_t> inner_lines;
  for (std::size_t c0 = 0; c0 < grid.cols();) {
    if (!divided[c0]) {
      ++c0;
      continue;
    }
    std::size_t c1 = c0;
    while (c1 + 1 < grid.cols() && divided[c1 + 1]) ++c1;
    if (c1 == c0 || !ruled_sides(grid, c0, c1, first, last)) return {};
    for (std::size_t c = c0; c < c1; ++c) {
      if (!line_only_in_band(grid, c, first, last) ||
          columns_at_line(grid, words, grid.xs[c + 1], grid.xs[c0], grid.xs[c1 + 1], first, last))
        return {};
      inner_lines.push_back(c + 1);
    }
    found.push_back({sub_grid(grid, c0, c1, first, last),
                     {grid.xs[c0], grid.ys[first], grid.xs[c1 + 1], grid.ys[last + 1]}});
    c0 = c1 + 1;
  }
  for (std::size_t k : inner_lines) drop_x[k] = true;
  return found;
}

void drop_lines(std::vector<double>& lines, const std::vector<bool>& drop) {
  std::size_t next = 0;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!drop[i]) lines[next++] = lines[i];
  lines.resize(next);
}

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

}  // namespace

std::vector<NestedGrid> take_nested_grids(Grid& grid, const std::vector<Word>& words) {
  if (grid.rows() < 2 || grid.cols() < 2) return {};
  std::vector<NestedGrid> nested;
  std::vector<bool> drop_x(grid.xs.size(), false), drop_y(grid.ys.size(), false);
  const auto bands = row_bands(grid);
  // The first band is the header: sub-columns under a group header are not a nested table.
  for (std::size_t b = 1; b < bands.size(); ++b) {
    const auto [first, last] = bands[b];
    if (last == first) continue;
    std::vector<NestedGrid> here = band_nested(grid, words, first, last, drop_x);
    if (here.empty()) continue;
    for (std::size_t r = first + 1; r <= last; ++r) drop_y[r] = true;
    std::move(here.begin(), here.end(), std::back_inserter(nested));
  }
  if (nested.empty()) return {};
  drop_lines(grid.xs, drop_x);
  drop_lines(grid.ys, drop_y);
  return nested;
}

std::string nested_text(const Grid& grid, const std::vector<Word>& words) {
  PageTable table;
  table.rows = static_cast<int>(grid.rows());
  table.cols = static_cast<int>(grid.cols());
  table.cells = grid_cells(grid);
  std::vector<std::vector<Word>> inside(table.cells.size());
  for (const Word& w : words)
    for (std::size_t i = 0; i < table.cells.size(); ++i)
      if (table.cells[i].box.contains(w.box.centre_x(), w.box.centre_y())) {
        inside[i].push_back(w);
        break;
      }
  for (std::size_t i = 0; i < table.cells.size(); ++i)
    table.cells[i].text = cell_text(std::move(inside[i]));
  return flattened(table);
}

std::string flattened(const PageTable& table) {
  std::vector<const PageCell*> cells;
  for (const PageCell& cell : table.cells) cells.push_back(&cell);
  std::stable_sort(cells.begin(), cells.end(), [](const PageCell* a, const PageCell* b) {
    return a->row != b->row ? a->row < b->row : a->col < b->col;
  });
  std::string out;
  std::size_t i = 0;
  while (i < cells.size()) {
    const int row = cells[i]->row;
    std::string line;
    bool any = false;
    for (bool first = true; i < cells.size() && cells[i]->row == row; ++i, first = false) {
      if (!first) line += " | ";
      line += one_line(cells[i]->text);
      any = any || !cells[i]->text.empty();
    }
    if (!any) continue;
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

void replace_with_block(std::vector<Word>& words, const Rect& box, std::string text) {
  Word block;
  std::vector<double> sizes;
  std::erase_if(words, [&](const Word& w) {
    if (!box.contains(w.box.centre_x(), w.box.centre_y())) return false;
    sizes.push_back(w.font_size);
    return true;
  });
  if (text.empty()) return;
  std::sort(sizes.begin(), sizes.end());
  block.text = std::move(text);
  block.box = box;
  block.font_size = sizes.empty() ? box.height() : sizes[sizes.size() / 2];
  block.block = true;
  words.push_back(std::move(block));
}

}  // namespace trackport::pdf
