// Ruled tables: cells from the intersections of ruling lines (lattice), spans where a rule is
// missing between neighbouring grid positions, text from the words inside each cell and the
// background colour from the filled rectangles painted under it.
#pragma once

#include <vector>

#include "importers/pdf/pdf_document.hpp"
#include "importers/pdf/pdf_layout.hpp"

namespace trackport::pdf {

// Tables drawn with rules on one page. Words inside a table are moved out of `words`.
std::vector<PageTable> build_ruled_tables(const Rulings& rulings, std::vector<Word>& words,
                                          const std::vector<FilledRect>& fills, int page_number);

}  // namespace trackport::pdf
