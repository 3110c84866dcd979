#include "importers/pdf/partial_rules.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>

#include "importers/pdf/text_extraction.hpp"

namespace trackport::pdf {

namespace {

struct LineSlot {
  double top = 0, bottom = 0;
};

// The text lines of one grid row, as vertical slots, when they line up across its columns.
// With `label_apart`, the key column's words are left out: a label set beside the lines (centred
// on them, over two lines of its own) that lines up with none of them.
std::vector<LineSlot> aligned_lines(const std::vector<CellWords>& cells,
                                    const std::vector<std::size_t>& in_row, bool label_apart) {
  std::vector<Word> words;
  int filled = 0;
  for (std::size_t i : in_row) {
    if (label_apart && cells[i].cell.col == 0) continue;
    filled += cells[i].words.empty() ? 0 : 1;
    words.insert(words.end(), cells[i].words.begin(), cells[i].words.end());
  }
  if (filled < 2) return {};
  const std::vector<TextLine> lines = group_into_lines(std::move(words));
  if (lines.size() < 3) return {};
  std::size_t aligned = 0;
  for (const TextLine& line : lines) {
    int columns = 0;
    for (std::size_t i : in_row) {
      const Rect& box = cells[i].cell.box;
      for (const Word& w : line.words)
        if (box.contains(w.box.centre_x(), w.box.centre_y())) {
          ++columns;
          break;
        }
    }
    if (columns >= 2 && columns * 10 >= filled * 6) ++aligned;
  }
  if (aligned * 10 < lines.size() * 7) return {};
  std::vector<LineSlot> slots;
  for (const TextLine& line : lines) slots.push_back({line.box.y0, line.box.y1});
  return slots;
}

// Whether the key column's words stand level with none of the slots: a label beside them.
bool label_beside(const std::vector<CellWords>& cells, const std::vector<std::size_t>& in_row,
                  const std::vector<LineSlot>& slots) {
  bool any = false;
  for (std::size_t i : in_row) {
    if (cells[i].cell.col != 0) continue;
    for (const Word& w : cells[i].words) {
      any = true;
      const double tolerance = 0.25 * w.box.height();
      for (const LineSlot& slot : slots)
        if (std::abs(w.box.centre_y() - (slot.top + slot.bottom) / 2) <= tolerance) return false;
    }
  }
  return any;
}

// The split row's key column as one cell spanning all its new rows, holding the label.
void span_label(const std::vector<CellWords>& cells, const std::vector<std::size_t>& in_row,
                int rows, std::vector<CellWords>& pieces) {
  std::erase_if(pieces, [](const CellWords& piece) { return piece.cell.col == 0; });
  for (std::size_t i : in_row) {
    if (cells[i].cell.col != 0) continue;
    CellWords label = cells[i];
    label.cell.row = pieces.empty() ? 0 : pieces.front().cell.row;
    label.cell.row_span = rows;
    pieces.insert(pieces.begin(), std::move(label));
  }
}

// A piece of a line starts a table row when it is a new key (not a lower-case continuation of
// the one above) or a figure.
bool starts_entry(const std::vector<Word>& words, bool key_column) {
  const auto first = static_cast<unsigned char>(words.front().text.front());
  if (key_column && !std::islower(first)) return true;
  int digits = 0, letters = 0;
  for (const Word& w : words)
    for (char c : w.text) {
      const auto byte = static_cast<unsigned char>(c);
      digits += std::isdigit(byte) ? 1 : 0;
      letters += std::isalpha(byte) ? 1 : 0;
    }
  return digits > 0 && digits >= letters;
}

// Groups the slots into table rows: a slot with no word in the key column and no figures
// continues the row above.
std::vector<std::vector<std::size_t>> group_slots(const std::vector<CellWords>& cells,
                                                  const std::vector<std::size_t>& in_row,
                                                  const std::vector<LineSlot>& slots) {
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t s = 0; s < slots.size(); ++s) {
    bool starts_row = groups.empty();
    for (std::size_t i : in_row) {
      std::vector<Word> here;
      for (const Word& w : cells[i].words)
        if (w.box.centre_y() >= slots[s].top && w.box.centre_y() <= slots[s].bottom)
          here.push_back(w);
      if (!here.empty() && starts_entry(here, cells[i].cell.col == 0)) starts_row = true;
    }
    if (starts_row) groups.emplace_back();
    groups.back().push_back(s);
  }
  return groups;
}

// The cells of one split grid row, one set per group of slots.
std::vector<CellWords> split_row(const std::vector<CellWords>& cells,
                                 const std::vector<std::size_t>& in_row,
                                 const std::vector<LineSlot>& slots,
                                 const std::vector<std::vector<std::size_t>>& groups,
                                 int first_row) {
  std::vector<CellWords> out;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const double top =
        g == 0 ? cells[in_row.front()].cell.box.y0
               : (slots[groups[g].front()].top + slots[groups[g - 1].back()].bottom) / 2;
    const double bottom =
        g + 1 == groups.size()
            ? cells[in_row.front()].cell.box.y1
            : (slots[groups[g].back()].bottom + slots[groups[g + 1].front()].top) / 2;
    for (std::size_t i : in_row) {
      CellWords piece;
      piece.cell = cells[i].cell;
      piece.cell.row = first_row + static_cast<int>(g);
      piece.cell.box.y0 = top;
      piece.cell.box.y1 = bottom;
      for (const Word& w : cells[i].words)
        if (w.box.centre_y() >= top && w.box.centre_y() < bottom) piece.words.push_back(w);
      out.push_back(std::move(piece));
    }
  }
  return out;
}

