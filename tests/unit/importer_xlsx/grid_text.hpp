// Test helper: a table as short text lines, so golden expectations read like the sheet.
//   "4: A=1 | B=Healthy lives {3x1} | C=... | E=#C00000"   covered cells: "B^" ; fills: "=text
//   #RRGGBB"
#pragma once

#include <string>
#include <vector>

#include "grid/table.hpp"

namespace trackport::test {

inline std::vector<std::string> grid_lines(const Table& table) {
  std::vector<std::string> lines;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    std::string line = std::to_string(table.row_origins[r].number) + ":";
    bool first = true;
    for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
      const Cell& cell = table.rows[r][c];
      std::string column = column_letters(table.column_numbers[c]);
      std::string part;
      if (cell.covered) {
        part = column + "^";
      } else if (!cell.text.empty() || cell.fill) {
        part = column + "=" + cell.text;
        if (cell.fill) part += (cell.text.empty() ? "" : " ") + to_hex(*cell.fill);
        if (cell.row_span > 1 || cell.col_span > 1) {
          part += " {" + std::to_string(cell.row_span) + "x" + std::to_string(cell.col_span) + "}";
        }
      } else {
        continue;
      }
      line += (first ? " " : " | ") + part;
      first = false;
    }
    lines.push_back(line);
  }
  return lines;
}

inline std::vector<std::string> column_names(const Table& table) {
  std::vector<std::string> names;
  for (int c : table.column_numbers) names.push_back(column_letters(c));
  return names;
}

}  // namespace trackport::test
