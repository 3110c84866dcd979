#include "grid/sheet_tables.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "grid/sheet_rows.hpp"
#include "io/input.hpp"

namespace trackport {

namespace {

constexpr int kMaxColumn = 16384;  // XFD
constexpr int kMaxRow = 1048576;

using Interval = std::pair<int, int>;  // inclusive row range

const SheetRow* find_row(const std::vector<SheetRow>& rows, int number) {
  auto it = std::lower_bound(rows.begin(), rows.end(), number,
                             [](const SheetRow& row, int n) { return row.number < n; });
  return it != rows.end() && it->number == number ? &*it : nullptr;
}

const Cell* find_cell(const SheetRow& row, int column) {
  auto it = std::lower_bound(row.columns.begin(), row.columns.end(), column);
  if (it == row.columns.end() || *it != column) return nullptr;
  return &row.cells[static_cast<std::size_t>(it - row.columns.begin())];
}

bool merge_has_text(const std::vector<SheetRow>& rows, const SheetMerge& merge) {
  const SheetRow* row = find_row(rows, merge.first_row);
  const Cell* cell = row ? find_cell(*row, merge.first_column) : nullptr;
  return cell && !cell->text.empty();
}

// Rows that a vertical merge with text passes through below its first row: not blank, so a
// theme merged over several rows never splits a table.
std::vector<Interval> rows_carried_by_merges(const Sheet& sheet) {
  std::vector<Interval> intervals;
  for (const SheetMerge& merge : sheet.merges) {
    if (merge.last_row > merge.first_row && merge_has_text(sheet.rows, merge)) {
      intervals.emplace_back(merge.first_row + 1, merge.last_row);
    }
  }
  std::sort(intervals.begin(), intervals.end());
  std::vector<Interval> merged;
  for (const Interval& interval : intervals) {
    if (!merged.empty() && interval.first <= merged.back().second + 1) {
      merged.back().second = std::max(merged.back().second, interval.second);
    } else {
      merged.push_back(interval);
    }
  }
  return merged;
}

bool is_hidden(const std::vector<int>& hidden_rows, int row) {
  return std::binary_search(hidden_rows.begin(), hidden_rows.end(), row);
}

// True when some row strictly between `above` and `below` is blank: visible, without text and
// not carried by a merge.
bool blank_row_between(int above, int below, const std::vector<int>& hidden_rows,
                       const std::vector<Interval>& carried) {
  for (int row = above + 1; row < below; ++row) {
    if (is_hidden(hidden_rows, row)) continue;
    auto it = std::upper_bound(carried.begin(), carried.end(), Interval{row, kMaxRow + 1});
    if (it != carried.begin() && std::prev(it)->second >= row) {
      row = std::prev(it)->second;  // skip the whole carried run
      continue;
    }
    return true;
  }
  return false;
}

struct Block {
  int first_row = 0;
  int last_row = 0;
};

std::vector<Block> find_blocks(const Sheet& sheet) {
  std::vector<Interval> carried = rows_carried_by_merges(sheet);
  std::vector<Block> blocks;
  for (const SheetRow& row : sheet.rows) {
    if (!detail::has_text(row)) continue;
    if (blocks.empty() ||
        blank_row_between(blocks.back().last_row, row.number, sheet.hidden_rows, carried)) {
      blocks.push_back({row.number, row.number});
    } else {
      blocks.back().last_row = row.number;
    }
  }
  return blocks;
}

std::size_t index_of(const std::vector<int>& sorted, int value) {
  return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), value) -
                                  sorted.begin());
}

bool contains(const std::vector<int>& sorted, int value) {
  return std::binary_search(sorted.begin(), sorted.end(), value);
}

// The merges whose top-left cell lies in the block, on a row and column the table keeps.
void apply_merges(const std::vector<SheetMerge>& merges, const std::vector<int>& row_numbers,
                  const std::vector<int>& columns, Table& table, std::size_t& work_budget) {
  for (const SheetMerge& merge : merges) {
    if (!contains(row_numbers, merge.first_row) || !contains(columns, merge.first_column)) continue;
    std::size_t r0 = index_of(row_numbers, merge.first_row);
    std::size_t r1 = index_of(row_numbers, merge.last_row + 1);  // one past
    std::size_t c0 = index_of(columns, merge.first_column);
    std::size_t c1 = index_of(columns, merge.last_column + 1);
    std::size_t area = (r1 - r0) * (c1 - c0);
    if (area <= 1) continue;
    // Overlapping merges in a hostile file could repeat this work; it is bounded all the same.
    if (area > work_budget) throw InputError("too many merged cells");
    work_budget -= area;
    Cell& origin = table.rows[r0][c0];
    origin.row_span = static_cast<int>(r1 - r0);
    origin.col_span = static_cast<int>(c1 - c0);
    for (std::size_t r = r0; r < r1; ++r) {
      for (std::size_t c = c0; c < c1; ++c) {
        if (r == r0 && c == c0) continue;
        Cell& covered = table.rows[r][c];
        covered.covered = true;
        covered.origin_row = static_cast<int>(r0);
        covered.origin_col = static_cast<int>(c0);
      }
    }
  }
}

