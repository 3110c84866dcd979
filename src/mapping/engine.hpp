// The mapping engine: from tables of cells (any format) to the model's items.
// It knows headers and values, never file formats.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "grid/table.hpp"
#include "mapping/mapping.hpp"
#include "model/document.hpp"

namespace trackport {

struct MapOptions {
  const Mapping* forced = nullptr;  // --mapping: use this one for every table
  double generic_min_score = 0.5;   // below this even the generic mapping does not apply
};

struct MappingCandidate {
  const Mapping* mapping = nullptr;
  double score = 0.0;
};

// What the engine decided for one table (also what `trackport inspect` shows).
struct TableDecision {
  int table = 0;                             // Table::index
  std::optional<std::size_t> header_row;     // grid row of the header
  std::vector<MappingCandidate> candidates;  // every mapping tried, best first
  const Mapping* chosen = nullptr;           // nullptr: not an item table
  double score = 0.0;
  bool generic = false;  // chosen is the synonym-dictionary fallback
};

struct MappingResult {
  std::vector<Item> items;
  std::vector<Warning> warnings;
  MappingInfo info;
  std::vector<TableDecision> decisions;
};

// Maps every table of a document. `file` is used in item and warning locations.
MappingResult map_document(const SourceDocument& document, const std::string& file,
                           const MapOptions& options = {});

// The same, freeing the grid's rows as they are read (the document's tables are left empty),
// so a big sheet is never held twice, as cells and as items.
MappingResult map_document_consuming(SourceDocument&& document, const std::string& file,
                                     const MapOptions& options = {});

// The header row and mapping for one table, without assembling items.
TableDecision decide_table(const Table& table, const MapOptions& options = {});

// The generic mapping built from the synonym dictionary (mappings/generic.yaml).
const Mapping& generic_mapping();

}  // namespace trackport
