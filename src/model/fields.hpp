// The Item's fields, spelled once: each one's name (its JSON member, its mapping field, its
// database column), its label (its column in the standard workbook and the CSV), and its kind.
// The mapping engine, the exporters and the readers go by this table, so a field added to the
// model is added here and in `Item`.
#pragma once

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

}  // namespace trackport
