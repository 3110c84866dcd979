// Small text helpers shared by row classification and item assembly. Internal to the mapping
// engine.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace trackport::detail {

// The row's non-empty cells joined by " | ".
inline std::string joined_row(const std::vector<std::string_view>& texts) {
  std::string joined;
  for (const auto& text : texts) {
    if (text.empty()) continue;
    if (!joined.empty()) joined += " | ";
    joined += text;
  }
  return joined;
}

// Appends `text` as a new line of `field`.
inline void append_line(std::string& field, std::string_view text) {
  if (text.empty()) return;
  if (!field.empty()) field += '\n';
  field += text;
}

// Adds a value to the item's extra under `header`, as another line when the header is there.
inline void append_extra(ExtraFields& extra, const std::string& header, std::string_view value) {
  for (auto& [name, existing] : extra) {
    if (name == header) {
      append_line(existing, value);
      return;
    }
  }
  extra.emplace_back(header, std::string(value));
}

}  // namespace trackport::detail