// Rows of running text that happen to wrap in step are not lists of entries.
bool wordy(const std::vector<CellWords>& pieces) {
  std::size_t filled = 0, words = 0;
  for (const CellWords& piece : pieces) {
    filled += piece.words.empty() ? 0 : 1;
    words += piece.words.size();
  }
  return filled == 0 || words > 5 * filled;
}

// Every row made by the split has an entry in one same column (the key, or a label column).
bool keyed(const std::vector<CellWords>& pieces) {
  std::map<int, std::map<int, bool>> filled;  // column -> row -> has words
  for (const CellWords& piece : pieces)
    filled[piece.cell.col][piece.cell.row] |= !piece.words.empty();
  return std::any_of(filled.begin(), filled.end(), [](const auto& column) {
    return std::all_of(column.second.begin(), column.second.end(),
                       [](const auto& row) { return row.second; });
  });
}

// Lists of entries carry figures: a third of the pieces at least are numbers.
bool has_figures(const std::vector<CellWords>& pieces) {
  int filled = 0, figures = 0;
  for (const CellWords& piece : pieces) {
    if (piece.words.empty()) continue;
    ++filled;
    figures += starts_entry(piece.words, false) ? 1 : 0;
  }
  return figures * 3 >= filled;
}

// A grid row split into table rows: the cells of each, and how many rows.
struct RowSplit {
  std::vector<CellWords> pieces;
  int rows = 0;
};

// Lines that line up across the columns, one entry each (lists of figures).
// Where the key column holds a label set beside the lines, it spans the rows they make.
std::optional<RowSplit> split_aligned(const std::vector<CellWords>& cells,
                                      const std::vector<std::size_t>& in_row, int first_row) {
  for (const bool label_apart : {false, true}) {
    const std::vector<LineSlot> slots = aligned_lines(cells, in_row, label_apart);
    if (slots.empty() || (label_apart && !label_beside(cells, in_row, slots))) continue;
    const auto groups = group_slots(cells, in_row, slots);
    std::vector<CellWords> pieces = split_row(cells, in_row, slots, groups, first_row);
    if (groups.size() < 2 || wordy(pieces) || !keyed(pieces) || !has_figures(pieces)) continue;
    if (label_apart) span_label(cells, in_row, static_cast<int>(groups.size()), pieces);
    return RowSplit{std::move(pieces), static_cast<int>(groups.size())};
  }
  return std::nullopt;
}

