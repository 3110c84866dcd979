#include "mapping/layers.hpp"

#include <algorithm>

namespace trackport {

std::vector<const Mapping*> MappingLayers::in_order() const {
  std::vector<const Mapping*> mappings;
  for (const Mapping* mapping : {user, named, dictionary}) {
    if (mapping && std::find(mappings.begin(), mappings.end(), mapping) == mappings.end()) {
      mappings.push_back(mapping);
    }
  }
  return mappings;
}

const Mapping& MappingLayers::primary() const {
  return user ? *user : named ? *named : *dictionary;
}

std::optional<Rating> MappingLayers::value(std::string_view normalised) const {
  for (const Mapping* mapping : {user, named, dictionary}) {
    if (!mapping) continue;
    for (const auto& [text, rating] : mapping->values) {
      if (text == normalised) return rating;
    }
  }
  return std::nullopt;
}

bool MappingLayers::has_values() const {
  for (const Mapping* mapping : {user, named, dictionary}) {
    if (mapping && !mapping->values.empty()) return true;
  }
  return false;
}

const std::string& MappingLayers::headline() const {
  static const std::string none;
  for (const Mapping* mapping : {user, named, dictionary}) {
    if (mapping && !mapping->headline.empty()) return mapping->headline;
  }
  return none;
}

const std::vector<HeaderPattern>& MappingLayers::key() const {
  static const std::vector<HeaderPattern> none;
  for (const Mapping* mapping : {user, named, dictionary}) {
    if (mapping && !mapping->key.empty()) return mapping->key;
  }
  return none;
}

const Mapping* MappingLayers::headings() const {
  for (const Mapping* mapping : {user, named, dictionary}) {
    if (mapping && !mapping->headings.empty()) return mapping;
  }
  return nullptr;
}

bool MappingLayers::has_drop_rows() const {
  for (const Mapping* mapping : {user, named, dictionary}) {
    if (mapping && !mapping->drop_rows.empty()) return true;
  }
  return false;
}

bool MappingLayers::drops(const std::string& joined_row) const {
  for (const Mapping* mapping : {user, named, dictionary}) {
    if (!mapping) continue;
    for (const auto& pattern : mapping->drop_rows) {
      if (pattern.search(joined_row)) return true;
    }
  }
  return false;
}

}  // namespace trackport
