#include "importers/pdf/page_analysis.hpp"

#include <poppler/cpp/poppler-page.h>

#include <algorithm>

#include "importers/pdf/page_raster.hpp"
#include "importers/pdf/ruled_tables.hpp"
#include "importers/pdf/ruling_lines.hpp"
#include "importers/pdf/text_extraction.hpp"

namespace trackport::pdf {

namespace {

// Text drawn off the page is invisible, and its coordinates would size the work that follows.
void keep_words_on_page(std::vector<Word>& words, double width, double height) {
  const Rect page{0, 0, width, height};
  std::erase_if(words,
                [&](const Word& w) { return !page.contains(w.box.centre_x(), w.box.centre_y()); });
  for (Word& w : words) {
    w.box.x0 = std::max(w.box.x0, 0.0);
    w.box.y0 = std::max(w.box.y0, 0.0);
    w.box.x1 = std::min(w.box.x1, width);
    w.box.y1 = std::min(w.box.y1, height);
  }
}

// The page's size as displayed and the crop box and rotation to map boxes back to PDF points.
void set_geometry(PageLayout& layout, const poppler::page& page) {
  const poppler::rectf box = page.page_rect(poppler::crop_box);
  switch (page.orientation()) {
    case poppler::page::landscape:
      layout.rotation = 90;
      break;
    case poppler::page::upside_down:
      layout.rotation = 180;
      break;
    case poppler::page::seascape:
      layout.rotation = 270;
      break;
    default:
      layout.rotation = 0;
  }
  layout.crop = {box.x(), box.y(), box.x() + box.width(), box.y() + box.height()};
  const bool sideways = layout.rotation == 90 || layout.rotation == 270;
  layout.width = sideways ? box.height() : box.width();
  layout.height = sideways ? box.width() : box.height();
}

}  // namespace

PageLayout analyse_page(const poppler::page& page, int number, const PageLimits& limits,
                        PageReport& report) {
  PageLayout layout;
  layout.number = number;
  set_geometry(layout, page);
  PageWords words = extract_words(page, limits.max_words);
  keep_words_on_page(words.words, layout.width, layout.height);
  report.words = words.words.size();
  report.dropped_words = words.dropped;
  // A page with no text has no table to rebuild; a page flooded with text boxes is not
  // rendered, which keeps its cost bounded (its text still comes through as lines).
  if (!words.words.empty() && words.words.size() <= limits.max_rule_words) {
    const Raster raster = render_page(page, limits.dpi, limits.max_pixels);
    report.rendered = !raster.empty();
    for (Word& word : words.words) word.colour = ink_colour(raster, word.box);
    std::vector<Rect> text;
    text.reserve(words.words.size());
    for (const Word& word : words.words) text.push_back(word.box);
    const Rulings rulings = find_rulings(raster, text);
    layout.tables = build_ruled_tables(rulings, words.words, raster, number);
  }
  layout.lines = group_into_lines(std::move(words.words));
  return layout;
}

}  // namespace trackport::pdf