// The grid row's text as bands: the words' vertical extents, merged where they overlap.
std::vector<LineSlot> text_bands(const std::vector<CellWords>& cells,
                                 const std::vector<std::size_t>& in_row) {
  std::vector<LineSlot> extents;
  for (std::size_t i : in_row)
    for (const Word& w : cells[i].words) extents.push_back({w.box.y0, w.box.y1});
  std::sort(extents.begin(), extents.end(),
            [](const LineSlot& a, const LineSlot& b) { return a.top < b.top; });
  std::vector<LineSlot> bands;
  for (const LineSlot& e : extents) {
    if (!bands.empty() && e.top < bands.back().bottom)
      bands.back().bottom = std::max(bands.back().bottom, e.bottom);
    else
      bands.push_back(e);
  }
  return bands;
}

// The bands grouped into blocks, split where the space between two bands is a paragraph's: a
// blank line (0.8 of a line at least), or half a line and wider than the row's closest line
// spacing by 0.4 of a line.
std::vector<std::vector<std::size_t>> paragraph_blocks(const std::vector<LineSlot>& bands) {
  if (bands.size() < 3) return {};
  std::vector<double> heights;
  double closest = 1e9;
  for (std::size_t b = 0; b < bands.size(); ++b) {
    heights.push_back(bands[b].bottom - bands[b].top);
    if (b > 0) closest = std::min(closest, bands[b].top - bands[b - 1].bottom);
  }
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2),
                   heights.end());
  const double line = heights[heights.size() / 2];
  std::vector<std::vector<std::size_t>> blocks{{0}};
  for (std::size_t b = 1; b < bands.size(); ++b) {
    const double gap = bands[b].top - bands[b - 1].bottom;
    if (gap >= 0.8 * line || (gap >= 0.5 * line && gap >= closest + 0.4 * line))
      blocks.emplace_back();
    blocks.back().push_back(b);
  }
  return blocks;
}

// Which columns hold words between `top` and `bottom`: the key column, and any other.
struct BlockColumns {
  bool key = false, other = false;
};

BlockColumns columns_between(const std::vector<CellWords>& cells,
                             const std::vector<std::size_t>& in_row, double top, double bottom) {
  BlockColumns found;
  for (std::size_t i : in_row)
    for (const Word& w : cells[i].words)
      if (w.box.centre_y() >= top && w.box.centre_y() <= bottom)
        (cells[i].cell.col == 0 ? found.key : found.other) = true;
  return found;
}

// Entries set apart by paragraph spacing, in a grid row without rules between them: a block
// starts an entry when it holds words in the key column and in another; the first block may be
// a label alone, heading the entries under it. Any other block (a second paragraph of a key, or
// of a cell beside it) goes on with the entry above. Two entries with no label over them may be
// one row written in two paragraphs in a fully ruled table: a row splits when a label heads it
// or it holds three entries or more.
std::optional<RowSplit> split_paragraphs(const std::vector<CellWords>& cells,
                                         const std::vector<std::size_t>& in_row, int first_row) {
  const std::vector<LineSlot> bands = text_bands(cells, in_row);
  std::vector<std::vector<std::size_t>> entries;
  for (std::vector<std::size_t>& block : paragraph_blocks(bands)) {
    const BlockColumns has =
        columns_between(cells, in_row, bands[block.front()].top, bands[block.back()].bottom);
    if (entries.empty() || (has.key && has.other))
      entries.push_back(std::move(block));
    else
      entries.back().insert(entries.back().end(), block.begin(), block.end());
  }
  if (entries.size() < 2) return std::nullopt;
  const BlockColumns first = columns_between(cells, in_row, bands[entries.front().front()].top,
                                             bands[entries.front().back()].bottom);
  if (!first.key) return std::nullopt;
  const bool labelled = !first.other;
  if (!labelled && entries.size() < 3) return std::nullopt;
  std::vector<CellWords> pieces = split_row(cells, in_row, bands, entries, first_row);
  return RowSplit{std::move(pieces), static_cast<int>(entries.size())};
}

}  // namespace

