// Text from a PDF page: words joined into lines by baseline, and lines
// joined into a cell's text (wrapped lines with a space, bullets and paragraphs as new lines).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "importers/pdf/pdf_layout.hpp"

namespace trackport::pdf {

// The writing direction (Word::rotation) of more than half the words' characters, else 0.
int dominant_rotation(const std::vector<Word>& words);

// Groups words into lines (same baseline, left to right); lines are ordered top to bottom. Words
// written sideways go with the upright line that crosses them nearest their foot.
std::vector<TextLine> group_into_lines(std::vector<Word> words);

// The words of one line joined with spaces where poppler saw a space or a gap.
std::string line_text(const TextLine& line);

// The text of a cell holding these words: wrapped lines joined with a space, a line starting with
// a bullet or after a paragraph gap on a new line ("• " for bullets), a word broken at the cell's
// right edge (the right side of `cell_box` where it is given) joined back together. A cell
// written sideways (most of its characters) is read along its lines.
std::string cell_text(std::vector<Word> words, std::optional<Rect> cell_box = std::nullopt);

// The colour of the first of the words that has one.
std::optional<Rgb> first_colour(const std::vector<Word>& words);

// "0-" then "19": text ending in a hyphen continues without a space.
bool broken_after_hyphen(const std::string& text, const std::string& next);

// Coordinates in which words written `rotation` quarter turns from upright read left to right,
// top to bottom (relative ones: the origin moves), and back.
Rect along_writing(const Rect& r, int rotation);
Rect from_writing(const Rect& r, int rotation);

// True for the glyphs documents use as list bullets.
bool is_bullet(const std::string& word);

}  // namespace trackport::pdf
