#include "importers/pdf/unruled_tables.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include "importers/pdf/text_extraction.hpp"
#include "importers/pdf/unruled_columns.hpp"

namespace trackport::pdf {

namespace {

constexpr double kTightGap = 0.1;  // in line heights: lines this close are one paragraph

int column_of(const std::vector<double>& edges, double x) {
  for (std::size_t c = 1; c + 1 < edges.size(); ++c)
    if (x < edges[c]) return static_cast<int>(c) - 1;
  return static_cast<int>(edges.size()) - 2;
}

bool numeric(const std::string& text) {
  int digits = 0, letters = 0;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isdigit(byte)) ++digits;
    if (std::isalpha(byte)) ++letters;
  }
  return digits > 0 && digits >= letters;
}

bool starts_lower(const std::string& text) {
  return !text.empty() && std::islower(static_cast<unsigned char>(text.front()));
}

// One line's pieces placed in columns.
struct Piece {
  int col = 0, col_span = 1;
  std::vector<Word> words;
  Rect box;
};

// A chunk cut where a column line passes between two of its words.
std::vector<Chunk> cut_at_edges(const Chunk& chunk, const std::vector<double>& edges) {
  std::vector<Chunk> parts{Chunk{{chunk.words.front()}, chunk.words.front()->box}};
  for (std::size_t i = 1; i < chunk.words.size(); ++i) {
    const Word* w = chunk.words[i];
    const double gap_from = chunk.words[i - 1]->box.x1, gap_to = w->box.x0;
    const bool edge_between = std::any_of(edges.begin(), edges.end(),
                                          [&](double e) { return e >= gap_from && e <= gap_to; });
    if (edge_between) {
      parts.push_back(Chunk{{w}, w->box});
    } else {
      parts.back().words.push_back(w);
      parts.back().box.extend(w->box);
    }
  }
  return parts;
}

