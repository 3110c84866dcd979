// Ruling lines found in the rendered page, as Camelot's lattice mode and Tabula's detector do:
// long runs of thin ink in rows (horizontal rules) and columns (vertical rules), also where the
// rule separates two filled cells.
#pragma once

#include <vector>

#include "importers/pdf/page_raster.hpp"
#include "importers/pdf/pdf_layout.hpp"

namespace trackport::pdf {

// Segments in page points; each at least min_length_pt long. The glyphs inside `text` (word
// boxes) are ignored: at low resolution a line of text looks like a run of ink.
Rulings find_rulings(const Raster& raster, const std::vector<Rect>& text,
                     double min_length_pt = 10.0);

}  // namespace trackport::pdf
