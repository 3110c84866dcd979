#include "mapping/cards.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "mapping/plan.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

constexpr std::size_t kMaxLabelLength = 60;

struct Pair {
  std::size_t row = 0;
  std::size_t label_col = 0;
  std::size_t value_col = 0;
};

// The grid columns holding text in the table, and whether each row has a cell in them.
std::vector<std::size_t> used_columns(const Table& table) {
  std::vector<std::size_t> used;
  for (std::size_t col = 0; col < table.column_count(); ++col) {
    for (std::size_t row = 0; row < table.rows.size(); ++row) {
      const Cell* cell = table.cell_at(row, col);
      if (cell && !table.rows[row][col].covered && !cell->text.empty()) {
        used.push_back(col);
        break;
      }
    }
  }
  return used;
}

}  // namespace

std::optional<Table> cards_as_rows(const Table& table, const MappingLayers& layers) {
  const auto used = used_columns(table);
  if (used.size() != 2 && used.size() != 4) return std::nullopt;
  // The label | value pairs of every row.
  std::vector<Pair> pairs;
  std::size_t named = 0, labels = 0;
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    for (std::size_t p = 0; p + 1 < used.size(); p += 2) {
      const std::string& label = table.text_at(row, used[p]);
      const Cell* label_cell = row < table.rows.size() && used[p] < table.rows[row].size()
                                   ? &table.rows[row][used[p]]
                                   : nullptr;
      // A title merged across the card ("Action 1.2") is no pair.
      if (label.empty() || (label_cell && label_cell->col_span > 1)) continue;
      ++labels;
      if (label.size() > kMaxLabelLength) continue;
      if (header_rule(layers, label)) ++named;
      pairs.push_back({row, used[p], used[p + 1]});
    }
  }
  if (named < 3 || named * 5 < labels * 3) return std::nullopt;

  // Cards split where a label comes again.
  Table cards;
  cards.index = table.index;
  cards.sheet = table.sheet;
  cards.headings = table.headings;
  cards.headings_nested = table.headings_nested;
  cards.addressing = table.addressing;
  cards.pages = table.pages;
  std::vector<std::string> columns;  // normalised labels, in first-seen order
  std::vector<Cell> header;
  std::vector<std::vector<Cell>> rows;
  std::vector<RowOrigin> origins;
  std::vector<bool> seen;
  for (const Pair& pair : pairs) {
    const std::string& label = table.text_at(pair.row, pair.label_col);
    const std::string key = normalise_for_match(label);
    auto at = std::find(columns.begin(), columns.end(), key);
    const std::size_t col = static_cast<std::size_t>(at - columns.begin());
    if (at == columns.end()) {
      columns.push_back(key);
      Cell cell;
      cell.text = label;
      header.push_back(std::move(cell));
      for (auto& row : rows) row.resize(columns.size());
      seen.resize(columns.size(), false);
    }
    if (rows.empty() || seen[col]) {
      rows.emplace_back(columns.size());
      origins.push_back(pair.row < table.row_origins.size() ? table.row_origins[pair.row]
                                                            : RowOrigin{});
      std::fill(seen.begin(), seen.end(), false);
    }
    seen[col] = true;
    if (const Cell* value = table.cell_at(pair.row, pair.value_col)) {
      Cell copy = *value;
      copy.covered = false;
      copy.row_span = copy.col_span = 1;
      copy.origin_row = copy.origin_col = -1;
      rows.back()[col] = std::move(copy);
    }
  }
  RowOrigin header_origin = origins.empty() ? RowOrigin{} : origins.front();
  cards.add_row(std::move(header), header_origin);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    rows[r].resize(columns.size());
    cards.add_row(std::move(rows[r]), origins[r]);
  }
  for (auto& row : cards.rows) row.resize(columns.size());
  return cards;
}

}  // namespace trackport