std::vector<int> block_columns(const std::vector<SheetRow>& rows, std::size_t first,
                               std::size_t last, const std::vector<SheetMerge>& merges,
                               const Block& block) {
  std::vector<char> used(kMaxColumn + 1, 0);
  for (std::size_t i = first; i < last; ++i) {
    for (int column : rows[i].columns) used[static_cast<std::size_t>(column)] = 1;
  }
  auto starts_in_block = [&](const SheetMerge& merge) {
    return merge.first_row >= block.first_row && merge.first_row <= block.last_row &&
           merge.first_column >= 1 && merge.first_column <= kMaxColumn;
  };
  int last_used = 0;
  for (const SheetMerge& merge : merges) {
    if (starts_in_block(merge)) used[static_cast<std::size_t>(merge.first_column)] = 1;
  }
  for (int column = kMaxColumn; column >= 1 && last_used == 0; --column) {
    if (used[static_cast<std::size_t>(column)]) last_used = column;
  }
  // The columns a merge covers: a range A1:B2 keeps its column B (and its col_span of 2) where
  // B holds nothing else. Only a merge in a row of several texts (a header, an item) and no
  // wider than kMaxMergeWidening columns may widen the table: a title merged over A1:H1 above a
  // one-column block stays one column wide, and a hostile A1:XFD1 adds nothing.
  constexpr int kMaxMergeWidening = 256;
  for (const SheetMerge& merge : merges) {
    if (!starts_in_block(merge)) continue;
    const SheetRow* row = find_row(rows, merge.first_row);
    bool among_others =
        row && std::count_if(row->cells.begin(), row->cells.end(),
                             [](const Cell& cell) { return !cell.text.empty(); }) >= 2;
    bool may_widen = among_others && merge.last_column - merge.first_column <= kMaxMergeWidening;
    int widest = may_widen ? merge.last_column : last_used;
    int last_column = std::min({merge.last_column, widest, kMaxColumn});
    if (last_column > merge.first_column) {
      std::fill(used.begin() + merge.first_column, used.begin() + last_column + 1, 1);
    }
  }
  std::vector<int> columns;
  for (int column = 1; column <= kMaxColumn; ++column) {
    if (used[static_cast<std::size_t>(column)]) columns.push_back(column);
  }
  return columns;
}

std::vector<int> block_row_numbers(const Block& block, const std::vector<int>& hidden_rows,
                                   std::size_t cells_per_row, std::size_t& cell_budget) {
  std::vector<int> numbers;
  for (int row = block.first_row; row <= block.last_row; ++row) {
    if (is_hidden(hidden_rows, row)) continue;
    if (cells_per_row > cell_budget)
      throw InputError("too many cells (over the cell limit, or --table-memory)");
    cell_budget -= cells_per_row;
    numbers.push_back(row);
  }
  return numbers;
}

Table build_table(Sheet& sheet, const Block& block, std::size_t& cell_budget,
                  std::size_t& merge_budget) {
  auto first = static_cast<std::size_t>(
      std::lower_bound(sheet.rows.begin(), sheet.rows.end(), block.first_row,
                       [](const SheetRow& row, int n) { return row.number < n; }) -
      sheet.rows.begin());
  auto last = static_cast<std::size_t>(
      std::upper_bound(sheet.rows.begin(), sheet.rows.end(), block.last_row,
                       [](int n, const SheetRow& row) { return n < row.number; }) -
      sheet.rows.begin());
  std::vector<int> columns = block_columns(sheet.rows, first, last, sheet.merges, block);
  std::vector<int> numbers = block_row_numbers(
      block, sheet.hidden_rows, std::max<std::size_t>(columns.size(), 1), cell_budget);

  Table table;
  table.sheet = sheet.name;
  table.addressing = Addressing::cells;
  table.column_numbers = columns;
  table.rows.reserve(numbers.size());
  table.row_origins.reserve(numbers.size());
  std::vector<int> positions = detail::column_positions(columns);
  std::size_t next = first;
  for (int number : numbers) {
    std::vector<Cell> cells;
    if (next < last && sheet.rows[next].number == number) {
      // Released as we go: the sheet and the tables never both peak.
      cells = detail::place_row(sheet.rows[next++], columns, positions);
    } else {
      cells.resize(columns.size());
    }
    RowOrigin origin;
    origin.number = number;
    table.add_row(std::move(cells), std::move(origin));
  }
  apply_merges(sheet.merges, numbers, columns, table, merge_budget);
  return table;
}

}  // namespace

