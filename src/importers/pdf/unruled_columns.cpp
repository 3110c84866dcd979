#include "importers/pdf/unruled_columns.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

namespace trackport::pdf {

namespace {

constexpr double kColumnGap = 0.65;  // in font sizes: a wider gap between words separates columns

// Two or three columns of running text side by side: every chunk is a run of many words.
bool is_prose(const std::vector<Chunk>& chunks) {
  if (chunks.size() < 2 || chunks.size() > 3) return false;
  return std::all_of(chunks.begin(), chunks.end(),
                     [](const Chunk& chunk) { return chunk.words.size() >= 5; });
}

std::vector<Chunk> split_into_chunks(const TextLine& line) {
  std::vector<Chunk> chunks;
  for (const Word& word : line.words) {
    const double size = std::max(1.0, word.font_size);
    if (chunks.empty() || word.box.x0 - chunks.back().box.x1 > kColumnGap * size) {
      chunks.push_back(Chunk{{&word}, word.box});
    } else {
      chunks.back().words.push_back(&word);
      chunks.back().box.extend(word.box);
    }
  }
  return chunks;
}

// The last row's wrapped cell runs on below the last line with several chunks: lines just below
// that start right of the key column belong to the table.
void extend_with_wrapped_lines(const std::vector<LineChunks>& lines, Block& block) {
  const double key_right = lines[block.first].chunks.front().box.x1;
  while (block.last + 1 < lines.size()) {
    const LineChunks& next = lines[block.last + 1];
    const TextLine& previous = *lines[block.last].line;
    const double height = std::max(1.0, previous.box.height());
    if (next.tabular() || next.prose || next.chunks.empty()) break;
    if (next.line->box.y0 - previous.box.y1 > 0.6 * height) break;
    if (next.line->box.x0 <= key_right) break;
    ++block.last;
  }
}

std::vector<Block> find_blocks(const std::vector<LineChunks>& lines, double page_width) {
  std::vector<Block> blocks;
  std::size_t i = 0;
  while (i < lines.size()) {
    if (!lines[i].tabular()) {
      ++i;
      continue;
    }
    Block block{i, i};
    std::size_t j = i + 1;
    for (; j < lines.size(); ++j) {
      const TextLine& previous = *lines[j - 1].line;
      const TextLine& line = *lines[j].line;
      const double height = std::max(1.0, std::min(previous.box.height(), line.box.height()));
      if (line.box.y0 - previous.box.y1 > 2.0 * height) break;
      if (lines[j].prose || (!lines[j].tabular() && line.box.width() > 0.45 * page_width)) break;
      if (lines[j].tabular()) block.last = j;
    }
    extend_with_wrapped_lines(lines, block);
    int tabular = 0;
    for (std::size_t k = block.first; k <= block.last; ++k) tabular += lines[k].tabular() ? 1 : 0;
    if (tabular >= 2) blocks.push_back(block);
    i = block.last + 1;
  }
  return blocks;
}

bool is_figure(const std::string& text) {
  int digits = 0, letters = 0;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    digits += std::isdigit(byte) ? 1 : 0;
    letters += std::isalpha(byte) ? 1 : 0;
  }
  return digits > 0 && digits >= letters;
}

bool has_alphanumeric(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

// The header lines at the top of a block: lines of words before the first line of half or more
// figures, a third of the lines at most. A header cell may span the columns below it, but the
// last header line names each column: it crosses no column gap.
std::size_t header_rows(const std::vector<std::vector<const Word*>>& rows) {
  std::size_t head = 0;
  while (head < rows.size() && head * 3 < rows.size()) {
    const auto figures = std::count_if(rows[head].begin(), rows[head].end(),
                                       [](const Word* w) { return is_figure(w->text); });
    if (figures * 2 >= static_cast<long>(rows[head].size())) break;
    ++head;
  }
  return head == rows.size() ? 0 : head;
}

}  // namespace

std::vector<double> aligned_gaps(const std::vector<std::vector<const Word*>>& rows, double left,
                                 double right) {
  const std::size_t head = header_rows(rows);
  if (rows.size() < head + 4) return {};
  const int origin = static_cast<int>(std::floor(left));
  const int width = static_cast<int>(std::ceil(right)) - origin + 1;
  if (width < 4) return {};
  std::vector<bool> covered(static_cast<std::size_t>(width), false);
  for (std::size_t r = head; r < rows.size(); ++r)
    for (const Word* w : rows[r]) {
      const int a = std::max(0, static_cast<int>(std::floor(w->box.x0)) - origin);
      const int b = std::min(width - 1, static_cast<int>(std::ceil(w->box.x1)) - origin);
      for (int x = a; x <= b; ++x) covered[static_cast<std::size_t>(x)] = true;
    }
  const auto on_both_sides = [](const std::vector<const Word*>& row, double at) {
    return std::any_of(row.begin(), row.end(), [&](const Word* w) { return w->box.x1 < at; }) &&
           std::any_of(row.begin(), row.end(), [&](const Word* w) { return w->box.x0 > at; });
  };
  // Figures beside the gap, as in columns of figures set close: on both sides, or on one side
  // with the gap wider than the font size (a label column beside figures). Words one space
  // apart on every line ("AA1 Abbey North", "12 May 2025") are one cell's text.
  const auto figures_beside = [](const std::vector<const Word*>& row, double at) {
    const Word* before = nullptr;
    const Word* after = nullptr;
    for (const Word* w : row) {
      if (!has_alphanumeric(w->text)) continue;  // dot leaders
      if (w->box.x1 < at && (before == nullptr || w->box.x1 > before->box.x1)) before = w;
      if (w->box.x0 > at && (after == nullptr || w->box.x0 < after->box.x0)) after = w;
    }
    return (before != nullptr && is_figure(before->text) ? 1 : 0) +
           (after != nullptr && is_figure(after->text) ? 1 : 0);
  };
  std::vector<double> sizes;
  for (std::size_t r = head; r < rows.size(); ++r)
    for (const Word* w : rows[r]) sizes.push_back(w->font_size);
  std::nth_element(sizes.begin(), sizes.begin() + static_cast<long>(sizes.size() / 2), sizes.end());
  const double size = std::max(1.0, sizes[sizes.size() / 2]);
  std::vector<double> candidates;
  int run_start = -1;
  for (int x = 0; x < width; ++x) {
    if (!covered[static_cast<std::size_t>(x)]) {
      if (run_start < 0) run_start = x;
      continue;
    }
    if (run_start > 0 && x - run_start >= 2) {
      const double at = origin + (run_start + x) / 2.0;
      const auto both_sides =
          std::count_if(rows.begin() + static_cast<long>(head), rows.end(),
                        [&](const auto& row) { return on_both_sides(row, at); });
      const int needed = x - run_start >= size ? 1 : 2;
      const auto figures =
          std::count_if(rows.begin() + static_cast<long>(head), rows.end(),
                        [&](const auto& row) { return figures_beside(row, at) >= needed; });
      if (both_sides * 10 >= static_cast<long>(rows.size() - head) * 9 && figures * 2 >= both_sides)
        candidates.push_back(at);
    }
    run_start = -1;
  }
  // A header word crossing the line (a group header over both columns) is fine where that
  // header line or one below names the columns on both sides, each by a word centred on its
  // side (between the neighbouring lines); else the line would cut through one column's header.
  const auto names_both = [](const std::vector<const Word*>& row, double at, double lo, double hi) {
    bool before = false, after = false;
    for (const Word* w : row) {
      const double c = w->box.centre_x();
      before = before || (c > lo && c < at);
      after = after || (c > at && c < hi);
    }
    return before && after;
  };
  std::vector<double> gaps;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const double at = candidates[i];
    const double lo = i > 0 ? candidates[i - 1] : left;
    const double hi = i + 1 < candidates.size() ? candidates[i + 1] : right;
    bool agree = true;
    for (std::size_t r = 0; r < head && agree; ++r) {
      const bool crossed = std::any_of(rows[r].begin(), rows[r].end(), [&](const Word* w) {
        return w->box.x0 < at && w->box.x1 > at;
      });
      if (!crossed) continue;
      bool named = false;
      for (std::size_t k = r; k < head && !named; ++k) named = names_both(rows[k], at, lo, hi);
      agree = named;
    }
    if (agree) gaps.push_back(at);
  }
  return gaps;
}

