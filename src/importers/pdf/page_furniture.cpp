#include "importers/pdf/page_furniture.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "importers/pdf/text_extraction.hpp"

namespace trackport::pdf {

namespace {

constexpr double kMarginShare = 0.12;  // top and bottom share of the page furniture lives in

// The line's text with digits as '#' and without spaces, so "page 3" and "page 4" agree.
std::string furniture_key(const TextLine& line) {
  std::string key;
  for (char c : line_text(line)) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isspace(byte)) continue;
    key.push_back(std::isdigit(byte) ? '#' : static_cast<char>(std::tolower(byte)));
  }
  return key;
}

bool in_margin(const TextLine& line, const PageLayout& page) {
  return line.box.y1 <= page.height * kMarginShare ||
         line.box.y0 >= page.height * (1 - kMarginShare);
}

// A line in the top margin whose words stand in columns (gaps wider than a space).
bool header_like(const TextLine& line, const PageLayout& page) {
  if (line.box.y1 > page.height * kMarginShare) return false;
  for (std::size_t i = 1; i < line.words.size(); ++i)
    if (line.words[i].box.x0 - line.words[i - 1].box.x1 > line.font_size) return true;
  return false;
}

bool is_page_number(const std::string& key) {
  if (key.empty() || key.size() > 12) return false;
  std::string rest;
  for (char c : key)
    if (c != '#' && c != '-' && c != '/' && c != '.') rest.push_back(c);
  return rest.empty() || rest == "page" || rest == "pageof" || rest == "p";
}

}  // namespace

void remove_running_furniture(std::vector<PageLayout>& pages) {
  // How many pages show each margin text.
  std::map<std::string, std::set<int>> seen_on;
  for (const PageLayout& page : pages)
    for (const TextLine& line : page.lines)
      if (in_margin(line, page)) seen_on[furniture_key(line)].insert(page.number);
  const std::size_t repeats_needed =
      pages.size() < 2 ? 2 : std::max<std::size_t>(2, pages.size() / 3);
  for (PageLayout& page : pages) {
    std::erase_if(page.lines, [&](const TextLine& line) {
      if (!in_margin(line, page)) return false;
      const std::string key = furniture_key(line);
      if (is_page_number(key)) return true;
      const std::set<int>& on = seen_on[key];
      if (on.size() < repeats_needed) return false;
      // The header row of an unruled table repeated at the top of every page stays where it
      // is first printed.
      return !(header_like(line, page) && page.number == *on.begin());
    });
  }
}

namespace {

double typical_line_height(const PageLayout& page) {
  std::vector<double> heights;
  for (const TextLine& line : page.lines) heights.push_back(line.box.height());
  if (heights.empty()) return 1.0;
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2),
                   heights.end());
  return std::max(1.0, heights[heights.size() / 2]);
}

// How a line is set: its size (to half a point) and whether it is bold or italic, by most of its
// characters.
struct LineStyle {
  long half_points = 0;
  bool bold = false, italic = false;
};

LineStyle style_of(const TextLine& line) {
  std::size_t chars = 0, bold = 0, italic = 0;
  for (const Word& w : line.words) {
    chars += w.text.size();
    bold += w.bold ? w.text.size() : 0;
    italic += w.italic ? w.text.size() : 0;
  }
  return {std::lround(2 * line.font_size), 2 * bold > chars, 2 * italic > chars};
}

// A heading over the line of details set under it (a bold or larger line above a plainer one:
// "PRIORITY 2: ..." over the italic line of its leads). A plain line above a heading is body text.
bool heads_line_below(const TextLine& above, const TextLine& below) {
  const LineStyle a = style_of(above), b = style_of(below);
  return a.half_points > b.half_points || (a.bold && !b.bold);
}

// The heading lines above a table, top down. `detail` marks a line set under a heading in a
// plainer style, a line apart (the italic line of leads under "PRIORITY 2: ..."): not part of
// the heading.
struct HeadingBlock {
  std::vector<std::size_t> lines;
  std::vector<bool> detail;
};

