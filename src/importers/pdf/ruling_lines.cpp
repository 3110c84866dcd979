#include "importers/pdf/ruling_lines.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace trackport::pdf {

namespace {

bool greyish(std::uint32_t colour) {
  const int r = static_cast<int>((colour >> 16) & 0xffu),
            g = static_cast<int>((colour >> 8) & 0xffu), b = static_cast<int>(colour & 0xffu);
  return std::max({r, g, b}) - std::min({r, g, b}) < 40;
}

// A binary image addressed as (along, across): rows of a horizontal scan or columns of a
// vertical one, so one routine finds both directions.
struct Mask {
  int along = 0;   // length of a scan line
  int across = 0;  // number of scan lines
  std::vector<std::uint8_t> bits;
  bool at(int a, int c) const { return bits[static_cast<std::size_t>(c) * along + a] != 0; }
};

constexpr int kInkLuminance = 200;  // darker than this is ink (lines, text, strong fills)
constexpr int kThinReach = 3;       // how far to look across a stroke for its background

// Ink pixels that are thin across the scan direction: the pixels `kThinReach` away on both sides
// have another colour. Fills and thick bars drop out, edges of fills too (a fill's edge has the
// fill on one side); rules between two differently filled cells stay.
Mask thin_ink(const Raster& raster, const std::vector<std::uint8_t>& is_text, bool horizontal) {
  const int w = raster.width, h = raster.height;
  // Glyphs next to a black or grey rule (a word close to a cell's edge) count as background;
  // not next to a coloured fill, whose edge under a word would otherwise look like a rule.
  const auto differs = [&](std::uint32_t colour, int x, int y) {
    if (x < 0 || y < 0 || x >= w || y >= h) return true;
    if (is_text[static_cast<std::size_t>(y) * w + x] && greyish(colour)) return true;
    return raster.at(x, y) != colour;
  };
  Mask mask;
  mask.along = horizontal ? w : h;
  mask.across = horizontal ? h : w;
  mask.bits.assign(static_cast<std::size_t>(w) * h, 0);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const std::uint32_t colour = raster.at(x, y);
      if (is_text[static_cast<std::size_t>(y) * w + x]) continue;
      if (luminance(colour) >= kInkLuminance) continue;
      const bool thin =
          horizontal ? differs(colour, x, y - kThinReach) && differs(colour, x, y + kThinReach)
                     : differs(colour, x - kThinReach, y) && differs(colour, x + kThinReach, y);
      if (!thin) continue;
      const int a = horizontal ? x : y, c = horizontal ? y : x;
      mask.bits[static_cast<std::size_t>(c) * mask.along + a] = 1;
    }
  }
  return mask;
}

struct Run {
  int line = 0;
  int from = 0, to = 0;  // inclusive pixel range along the scan line
};

// Runs of at least min_length pixels, bridging single-pixel gaps.
std::vector<Run> long_runs(const Mask& mask, int min_length) {
  std::vector<Run> runs;
  for (int c = 0; c < mask.across; ++c) {
    int start = -1, last = -1;
    for (int a = 0; a <= mask.along; ++a) {
      const bool on = a < mask.along && mask.at(a, c);
      if (on) {
        if (start < 0) start = a;
        last = a;
      } else if (start >= 0 && a - last > 2) {
        if (last - start + 1 >= min_length) runs.push_back({c, start, last});
        start = -1;
      }
    }
  }
  return runs;
}

// Runs on neighbouring scan lines that overlap are one stroke (lines 2-3 pixels thick).
std::vector<Segment> merge_runs(const std::vector<Run>& runs, double scale) {
  struct Open {
    int first_line, last_line;
    int from, to;
    long sum_lines;
    int count;
  };
  std::vector<Open> done, open;
  for (const Run& run : runs) {
    bool merged = false;
    for (Open& o : open) {
      if (run.line - o.last_line > 1) continue;
      const int overlap = std::min(o.to, run.to) - std::max(o.from, run.from);
      if (overlap < (std::min(o.to - o.from, run.to - run.from)) / 2) continue;
      o.last_line = run.line;
      o.from = std::min(o.from, run.from);
      o.to = std::max(o.to, run.to);
      o.sum_lines += run.line;
      ++o.count;
      merged = true;
      break;
    }
    if (!merged) open.push_back({run.line, run.line, run.from, run.to, run.line, 1});
    // Retire strokes that can no longer grow.
    for (auto it = open.begin(); it != open.end();) {
      if (run.line - it->last_line > 1) {
        done.push_back(*it);
        it = open.erase(it);
      } else {
        ++it;
      }
    }
  }
  done.insert(done.end(), open.begin(), open.end());
  std::vector<Segment> segments;
  for (const Open& o : done) {
    // Strokes thicker than a few pixels are bars or glyph parts, not rules.
    if (o.last_line - o.first_line > 4) continue;
    const double centre = static_cast<double>(o.sum_lines) / o.count + 0.5;
    segments.push_back({centre / scale, o.from / scale, (o.to + 1) / scale});
  }
  std::sort(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) {
    return a.position != b.position ? a.position < b.position : a.from < b.from;
  });
  return segments;
}

// Pixels inside word boxes, less a thin margin so that a rule grazing a box survives.
std::vector<std::uint8_t> text_pixels(const Raster& raster, const std::vector<Rect>& text) {
  std::vector<std::uint8_t> mask(static_cast<std::size_t>(raster.width) * raster.height, 0);
  for (const Rect& r : text) {
    const double trim = 0.05 * r.height();
    const int x0 = std::max(0, static_cast<int>(std::ceil(r.x0 * raster.scale)));
    const int x1 = std::min(raster.width, static_cast<int>(std::floor(r.x1 * raster.scale)));
    const int y0 = std::max(0, static_cast<int>(std::ceil((r.y0 + trim) * raster.scale)));
    const int y1 =
        std::min(raster.height, static_cast<int>(std::floor((r.y1 - trim) * raster.scale)));
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) mask[static_cast<std::size_t>(y) * raster.width + x] = 1;
  }
  return mask;
}

}  // namespace

Rulings find_rulings(const Raster& raster, const std::vector<Rect>& text, double min_length_pt) {
  Rulings rulings;
  if (raster.empty()) return rulings;
  const int min_length = std::max(4, static_cast<int>(min_length_pt * raster.scale));
  const std::vector<std::uint8_t> is_text = text_pixels(raster, text);
  rulings.horizontal =
      merge_runs(long_runs(thin_ink(raster, is_text, true), min_length), raster.scale);
  rulings.vertical =
      merge_runs(long_runs(thin_ink(raster, is_text, false), min_length), raster.scale);
  return rulings;
}

}  // namespace trackport::pdf
