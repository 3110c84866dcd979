// Tables that refer to each other: a progress table whose key column holds the refs of an
// earlier table's items (an action plan, then its progress against each action) updates those
// items instead of adding a second copy of every action.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/document.hpp"

namespace trackport {

// What a later table may call an item by: its printed ref, else the number its text starts with
// ("1. Develop ..." -> "1"); "" for neither.
std::string ref_of(const Item& item);

// Whether `later` (of a later table) could be `earlier`'s row in a table that refers back: the
// same ref, the later one reports (progress, ratings), and it is the same action in other words
// or the earlier one planned (due, leads) and the later one does not. Cheap: a streamed document
// checks it per item.
bool could_refer_back(const Item& earlier, const Item& later);

// Merges every table of `items` that refers back into the table it refers to. `table_starts`:
// the index of each logical table's first item, in order. A table refers back when most of its
// items (two at least) match items of one earlier table by ref and could_refer_back; its matched
// items update the earlier items (empty fields filled, ratings, progress and extra added, a value
// that differs kept in extra as "due in table 3") and are removed; unmatched rows stay items of
// their own. Returns a note per merged table.
std::vector<Warning> merge_tables_that_refer_back(std::vector<Item>& items,
                                                  const std::vector<std::size_t>& table_starts);

}  // namespace trackport