void split_aligned_rows(std::vector<CellWords>& cells, int& rows) {
  // Rows crossed by a vertically merged cell stay as they are.
  std::vector<bool> crossed(static_cast<std::size_t>(rows), false);
  std::map<int, std::vector<std::size_t>> by_row;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const PageCell& c = cells[i].cell;
    by_row[c.row].push_back(i);
    if (c.row_span > 1)
      for (int r = c.row; r < c.row + c.row_span && r < rows; ++r)
        crossed[static_cast<std::size_t>(r)] = true;
  }
  std::vector<int> new_index(static_cast<std::size_t>(rows) + 1, 0);
  std::vector<CellWords> out;
  int next = 0;
  for (int r = 0; r < rows; ++r) {
    new_index[static_cast<std::size_t>(r)] = next;
    const std::vector<std::size_t>& in_row = by_row[r];
    std::optional<RowSplit> split;
    if (!crossed[static_cast<std::size_t>(r)]) {
      split = split_aligned(cells, in_row, next);
      if (!split) split = split_paragraphs(cells, in_row, next);
    }
    if (!split) {
      ++next;
      continue;
    }
    std::move(split->pieces.begin(), split->pieces.end(), std::back_inserter(out));
    next += split->rows;
  }
  new_index[static_cast<std::size_t>(rows)] = next;
  if (next == rows) return;
  for (CellWords& c : cells) {
    const int r = c.cell.row;
    if (!crossed[static_cast<std::size_t>(r)] && c.cell.row_span == 1 &&
        new_index[static_cast<std::size_t>(r) + 1] - new_index[static_cast<std::size_t>(r)] > 1)
      continue;  // replaced by its pieces
    c.cell.row = new_index[static_cast<std::size_t>(r)];
    c.cell.row_span = new_index[static_cast<std::size_t>(r + c.cell.row_span)] - c.cell.row;
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const CellWords& a, const CellWords& b) {
    return a.cell.row != b.cell.row ? a.cell.row < b.cell.row : a.cell.col < b.cell.col;
  });
  cells = std::move(out);
  rows = next;
}

namespace {

bool figure_text(const std::string& text) {
  int digits = 0, letters = 0;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    digits += std::isdigit(byte) ? 1 : 0;
    letters += std::isalpha(byte) ? 1 : 0;
  }
  return digits > 0 && digits >= letters;
}

// Some word of another cell in grid row `row` stands level with the line.
bool level_with_row(const std::vector<CellWords>& cells, std::size_t self, int row,
                    const TextLine& line) {
  const double tolerance = 0.25 * std::max(1.0, line.box.height());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const PageCell& c = cells[i].cell;
    if (i == self || row < c.row || row >= c.row + c.row_span) continue;
    for (const Word& w : cells[i].words)
      if (std::abs(w.box.centre_y() - line.box.centre_y()) <= tolerance) return true;
  }
  return false;
}

// The cell's lines grouped by the grid row each stands in, when they are stacked entries.
std::optional<std::map<int, std::vector<Word>>> stacked_entries(const std::vector<CellWords>& cells,
                                                                std::size_t i,
                                                                const std::vector<double>& ys) {
  const PageCell& cell = cells[i].cell;
  const std::vector<TextLine> lines = group_into_lines(cells[i].words);
  if (lines.size() < 2) return std::nullopt;
  std::map<int, std::vector<Word>> by_row;
  bool all_figures = true;
  for (const TextLine& line : lines) {
    const auto at = std::upper_bound(ys.begin(), ys.end(), line.box.centre_y()) - ys.begin() - 1;
    const int row = std::clamp(static_cast<int>(at), cell.row, cell.row + cell.row_span - 1);
    const bool first = by_row.find(row) == by_row.end();
    if (first) {
      const std::string text = line_text(line);
      if (text.empty() || std::islower(static_cast<unsigned char>(text.front())))
        return std::nullopt;
      if (!level_with_row(cells, i, row, line)) return std::nullopt;
      all_figures = all_figures && figure_text(text);
    }
    auto& words = by_row[row];
    words.insert(words.end(), line.words.begin(), line.words.end());
  }
  if (by_row.size() < 2 || (!all_figures && by_row.size() < 3)) return std::nullopt;
  return by_row;
}

}  // namespace

