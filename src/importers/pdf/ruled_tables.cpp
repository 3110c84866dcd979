#include "importers/pdf/ruled_tables.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <optional>

#include "importers/pdf/cell_fill.hpp"
#include "importers/pdf/nested_tables.hpp"
#include "importers/pdf/partial_rules.hpp"
#include "importers/pdf/ruled_grid.hpp"
#include "importers/pdf/text_extraction.hpp"
#include "importers/pdf/unruled_columns.hpp"

namespace trackport::pdf {

namespace {

constexpr double kTouch = 2.5;     // points: how far apart a rule's end and another rule may be
constexpr double kSameLine = 3.0;  // points: rules closer than this are one grid line
// A frame with more grid positions than this is graph paper or a chart, not a table; the cap also
// bounds the work on pages full of hairlines.
constexpr int kMaxGridPositions = 20'000;

class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void unite(std::size_t a, std::size_t b) { parent_[find(a)] = find(b); }

 private:
  std::vector<std::size_t> parent_;
};

bool crosses(const Segment& horizontal, const Segment& vertical) {
  return vertical.position >= horizontal.from - kTouch &&
         vertical.position <= horizontal.to + kTouch &&
         horizontal.position >= vertical.from - kTouch &&
         horizontal.position <= vertical.to + kTouch;
}

// Rules that touch one another, grouped: each group is a candidate table frame.
struct Frame {
  std::vector<Segment> horizontal, vertical;
  Rect box;
};

// A rule under (or through) a word's box: the word's underline, not a table's rule.
bool underlines_text(const Segment& rule, const std::vector<Word>& words) {
  return std::any_of(words.begin(), words.end(), [&](const Word& w) {
    return rule.position >= w.box.y0 && rule.position <= w.box.y1 + 0.5 &&
           rule.from >= w.box.x0 - 2 && rule.to <= w.box.x1 + 2;
  });
}

// Horizontal rules inside a frame that touch none of its verticals nor any other frame's (a
// group header's underline between two column rules) belong to it, words' underlines aside.
void adopt_loose_rules(std::vector<Frame>& frames, const Rulings& rulings,
                       const std::vector<Word>& words) {
  const auto framed = [&](const Segment& rule) {
    return std::any_of(frames.begin(), frames.end(), [&](const Frame& frame) {
      return std::any_of(frame.horizontal.begin(), frame.horizontal.end(), [&](const Segment& s) {
        return s.position == rule.position && s.from == rule.from && s.to == rule.to;
      });
    });
  };
  for (const Segment& rule : rulings.horizontal) {
    if (framed(rule)) continue;
    for (Frame& frame : frames) {
      if (rule.position <= frame.box.y0 + kSameLine || rule.position >= frame.box.y1 - kSameLine ||
          rule.from < frame.box.x0 - kTouch || rule.to > frame.box.x1 + kTouch)
        continue;
      const bool known = std::any_of(
          frame.horizontal.begin(), frame.horizontal.end(),
          [&](const Segment& s) { return s.position == rule.position && s.from == rule.from; });
      if (!known && !underlines_text(rule, words)) frame.horizontal.push_back(rule);
      break;
    }
  }
}

std::vector<Frame> connected_frames(const Rulings& rulings) {
  const std::size_t nh = rulings.horizontal.size(), nv = rulings.vertical.size();
  DisjointSets sets(nh + nv);
  for (std::size_t i = 0; i < nh; ++i)
    for (std::size_t j = 0; j < nv; ++j)
      if (crosses(rulings.horizontal[i], rulings.vertical[j])) sets.unite(i, nh + j);
  std::vector<Frame> frames;
  std::vector<long> frame_of(nh + nv, -1);
  for (std::size_t i = 0; i < nh + nv; ++i) {
    const std::size_t root = sets.find(i);
    if (frame_of[root] < 0) {
      frame_of[root] = static_cast<long>(frames.size());
      frames.emplace_back();
    }
    Frame& frame = frames[static_cast<std::size_t>(frame_of[root])];
    if (i < nh)
      frame.horizontal.push_back(rulings.horizontal[i]);
    else
      frame.vertical.push_back(rulings.vertical[i - nh]);
  }
  std::vector<Frame> tables;
  for (Frame& frame : frames) {
    if (frame.horizontal.size() < 2 || frame.vertical.size() < 2) continue;
    frame.box = {frame.horizontal.front().from, frame.horizontal.front().position,
                 frame.horizontal.front().to, frame.horizontal.front().position};
    for (const Segment& s : frame.horizontal)
      frame.box.extend({s.from, s.position, s.to, s.position});
    for (const Segment& s : frame.vertical)
      frame.box.extend({s.position, s.from, s.position, s.to});
    tables.push_back(std::move(frame));
  }
  return tables;
}

// Grid line positions: rule positions clustered, each cluster at its mean.
std::vector<double> grid_lines(const std::vector<Segment>& segments) {
  std::vector<double> positions;
  for (const Segment& s : segments) positions.push_back(s.position);
  std::sort(positions.begin(), positions.end());
  std::vector<double> lines;
  double sum = 0;
  int count = 0;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    if (count > 0 && positions[i] - positions[i - 1] > kSameLine) {
      lines.push_back(sum / count);
      sum = 0;
      count = 0;
    }
    sum += positions[i];
    ++count;
  }
  if (count > 0) lines.push_back(sum / count);
  return lines;
}

