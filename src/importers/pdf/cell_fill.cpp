#include "importers/pdf/cell_fill.hpp"

#include <algorithm>

namespace trackport::pdf {

namespace {

constexpr double kInset = 1.5;   // points kept clear of the ruling lines around the cell
constexpr double kCovers = 0.6;  // share of the cell a fill must cover to be its background
constexpr int kNearWhite = 245;  // every channel at least this: white

double overlap(const Rect& a, const Rect& b) {
  const double w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
  const double h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0.0;
}

}  // namespace

std::optional<Rgb> solid_fill(const std::vector<FilledRect>& fills, const Rect& cell) {
  const Rect inner{cell.x0 + kInset, cell.y0 + kInset, cell.x1 - kInset, cell.y1 - kInset};
  if (inner.width() <= 0 || inner.height() <= 0) return std::nullopt;
  const double area = inner.width() * inner.height();
  for (auto it = fills.rbegin(); it != fills.rend(); ++it) {
    if (overlap(it->box, inner) < kCovers * area) continue;
    const Rgb& c = it->colour;
    if (c.r >= kNearWhite && c.g >= kNearWhite && c.b >= kNearWhite) return std::nullopt;
    return c;
  }
  return std::nullopt;
}

}  // namespace trackport::pdf