namespace {

// Inside a column found from the chunks, the aligned gaps of the block's tabular lines.
std::vector<double> aligned_word_gaps(const std::vector<LineChunks>& lines, const Block& block,
                                      double left, double right) {
  std::vector<std::vector<const Word*>> rows;
  for (std::size_t k = block.first; k <= block.last; ++k) {
    if (!lines[k].tabular()) continue;
    std::vector<const Word*> here;
    for (const Chunk& chunk : lines[k].chunks)
      for (const Word* w : chunk.words)
        if (w->box.centre_x() > left && w->box.centre_x() < right) here.push_back(w);
    if (!here.empty()) rows.push_back(std::move(here));
  }
  return aligned_gaps(rows, left, right);
}

// Column separators: x ranges that (almost) no chunk of the block's multi-chunk lines covers.
std::vector<double> edges_within(const std::vector<LineChunks>& lines, const Block& block,
                                 const Rect& box) {
  const int origin = static_cast<int>(std::floor(box.x0));
  const int width = static_cast<int>(std::ceil(box.x1)) - origin + 1;
  std::vector<int> cover(static_cast<std::size_t>(std::max(width, 1)), 0);
  int tabular = 0;
  for (std::size_t k = block.first; k <= block.last; ++k) {
    if (!lines[k].tabular()) continue;
    ++tabular;
    for (const Chunk& chunk : lines[k].chunks) {
      const int a = std::max(0, static_cast<int>(std::floor(chunk.box.x0)) - origin);
      const int b = std::min(width - 1, static_cast<int>(std::ceil(chunk.box.x1)) - origin);
      for (int x = a; x <= b; ++x) ++cover[static_cast<std::size_t>(x)];
    }
  }
  // A header cell spanning several columns crosses their gap in a line or two.
  const int allowance = tabular / 10;
  std::vector<double> edges{box.x0};
  int run_start = -1;
  for (int x = 0; x < width; ++x) {
    const bool open = cover[static_cast<std::size_t>(x)] <= allowance;
    if (open && run_start < 0) run_start = x;
    if ((!open || x == width - 1) && run_start >= 0) {
      if (run_start > 0 && !open) edges.push_back(origin + (run_start + x) / 2.0);
      run_start = -1;
    }
  }
  edges.push_back(box.x1);
  std::vector<double> refined{edges.front()};
  for (std::size_t c = 0; c + 1 < edges.size(); ++c) {
    for (double gap : aligned_word_gaps(lines, block, edges[c], edges[c + 1]))
      refined.push_back(gap);
    refined.push_back(edges[c + 1]);
  }
  return refined;
}

Rect block_box(const std::vector<LineChunks>& lines, const Block& block) {
  Rect box = lines[block.first].line->box;
  for (std::size_t k = block.first; k <= block.last; ++k) box.extend(lines[k].line->box);
  return box;
}

// Most inner column lines of `b` are inner column lines of `a` too.
bool same_columns(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() < 3 || b.size() < 3) return false;
  std::size_t matched = 0;
  for (std::size_t i = 1; i + 1 < b.size(); ++i)
    for (std::size_t j = 1; j + 1 < a.size(); ++j)
      if (std::abs(a[j] - b[i]) <= 5) {
        ++matched;
        break;
      }
  return matched * 10 >= std::max(a.size(), b.size()) * 7 - 14;
}

