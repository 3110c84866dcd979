// Second stage of the docx importer: a WordTable's rows laid out on the grid, with w:gridSpan,
// w:vMerge and w:gridBefore resolved into spans and covered cells.
#pragma once

#include <cstddef>

#include "grid/table.hpp"
#include "importers/docx/docx_parse.hpp"
#include "io/budget.hpp"

namespace trackport::docx {

// Throws InputError when the grid would exceed max_cells or the file's memory budget.
Table layout_word_table(const WordTable& source, int index, std::size_t max_cells,
                        MemoryBudget& budget);

}  // namespace trackport::docx
