// A starting mapping for a document's layout (`trackport mappings suggest`): one rule per column
// of its item tables, each commented with the evidence that placed it, so a team can read, correct
// and keep it. Converting the document with it gives the items the automatic choice gave.
#pragma once

#include <string>
#include <vector>

#include "grid/table.hpp"
#include "mapping/engine.hpp"
#include "mapping/vocabulary.hpp"

namespace trackport {

struct SuggestionSource {
  std::string name;  // the mapping's name
  std::string file;  // the document it was made from, for the comments
};

// The mapping YAML for the item tables among `decisions` (one per table, as the engine made
// them), with `vocabulary` (the document's key tables) as its values.
std::string suggest_mapping(const SuggestionSource& source,
                            const std::vector<TableDecision>& decisions,
                            const RatingVocabulary& vocabulary);

}  // namespace trackport