// Blocks of one table split by a section label ("Male", "Female") or a blank line: close
// together, only short lines between them, and the same columns.
std::vector<Block> join_sections(const std::vector<LineChunks>& lines, std::vector<Block> blocks,
                                 double page_width) {
  std::vector<Block> joined;
  for (const Block& block : blocks) {
    if (!joined.empty()) {
      Block& previous = joined.back();
      const double height = typical_height(lines, previous.first, previous.last + 1);
      const double gap = lines[block.first].line->box.y0 - lines[previous.last].line->box.y1;
      bool labels_only = block.first - previous.last <= 4;
      for (std::size_t k = previous.last + 1; k < block.first && labels_only; ++k)
        labels_only = !lines[k].prose && lines[k].line->box.width() < 0.35 * page_width;
      // A blank line above and below each label, as typeset tables have.
      const auto labels = static_cast<double>(block.first - previous.last - 1);
      if (labels_only && gap <= (4 + 2 * labels) * height &&
          same_columns(edges_within(lines, previous, block_box(lines, previous)),
                       edges_within(lines, block, block_box(lines, block)))) {
        previous.last = block.last;
        continue;
      }
    }
    joined.push_back(block);
  }
  return joined;
}

}  // namespace

std::vector<LineChunks> chunk_lines(const std::vector<TextLine>& text_lines) {
  std::vector<LineChunks> lines;
  lines.reserve(text_lines.size());
  for (const TextLine& line : text_lines) {
    LineChunks chunks{&line, split_into_chunks(line)};
    chunks.prose = is_prose(chunks.chunks);
    lines.push_back(std::move(chunks));
  }
  return lines;
}

std::vector<Block> find_table_blocks(const std::vector<LineChunks>& lines, double page_width) {
  return join_sections(lines, find_blocks(lines, page_width), page_width);
}

std::vector<double> column_edges(const std::vector<LineChunks>& lines, const Block& block) {
  return edges_within(lines, block, block_box(lines, block));
}

bool looks_like_prose(const std::vector<LineChunks>& lines, const Block& block, int cols) {
  int chunks = 0, words = 0;
  for (std::size_t k = block.first; k <= block.last; ++k)
    for (const Chunk& chunk : lines[k].chunks) {
      ++chunks;
      words += static_cast<int>(chunk.words.size());
    }
  return cols <= 3 && chunks > 0 && words > 6 * chunks;
}

double typical_height(const std::vector<LineChunks>& lines, std::size_t from, std::size_t to) {
  std::vector<double> heights;
  for (std::size_t i = from; i < to; ++i) heights.push_back(lines[i].line->box.height());
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2),
                   heights.end());
  return heights[heights.size() / 2];
}

}  // namespace trackport::pdf
