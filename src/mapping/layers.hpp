// The mappings that speak for one table, strongest first: the one the user gave or chose, the
// named mapping that recognised the table, and the generic header dictionary. A named mapping adds
// knowledge; it never makes the dictionary forget what it knows.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mapping/mapping.hpp"

namespace trackport {

struct MappingLayers {
  const Mapping* user = nullptr;        // --mapping, a trackport.yaml's mapping
  const Mapping* named = nullptr;       // a built-in or mapping-folder mapping that recognised it
  const Mapping* dictionary = nullptr;  // generic.yaml

  // Strongest first, without the absent ones.
  std::vector<const Mapping*> in_order() const;
  // The mapping the table is reported under: the user's, else the named one, else the dictionary.
  const Mapping& primary() const;
  // The rating a mapping's `values:` give a normalised text, strongest mapping first.
  std::optional<Rating> value(std::string_view normalised) const;
  // True when some mapping has `values:` (so a text is worth normalising for them).
  bool has_values() const;
  // The `by` of the headline rating; "" = the last rating given.
  const std::string& headline() const;
  // The columns whose emptiness marks a continuation row (empty: none named).
  const std::vector<HeaderPattern>& key() const;
  // The mapping whose `headings:` apply (the strongest that has some); nullptr when none has.
  const Mapping* headings() const;
  // True when a mapping's drop_rows pattern is found in the row's cells joined by " | ".
  bool drops(const std::string& joined_row) const;
  bool has_drop_rows() const;
};

}  // namespace trackport
