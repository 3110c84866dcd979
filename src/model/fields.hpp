// The Item's fields, spelled once: each one's name (its JSON member, its mapping field, its
// database column), its label (its column in the standard workbook and the CSV), and its kind.
// The mapping engine, the exporters and the readers go by this table, so a field added to the
// model is added here and in `Item`.
#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace trackport {

enum class ItemFieldKind {
  id,           // the item's id (always present)
  text,         // optional text: null in JSON when empty
  always_text,  // text always written, even empty (the commitment itself)
  due,          // Due
  people,       // a list of people or teams
  status,       // the headline Rating
  assessments,  // every rating
  extra,        // the columns no mapping placed
  source,       // Location
};

struct ItemField {
  std::string_view name;
  std::string_view label;
  ItemFieldKind kind;
  std::string Item::*text = nullptr;                 // text, always_text, id
  std::vector<std::string> Item::*people = nullptr;  // people
};

// Every field of an Item, in the order of its JSON form.
inline constexpr std::array<ItemField, 19> kItemFields{{
    {"id", "Id", ItemFieldKind::id, &Item::id},
    {"theme", "Theme", ItemFieldKind::text, &Item::theme},
    {"objective", "Objective", ItemFieldKind::text, &Item::objective},
    {"category", "Category", ItemFieldKind::text, &Item::category},
    {"ref", "Ref", ItemFieldKind::text, &Item::ref},
    {"text", "Text", ItemFieldKind::always_text, &Item::text},
    {"measure", "Measure", ItemFieldKind::text, &Item::measure},
    {"baseline", "Baseline", ItemFieldKind::text, &Item::baseline},
    {"target", "Target", ItemFieldKind::text, &Item::target},
    {"due", "Due", ItemFieldKind::due},
    {"leads", "Leads", ItemFieldKind::people, nullptr, &Item::leads},
    {"partners", "Partners", ItemFieldKind::people, nullptr, &Item::partners},
    {"progress", "Progress", ItemFieldKind::text, &Item::progress},
    {"status", "Status", ItemFieldKind::status},
    {"assessments", "Assessments", ItemFieldKind::assessments},
    {"mitigation", "Mitigation", ItemFieldKind::text, &Item::mitigation},
    {"comments", "Comments", ItemFieldKind::text, &Item::comments},
    {"extra", "Extra", ItemFieldKind::extra},
    {"source", "Source", ItemFieldKind::source},
}};

// The field of that name, nullptr when the Item has none.
constexpr const ItemField* find_item_field(std::string_view name) {
  for (const auto& field : kItemFields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

// Calls member(key, value) for each extra value in order, the key its header; a header repeated
// within the item is numbered " (2)", " (3)" ... (skipping a key already taken), as a JSON object
// cannot repeat a key. The JSON form's `extra` and the CSV's Extra cell both go by this.
template <typename Member>
void for_each_extra_member(const ExtraFields& extra, Member member) {
  bool distinct = true;
  for (std::size_t i = 0; i < extra.size() && distinct; ++i) {
    for (std::size_t j = 0; j < i && distinct; ++j) distinct = extra[i].first != extra[j].first;
  }
  if (distinct) {  // the usual case: the headers are the keys, nothing is built
    for (const auto& [header, value] : extra) member(header, value);
    return;
  }
  std::vector<std::string> keys;
  for (const auto& [header, value] : extra) {
    std::string key = header;
    for (int n = 2; std::find(keys.begin(), keys.end(), key) != keys.end(); ++n)
      key = header + " (" + std::to_string(n) + ")";
    keys.push_back(std::move(key));
    member(keys.back(), value);
  }
}

}  // namespace trackport