std::vector<Piece> place_line(const LineChunks& line, const std::vector<double>& edges) {
  std::vector<Chunk> chunks;
  for (const Chunk& chunk : line.chunks) {
    std::vector<Chunk> parts = cut_at_edges(chunk, edges);
    chunks.insert(chunks.end(), parts.begin(), parts.end());
  }
  std::vector<Piece> pieces;
  for (const Chunk& chunk : chunks) {
    // A chunk whose words fall in several columns is a cell spanning them (a group header).
    const int first = column_of(edges, chunk.words.front()->box.centre_x());
    const int last = std::max(first, column_of(edges, chunk.words.back()->box.centre_x()));
    if (!pieces.empty() && pieces.back().col + pieces.back().col_span - 1 >= first) {
      // Two chunks in one column (a wide gap inside a cell): one piece.
      Piece& piece = pieces.back();
      for (const Word* w : chunk.words) piece.words.push_back(*w);
      piece.box.extend(chunk.box);
      piece.col_span = std::max(piece.col_span, last - piece.col + 1);
      continue;
    }
    Piece piece{first, last - first + 1, {}, chunk.box};
    for (const Word* w : chunk.words) piece.words.push_back(*w);
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

struct RowDraft {
  std::vector<std::vector<Word>> cell_words;  // per column
  std::vector<int> spans;                     // col_span at the starting column, 0 = covered
  std::vector<Rect> boxes;
  std::vector<bool> used;
  double bottom = 0;
};

RowDraft new_row(std::size_t cols) {
  RowDraft row;
  row.cell_words.resize(cols);
  row.spans.assign(cols, 1);
  row.boxes.resize(cols);
  row.used.assign(cols, false);
  return row;
}

std::string piece_text(const Piece& piece) {
  TextLine line{piece.words, piece.box, 0};
  return line_text(line);
}

// A line carries on the row above when it is close below it, in columns the row already has,
// and either its key column is empty or starts in lower case, or the table sets its rows apart
// by spacing and the line follows at the plain line pitch. A record holds one value in each
// anchor column (anchor_columns): a line bringing a second one starts a new row, a line without
// any may carry on the row even where its words are figures ("Q1 2025/26,"). A line bringing the
// anchor values to a row that has none yet carries it on only where its key column continues
// in lower case: a label wrapped onto a second line with the figures on its last.
bool continues_row(const std::vector<Piece>& pieces, const RowDraft& row, const TextLine& line,
                   double height, bool rows_spaced, const std::vector<bool>& anchors) {
  if (pieces.empty()) return false;
  const double gap = line.box.y0 - row.bottom;
  if (gap > 0.8 * height) return false;
  const bool key_empty = pieces.front().col != 0;
  const bool key_lower = !key_empty && starts_lower(piece_text(pieces.front()));
  const bool wrapped = rows_spaced && gap <= kTightGap * height;
  if (!key_empty && !key_lower && !wrapped) return false;
  const bool any_anchor = std::find(anchors.begin(), anchors.end(), true) != anchors.end();
  bool brings_anchor = false;
  for (const Piece& piece : pieces) {
    const auto c = static_cast<std::size_t>(piece.col);
    if (anchors[c]) {
      if (row.used[c]) return false;
      brings_anchor = true;
      continue;
    }
    if (!any_anchor && numeric(piece_text(piece))) return false;
    if (!row.used[c]) return false;
  }
  return !brings_anchor || key_lower;
}

// Rows set apart by spacing: some lines of the block follow at the plain line pitch (wrapped
// cells) and some after a clear gap (a new row).
bool rows_spaced(const std::vector<LineChunks>& lines, const Block& block, double height) {
  bool tight = false, spaced = false;
  for (std::size_t k = block.first + 1; k <= block.last; ++k) {
    const double gap = lines[k].line->box.y0 - lines[k - 1].line->box.y1;
    tight = tight || gap <= kTightGap * height;
    spaced = spaced || gap >= 0.3 * height;
  }
  return tight && spaced;
}

void add_pieces(RowDraft& row, const std::vector<Piece>& pieces, const TextLine& line) {
  for (const Piece& piece : pieces) {
    const auto c = static_cast<std::size_t>(piece.col);
    if (!row.used[c]) row.boxes[c] = piece.box;
    row.boxes[c].extend(piece.box);
    row.used[c] = true;
    row.spans[c] = std::max(row.spans[c], piece.col_span);
    row.cell_words[c].insert(row.cell_words[c].end(), piece.words.begin(), piece.words.end());
  }
  row.bottom = std::max(row.bottom, line.box.y1);
}

PageTable make_table(const std::vector<RowDraft>& rows, const std::vector<double>& edges,
                     int page_number) {
  PageTable table;
  table.page = page_number;
  table.ruled = false;
  table.rows = static_cast<int>(rows.size());
  table.cols = static_cast<int>(edges.size()) - 1;
  table.col_edges = edges;
  bool have_box = false;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    int covered_until = -1;
    for (int c = 0; c < table.cols; ++c) {
      const auto k = static_cast<std::size_t>(c);
      if (c <= covered_until) continue;
      PageCell cell;
      cell.row = static_cast<int>(r);
      cell.col = c;
      cell.col_span = rows[r].used[k] ? std::min(rows[r].spans[k], table.cols - c) : 1;
      // A span may not swallow a later piece of the same row.
      for (int s = 1; s < cell.col_span; ++s)
        if (rows[r].used[k + static_cast<std::size_t>(s)]) cell.col_span = s;
      covered_until = c + cell.col_span - 1;
      cell.font = first_colour(rows[r].cell_words[k]);
      // The column's room, to its next column line (a word broken at its end filled it).
      const Rect room{edges[k], 0, edges[k + static_cast<std::size_t>(cell.col_span)], 0};
      cell.text = cell_text(rows[r].cell_words[k], room);
      cell.box = rows[r].used[k] ? rows[r].boxes[k] : Rect{edges[k], 0, edges[k + 1], 0};
      if (rows[r].used[k]) {
        if (!have_box) table.box = cell.box;
        table.box.extend(cell.box);
        have_box = true;
      }
      table.cells.push_back(std::move(cell));
    }
  }
  // Empty cells get their row's vertical extent.
  for (PageCell& cell : table.cells) {
    if (cell.box.height() > 0) continue;
    double top = 1e9, bottom = -1e9;
    for (const PageCell& other : table.cells)
      if (other.row == cell.row && other.box.height() > 0) {
        top = std::min(top, other.box.y0);
        bottom = std::max(bottom, other.box.y1);
      }
    if (top < bottom) cell.box.y0 = top, cell.box.y1 = bottom;
  }
  return table;
}

// Columns of figures that hold one value a record: from the first figure down, seven in ten of
// their pieces or more are figures, and they have at least three.
std::vector<bool> anchor_columns(const std::vector<std::vector<Piece>>& placed, std::size_t cols) {
  std::vector<int> pieces(cols, 0), figures(cols, 0);
  for (const std::vector<Piece>& line : placed)
    for (const Piece& piece : line) {
      const auto c = static_cast<std::size_t>(piece.col);
      if (piece.col_span > 1) continue;
      const bool figure = numeric(piece_text(piece));
      if (figures[c] == 0 && !figure) continue;  // the header above the first figure
      ++pieces[c];
      figures[c] += figure ? 1 : 0;
    }
  std::vector<bool> anchors(cols, false);
  for (std::size_t c = 0; c < cols; ++c)
    anchors[c] = figures[c] >= 3 && figures[c] * 10 >= pieces[c] * 7;
  return anchors;
}

bool figure_in(const std::vector<Piece>& pieces, int col) {
  return std::any_of(pieces.begin(), pieces.end(), [&](const Piece& piece) {
    return piece.col == col && numeric(piece_text(piece));
  });
}

bool words_in(const std::vector<Piece>& pieces, int col) {
  return std::any_of(pieces.begin(), pieces.end(), [&](const Piece& piece) {
    return piece.col == col && !numeric(piece_text(piece));
  });
}

// How a record's cells sit against its one-line key: at its top, its middle or its foot.
enum class Alignment { top, centre, bottom };

// The lines of a block in key-anchored rows (the key column holds one figure a record: a date, a
// reference). The lines of a record's wrapped cells stand below its key (cells aligned to the
// top), around it (centred) or above it (at the foot, as spreadsheets print): lines above the
// first key and below the last one tell which, and where neither has any, where the text of a
// wrapping column breaks does (a line breaks where the next word would not fit). A line with
// words, not a figure, in the key column is a row of its own (a section label).
class KeyedRecords {
 public:
  KeyedRecords(const std::vector<LineChunks>& lines, const Block& block,
               const std::vector<std::vector<Piece>>& placed, std::size_t cols)
      : lines_(lines), block_(block), placed_(placed), cols_(cols) {}

  // Rows, or nothing when the block does not have at least two keyed lines.
  std::optional<std::vector<RowDraft>> rows() {
    for (std::size_t k = 0; k < placed_.size(); ++k)
      if (figure_in(placed_[k], 0)) keys_.push_back(k);
    if (keys_.size() < 2) return std::nullopt;
    const std::size_t body = body_start();
    std::vector<int> group(placed_.size(), -1);
    const Alignment alignment = choose_alignment(body);
    assign(body, alignment, group);
    return drafts(body, group);
  }

 private:
  const TextLine& line(std::size_t k) const { return *lines_[block_.first + k].line; }
  double pitch() const {
    std::vector<double> steps;
    for (std::size_t i = keys_.front() + 1; i < placed_.size(); ++i)
      steps.push_back(line(i).box.y0 - line(i - 1).box.y0);
    if (steps.empty()) return std::max(1.0, line(keys_.front()).box.height());
    std::nth_element(steps.begin(), steps.begin() + static_cast<long>(steps.size() / 2),
                     steps.end());
    return std::max(1.0, steps[steps.size() / 2]);
  }
  bool label_line(std::size_t k) const { return words_in(placed_[k], 0); }

  // The first line after the header: after the widest gap above the first key when that gap is
  // clearly wider than the line pitch, else the first key.
  std::size_t body_start() const {
    const std::size_t first = keys_.front();
    std::size_t widest = first;
    double widest_gap = 0;
    for (std::size_t k = 1; k <= first; ++k) {
      const double gap = line(k).box.y0 - line(k - 1).box.y1;
      if (gap >= widest_gap) widest_gap = gap, widest = k;
    }
    if (widest == first || widest_gap < 0.3 * pitch()) return first;
    for (std::size_t k = widest; k < first; ++k)
      if (label_line(k)) return first;  // a header line naming the key column, not a record's
    return widest;
  }

  // Lines of wrapped text break where the next word would not fit: a run of lines between two
  // keys that carried on the upper key's line where its next word would have fitted (the
  // column is at least as wide as its widest line) speaks against cells aligned to the top; a
  // run whose last line would have taken the lower key line's first word, against cells at the
  // foot.
  void count_misfits(std::size_t from, std::size_t to, int& against_top, int& against_foot) const {
    for (std::size_t c = 1; c < cols_; ++c) {
      const Piece* above_run = piece(from - 1, c);
      const Piece* run_first = nullptr;
      const Piece* run_last = nullptr;
      for (std::size_t k = from; k < to; ++k)
        if (const Piece* p = piece(k, c)) {
          if (run_first == nullptr) run_first = p;
          run_last = p;
        }
      const Piece* below_run = to < placed_.size() ? piece(to, c) : nullptr;
      if (run_first == nullptr) continue;
      const double width = column_width(c);
      if (above_run != nullptr && !breaks_before(*above_run, *run_first, width)) ++against_top;
      if (below_run != nullptr && !breaks_before(*run_last, *below_run, width)) ++against_foot;
    }
  }
  const Piece* piece(std::size_t k, std::size_t c) const {
    for (const Piece& p : placed_[k])
      if (static_cast<std::size_t>(p.col) == c) return &p;
    return nullptr;
  }
  double column_width(std::size_t c) const {
    double widest = 0;
    for (const std::vector<Piece>& pieces : placed_)
      for (const Piece& p : pieces)
        if (static_cast<std::size_t>(p.col) == c && p.col_span == 1)
          widest = std::max(widest, p.box.width());
    return widest;
  }
  static bool breaks_before(const Piece& line, const Piece& next, double width) {
    const Word& word = next.words.front();
    const double space = 0.25 * std::max(1.0, word.font_size);
    return line.box.width() + space + word.box.width() > width + 0.5;
  }

  Alignment choose_alignment(std::size_t body) const {
    const bool before_first = keys_.front() > body;
    const bool after_last = keys_.back() + 1 < placed_.size();
    if (before_first && after_last) return Alignment::centre;
    int against_top = 0, against_foot = 0;
    for (std::size_t i = 0; i + 1 < keys_.size(); ++i)
      if (keys_[i + 1] > keys_[i] + 1)
        count_misfits(keys_[i] + 1, keys_[i + 1], against_top, against_foot);
    if (before_first) return against_top < against_foot ? Alignment::top : Alignment::bottom;
    return against_foot < against_top ? Alignment::bottom : Alignment::top;
  }

  void assign(std::size_t body, Alignment alignment, std::vector<int>& group) const {
    const double slack = 0.25 * pitch();
    for (std::size_t i = 0; i < keys_.size(); ++i) group[keys_[i]] = static_cast<int>(i);
    const int last = static_cast<int>(keys_.size()) - 1;
    for (std::size_t k = body; k < keys_.front(); ++k) group[k] = 0;
    for (std::size_t k = keys_.back() + 1; k < placed_.size(); ++k) group[k] = last;
    double top = line(body < keys_.front() ? body : keys_.front()).box.y0;
    for (std::size_t i = 0; i + 1 < keys_.size(); ++i) {
      const TextLine& key = line(keys_[i]);
      const double foot = 2 * key.box.centre_y() - top;  // a centred record's foot
      double next_top = line(keys_[i + 1]).box.y0;
      bool next_started = false;
      for (std::size_t k = keys_[i] + 1; k < keys_[i + 1]; ++k) {
        bool own = alignment == Alignment::top;
        if (alignment == Alignment::centre) own = line(k).box.centre_y() <= foot + slack;
        own = own && !next_started;
        group[k] = static_cast<int>(own ? i : i + 1);
        if (!own && !next_started) next_top = line(k).box.y0;
        next_started = next_started || !own;
      }
      top = next_top;
    }
    // Section labels, cells spanning columns (a header between two tables) and lines that would
    // carry on the record above across a wide gap stand alone.
    for (std::size_t k = body; k < placed_.size(); ++k) {
      if (group[k] < 0 || figure_in(placed_[k], 0)) continue;
      const bool spanning = std::any_of(placed_[k].begin(), placed_[k].end(),
                                        [](const Piece& p) { return p.col_span > 1; });
      const bool apart = k > body && group[k] == group[k - 1] &&
                         line(k).box.y0 - line(k - 1).box.y0 > 1.6 * pitch();
      if (label_line(k) || spanning || apart) group[k] = -2;
    }
  }

  std::vector<RowDraft> drafts(std::size_t body, const std::vector<int>& group) const {
    std::vector<RowDraft> rows;
    // The header lines above the body: a row each, wrapped header cells joined.
    const std::vector<bool> none(cols_, false);
    const double height = typical_height(lines_, block_.first, block_.last + 1);
    for (std::size_t k = 0; k < body; ++k) {
      if (placed_[k].empty()) continue;
      if (rows.empty() || !continues_row(placed_[k], rows.back(), line(k), height, false, none))
        rows.push_back(new_row(cols_));
      add_pieces(rows.back(), placed_[k], line(k));
    }
    int open = -3;
    for (std::size_t k = body; k < placed_.size(); ++k) {
      if (placed_[k].empty()) continue;
      if (group[k] == -2 || group[k] != open) rows.push_back(new_row(cols_));
      open = group[k];
      add_pieces(rows.back(), placed_[k], line(k));
    }
    return rows;
  }

  const std::vector<LineChunks>& lines_;
  const Block& block_;
  const std::vector<std::vector<Piece>>& placed_;
  std::size_t cols_;
  std::vector<std::size_t> keys_;  // the lines with a figure in the key column
};

// A group header over the columns it names: on a header line above a line naming each column
// (one piece a column), a piece in one column right of the first stands centred over a run of
// named columns that holds no other piece of its line ("Revenue" over Plan, Paid and Left, with
// neither a rule nor a wider gap to mark the group). It spans the widest such run.
void widen_group_headers(std::vector<Piece>& line, const std::vector<Piece>& names,
                         std::size_t cols) {
  std::vector<const Piece*> name_of(cols, nullptr);
  for (const Piece& name : names)
    if (name.col_span == 1) name_of[static_cast<std::size_t>(name.col)] = &name;
  for (std::size_t i = 0; i < line.size(); ++i) {
    Piece& piece = line[i];
    if (piece.col == 0 || piece.col_span != 1) continue;
    const int lo = i > 0 ? line[i - 1].col + line[i - 1].col_span : 1;
    const int hi = i + 1 < line.size() ? line[i + 1].col - 1 : static_cast<int>(cols) - 1;
    const double size = std::max(1.0, piece.words.front().font_size);
    const double centre = piece.box.centre_x();
    int best_from = piece.col, best_to = piece.col;
    for (int a = std::max(1, lo); a <= piece.col; ++a) {
      for (int b = piece.col; b <= hi; ++b) {
        bool named = true;
        for (int c = a; c <= b; ++c) named = named && name_of[static_cast<std::size_t>(c)];
        if (!named || b - a <= best_to - best_from) continue;
        const double run_centre = (name_of[static_cast<std::size_t>(a)]->box.x0 +
                                   name_of[static_cast<std::size_t>(b)]->box.x1) /
                                  2;
        if (std::abs(run_centre - centre) > 0.6 * size) continue;
        best_from = a;
        best_to = b;
      }
    }
    piece.col = best_from;
    piece.col_span = best_to - best_from + 1;
  }
}

// Left-aligned group headers: on a header line above a line naming each column, two pieces or
// more right of the first column, each starting where its column's values start (the left of
// the widest figure), each followed by at least one more named column before the next ("Revenue"
// over Plan, Paid, Left; "Capital" over the next three). Each spans its columns up to the next.
// One such piece alone, or one over a single column, is the first line of its column's name.
void widen_left_aligned_groups(std::vector<Piece>& line, const std::vector<Piece>& names,
                               const std::vector<double>& column_left, std::size_t cols) {
  std::vector<bool> named(cols, false);
  for (const Piece& name : names)
    if (name.col_span == 1) named[static_cast<std::size_t>(name.col)] = true;
  std::vector<Piece*> groups;
  for (Piece& piece : line) {
    if (piece.col == 0) continue;
    if (piece.col_span != 1) return;
    groups.push_back(&piece);
  }
  if (groups.size() < 2) return;
  std::vector<int> ends;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const Piece& piece = *groups[i];
    const int end = i + 1 < groups.size() ? groups[i + 1]->col - 1 : static_cast<int>(cols) - 1;
    if (end <= piece.col) return;
    for (int c = piece.col; c <= end; ++c)
      if (!named[static_cast<std::size_t>(c)]) return;
    const double size = std::max(1.0, piece.words.front().font_size);
    if (std::abs(piece.box.x0 - column_left[static_cast<std::size_t>(piece.col)]) > 0.6 * size)
      return;
    ends.push_back(end);
  }
  for (std::size_t i = 0; i < groups.size(); ++i)
    groups[i]->col_span = ends[i] - groups[i]->col + 1;
}

