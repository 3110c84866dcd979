#include "importers/pdf/page_raster.hpp"

#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

namespace trackport::pdf {

namespace {

std::uint8_t channel(std::uint32_t argb, int shift) {
  return static_cast<std::uint8_t>((argb >> shift) & 0xffu);
}

bool near_white(std::uint32_t argb) {
  return channel(argb, 16) >= 245 && channel(argb, 8) >= 245 && channel(argb, 0) >= 245;
}

}  // namespace

int luminance(std::uint32_t argb) {
  return (299 * channel(argb, 16) + 587 * channel(argb, 8) + 114 * channel(argb, 0)) / 1000;
}

Raster render_page(const poppler::page& page, double dpi, std::size_t max_pixels) {
  Raster raster;
  const poppler::rectf box = page.page_rect(poppler::crop_box);
  const bool sideways = page.orientation() == poppler::page::landscape ||
                        page.orientation() == poppler::page::seascape;
  const double width_pt = sideways ? box.height() : box.width();
  const double height_pt = sideways ? box.width() : box.height();
  if (!(width_pt > 0) || !(height_pt > 0)) return raster;
  double scale = dpi / 72.0;
  const double pixels = width_pt * height_pt * scale * scale;
  if (pixels > static_cast<double>(max_pixels))
    scale *= std::sqrt(static_cast<double>(max_pixels) / pixels);

  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, false);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, false);
  renderer.set_image_format(poppler::image::format_argb32);
  renderer.set_line_mode(poppler::page_renderer::line_solid);
  const double resolution = 72.0 * scale;
  poppler::image image = renderer.render_page(&page, resolution, resolution);
  if (!image.is_valid() || image.format() != poppler::image::format_argb32) return raster;

  raster.width = image.width();
  raster.height = image.height();
  raster.scale = scale;
  raster.argb.resize(static_cast<std::size_t>(raster.width) * raster.height);
  const char* data = image.const_data();
  for (int y = 0; y < raster.height; ++y) {
    std::memcpy(&raster.argb[static_cast<std::size_t>(y) * raster.width],
                data + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row(),
                static_cast<std::size_t>(raster.width) * sizeof(std::uint32_t));
  }
  return raster;
}

std::optional<Rgb> solid_fill(const Raster& raster, const Rect& cell) {
  if (raster.empty()) return std::nullopt;
  // Stay clear of the ruling lines around the cell.
  const int inset = 2;
  const int x0 = std::max(0, static_cast<int>(std::ceil(cell.x0 * raster.scale)) + inset);
  const int y0 = std::max(0, static_cast<int>(std::ceil(cell.y0 * raster.scale)) + inset);
  const int x1 =
      std::min(raster.width, static_cast<int>(std::floor(cell.x1 * raster.scale)) - inset);
  const int y1 =
      std::min(raster.height, static_cast<int>(std::floor(cell.y1 * raster.scale)) - inset);
  if (x1 - x0 < 2 || y1 - y0 < 2) return std::nullopt;
  const int step = std::max(1, std::min(x1 - x0, y1 - y0) / 24);
  std::unordered_map<std::uint32_t, int> counts;
  int samples = 0;
  for (int y = y0; y < y1; y += step) {
    for (int x = x0; x < x1; x += step) {
      ++counts[raster.at(x, y) & 0xffffffu];
      ++samples;
    }
  }
  const auto best =
      std::max_element(counts.begin(), counts.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  if (best == counts.end() || best->second * 10 < samples * 6) return std::nullopt;
  if (near_white(best->first)) return std::nullopt;
  return Rgb{channel(best->first, 16), channel(best->first, 8), channel(best->first, 0)};
}

std::optional<Rgb> ink_colour(const Raster& raster, const Rect& box) {
  if (raster.empty()) return std::nullopt;
  const int x0 = std::max(0, static_cast<int>(std::floor(box.x0 * raster.scale)));
  const int y0 = std::max(0, static_cast<int>(std::floor(box.y0 * raster.scale)));
  const int x1 = std::min(raster.width, static_cast<int>(std::ceil(box.x1 * raster.scale)));
  const int y1 = std::min(raster.height, static_cast<int>(std::ceil(box.y1 * raster.scale)));
  if (x1 <= x0 || y1 <= y0 || (x1 - x0) * (y1 - y0) > 40000) return std::nullopt;
  std::unordered_map<std::uint32_t, int> counts;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) ++counts[raster.at(x, y) & 0xffffffu];
  }
  // The background is the commonest colour; ink is the rest.
  auto background =
      std::max_element(counts.begin(), counts.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  std::uint32_t best = 0;
  int best_count = 0, ink = 0;
  for (const auto& [colour, count] : counts) {
    if (colour == background->first) continue;
    ink += count;
    const Rgb rgb{channel(colour, 16), channel(colour, 8), channel(colour, 0)};
    if (count > best_count && rating_from_fill(rgb)) {
      best = colour;
      best_count = count;
    }
  }
  // Most of the ink in that colour: a word merely touching a coloured rule does not count.
  if (best_count == 0 || best_count * 2 < ink) return std::nullopt;
  return Rgb{channel(best, 16), channel(best, 8), channel(best, 0)};
}

}  // namespace trackport::pdf