// How much of [from, to] the rules at `position` cover, 0..1.
double coverage(const std::vector<Segment>& segments, double position, double from, double to) {
  std::vector<std::pair<double, double>> pieces;
  for (const Segment& s : segments) {
    if (std::abs(s.position - position) > kSameLine) continue;
    const double a = std::max(from, s.from), b = std::min(to, s.to);
    if (b > a) pieces.emplace_back(a, b);
  }
  std::sort(pieces.begin(), pieces.end());
  double covered = 0, reach = from;
  for (const auto& [a, b] : pieces) {
    if (b <= reach) continue;
    covered += b - std::max(a, reach);
    reach = b;
  }
  return to > from ? covered / (to - from) : 0.0;
}

constexpr double kRulePresent = 0.6;  // share of a grid edge a rule must cover to separate cells

// Rules that run on past the outermost vertical rule (a table ruled only between its column
// groups, open at its sides): the table reaches to their ends where words stand out there on at
// least half of the table's text lines.
void widen_to_open_sides(std::vector<double>& xs, const Frame& frame,
                         const std::vector<Word>& words) {
  std::vector<Word> inside;
  for (const Word& w : words)
    if (frame.box.contains(w.box.centre_x(), w.box.centre_y())) inside.push_back(w);
  const std::vector<TextLine> lines = group_into_lines(std::move(inside));
  const auto lines_with_words_between = [&](double from, double to) {
    return std::count_if(lines.begin(), lines.end(), [&](const TextLine& line) {
      return std::any_of(line.words.begin(), line.words.end(), [&](const Word& w) {
        return w.box.centre_x() > from && w.box.centre_x() < to;
      });
    });
  };
  const auto enough = [&](double from, double to) {
    return !lines.empty() &&
           lines_with_words_between(from, to) * 2 >= static_cast<long>(lines.size());
  };
  if (frame.box.x0 < xs.front() - kSameLine && enough(frame.box.x0, xs.front()))
    xs.insert(xs.begin(), frame.box.x0);
  if (frame.box.x1 > xs.back() + kSameLine && enough(xs.back(), frame.box.x1))
    xs.push_back(frame.box.x1);
}

// The rules present along each grid edge.
void find_rules(Grid& grid, const Frame& frame) {
  const std::size_t rows = grid.ys.size() - 1, cols = grid.xs.size() - 1;
  grid.rule_right.assign(rows, std::vector<bool>(cols, true));
  grid.rule_below.assign(rows, std::vector<bool>(cols, true));
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c + 1 < cols; ++c)
      grid.rule_right[r][c] =
          coverage(frame.vertical, grid.xs[c + 1], grid.ys[r], grid.ys[r + 1]) >= kRulePresent;
    for (std::size_t c = 0; c < cols; ++c)
      if (r + 1 < rows)
        grid.rule_below[r][c] =
            coverage(frame.horizontal, grid.ys[r + 1], grid.xs[c], grid.xs[c + 1]) >= kRulePresent;
  }
}

// Columns of figures set side by side inside one ruled column (rules only between column
// groups): the aligned gaps of the column's text lines (unruled_columns.hpp) are column lines
// the table did not draw. A grid row where a word crosses one (a group header spanning both)
// keeps one cell over both.
struct TextColumnLine {
  double x = 0;
  std::vector<bool> crossed;  // per grid row: a word crosses the line
};

std::vector<TextColumnLine> undrawn_column_lines(const Grid& grid, std::size_t c,
                                                 const std::vector<Word>& words) {
  const double left = grid.xs[c], right = grid.xs[c + 1];
  std::vector<Word> inside;
  for (const Word& w : words) {
    const double x = w.box.centre_x(), y = w.box.centre_y();
    if (x > left && x < right && y > grid.ys.front() && y < grid.ys.back()) inside.push_back(w);
  }
  if (inside.size() < 8) return {};
  const std::vector<TextLine> lines = group_into_lines(std::move(inside));
  std::vector<std::vector<const Word*>> rows;
  for (const TextLine& line : lines) {
    std::vector<const Word*> row;
    for (const Word& w : line.words) row.push_back(&w);
    rows.push_back(std::move(row));
  }
  std::vector<TextColumnLine> found;
  for (double at : aligned_gaps(rows, left, right)) {
    TextColumnLine line{at, std::vector<bool>(grid.ys.size() - 1, false)};
    for (const TextLine& text : lines)
      for (const Word& w : text.words) {
        if (w.box.x0 >= at || w.box.x1 <= at) continue;
        const auto r = static_cast<std::size_t>(
            std::upper_bound(grid.ys.begin(), grid.ys.end(), w.box.centre_y()) - grid.ys.begin() -
            1);
        if (r < line.crossed.size()) line.crossed[r] = true;
      }
    found.push_back(std::move(line));
  }
  return found;
}

