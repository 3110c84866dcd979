// Pairing the items of two periods of one plan.
#pragma once

#include <vector>

#include "compare/compare.hpp"
#include "model/document.hpp"

namespace trackport::compare {

// Each item matches at most one on the other side, best pairs first, in three rounds:
//  1. same reference and similar text (similarity >= threshold);
//  2. similar text alone, exact copies first: items without references, and renumbered ones
//     (a reference that now names another item must not win over the text);
//  3. same reference alone: an item reworded beyond recognition under its old number.
// Ties go to the pair in the same theme, then with the more similar measure, then the one nearer
// in document order. Returned in the new document's order.
std::vector<ItemMatch> match_items(const std::vector<Item>& old_items,
                                   const std::vector<Item>& new_items, double threshold);

}  // namespace trackport::compare