void split_stacked_cells(std::vector<CellWords>& cells, const std::vector<double>& row_edges) {
  std::vector<CellWords> out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const PageCell& cell = cells[i].cell;
    std::optional<std::map<int, std::vector<Word>>> entries;
    if (cell.row_span > 1 && cells[i].words.size() >= 2 &&
        static_cast<std::size_t>(cell.row + cell.row_span) < row_edges.size())
      entries = stacked_entries(cells, i, row_edges);
    if (!entries) {
      out.push_back(cells[i]);
      continue;
    }
    for (int r = cell.row; r < cell.row + cell.row_span; ++r) {
      CellWords piece;
      piece.cell = cell;
      piece.cell.row = r;
      piece.cell.row_span = 1;
      piece.cell.box.y0 = row_edges[static_cast<std::size_t>(r)];
      piece.cell.box.y1 = row_edges[static_cast<std::size_t>(r) + 1];
      if (const auto it = entries->find(r); it != entries->end()) piece.words = it->second;
      out.push_back(std::move(piece));
    }
  }
  std::sort(out.begin(), out.end(), [](const CellWords& a, const CellWords& b) {
    return a.cell.row != b.cell.row ? a.cell.row < b.cell.row : a.cell.col < b.cell.col;
  });
  cells = std::move(out);
}

namespace {

// The grid column holding the whole word, or -1 when it crosses a column line.
int column_holding(const Word& word, const std::vector<double>& edges, int first, int last) {
  for (int c = first; c <= last; ++c) {
    const double left = edges[static_cast<std::size_t>(c)];
    const double right = edges[static_cast<std::size_t>(c) + 1];
    if (word.box.x0 >= left - 1 && word.box.x1 <= right + 1) return c;
  }
  return -1;
}

// The cell cut at its inner column lines, or nothing when a word crosses one of them or all the
// words sit in one column (a title centred over its columns).
std::vector<CellWords> cut_at_columns(const CellWords& spanning, const std::vector<double>& edges) {
  const PageCell& cell = spanning.cell;
  const int last = cell.col + cell.col_span - 1;
  std::vector<std::vector<Word>> parts(static_cast<std::size_t>(cell.col_span));
  for (const Word& w : spanning.words) {
    const int c = column_holding(w, edges, cell.col, last);
    if (c < 0) return {};
    parts[static_cast<std::size_t>(c - cell.col)].push_back(w);
  }
  const auto filled = std::count_if(parts.begin(), parts.end(),
                                    [](const std::vector<Word>& p) { return !p.empty(); });
  if (filled < 2) return {};
  std::vector<CellWords> out;
  for (int c = cell.col; c <= last; ++c) {
    CellWords part;
    part.cell = cell;
    part.cell.col = c;
    part.cell.col_span = 1;
    part.cell.box.x0 = edges[static_cast<std::size_t>(c)];
    part.cell.box.x1 = edges[static_cast<std::size_t>(c) + 1];
    part.words = std::move(parts[static_cast<std::size_t>(c - cell.col)]);
    out.push_back(std::move(part));
  }
  return out;
}

}  // namespace

void split_spanned_columns(std::vector<CellWords>& cells, const std::vector<double>& col_edges) {
  std::vector<CellWords> out;
  for (CellWords& c : cells) {
    if (c.cell.col_span > 1 &&
        static_cast<std::size_t>(c.cell.col + c.cell.col_span) < col_edges.size()) {
      std::vector<CellWords> parts = cut_at_columns(c, col_edges);
      if (!parts.empty()) {
        std::move(parts.begin(), parts.end(), std::back_inserter(out));
        continue;
      }
    }
    out.push_back(std::move(c));
  }
  cells = std::move(out);
}

}  // namespace trackport::pdf
