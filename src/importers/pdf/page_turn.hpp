// Text printed sideways: a table set across a portrait page (its text running up or down the
// page) is read as a person turning the page would, and text written bottom to top inside a cell
// (a narrow column's header) reads along its own lines.
#pragma once

#include <vector>

#include "importers/pdf/pdf_document.hpp"
#include "importers/pdf/pdf_layout.hpp"

namespace trackport::pdf {

// `r` (in a page `width` x `height`, top-left origin) as seen after turning the page so that text
// written `turn` quarter turns from upright reads left to right.
Rect turned(const Rect& r, int turn, double width, double height);

// The inverse: `r` of the turned page back on the page as displayed (`width` x `height` being
// the page's size as displayed).
Rect unturned(const Rect& r, int turn, double width, double height);

// The page's words, rulings and fills as seen after turning it: sizes swap for a quarter turn,
// words' rotations are counted from the new upright.
void turn_page(PageContent& content, int turn);

// Words written sideways (rotation != 0) rewritten along their own lines: each run of rotated
// words that are one line or neighbouring lines becomes one word (its text in reading order,
// its box their union), so that a vertical header reads "Number of registered voters".
void join_rotated_words(std::vector<Word>& words);

}  // namespace trackport::pdf
