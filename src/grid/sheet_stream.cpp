#include "grid/sheet_stream.hpp"

#include <algorithm>

#include "grid/sheet_rows.hpp"
#include "io/input.hpp"

namespace trackport {

void sort_row_cells(SheetRow& row) {
  std::vector<std::size_t> order(row.cells.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return row.columns[a] < row.columns[b]; });
  SheetRow sorted;
  sorted.number = row.number;
  for (std::size_t i : order) {
    if (!sorted.columns.empty() && sorted.columns.back() == row.columns[i]) {
      sorted.cells.back() = std::move(row.cells[i]);
      continue;
    }
    sorted.columns.push_back(row.columns[i]);
    sorted.cells.push_back(std::move(row.cells[i]));
  }
  row = std::move(sorted);
}

void put_rows_in_order(Sheet& sheet) {
  auto by_number = [](const SheetRow& a, const SheetRow& b) { return a.number < b.number; };
  auto& rows = sheet.rows;
  bool rows_sorted = std::adjacent_find(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
                       return a.number >= b.number;
                     }) == rows.end();
  if (!rows_sorted) {
    std::stable_sort(rows.begin(), rows.end(), by_number);
    std::vector<SheetRow> unique;
    for (auto& row : rows) {
      if (!unique.empty() && unique.back().number == row.number) {
        for (std::size_t i = 0; i < row.cells.size(); ++i) {
          unique.back().columns.push_back(row.columns[i]);
          unique.back().cells.push_back(std::move(row.cells[i]));
        }
        sort_row_cells(unique.back());
      } else {
        unique.push_back(std::move(row));
      }
    }
    rows = std::move(unique);
  }
  auto& hidden = sheet.hidden_rows;
  if (!std::is_sorted(hidden.begin(), hidden.end())) std::sort(hidden.begin(), hidden.end());
  hidden.erase(std::unique(hidden.begin(), hidden.end()), hidden.end());
}

void SheetCollector::begin_sheet(const std::string& name) {
  sheet_ = Sheet{};
  sheet_.name = name;
}

void SheetCollector::end_sheet(std::vector<SheetMerge>&& merges, const LateCellStyles* late) {
  sheet_.merges = std::move(merges);
  if (late) {
    for (SheetRow& row : sheet_.rows) late->apply(row);
  }
  put_rows_in_order(sheet_);
  append_sheet_tables(sheet_, tables_, cell_budget_);
  sheet_ = Sheet{};
}

void SheetStreamer::begin_sheet(const std::string& name) {
  sheet_ = name;
  last_number_ = 0;
  last_text_row_ = 0;
  hidden_since_text_ = 0;
  held_rows_.clear();
  table_.reset();
  headings_.clear();
}

void SheetStreamer::check_order(int number) {
  if (number <= last_number_) throw NotStreamable("rows out of order");
  last_number_ = number;
}

void SheetStreamer::hidden_row(int number) {
  check_order(number);
  if (last_text_row_ > 0) ++hidden_since_text_;
}

void SheetStreamer::row(SheetRow&& row) {
  check_order(row.number);
  // Without merges a row of fills alone is blank: it separates tables and belongs to none.
  if (!detail::has_text(row)) return;
  if (last_text_row_ > 0 && row.number - last_text_row_ - 1 > hidden_since_text_) {
    end_block(true);  // a visible blank row lies between
  }
  const int number = row.number;
  if (table_) {
    append(row);
    out_.rows_added(*table_);
  } else {
    held_rows_.push_back(std::move(row));
    // A block of one row may yet be a heading of the next block: never hand it on alone.
    if (held_rows_.size() >= std::max<std::size_t>(first_rows_, 2)) open_table();
  }
  last_text_row_ = number;
  hidden_since_text_ = 0;
}

void SheetStreamer::end_sheet(std::vector<SheetMerge>&& merges, const LateCellStyles* late) {
  // Merges decide spans and which rows are blank, conditional formats colour cells: both come too
  // late to change what was handed on.
  if (!merges.empty()) throw NotStreamable("the sheet has merged cells");
  if (late) throw NotStreamable("the sheet has conditional formats");
  end_block(false);
}

void SheetStreamer::charge_cells() {
  const std::size_t cells = std::max<std::size_t>(table_->column_numbers.size(), 1);
  if (cells > cell_budget_) throw InputError("too many cells (over the cell limit)");
  cell_budget_ -= cells;
}

// Fixes the columns of the held rows' block, as sheet_to_tables would for a whole block, and
// moves the rows into table_ (not handed on yet).
void SheetStreamer::fix_columns() {
  std::vector<int> columns;
  for (const SheetRow& row : held_rows_) {
    columns.insert(columns.end(), row.columns.begin(), row.columns.end());
  }
  std::sort(columns.begin(), columns.end());
  columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
  table_.emplace();
  table_->sheet = sheet_;
  table_->addressing = Addressing::cells;
  table_->column_numbers = std::move(columns);
  positions_ = detail::column_positions(table_->column_numbers);
  for (SheetRow& row : held_rows_) append(row);
  held_rows_.clear();
}

void SheetStreamer::hand_on() {
  table_->headings = std::move(headings_);
  headings_.clear();
  table_->index = ++tables_;
  out_.begin_table(*table_);
}

void SheetStreamer::open_table() {
  fix_columns();
  hand_on();  // a block this long is never a heading
}

void SheetStreamer::append(SheetRow& row) {
  for (int column : row.columns) {
    if (positions_[static_cast<std::size_t>(column)] < 0) {
      throw NotStreamable("a column first appears below a table's first rows");
    }
  }
  charge_cells();
  RowOrigin origin;
  origin.number = row.number;
  table_->add_row(detail::place_row(row, table_->column_numbers, positions_), std::move(origin));
}

void SheetStreamer::end_block(bool another_follows) {
  if (!table_) {
    if (held_rows_.empty()) return;
    // A short block, whole now: a one-line title before another block heads that block.
    fix_columns();
    if (another_follows) {
      if (auto heading = detail::heading_text(*table_)) {
        headings_.push_back(std::move(*heading));
        table_.reset();
        return;
      }
    }
    hand_on();
  }
  out_.end_table(*table_);
  table_.reset();
}

}  // namespace trackport
