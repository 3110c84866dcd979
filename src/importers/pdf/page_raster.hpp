// The page rendered at low resolution: the only way poppler-cpp shows drawn ruling lines and cell
// backgrounds. One pixel is 1/scale points, origin top-left as for text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "importers/pdf/pdf_layout.hpp"
#include "model/rating.hpp"

namespace poppler {
class page;
}

namespace trackport::pdf {

struct Raster {
  int width = 0;
  int height = 0;
  double scale = 1.0;               // pixels per point
  std::vector<std::uint32_t> argb;  // 0xAARRGGBB, row after row

  std::uint32_t at(int x, int y) const { return argb[static_cast<std::size_t>(y) * width + x]; }
  bool empty() const { return width == 0 || height == 0; }
};

// Renders the page at about `dpi`, lowering the resolution so the image stays within max_pixels.
// Anti-aliasing is off so that fills keep their exact colour and thin rules stay solid.
Raster render_page(const poppler::page& page, double dpi, std::size_t max_pixels);

// Luminance 0..255 of one pixel.
int luminance(std::uint32_t argb);

// The cell's background when most of it is one clearly non-white colour; nullopt otherwise.
std::optional<Rgb> solid_fill(const Raster& raster, const Rect& cell);

// The colour of the glyphs inside a word's box when they are clearly coloured (a green "●", a red
// word): the commonest saturated colour among the pixels that are not the box's background.
std::optional<Rgb> ink_colour(const Raster& raster, const Rect& box);

}  // namespace trackport::pdf