// Group headers spanning their columns on the header lines (those before the first figure in an
// anchor column).
void widen_header_groups(std::vector<std::vector<Piece>>& placed, const std::vector<bool>& anchors,
                         std::size_t cols) {
  std::size_t body = 0;
  while (body < placed.size() &&
         !std::any_of(placed[body].begin(), placed[body].end(), [&](const Piece& piece) {
           return anchors[static_cast<std::size_t>(piece.col)] && numeric(piece_text(piece));
         }))
    ++body;
  if (body == placed.size()) return;
  // Where each column's values start, below the header lines.
  std::vector<double> column_left(cols, 1e9);
  for (std::size_t k = body; k < placed.size(); ++k)
    for (const Piece& piece : placed[k])
      if (piece.col_span == 1) {
        double& left = column_left[static_cast<std::size_t>(piece.col)];
        left = std::min(left, piece.box.x0);
      }
  for (std::size_t k = 0; k + 1 < body; ++k) {
    if (placed[k].size() >= placed[k + 1].size()) continue;
    widen_group_headers(placed[k], placed[k + 1], cols);
    widen_left_aligned_groups(placed[k], placed[k + 1], column_left, cols);
  }
}

// Rows from the block's lines in the given columns. After a repeated header (`header_closed`)
// the next line starts a row of its own.
std::vector<RowDraft> build_rows(const std::vector<LineChunks>& lines, const Block& block,
                                 const std::vector<double>& edges, bool header_closed) {
  const auto cols = edges.size() - 1;
  const double height = typical_height(lines, block.first, block.last + 1);
  const bool spaced = rows_spaced(lines, block, height);
  std::vector<std::vector<Piece>> placed;
  for (std::size_t k = block.first; k <= block.last; ++k)
    placed.push_back(place_line(lines[k], edges));
  const std::vector<bool> anchors = anchor_columns(placed, cols);
  if (!header_closed) widen_header_groups(placed, anchors, cols);
  if (!header_closed && anchors[0]) {
    KeyedRecords records(lines, block, placed, cols);
    if (std::optional<std::vector<RowDraft>> rows = records.rows()) return std::move(*rows);
  }
  // Header lines (those above the first figure in an anchor column) wrap as they will.
  const std::vector<bool> none(cols, false);
  bool in_body = false;
  std::vector<RowDraft> rows;
  for (std::size_t k = block.first; k <= block.last; ++k) {
    const std::vector<Piece>& pieces = placed[k - block.first];
    if (pieces.empty()) continue;
    in_body = in_body || std::any_of(pieces.begin(), pieces.end(), [&](const Piece& piece) {
                return anchors[static_cast<std::size_t>(piece.col)] && numeric(piece_text(piece));
              });
    const bool after_header = header_closed && rows.size() == 1 && k == block.first + 1;
    if (rows.empty() || after_header ||
        !continues_row(pieces, rows.back(), *lines[k].line, height, spaced,
                       in_body ? anchors : none))
      rows.push_back(new_row(cols));
    add_pieces(rows.back(), pieces, *lines[k].line);
  }
  return rows;
}