// Adds the undrawn column lines of every grid column: a rule right of the new column in each row
// no word crosses, the rules below copied from the column it was cut from.
void add_undrawn_columns(Grid& grid, const std::vector<Word>& words) {
  for (std::size_t c = grid.xs.size() - 1; c-- > 0;) {
    const std::vector<TextColumnLine> lines = undrawn_column_lines(grid, c, words);
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      grid.xs.insert(grid.xs.begin() + static_cast<long>(c) + 1, it->x);
      for (std::size_t r = 0; r < grid.rule_right.size(); ++r) {
        grid.rule_right[r].insert(grid.rule_right[r].begin() + static_cast<long>(c),
                                  !it->crossed[r]);
        grid.rule_below[r].insert(grid.rule_below[r].begin() + static_cast<long>(c),
                                  grid.rule_below[r][c]);
      }
    }
  }
}

// The frame's grid. A table nested in a cell and drawn with the cell's own rules leaves the grid
// (its words become one block word in that cell).
Grid make_grid(const Frame& frame, std::vector<Word>& words) {
  Grid grid;
  grid.xs = grid_lines(frame.vertical);
  grid.ys = grid_lines(frame.horizontal);
  if (grid.xs.size() < 2 || grid.ys.size() < 2) return grid;
  widen_to_open_sides(grid.xs, frame, words);
  find_rules(grid, frame);
  const std::vector<NestedGrid> nested = take_nested_grids(grid, words);
  if (!nested.empty()) {
    for (const NestedGrid& inner : nested)
      replace_with_block(words, inner.box, nested_text(inner.grid, words));
    find_rules(grid, frame);
  }
  add_undrawn_columns(grid, words);
  return grid;
}

// The cell holding each word's centre (an index into table.cells), or -1 outside the table.
std::vector<int> place_words(const PageTable& table, const Grid& grid,
                             const std::vector<Word>& words) {
  std::vector<int> owner(static_cast<std::size_t>(table.rows * table.cols), -1);
  for (std::size_t i = 0; i < table.cells.size(); ++i) {
    const PageCell& cell = table.cells[i];
    for (int r = cell.row; r < cell.row + cell.row_span; ++r)
      for (int c = cell.col; c < cell.col + cell.col_span; ++c)
        owner[static_cast<std::size_t>(r * table.cols + c)] = static_cast<int>(i);
  }
  const auto slot = [](const std::vector<double>& lines, double v) {
    return static_cast<int>(std::upper_bound(lines.begin(), lines.end(), v) - lines.begin()) - 1;
  };
  std::vector<int> placed(words.size(), -1);
  for (std::size_t w = 0; w < words.size(); ++w) {
    const double x = words[w].box.centre_x(), y = words[w].box.centre_y();
    if (!table.box.contains(x, y)) continue;
    const int r = std::clamp(slot(grid.ys, y), 0, table.rows - 1);
    const int c = std::clamp(slot(grid.xs, x), 0, table.cols - 1);
    placed[w] = owner[static_cast<std::size_t>(r * table.cols + c)];
  }
  return placed;
}

// Half or more of the line's words are figures.
bool mostly_figures(const TextLine& line) {
  const auto figures = std::count_if(line.words.begin(), line.words.end(), [](const Word& w) {
    int digits = 0, letters = 0;
    for (char ch : w.text) {
      digits += std::isdigit(static_cast<unsigned char>(ch)) ? 1 : 0;
      letters += std::isalpha(static_cast<unsigned char>(ch)) ? 1 : 0;
    }
    return digits > 0 && digits >= letters;
  });
  return figures * 2 >= static_cast<long>(line.words.size());
}

// Rules that frame only groups of rows and columns of figures, which the partial rules did not
// split: two or more cells each still hold four or more lines of figures. Such a table is read
// from its text alignment instead (unruled_tables), as a reader ignores the sparse rules.
bool under_ruled(const std::vector<CellWords>& cells) {
  int packed = 0;
  for (const CellWords& c : cells) {
    if (c.words.size() < 4) continue;
    const std::vector<TextLine> lines = group_into_lines(c.words);
    const auto figure_lines = std::count_if(lines.begin(), lines.end(), mostly_figures);
    packed += figure_lines >= 4 ? 1 : 0;
  }
  return packed >= 2;
}

