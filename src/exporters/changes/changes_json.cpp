#include "exporters/changes/changes_json.hpp"

namespace trackport {
namespace {

using Json = nlohmann::ordered_json;

// The model's location keys; unset parts left out.
Json location_json(const Location& location) {
  Json json = Json::object();
  json["file"] = location.file;
  if (!location.sheet.empty()) json["sheet"] = location.sheet;
  if (!location.cells.empty()) json["cells"] = location.cells;
  if (location.table > 0) json["table"] = location.table;
  if (location.row > 0) json["row"] = location.row;
  if (!location.page.empty()) json["page"] = location.page;
  return json;
}

Json item_json(const std::optional<ItemSide>& item) {
  if (!item) return nullptr;
  Json json;
  json["index"] = item->index;
  json["id"] = item->id;
  json["ref"] = item->ref;
  json["theme"] = item->theme;
  json["text"] = item->text;
  json["location"] = location_json(item->source);
  return json;
}

bool rated(ChangeKind kind) {
  return kind == ChangeKind::status || kind == ChangeKind::assessment ||
         kind == ChangeKind::added || kind == ChangeKind::dropped;
}

Json change_json(const Change& change) {
  Json json;
  json["change"] = change_kind_name(change.kind);
  if (!change.field.empty()) json["field"] = change.field;
  if (rated(change.kind)) {
    json["old"] = change.old_item || change.kind == ChangeKind::assessment
                      ? Json(rating_name(change.old_status))
                      : Json(nullptr);
    json["new"] = change.new_item || change.kind == ChangeKind::assessment
                      ? Json(rating_name(change.new_status))
                      : Json(nullptr);
  } else {
    json["old"] = change.old_value;
    json["new"] = change.new_value;
  }
  json["old_item"] = item_json(change.old_item);
  json["new_item"] = item_json(change.new_item);
  return json;
}

Json side_json(const std::string& file, const std::string& period, std::size_t items) {
  Json json;
  json["file"] = file;
  json["period"] = period;
  json["items"] = items;
  return json;
}

// Only the moves that happened: {"amber": {"red": 2, "amber": 5}}.
Json matrix_json(const StatusMatrix& matrix) {
  Json json = Json::object();
  for (std::size_t from = 0; from < matrix.size(); ++from) {
    for (std::size_t to = 0; to < matrix[from].size(); ++to) {
      if (matrix[from][to] == 0) continue;
      const auto from_name = std::string(rating_name(static_cast<Rating>(from)));
      json[from_name][std::string(rating_name(static_cast<Rating>(to)))] = matrix[from][to];
    }
  }
  return json;
}

}  // namespace

nlohmann::ordered_json comparison_to_json(const Comparison& comparison) {
  Json json;
  json["old"] = side_json(comparison.old_file, comparison.old_period, comparison.old_items);
  json["new"] = side_json(comparison.new_file, comparison.new_period, comparison.new_items);
  json["matched"] = comparison.matches.size();
  Json counts = Json::object();
  for (std::size_t k = 0; k < kChangeKindCount; ++k) {
    const auto kind = static_cast<ChangeKind>(k);
    counts[std::string(change_kind_name(kind))] =
        kind == ChangeKind::progress ? comparison.progress_changed : comparison.count(kind);
  }
  json["counts"] = std::move(counts);
  Json changes = Json::array();
  for (const auto& change : comparison.changes) changes.push_back(change_json(change));
  json["changes"] = std::move(changes);
  json["status_matrix"] = matrix_json(comparison.status_matrix);
  return json;
}

void write_changes_json(const Comparison& comparison, std::ostream& out) {
  // Invalid UTF-8 in a source text is replaced rather than thrown on.
  out << comparison_to_json(comparison).dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace trackport