namespace detail {

bool has_text(const SheetRow& row) {
  return std::any_of(row.cells.begin(), row.cells.end(),
                     [](const Cell& c) { return !c.text.empty(); });
}

std::vector<int> column_positions(const std::vector<int>& columns) {
  std::vector<int> positions(kMaxColumn + 1, -1);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    positions[static_cast<std::size_t>(columns[i])] = static_cast<int>(i);
  }
  return positions;
}

std::vector<Cell> place_row(SheetRow& row, const std::vector<int>& columns,
                            const std::vector<int>& positions) {
  std::vector<Cell> cells;
  if (row.columns == columns) {
    cells = std::move(row.cells);  // a full row: no copy
  } else {
    cells.resize(columns.size());
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      cells[static_cast<std::size_t>(positions[static_cast<std::size_t>(row.columns[i])])] =
          std::move(row.cells[i]);
    }
  }
  row.cells = {};
  row.columns = {};
  return cells;
}

std::optional<std::string> heading_text(const Table& table) {
  if (table.rows.size() != 1) return std::nullopt;
  const std::string* text = nullptr;
  for (const Cell& cell : table.rows[0]) {
    if (cell.covered || cell.text.empty()) continue;
    if (text) return std::nullopt;
    text = &cell.text;
  }
  if (!text) return std::nullopt;
  return *text;
}

}  // namespace detail

std::vector<Table> sheet_to_tables(Sheet& sheet, std::size_t& cell_budget) {
  std::vector<Block> blocks = find_blocks(sheet);
  std::size_t merge_budget = cell_budget;
  std::vector<Table> tables;
  std::vector<std::string> headings;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    Table table = build_table(sheet, blocks[i], cell_budget, merge_budget);
    if (i + 1 < blocks.size()) {
      if (auto heading = detail::heading_text(table)) {
        headings.push_back(std::move(*heading));
        continue;
      }
    }
    table.headings = std::move(headings);
    headings.clear();
    tables.push_back(std::move(table));
  }
  sheet.rows.clear();
  return tables;
}

void append_sheet_tables(Sheet& sheet, std::vector<Table>& tables, std::size_t& cell_budget) {
  for (Table& table : sheet_to_tables(sheet, cell_budget)) {
    table.index = static_cast<int>(tables.size()) + 1;
    tables.push_back(std::move(table));
  }
}

CellReference parse_cell_reference(std::string_view reference) {
  CellReference out;
  std::size_t i = 0;
  while (i < reference.size() && reference[i] == '$') ++i;
  int column = 0;
  std::size_t letters = 0;
  for (; i < reference.size(); ++i, ++letters) {
    char c = reference[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + (c - 'A' + 1);
    if (column > kMaxColumn) return {};
  }
  if (i < reference.size() && reference[i] == '$') ++i;
  int row = 0;
  std::size_t digits = 0;
  for (; i < reference.size(); ++i, ++digits) {
    char c = reference[i];
    if (c < '0' || c > '9') return {};
    row = row * 10 + (c - '0');
    if (row > kMaxRow) return {};
  }
  if (letters == 0 && digits == 0) return {};
  out.column = column;
  out.row = row;
  return out;
}

SheetMerge parse_range_reference(std::string_view reference) {
  auto colon = reference.find(':');
  CellReference first = parse_cell_reference(reference.substr(0, colon));
  CellReference last =
      colon == std::string_view::npos ? first : parse_cell_reference(reference.substr(colon + 1));
  if (first.row == 0 || first.column == 0 || last.row == 0 || last.column == 0) return {};
  return SheetMerge{std::min(first.row, last.row), std::min(first.column, last.column),
                    std::max(first.row, last.row), std::max(first.column, last.column)};
}

void warn_about_hidden_cells(const std::vector<int>& hidden_rows_with_text,
                             const std::vector<int>& hidden_columns_with_text,
                             const std::string& file, const std::string& sheet,
                             std::vector<Warning>& warnings) {
  const auto& columns = hidden_columns_with_text;
  if (!columns.empty()) {
    std::string names = describe_runs(columns, [](int c) { return column_letters(c); });
    warnings.push_back(
        sheet_warning("hidden-column",
                      std::string(columns.size() == 1 ? "hidden column " : "hidden columns ") +
                          names + " skipped (sheet '" + sheet + "')",
                      file, sheet));
  }
  const auto& rows = hidden_rows_with_text;
  if (!rows.empty()) {
    std::string names = describe_runs(rows, [](int r) { return std::to_string(r); });
    warnings.push_back(
        sheet_warning("hidden-row",
                      std::string(rows.size() == 1 ? "hidden row " : "hidden rows ") + names +
                          " skipped (sheet '" + sheet + "')",
                      file, sheet));
  }
}

}  // namespace trackport