// Lines above `table` and below anything else on the page that is above it.
HeadingBlock heading_block(const PageLayout& page, const PageTable& table) {
  double floor = 0;  // the bottom of the previous table above this one
  for (const PageTable& other : page.tables)
    if (other.box.y1 <= table.box.y0 + 1 && &other != &table) floor = std::max(floor, other.box.y1);
  std::vector<std::size_t> above;
  for (std::size_t i = 0; i < page.lines.size(); ++i) {
    const TextLine& line = page.lines[i];
    if (line.box.y1 <= table.box.y0 + 1 && line.box.y0 >= floor && line.box.x1 > table.box.x0 &&
        line.box.x0 < table.box.x1)
      above.push_back(i);
  }
  std::sort(above.begin(), above.end(), [&](std::size_t a, std::size_t b) {
    return page.lines[a].box.y1 > page.lines[b].box.y1;
  });
  HeadingBlock block;
  double top = table.box.y0;
  const double body_height = typical_line_height(page);
  for (std::size_t i : above) {
    const TextLine& line = page.lines[i];
    const double height = std::max(1.0, line.box.height());
    if (block.lines.size() == 3) break;
    const double gap = top - line.box.y1;
    // The first line within two and a half lines (of its size or the page's text) of the table;
    // the next ones close above as a wrapped heading's lines, or within a line of a heading over
    // the line below it, which is then that heading's line of details.
    if (block.lines.empty()) {
      if (gap > 2.5 * std::max(height, body_height)) break;
    } else if (gap > 0.6 * height) {
      const TextLine& below = page.lines[block.lines.back()];
      if (!heads_line_below(line, below) || gap > std::max(height, below.box.height())) break;
      block.detail.back() = true;
    }
    block.lines.push_back(i);
    block.detail.push_back(false);
    top = line.box.y0;
  }
  std::reverse(block.lines.begin(), block.lines.end());
  std::reverse(block.detail.begin(), block.detail.end());
  return block;
}

}  // namespace

void attach_headings(PageLayout& page) {
  std::set<std::size_t> used;
  for (PageTable& table : page.tables) {
    const HeadingBlock block = heading_block(page, table);
    // The heading's lines joined (a wrapped heading); a line of details stays text of the page.
    std::string heading;
    for (std::size_t k = 0; k < block.lines.size(); ++k) {
      if (block.detail[k]) continue;
      if (!heading.empty()) heading += ' ';
      heading += line_text(page.lines[block.lines[k]]);
    }
    if (heading.empty() || heading.size() > 200) continue;
    table.headings.push_back(heading);
    for (std::size_t k = 0; k < block.lines.size(); ++k)
      if (!block.detail[k]) used.insert(block.lines[k]);
  }
  std::vector<TextLine> rest;
  for (std::size_t i = 0; i < page.lines.size(); ++i)
    if (!used.count(i)) rest.push_back(std::move(page.lines[i]));
  page.lines = std::move(rest);
}

std::string opening_lines(const PageLayout& page, const std::string& title) {
  constexpr std::size_t kMaxLines = 4;
  constexpr std::size_t kMaxLineLength = 200;
  double first_table_top = page.height;
  for (const PageTable& table : page.tables)
    first_table_top = std::min(first_table_top, table.box.y0);
  std::vector<const TextLine*> above;
  for (const TextLine& line : page.lines)
    if (line.box.y1 <= first_table_top + 1) above.push_back(&line);
  std::sort(above.begin(), above.end(),
            [](const TextLine* a, const TextLine* b) { return a->box.y0 < b->box.y0; });
  std::string opening;
  std::size_t kept = 0;
  for (const TextLine* line : above) {
    const std::string text = line_text(*line);
    if (text.empty() || text == title || text.size() > kMaxLineLength) continue;
    if (!opening.empty()) opening += '\n';
    opening += text;
    if (++kept == kMaxLines) break;
  }
  return opening;
}

}  // namespace trackport::pdf