// A line of one piece just above the table that stands over its columns right of the first (a
// header spanning the columns it names, "Involvement of pupils in") is the table's first row.
void take_spanning_header(const std::vector<LineChunks>& lines, Block& block,
                          const std::vector<double>& edges, std::size_t floor) {
  if (block.first <= floor) return;
  const LineChunks& above = lines[block.first - 1];
  const TextLine& first = *lines[block.first].line;
  if (above.chunks.size() != 1 || above.prose) return;
  const Rect& box = above.line->box;
  const double height = std::max(1.0, std::min(box.height(), first.box.height()));
  if (first.box.y0 - box.y1 > 0.8 * height) return;
  if (box.x0 < edges[1] || box.x1 > edges.back() + height) return;
  if (column_of(edges, box.x0) == column_of(edges, box.x1)) return;  // over two columns or more
  --block.first;
}

bool is_currency_sign(const std::string& text) {
  return text == "$" || text == "\xC2\xA3" || text == "\xE2\x82\xAC" || text == "\xC2\xA5";
}

const Piece* piece_in(const std::vector<Piece>& pieces, std::size_t col) {
  for (const Piece& piece : pieces)
    if (static_cast<std::size_t>(piece.col) == col) return &piece;
  return nullptr;
}

// A currency sign printed apart from its amount, at the left of a money cell while the amount is
// right-aligned (accounting style: "$      71.15"), is part of the amount, not a column of its
// own: a column whose pieces, below any header lines, are all lone signs, each with a figure in
// the column to its right, is joined to that column, unless both columns have headers of their
// own ("Currency" and "Amount").
std::vector<double> join_sign_columns(const std::vector<LineChunks>& lines, const Block& block,
                                      std::vector<double> edges) {
  std::vector<std::vector<Piece>> placed;
  for (std::size_t k = block.first; k <= block.last; ++k)
    placed.push_back(place_line(lines[k], edges));
  // From the right, so that joining a column leaves the numbers of those left of it as they were.
  for (std::size_t col = edges.size() - 2; col-- > 0;) {
    int signs = 0;
    bool other = false;
    bool headed = false, amount_headed = false;  // above the first sign
    for (const auto& pieces : placed) {
      const Piece* here = piece_in(pieces, col);
      const Piece* amount = piece_in(pieces, col + 1);
      if (here == nullptr) {
        amount_headed = amount_headed || (signs == 0 && amount != nullptr);
        continue;
      }
      const bool sign = here->col_span == 1 && is_currency_sign(piece_text(*here)) &&
                        amount != nullptr && numeric(piece_text(*amount));
      if (sign) {
        ++signs;
      } else if (signs > 0) {
        other = true;  // text under the signs: a column of its own
        break;
      } else {
        headed = true;
        amount_headed = amount_headed || amount != nullptr;
      }
    }
    // A column headed apart from the amounts' ("Currency" beside "Amount") is one of its own.
    if (headed && amount_headed) other = true;
    if (!other && signs > 0) edges.erase(edges.begin() + static_cast<std::ptrdiff_t>(col) + 1);
  }
  return edges;
}

