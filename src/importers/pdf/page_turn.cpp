#include "importers/pdf/page_turn.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

#include "importers/pdf/text_extraction.hpp"

namespace trackport::pdf {

namespace {

void turned_rules(const std::vector<Segment>& rules, bool horizontal, int turn, double width,
                  double height, Rulings& out) {
  for (const Segment& s : rules) {
    const Rect line = horizontal ? Rect{s.from, s.position, s.to, s.position}
                                 : Rect{s.position, s.from, s.position, s.to};
    const Rect t = turned(line, turn, width, height);
    if (t.height() <= t.width())
      out.horizontal.push_back({t.y0, t.x0, t.x1});
    else
      out.vertical.push_back({t.x0, t.y0, t.y1});
  }
}

void sort_rules(std::vector<Segment>& rules) {
  std::sort(rules.begin(), rules.end(), [](const Segment& a, const Segment& b) {
    return a.position != b.position ? a.position < b.position : a.from < b.from;
  });
}

}  // namespace

Rect turned(const Rect& r, int turn, double width, double height) {
  switch (turn) {
    case 1:
      return Rect::around(r.y0, width - r.x0, r.y1, width - r.x1);
    case 2:
      return Rect::around(width - r.x0, height - r.y0, width - r.x1, height - r.y1);
    case 3:
      return Rect::around(height - r.y0, r.x0, height - r.y1, r.x1);
    default:
      return r;
  }
}

Rect unturned(const Rect& r, int turn, double width, double height) {
  switch (turn) {
    case 1:
      return Rect::around(width - r.y0, r.x0, width - r.y1, r.x1);
    case 2:
      return Rect::around(width - r.x0, height - r.y0, width - r.x1, height - r.y1);
    case 3:
      return Rect::around(r.y0, height - r.x0, r.y1, height - r.x1);
    default:
      return r;
  }
}

void turn_page(PageContent& content, int turn) {
  if (turn == 0) return;
  const double w = content.width, h = content.height;
  for (Word& word : content.words) {
    word.box = turned(word.box, turn, w, h);
    word.rotation = (word.rotation - turn + 4) % 4;
  }
  Rulings rules;
  turned_rules(content.rulings.horizontal, true, turn, w, h, rules);
  turned_rules(content.rulings.vertical, false, turn, w, h, rules);
  sort_rules(rules.horizontal);
  sort_rules(rules.vertical);
  content.rulings = std::move(rules);
  for (FilledRect& fill : content.fills) fill.box = turned(fill.box, turn, w, h);
  if (turn % 2 == 1) std::swap(content.width, content.height);
}

namespace {

constexpr double kBlockGap = 0.5;  // in line heights: rotated lines closer than this are one block

// One block of rotated lines (in writing coordinates) as a single word on the page.
Word block_word(std::vector<Word> along, int rotation) {
  Rect box = along.front().box;
  for (const Word& w : along) box.extend(w.box);
  Word word = along.front();
  word.colour = first_colour(along);
  word.text = cell_text(std::move(along));
  word.box = from_writing(box, rotation);
  word.rotation = rotation;
  word.space_after = true;
  return word;
}

}  // namespace

void join_rotated_words(std::vector<Word>& words) {
  for (int rotation = 1; rotation < 4; ++rotation) {
    if (std::none_of(words.begin(), words.end(),
                     [&](const Word& w) { return w.rotation == rotation; }))
      continue;
    std::vector<Word> along;
    std::vector<Word> kept;
    for (Word& w : words) {
      if (w.rotation != rotation) {
        kept.push_back(std::move(w));
        continue;
      }
      Word copy = std::move(w);
      copy.box = along_writing(copy.box, rotation);
      copy.rotation = 0;
      along.push_back(std::move(copy));
    }
    const std::vector<TextLine> lines = group_into_lines(std::move(along));
    std::vector<Word> block;
    Rect block_box;
    const auto close = [&] {
      if (!block.empty()) kept.push_back(block_word(std::move(block), rotation));
      block.clear();
    };
    for (const TextLine& line : lines) {
      const double height = std::max(1.0, line.box.height());
      const bool joins = !block.empty() && line.box.y0 - block_box.y1 <= kBlockGap * height &&
                         line.box.x0 < block_box.x1 && line.box.x1 > block_box.x0;
      if (!joins) {
        close();
        block_box = line.box;
      }
      block_box.extend(line.box);
      block.insert(block.end(), line.words.begin(), line.words.end());
    }
    close();
    words = std::move(kept);
  }
}

}  // namespace trackport::pdf
