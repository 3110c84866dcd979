// Key (legend) tables: the part of a document that says what its ratings look like — "RAG |
// Meaning", "1 | Red - significant issues", a "● On track" line with a green circle, "Complete" on
// a green fill. A key defines the document's rating vocabulary; its rows are not items.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "grid/table.hpp"
#include "model/rating.hpp"

namespace trackport {

struct KeyTable {
  std::vector<std::pair<std::string, Rating>> terms;  // as printed, in the key's order
};

// The key a table is, or nullopt when it is not one: a small table (2 to 12 rows under an
// optional header of key words) whose every row gives one rating, by a rating word or a cell's
// colour, each rating once, beside the words, numbers or symbols that stand for it.
std::optional<KeyTable> read_key_table(const Table& table);

}  // namespace trackport