// Gives each cell its words, splits cells where the rules are partial, then sets the cells'
// text and fill. False when the table is under-ruled (nothing set then).
bool fill_cells(PageTable& table, const Grid& grid, const std::vector<Word>& words,
                const std::vector<int>& placed, const std::vector<FilledRect>& fills) {
  std::vector<CellWords> cells;
  for (const PageCell& cell : table.cells) cells.push_back({cell, {}});
  for (std::size_t w = 0; w < words.size(); ++w)
    if (placed[w] >= 0) cells[static_cast<std::size_t>(placed[w])].words.push_back(words[w]);
  split_spanned_columns(cells, table.col_edges);
  split_stacked_cells(cells, grid.ys);
  int rows = table.rows;
  split_aligned_rows(cells, rows);
  if (under_ruled(cells)) return false;
  table.rows = rows;
  table.cells.clear();
  for (CellWords& c : cells) {
    c.cell.font = first_colour(c.words);
    c.cell.text = cell_text(std::move(c.words), c.cell.box);
    c.cell.fill = solid_fill(fills, c.cell.box);
    table.cells.push_back(std::move(c.cell));
  }
  return true;
}

bool worth_keeping(const PageTable& table) {
  if (table.cols < 2 || table.rows < 1) return false;
  int filled = 0;
  for (const PageCell& cell : table.cells) filled += cell.text.empty() ? 0 : 1;
  return filled >= 2;
}

// The frame's table with the words in it; `placed` says which words it took.
std::optional<PageTable> frame_table(const Frame& frame, std::vector<Word>& words,
                                     const std::vector<FilledRect>& fills, int page_number,
                                     std::vector<int>& placed) {
  const Grid grid = make_grid(frame, words);
  if (grid.xs.size() < 2 || grid.ys.size() < 2) return std::nullopt;
  PageTable table;
  table.page = page_number;
  table.ruled = true;
  table.box = {grid.xs.front(), grid.ys.front(), grid.xs.back(), grid.ys.back()};
  table.rows = static_cast<int>(grid.ys.size() - 1);
  table.cols = static_cast<int>(grid.xs.size() - 1);
  table.col_edges = grid.xs;
  if (table.cols < 2 || table.rows * table.cols > kMaxGridPositions) return std::nullopt;
  table.cells = grid_cells(grid);
  placed = place_words(table, grid, words);
  if (!fill_cells(table, grid, words, placed, fills) || !worth_keeping(table)) return std::nullopt;
  return table;
}

// A frame drawn inside a cell of a larger table (one of two columns and two rows or more) is a
// table nested in that cell.
bool nested_in_another(const Frame& frame, const std::vector<Frame>& frames) {
  constexpr double kInside = 0.5;
  return std::any_of(frames.begin(), frames.end(), [&](const Frame& outer) {
    return &outer != &frame && outer.box.x0 < frame.box.x0 - kInside &&
           outer.box.x1 > frame.box.x1 + kInside && outer.box.y0 < frame.box.y0 - kInside &&
           outer.box.y1 > frame.box.y1 + kInside && grid_lines(outer.vertical).size() >= 3 &&
           grid_lines(outer.horizontal).size() >= 3;
  });
}

double area(const Rect& r) {
  return r.width() * r.height();
}

}  // namespace

std::vector<PageTable> build_ruled_tables(const Rulings& rulings, std::vector<Word>& words,
                                          const std::vector<FilledRect>& fills, int page_number) {
  std::vector<PageTable> tables;
  std::vector<Frame> frames = connected_frames(rulings);
  adopt_loose_rules(frames, rulings, words);
  // Smaller frames first: a table nested in another's cell is flattened into it before the
  // outer table is read.
  std::stable_sort(frames.begin(), frames.end(),
                   [](const Frame& a, const Frame& b) { return area(a.box) < area(b.box); });
  for (const Frame& frame : frames) {
    std::vector<int> placed;
    std::optional<PageTable> table = frame_table(frame, words, fills, page_number, placed);
    if (!table) continue;
    if (nested_in_another(frame, frames)) {
      replace_with_block(words, table->box, flattened(*table));
      continue;
    }
    std::size_t next = 0;  // keep the words outside the table, in order
    for (std::size_t w = 0; w < words.size(); ++w) {
      if (placed[w] >= 0) continue;
      if (next != w) words[next] = std::move(words[w]);
      ++next;
    }
    words.resize(next);
    tables.push_back(std::move(*table));
  }
  std::sort(tables.begin(), tables.end(),
            [](const PageTable& a, const PageTable& b) { return a.box.y0 < b.box.y0; });
  return tables;
}

}  // namespace trackport::pdf
