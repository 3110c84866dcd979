// Column plans: which source column feeds which field, resolved once per table (as ogr2ogr
// resolves its field map once), so the row loop does no header lookups.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "grid/table.hpp"
#include "mapping/mapping.hpp"

namespace trackport {

struct PlannedColumn {
  std::size_t col = 0;
  std::string header;                // the header text as printed ("" for an unnamed column)
  const ColumnRule* rule = nullptr;  // nullptr: goes to extra under `header`
  std::string by;                    // rating/commentary: whose
  std::string fill_by;               // non-empty: this column's fill is a rating (fill_ratings)
};

struct ColumnPlan {
  std::size_t header_row = 0;
  std::size_t header_rows = 1;  // 2 when a sub-header row names parts of a merged header
  std::vector<PlannedColumn> columns;
  std::optional<std::size_t> key_col;  // index into columns
  bool key_carries_down = false;
  std::vector<std::string> normalised_headers;  // for spotting repeated header rows
};

// The non-empty header texts of a row, by column.
std::vector<std::string> row_texts(const Table& table, std::size_t row);

// Plans the columns of `table` under `mapping`, with the header at `header_row`.
ColumnPlan plan_columns(const Table& table, std::size_t header_row, const Mapping& mapping);

// How well a mapping fits a header row, 0..1 (0 when a required header is missing).
double score_header(const Mapping& mapping, const std::vector<std::string>& headers, bool generic);

}  // namespace trackport
