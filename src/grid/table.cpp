#include "grid/table.hpp"

#include <algorithm>

namespace trackport {

std::size_t Table::column_count() const {
  std::size_t count = 0;
  for (const auto& row : rows) count = std::max(count, row.size());
  return count;
}

namespace {

const Cell* resolve(const Table& table, std::size_t row, std::size_t col) {
  if (row >= table.rows.size() || col >= table.rows[row].size()) return nullptr;
  const Cell* cell = &table.rows[row][col];
  if (cell->covered && cell->origin_row >= 0 && cell->origin_col >= 0) {
    auto r = static_cast<std::size_t>(cell->origin_row);
    auto c = static_cast<std::size_t>(cell->origin_col);
    if (r < table.rows.size() && c < table.rows[r].size()) cell = &table.rows[r][c];
  }
  return cell;
}

}  // namespace

const std::string& Table::text_at(std::size_t row, std::size_t col) const {
  static const std::string empty;
  const Cell* cell = resolve(*this, row, col);
  return cell ? cell->text : empty;
}

std::optional<Rgb> Table::fill_at(std::size_t row, std::size_t col) const {
  const Cell* cell = resolve(*this, row, col);
  return cell ? cell->fill : std::nullopt;
}

const Cell* Table::cell_at(std::size_t row, std::size_t col) const {
  return resolve(*this, row, col);
}

bool Table::vertically_merged(std::size_t row, std::size_t col) const {
  if (row >= rows.size() || col >= rows[row].size()) return false;
  const Cell& cell = rows[row][col];
  return cell.covered && cell.origin_row >= 0 && static_cast<std::size_t>(cell.origin_row) < row;
}

void Table::add_row(std::vector<Cell> cells, RowOrigin origin) {
  rows.push_back(std::move(cells));
  row_origins.push_back(std::move(origin));
}

std::string column_letters(int column) {
  std::string letters;
  while (column > 0) {
    int rem = (column - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + rem));
    column = (column - 1) / 26;
  }
  return letters;
}

}  // namespace trackport