// Bullets down one side and text beside them: a list, not a table of two columns.
bool bulleted_list(const std::vector<RowDraft>& rows, int cols) {
  if (cols != 2) return false;
  int bullets = 0;
  for (const RowDraft& row : rows) {
    const std::vector<Word>& key = row.cell_words.front();
    if (key.empty()) continue;
    if (key.size() != 1 || !is_bullet(key.front().text)) return false;
    ++bullets;
  }
  return bullets >= 2;
}

// The table of the block; `floor` is the first line not taken by a table above.
std::optional<PageTable> build_table(const std::vector<LineChunks>& lines, Block& block,
                                     std::size_t floor, int page_number) {
  const std::vector<double> edges = join_sign_columns(lines, block, column_edges(lines, block));
  const int cols = static_cast<int>(edges.size()) - 1;
  if (cols < 2 || looks_like_prose(lines, block, cols)) return std::nullopt;
  take_spanning_header(lines, block, edges, floor);
  const std::vector<RowDraft> rows = build_rows(lines, block, edges, false);
  if (rows.size() < 2 || bulleted_list(rows, cols)) return std::nullopt;
  return make_table(rows, edges, page_number);
}

std::string without_spaces(const std::string& text) {
  std::string out;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  return out;
}

// The carried table goes on from the page's first line when that line is its header: down to
// a wide gap, running text, or a line outside its columns.
std::optional<Block> continued_block(const std::vector<LineChunks>& lines,
                                     const UnruledCarry& carry) {
  if (lines.empty() || without_spaces(line_text(*lines.front().line)) != carry.header)
    return std::nullopt;
  Block block{0, 0};
  const double left = carry.col_edges.front() - 20, right = carry.col_edges.back() + 20;
  for (std::size_t j = 1; j < lines.size(); ++j) {
    const TextLine& previous = *lines[j - 1].line;
    const TextLine& line = *lines[j].line;
    const double height = std::max(1.0, std::min(previous.box.height(), line.box.height()));
    if (line.box.y0 - previous.box.y1 > 2.0 * height || lines[j].prose) break;
    if (line.box.x0 < left || line.box.x1 > right) break;
    block.last = j;
  }
  return block;
}

}  // namespace

