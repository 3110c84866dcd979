#include "importers/pdf/cross_page.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "importers/pdf/page_turn.hpp"
#include "importers/pdf/text_extraction.hpp"

namespace trackport::pdf {

namespace {

using Matrix = std::vector<std::vector<Cell>>;

// A point of the displayed page (top-left origin) in PDF points with the origin at the bottom
// left. On a page with /Rotate that is the bottom left of the page as displayed, as in the ICDAR
// 2013 ground truth; otherwise PDF user space (the crop box may not start at 0, 0).
std::pair<double, double> to_pdf_point(double x, double y, const PageLayout& page) {
  const double shown_height = page.turn % 2 == 1 ? page.width : page.height;
  if (page.rotation != 0) return {x, shown_height - y};
  return {page.crop.x0 + x, page.crop.y1 - y};
}

Box to_pdf_box(const Rect& turned_box, const PageLayout& page) {
  const bool quarter = page.turn % 2 == 1;
  const Rect r = unturned(turned_box, page.turn, quarter ? page.height : page.width,
                          quarter ? page.width : page.height);
  const auto [ax, ay] = to_pdf_point(r.x0, r.y0, page);
  const auto [bx, by] = to_pdf_point(r.x1, r.y1, page);
  return {std::min(ax, bx), std::min(ay, by), std::max(ax, bx), std::max(ay, by)};
}

// The page table as a full grid: every position holds a cell, merges stored at their top-left.
Matrix to_matrix(const PageTable& table, const PageLayout& page) {
  Matrix m(static_cast<std::size_t>(table.rows),
           std::vector<Cell>(static_cast<std::size_t>(table.cols)));
  for (const PageCell& pc : table.cells) {
    for (int r = pc.row; r < pc.row + pc.row_span && r < table.rows; ++r) {
      for (int c = pc.col; c < pc.col + pc.col_span && c < table.cols; ++c) {
        Cell& cell = m[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
        cell.covered = r != pc.row || c != pc.col;
        cell.origin_row = cell.covered ? pc.row : -1;
        cell.origin_col = cell.covered ? pc.col : -1;
      }
    }
    Cell& top_left = m[static_cast<std::size_t>(pc.row)][static_cast<std::size_t>(pc.col)];
    top_left.text = pc.text;
    top_left.fill = pc.fill;
    top_left.font = pc.font;
    top_left.row_span = pc.row_span;
    top_left.col_span = pc.col_span;
    top_left.bbox = to_pdf_box(pc.box, page);
  }
  return m;
}

// Removes row 0 of the matrix; a merge that started there moves down to row 1.
void drop_first_row(Matrix& m) {
  if (m.empty()) return;
  if (m.size() > 1) {
    for (std::size_t c = 0; c < m[0].size(); ++c) {
      Cell& cell = m[0][c];
      if (cell.covered || cell.row_span < 2) continue;
      Cell moved = cell;
      moved.row_span -= 1;
      moved.text.clear();
      for (std::size_t r = 1; r < m.size(); ++r)
        for (Cell& other : m[r])
          if (other.covered && other.origin_row == 0 && other.origin_col == static_cast<int>(c))
            other.origin_row = 1;
      m[1][c] = moved;
    }
  }
  m.erase(m.begin());
  for (auto& row : m)
    for (Cell& cell : row)
      if (cell.covered) cell.origin_row -= 1;
}

std::string normalised(const std::string& text) {
  std::string out;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  return out;
}

// The top-left cell owning (row, col) of the joined table.
Cell& owner(Table& table, std::size_t row, std::size_t col) {
  Cell* cell = &table.rows[row][col];
  if (cell->covered && cell->origin_row >= 0 && cell->origin_col >= 0)
    cell = &table.rows[static_cast<std::size_t>(cell->origin_row)]
                      [static_cast<std::size_t>(cell->origin_col)];
  return *cell;
}

bool rows_equal(const Table& table, std::size_t row, const Matrix& m, std::size_t m_row) {
  if (row >= table.rows.size() || m_row >= m.size()) return false;
  bool any = false;
  for (std::size_t c = 0; c < m[m_row].size(); ++c) {
    const std::string& a = table.text_at(row, c);
    const Cell& b = m[m_row][c];
    const std::string& b_text =
        b.covered
            ? m[static_cast<std::size_t>(b.origin_row)][static_cast<std::size_t>(b.origin_col)].text
            : b.text;
    if (normalised(a) != normalised(b_text)) return false;
    any = any || !a.empty();
  }
  return any;
}

bool starts_lower(const std::string& text) {
  return !text.empty() && std::islower(static_cast<unsigned char>(text.front()));
}

// A cell merged down the last rows of the page before whose text the break cut: the cell at the
// top of the continuation in its column goes on in lower case. Its text joins the merged cell's
// (the cell, now empty, then continues the merge).
void join_cut_merged_text(Table& table, Matrix& m) {
  if (m.empty() || table.rows.empty()) return;
  const std::size_t last = table.rows.size() - 1;
  for (std::size_t c = 0; c < m[0].size(); ++c) {
    Cell& top = m[0][c];
    if (top.covered || !starts_lower(top.text)) continue;
    const Cell& last_cell = table.rows[last][c];
    const int above_col = last_cell.covered ? last_cell.origin_col : static_cast<int>(c);
    Cell& above = owner(table, last, c);
    if (above_col != static_cast<int>(c) || above.row_span < 2 || above.col_span != top.col_span ||
        above.text.empty())
      continue;
    if (!broken_after_hyphen(above.text, top.text)) above.text += ' ';
    above.text += top.text;
    top.text.clear();
  }
}

// A row cut by the page break: its key (first) column is empty and it only carries on cells
// that the last row had, not all of them (the long ones; the others ended on the page before):
// at most 80%. A new row under a merged key cell fills (nearly) all of its cells.
bool is_cut_row(Table& table, const Matrix& m) {
  if (m.empty() || table.rows.empty()) return false;
  const std::size_t last = table.rows.size() - 1;
  const auto& row = m[0];
  if (row.empty() || row[0].covered || !row[0].text.empty()) return false;
  int carried_on = 0, had = 0;
  for (std::size_t c = 0; c < row.size(); ++c) {
    if (row[c].covered) continue;
    const Cell& above = owner(table, last, c);
    const bool before = !above.text.empty() || above.fill.has_value();
    const bool now = !row[c].text.empty();
    if (now && !before) return false;
    carried_on += now ? 1 : 0;
    had += (c == 0 || !before) ? 0 : 1;  // the key cannot carry on
  }
  return carried_on > 0 && 10 * carried_on <= 8 * had;
}

// Joins the continuation row to the table's last row. Returns the columns whose cell was merged
// down from the cut row into the following rows: those merges continue the last row's cells.
std::vector<bool> join_cut_row(Table& table, Matrix& m, int page) {
  const std::size_t last = table.rows.size() - 1;
  std::vector<bool> merged_on(m[0].size(), false);
  for (std::size_t c = 0; c < m[0].size(); ++c)
    merged_on[c] = !m[0][c].covered && m[0][c].row_span > 1;
  for (std::size_t c = 0; c < m[0].size(); ++c) {
    Cell& piece = m[0][c];
    if (piece.covered || piece.text.empty()) continue;
    Cell& target = owner(table, last, c);
    if (piece.text.rfind("\u2022", 0) == 0)
      target.text += '\n';
    else if (!target.text.empty() && !broken_after_hyphen(target.text, piece.text))
      target.text += ' ';
    target.text += piece.text;
    piece.text.clear();
  }
  RowOrigin& origin = table.row_origins[last];
  const auto dash = origin.page.find('-');
  origin.page = (dash == std::string::npos ? origin.page : origin.page.substr(0, dash)) + "-" +
                std::to_string(page);
  drop_first_row(m);
  return merged_on;
}

// Empty cells at the top of the continuation that sit under a vertical merge become part of it:
// when the cell above is merged over rows already, the empty one is, or it was merged down from
// the cut row (`merged_on`).
void continue_merges(Table& table, Matrix& m, const std::vector<bool>& merged_on) {
  if (m.empty() || table.rows.empty()) return;
  const std::size_t last = table.rows.size() - 1, base = table.rows.size();
  for (std::size_t c = 0; c < m[0].size(); ++c) {
    Cell& top = m[0][c];
    if (top.covered || !top.text.empty()) continue;
    Cell& above = owner(table, last, c);
    const Cell& last_cell = table.rows[last][c];
    const int above_row = last_cell.covered ? last_cell.origin_row : static_cast<int>(last);
    const int above_col = last_cell.covered ? last_cell.origin_col : static_cast<int>(c);
    if (above.text.empty() || above_col != static_cast<int>(c) || above.col_span != top.col_span)
      continue;
    const bool merged_down = c < merged_on.size() && merged_on[c];
    if (above.row_span < 2 && top.row_span < 2 && !merged_down) continue;
    const int span = top.row_span;
    above.row_span += span;
    for (int r = 0; r < span && static_cast<std::size_t>(r) < m.size(); ++r) {
      for (int k = 0; k < top.col_span; ++k) {
        Cell& cell = m[static_cast<std::size_t>(r)][c + static_cast<std::size_t>(k)];
        cell = Cell{};
        cell.covered = true;
        // Stored relative to the matrix; append() rebases them, so pre-subtract the offset.
        cell.origin_row = above_row - static_cast<int>(base);
        cell.origin_col = above_col;
      }
    }
  }
}

void append(Table& table, Matrix& m, int page) {
  const int base = static_cast<int>(table.rows.size());
  for (auto& row : m) {
    for (Cell& cell : row)
      if (cell.covered) cell.origin_row += base;
    RowOrigin origin;
    origin.number = static_cast<int>(table.rows.size()) + 1;
    origin.page = std::to_string(page);
    table.add_row(std::move(row), origin);
  }
}

bool same_columns(const std::vector<double>& a, const std::vector<double>& b, bool ruled) {
  if (a.size() != b.size() || a.size() < 2) return false;
  const double tolerance = ruled ? 4.0 : 12.0;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::abs(a[i] - b[i]) > tolerance) return false;
  return true;
}

// Nothing but furniture between the table and the page's top (or bottom) edge.
bool first_on_page(const PageLayout& page, const PageTable& table) {
  if (!table.headings.empty()) return false;
  for (const TextLine& line : page.lines)
    if (line.box.y1 <= table.box.y0 + 1) return false;
  for (const PageTable& other : page.tables)
    if (&other != &table && other.box.y1 <= table.box.y0 + 1) return false;
  return true;
}

bool last_on_page(const PageLayout& page, const PageTable& table) {
  for (const TextLine& line : page.lines)
    if (line.box.y0 >= table.box.y1 - 1) return false;
  for (const PageTable& other : page.tables)
    if (&other != &table && other.box.y0 >= table.box.y1 - 1) return false;
  return true;
}

struct Open {
  Table table;
  const PageLayout* last_page = nullptr;
  const PageTable* last_part = nullptr;
  int first_page = 0;
};

bool continues(const Open& open, const PageLayout& page, const PageTable& part) {
  return open.last_page != nullptr && page.number == open.last_page->number + 1 &&
         open.last_part->ruled == part.ruled &&
         same_columns(open.last_part->col_edges, part.col_edges, part.ruled) &&
         last_on_page(*open.last_page, *open.last_part) && first_on_page(page, part);
}

void add_continuation(Open& open, const PageLayout& page, const PageTable& part) {
  Table& table = open.table;
  Matrix m = to_matrix(part, page);
  // The header printed again at the top of the page, one or more rows. They are compared before
  // any is dropped: a cell merged down the header rows reads the same in each of them only then.
  std::size_t header = 0;
  while (header < m.size() && header + 1 < table.rows.size() &&
         rows_equal(table, header, m, header)) {
    table.row_origins[header].header_marked = true;
    ++header;
  }
  for (std::size_t i = 0; i < header; ++i) drop_first_row(m);
  join_cut_merged_text(table, m);
  std::vector<bool> merged_on;
  if (is_cut_row(table, m)) merged_on = join_cut_row(table, m, page.number);
  continue_merges(table, m, merged_on);
  append(table, m, page.number);
  open.last_page = &page;
  open.last_part = &part;
  table.pages = std::to_string(open.first_page) + "-" + std::to_string(page.number);
}

Open start_table(const PageLayout& page, const PageTable& part) {
  Open open;
  open.first_page = page.number;
  open.last_page = &page;
  open.last_part = &part;
  Table& table = open.table;
  table.addressing = Addressing::page;
  table.headings = part.headings;
  table.bbox = to_pdf_box(part.box, page);
  table.pages = std::to_string(page.number);
  Matrix m = to_matrix(part, page);
  append(table, m, page.number);
  for (int c = 1; c <= part.cols; ++c) table.column_numbers.push_back(c);
  return open;
}

}  // namespace

std::vector<Table> join_tables(const std::vector<PageLayout>& pages) {
  std::vector<Table> tables;
  Open open;
  bool have_open = false;
  for (const PageLayout& page : pages) {
    for (const PageTable& part : page.tables) {
      if (have_open && continues(open, page, part)) {
        add_continuation(open, page, part);
        continue;
      }
      if (have_open) tables.push_back(std::move(open.table));
      open = start_table(page, part);
      have_open = true;
    }
  }
  if (have_open) tables.push_back(std::move(open.table));
  for (std::size_t i = 0; i < tables.size(); ++i) tables[i].index = static_cast<int>(i) + 1;
  return tables;
}

}  // namespace trackport::pdf
