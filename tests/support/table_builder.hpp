// Builds grid Tables from rows of strings, for tests of the mapping engine.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "grid/table.hpp"

namespace trackport::testing {

inline Table make_table(std::initializer_list<std::vector<std::string>> rows, int index = 1) {
  Table table;
  table.index = index;
  table.addressing = Addressing::table_row;
  int number = 0;
  for (const auto& row : rows) {
    std::vector<Cell> cells;
    for (const auto& text : row) {
      Cell cell;
      cell.text = text;
      cells.push_back(std::move(cell));
    }
    table.add_row(std::move(cells), RowOrigin{++number, "", false});
  }
  return table;
}

// A position covered by a merge whose top-left cell is at (row, col).
inline Cell covered_by(int row, int col) {
  Cell cell;
  cell.covered = true;
  cell.origin_row = row;
  cell.origin_col = col;
  return cell;
}

inline SourceDocument make_document(std::vector<Table> tables) {
  SourceDocument document;
  document.tables = std::move(tables);
  return document;
}

}  // namespace trackport::testing
