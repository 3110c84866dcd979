// Rules a reader sees in shading, where nothing dark is drawn: light lines drawn over a darker
// fill (white rules on a grey table), and the narrow gaps left between shaded boxes (a table
// drawn as one shaded box a cell, the page showing between them).
#pragma once

#include <cstddef>
#include <vector>

#include "importers/pdf/pdf_document.hpp"

namespace trackport::pdf {

// A thin line too light to rule on white paper, and where it was drawn in the page's painting
// order: over the first `fills_before` fills.
struct LightLine {
  bool horizontal = true;
  Segment segment;
  int luminance = 255;
  std::size_t fills_before = 0;
};

// Adds to `pieces` the light lines that stand out against a fill painted under them, and a rule
// along each gap between two shaded boxes side by side (or one above the other) that lets the
// page show through. `fills` in painting order.
void add_shading_rules(const std::vector<FilledRect>& fills, const std::vector<LightLine>& light,
                       Rulings& pieces);

}  // namespace trackport::pdf
