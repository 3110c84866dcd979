#include "importers/pdf/page_analysis.hpp"

#include <algorithm>

#include "importers/pdf/page_turn.hpp"
#include "importers/pdf/ruled_tables.hpp"
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

}  // namespace

std::optional<PageLayout> analyse_page(const Document& document, int number,
                                       const PageLimits& limits, PageReport& report) {
  PageReadLimits read_limits;
  read_limits.max_words = limits.max_words;
  read_limits.max_paths = limits.max_paths;
  std::optional<PageContent> content = document.read_page(number, read_limits);
  if (!content) return std::nullopt;
  keep_words_on_page(content->words, content->width, content->height);
  PageLayout layout;
  layout.number = number;
  layout.rotation = content->rotation;
  layout.crop = content->crop;
  layout.turn = dominant_rotation(content->words);
  turn_page(*content, layout.turn);
  layout.width = content->width;
  layout.height = content->height;
  report.words = content->words.size();
  report.dropped_words = content->dropped_words;
  report.paths_dropped = content->paths_dropped;
  if (!content->words.empty())
    layout.tables = build_ruled_tables(content->rulings, content->words, content->fills, number);
  join_rotated_words(content->words);
  layout.lines = group_into_lines(std::move(content->words));
  return layout;
}

}  // namespace trackport::pdf
