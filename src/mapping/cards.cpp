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
  bool heading = false;  // a label alone: a heading over the cards below
};

// A row of the cards table naming the group of the cards below it: its text merged across.
std::vector<Cell> group_row_cells(const std::string& text, std::size_t columns, int at_row) {
  std::vector<Cell> cells(columns);
  cells[0].text = text;
  cells[0].col_span = static_cast<int>(columns);
  for (std::size_t col = 1; col < columns; ++col) {
    cells[col].covered = true;
    cells[col].origin_row = at_row;
    cells[col].origin_col = 0;
  }
  return cells;
}

// The grid columns holding text in the table, and whether each row has a cell in them.
std::vector<std::size_t> used_columns(const Table& table) {
  std::vector<std::size_t> used;
  const std::size_t width = table.column_count();
  for (std::size_t col = 0; col < width; ++col) {
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
      const bool is_named = label.size() <= kMaxLabelLength && header_rule(layers, label);
      if (!is_named && table.text_at(row, used[p + 1]).empty()) {
        // A line of its own between the pairs ("Priority 1: A thriving local economy"): a
        // heading over the cards below it.
        pairs.push_back({row, used[p], used[p + 1], true});
        continue;
      }
      ++labels;
      if (label.size() > kMaxLabelLength) continue;
      if (is_named) ++named;
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
  // Headings between cards, by the card they stand above.
  std::vector<std::pair<std::size_t, std::size_t>> group_rows;  // (card index, pair.row)
  for (const Pair& pair : pairs) {
    const std::string& label = table.text_at(pair.row, pair.label_col);
    if (pair.heading) {
      if (rows.empty()) {
        cards.headings.push_back(label);
      } else {
        group_rows.emplace_back(rows.size(), pair.row);
        std::fill(seen.begin(), seen.end(), true);  // the next pair starts a card
      }
      continue;
    }
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
  std::size_t next_group = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (; next_group < group_rows.size() && group_rows[next_group].first == r; ++next_group) {
      const std::size_t source_row = group_rows[next_group].second;
      cards.add_row(
          group_row_cells(table.text_at(source_row, used[0]), columns.size(),
                          static_cast<int>(cards.rows.size())),
          source_row < table.row_origins.size() ? table.row_origins[source_row] : RowOrigin{});
    }
    rows[r].resize(columns.size());
    cards.add_row(std::move(rows[r]), origins[r]);
  }
  for (auto& row : cards.rows) row.resize(columns.size());
  return cards;
}

}  // namespace trackport