void find_unruled_tables(PageLayout& page, const UnruledCarry* carry) {
  std::vector<LineChunks> lines = chunk_lines(page.lines);
  std::vector<bool> taken(page.lines.size(), false);
  std::vector<PageTable> found;
  if (carry != nullptr) {
    if (const std::optional<Block> block = continued_block(lines, *carry)) {
      const std::vector<RowDraft> rows = build_rows(lines, *block, carry->col_edges, true);
      found.push_back(make_table(rows, carry->col_edges, page.number));
      for (std::size_t k = block->first; k <= block->last; ++k) taken[k] = true;
      lines.erase(lines.begin(), lines.begin() + static_cast<long>(block->last + 1));
    }
  }
  const std::size_t offset = page.lines.size() - lines.size();
  std::size_t floor = 0;
  for (Block& block : find_table_blocks(lines, page.width)) {
    std::optional<PageTable> table = build_table(lines, block, floor, page.number);
    if (!table) continue;
    floor = block.last + 1;
    for (std::size_t k = block.first; k <= block.last; ++k) taken[offset + k] = true;
    found.push_back(std::move(*table));
  }
  if (found.empty()) return;
  std::vector<TextLine> rest;
  for (std::size_t k = 0; k < page.lines.size(); ++k)
    if (!taken[k]) rest.push_back(std::move(page.lines[k]));
  page.lines = std::move(rest);
  page.tables.insert(page.tables.end(), std::make_move_iterator(found.begin()),
                     std::make_move_iterator(found.end()));
  std::sort(page.tables.begin(), page.tables.end(),
            [](const PageTable& a, const PageTable& b) { return a.box.y0 < b.box.y0; });
}

std::optional<UnruledCarry> unruled_carry(const PageLayout& page) {
  if (page.tables.empty()) return std::nullopt;
  const auto last =
      std::max_element(page.tables.begin(), page.tables.end(),
                       [](const PageTable& a, const PageTable& b) { return a.box.y1 < b.box.y1; });
  if (last->ruled || last->cells.empty()) return std::nullopt;
  for (const TextLine& line : page.lines)
    if (line.box.y0 >= last->box.y1 - 1) return std::nullopt;
  UnruledCarry carry;
  carry.col_edges = last->col_edges;
  for (const PageCell& cell : last->cells)
    if (cell.row == 0) carry.header += without_spaces(cell.text);
  if (carry.header.empty()) return std::nullopt;
  return carry;
}

}  // namespace trackport::pdf
