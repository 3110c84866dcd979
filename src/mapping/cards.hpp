// Card tables: a report that gives each action its own small table of label | value pairs
// ("Ref | 1.2", "Action | ...", "Lead officer | ...", "RAG | Green"), often one table per action
// under a heading per priority. A card is an item whose fields are named by its labels, as a
// table's are by its headers.
#pragma once

#include <optional>

#include "grid/table.hpp"
#include "mapping/layers.hpp"

namespace trackport {

// The table's cards turned into an ordinary table: one header row of the labels, in the order
// they first appear, then one row per card with its values (cells as they were, fills and fonts
// kept). Labels are named by `layers`' header rules; nullopt when the table is not made of cards:
// rows of a label and its value (two columns, or two pairs a row), at least three labels that a
// rule names, and most of its labels so.
std::optional<Table> cards_as_rows(const Table& table, const MappingLayers& layers);

}  // namespace trackport
