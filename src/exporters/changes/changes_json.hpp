// A Comparison in JSON, for scripts: the two sources, counts per kind, every change with both
// items, and the status movement matrix.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "model/comparison.hpp"

namespace trackport {

// {"old": {file, period, items}, "new": {...}, "matched": n, "counts": {kind: n},
//  "changes": [{"change", "field"?, "old", "new", "old_item", "new_item"}],
//  "status_matrix": {old rating: {new rating: n}}}. Ratings use the model's names ("amber-red",
// "none"); an item is {index, id, ref, theme, text, location} or null.
nlohmann::ordered_json comparison_to_json(const Comparison& comparison);

// comparison_to_json, 2-space indent, and a final newline.
void write_changes_json(const Comparison& comparison, std::ostream& out);

}  // namespace trackport
