// Second stage of the HTML importer: an HtmlTable's rows of spanning cells laid out on the grid.
#pragma once

#include <cstddef>

#include "grid/table.hpp"
#include "importers/html/html_parse.hpp"
#include "io/budget.hpp"

namespace trackport {

// Places each cell at the first free column of its row, as browsers do; a cell spanning rows or
// columns is stored at its top-left and the positions it covers point back to it. Row spans are
// cut at the end of the table. Throws InputError when the grid would exceed max_cells or the
// file's memory budget.
Table layout_html_table(const HtmlTable& source, int index, std::size_t max_cells,
                        MemoryBudget& budget);

}  // namespace trackport
