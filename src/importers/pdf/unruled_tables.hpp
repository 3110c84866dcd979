// Tables without ruling lines (stream mode): with the blocks and columns of unruled_columns.hpp,
// rows from the lines, a wrapped cell kept as one cell: a new row starts where the key (leftmost)
// column starts a new entry, not on each line of a cell that wraps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "importers/pdf/pdf_layout.hpp"

namespace trackport::pdf {

// An unruled table that ends its page and may go on on the next one: its columns and header.
struct UnruledCarry {
  std::vector<double> col_edges;
  std::string header;  // the first row's text without spaces
};

// Finds unruled tables among the page's lines (those outside ruled tables), moves their lines
// out of page.lines and adds the tables to page.tables. With `carry`, a page that starts with
// that table's header line continues it in the same columns, even where its first rows are
// only wrapped text (too few columns to be seen as a table on their own).
void find_unruled_tables(PageLayout& page, const UnruledCarry* carry = nullptr);

// The carry for the next page: the page's last table when it is unruled and nothing follows it.
std::optional<UnruledCarry> unruled_carry(const PageLayout& page);

}  // namespace trackport::pdf
