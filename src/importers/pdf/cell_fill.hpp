// A cell's background colour from the filled rectangles the page painted.
#pragma once

#include <optional>
#include <vector>

#include "importers/pdf/pdf_document.hpp"
#include "importers/pdf/pdf_layout.hpp"

namespace trackport::pdf {

// The colour of the topmost filled rectangle that covers most of the cell (painted last wins);
// nullopt when that colour is white or near it, or nothing covers the cell.
std::optional<Rgb> solid_fill(const std::vector<FilledRect>& fills, const Rect& cell);

}  // namespace trackport::pdf
