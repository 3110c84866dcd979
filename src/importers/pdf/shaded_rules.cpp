#include "importers/pdf/shaded_rules.hpp"

#include <algorithm>

namespace trackport::pdf {

namespace {

constexpr int kShaded = 235;         // a fill darker than this shows against white paper
constexpr int kContrast = 30;        // a light line this much lighter than its fill shows on it
constexpr double kMinGap = 0.3;      // points: boxes nearer than this touch (no gap shows)
constexpr double kMaxGap = 4.0;      // points: a gap wider than this is space, not a rule
constexpr double kMinOverlap = 0.5;  // of the shorter box: how far two boxes must face each other
// Light lines and box sides are matched against fills one by one; past this many pairs the page
// is not read for them (a page of thousands of each is a drawing, not a table).
constexpr std::size_t kMaxLightChecks = 4'000'000;

int luminance(const Rgb& c) {
  return (299 * c.r + 587 * c.g + 114 * c.b) / 1000;
}

struct Point {
  double x, y;
};

Point midpoint(const LightLine& line) {
  const double along = (line.segment.from + line.segment.to) / 2;
  return line.horizontal ? Point{along, line.segment.position}
                         : Point{line.segment.position, along};
}

void add_light_lines(const std::vector<FilledRect>& fills, const std::vector<LightLine>& light,
                     Rulings& pieces) {
  if (light.size() * fills.size() > kMaxLightChecks) return;
  for (const LightLine& line : light) {
    const Point middle = midpoint(line);
    // What it was drawn over: the last fill painted there before it.
    for (std::size_t i = std::min(line.fills_before, fills.size()); i-- > 0;) {
      if (!fills[i].box.contains(middle.x, middle.y)) continue;
      if (luminance(fills[i].colour) + kContrast <= line.luminance)
        (line.horizontal ? pieces.horizontal : pieces.vertical).push_back(line.segment);
      break;
    }
  }
}

// One box's side facing another's across a gap: its position across the gap, its extent along
// it, the box, and whether it faced one.
struct Side {
  double edge;
  double from, to;
  std::size_t box;
  bool faced = false;
};

// Rules along the gaps between boxes facing each other: `near` the boxes' far sides (right or
// bottom), `far` their near sides (left or top). Marks the sides that faced another box.
void add_gap_rules(std::vector<Side>& near, std::vector<Side>& far, std::vector<Segment>& out) {
  const auto by_edge = [](const Side& a, const Side& b) { return a.edge < b.edge; };
  std::sort(near.begin(), near.end(), by_edge);
  std::sort(far.begin(), far.end(), by_edge);
  for (Side& a : near) {
    auto b = std::lower_bound(far.begin(), far.end(), Side{a.edge + kMinGap, 0, 0, 0}, by_edge);
    for (; b != far.end() && b->edge <= a.edge + kMaxGap; ++b) {
      if (b->box == a.box) continue;
      const double from = std::max(a.from, b->from), to = std::min(a.to, b->to);
      const double shorter = std::min(a.to - a.from, b->to - b->from);
      if (to - from < kMinOverlap * shorter) continue;
      out.push_back({(a.edge + b->edge) / 2, from, to});
      a.faced = b->faced = true;
    }
  }
}

// Whether the shading goes on past a box's side: the point just outside its middle lies in
// another shaded box (word processors shade a cell twice, its whole box and an inset text area).
bool shaded_beyond(const std::vector<FilledRect>& fills, const std::vector<bool>& shaded,
                   Point outside) {
  for (std::size_t i = 0; i < fills.size(); ++i)
    if (shaded[i] && fills[i].box.contains(outside.x, outside.y)) return true;
  return false;
}

// The sides of the boxes that faced another across a gap but did not themselves face one, where
// the shading ends: the outer sides of a table drawn as boxes, its frame. `outward` is the
// direction (-1 or +1) the sides face, `vertical` whether they are upright.
void add_outer_sides(const std::vector<FilledRect>& fills, const std::vector<bool>& shaded,
                     const std::vector<Side>& sides, const std::vector<bool>& in_table,
                     bool vertical, double outward, std::vector<Segment>& out) {
  constexpr double kStep = 0.5;  // points past the side where the shading would go on
  for (const Side& side : sides) {
    if (!in_table[side.box] || side.faced) continue;
    const double along = (side.from + side.to) / 2, across = side.edge + outward * kStep;
    if (shaded_beyond(fills, shaded, vertical ? Point{across, along} : Point{along, across}))
      continue;
    out.push_back({side.edge, side.from, side.to});
  }
}

// The rules shaded boxes show: along the gaps between them, and their outer sides.
void add_box_rules(const std::vector<FilledRect>& fills, Rulings& pieces) {
  std::vector<Side> rights, lefts, bottoms, tops;
  std::vector<bool> shaded(fills.size(), false);
  for (std::size_t i = 0; i < fills.size(); ++i) {
    shaded[i] = luminance(fills[i].colour) < kShaded;
    if (!shaded[i]) continue;
    const Rect& b = fills[i].box;
    rights.push_back({b.x1, b.y0, b.y1, i});
    lefts.push_back({b.x0, b.y0, b.y1, i});
    bottoms.push_back({b.y1, b.x0, b.x1, i});
    tops.push_back({b.y0, b.x0, b.x1, i});
  }
  if (rights.empty()) return;
  add_gap_rules(rights, lefts, pieces.vertical);
  add_gap_rules(bottoms, tops, pieces.horizontal);
  std::vector<bool> in_table(fills.size(), false);
  for (const auto* sides : {&rights, &lefts, &bottoms, &tops})
    for (const Side& side : *sides)
      if (side.faced) in_table[side.box] = true;
  // Each side is looked for in every fill: past a budget of pairs, no frame is added.
  if (rights.size() * fills.size() > kMaxLightChecks) return;
  add_outer_sides(fills, shaded, rights, in_table, true, +1, pieces.vertical);
  add_outer_sides(fills, shaded, lefts, in_table, true, -1, pieces.vertical);
  add_outer_sides(fills, shaded, bottoms, in_table, false, +1, pieces.horizontal);
  add_outer_sides(fills, shaded, tops, in_table, false, -1, pieces.horizontal);
}

// Drops the `found` rules that run beside a drawn rule (within kNearInk across, over half
// their length): there the drawing rules already, and a shaded box inset from a cell's rules
// (word processors shade the text area) would only add a sliver of a column or row.
void drop_beside_ink(std::vector<Segment>& found, std::vector<Segment> ink) {
  constexpr double kNearInk = 8.0;  // points
  const auto by_position = [](const Segment& a, const Segment& b) {
    return a.position < b.position;
  };
  std::sort(ink.begin(), ink.end(), by_position);
  std::erase_if(found, [&](const Segment& s) {
    auto it =
        std::lower_bound(ink.begin(), ink.end(), Segment{s.position - kNearInk, 0, 0}, by_position);
    for (; it != ink.end() && it->position <= s.position + kNearInk; ++it) {
      const double overlap = std::min(s.to, it->to) - std::max(s.from, it->from);
      if (overlap >= 0.5 * (s.to - s.from)) return true;
    }
    return false;
  });
}

}  // namespace

void add_shading_rules(const std::vector<FilledRect>& fills, const std::vector<LightLine>& light,
                       Rulings& pieces) {
  Rulings found;
  add_light_lines(fills, light, found);
  add_box_rules(fills, found);
  drop_beside_ink(found.horizontal, pieces.horizontal);
  drop_beside_ink(found.vertical, pieces.vertical);
  pieces.horizontal.insert(pieces.horizontal.end(), found.horizontal.begin(),
                           found.horizontal.end());
  pieces.vertical.insert(pieces.vertical.end(), found.vertical.begin(), found.vertical.end());
}

}  // namespace trackport::pdf
