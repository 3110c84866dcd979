// Model -> JSON, field names exactly as spec/MODEL.md.
#include <algorithm>
#include <cctype>
#include <string>

#include "exporters/json/json_exporter.hpp"
#include "exporters/json/json_parts.hpp"
#include "model/due.hpp"
#include "model/fields.hpp"
#include "model/rating.hpp"

namespace trackport {
namespace {

using nlohmann::ordered_json;

// Optional text: null when empty, so scripts see the same keys on every object.
ordered_json optional_text(const std::string& text) {
  return text.empty() ? ordered_json(nullptr) : ordered_json(text);
}

ordered_json string_array(const std::vector<std::string>& values) {
  ordered_json array = ordered_json::array();
  for (const auto& value : values) array.push_back(value);
  return array;
}

ordered_json optional_date(const std::optional<std::chrono::year_month_day>& day) {
  return day ? ordered_json(iso_date(*day)) : ordered_json(nullptr);
}

ordered_json due_json(const std::optional<Due>& due) {
  if (!due) return nullptr;
  ordered_json json;
  json["raw"] = due->raw;
  json["start"] = optional_date(due->start);
  json["end"] = optional_date(due->end);
  return json;
}

bool all_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// A page is a number ("page": 3) unless the row spans pages ("page": "3-4"). Text that would not
// read back the same as a number ("03") stays text.
ordered_json page_json(const std::string& page) {
  if (all_digits(page) && page.size() < 9 && page[0] != '0') return std::stoi(page);
  return page;
}

ordered_json location_json(const Location& location) {
  ordered_json json;
  json["file"] = location.file;
  if (!location.sheet.empty()) json["sheet"] = location.sheet;
  if (!location.cells.empty()) json["cells"] = location.cells;
  if (location.table > 0) json["table"] = location.table;
  if (location.row > 0) json["row"] = location.row;
  if (!location.page.empty()) json["page"] = page_json(location.page);
  return json;
}

ordered_json assessment_json(const Assessment& assessment) {
  ordered_json json;
  json["by"] = assessment.by;
  json["rating"] = rating_name(assessment.rating);
  json["raw"] = assessment.raw;
  json["from"] = rating_source_name(assessment.from);
  json["commentary"] = optional_text(assessment.commentary);
  return json;
}

ordered_json extra_json(const ExtraFields& extra) {
  ordered_json json = ordered_json::object();
  for_each_extra_member(
      extra, [&json](const std::string& key, const std::string& value) { json[key] = value; });
  return json;
}

ordered_json period_values_json(const std::vector<PeriodValue>& values) {
  ordered_json array = ordered_json::array();
  for (const auto& value : values)
    array.push_back({{"period", value.period}, {"value", value.value}});
  return array;
}

ordered_json breakdown_json(const IndicatorBreakdown& breakdown) {
  ordered_json json;
  json["area"] = breakdown.area;
  json["baseline"] = optional_text(breakdown.baseline);
  json["targets"] = period_values_json(breakdown.targets);
  return json;
}

template <typename T, typename ToJson>
ordered_json array_of(const std::vector<T>& values, ToJson to_json) {
  ordered_json array = ordered_json::array();
  for (const auto& value : values) array.push_back(to_json(value));
  return array;
}

}  // namespace

namespace json_parts {

ordered_json document_head(const Document& document) {
  ordered_json json;
  json["schema_version"] = kSchemaVersion;
  json["title"] = optional_text(document.title);
  json["organisation"] = optional_text(document.organisation);
  json["period"] = optional_text(document.period);
  json["source"] = {{"file", document.source.file},
                    {"format", document.source.format},
                    {"sha256", optional_text(document.source.sha256)}};
  json["mapping"] = {{"name", optional_text(document.mapping.name)},
                     {"score", document.mapping.score},
                     {"auto", document.mapping.automatic}};
  return json;
}

ordered_json item(const Item& item) {
  ordered_json json;
  for (const ItemField& field : kItemFields) {
    ordered_json& value = json[std::string(field.name)];
    switch (field.kind) {
      case ItemFieldKind::id:
      case ItemFieldKind::always_text:
        value = item.*(field.text);
        break;
      case ItemFieldKind::text:
        value = optional_text(item.*(field.text));
        break;
      case ItemFieldKind::due:
        value = due_json(item.due);
        break;
      case ItemFieldKind::people:
        value = string_array(item.*(field.people));
        break;
      case ItemFieldKind::status:
        value = rating_name(item.status);
        break;
      case ItemFieldKind::assessments:
        value = array_of(item.assessments, assessment_json);
        break;
      case ItemFieldKind::extra:
        value = extra_json(item.extra);
        break;
      case ItemFieldKind::source:
        value = location_json(item.source);
        break;
    }
  }
  return json;
}

ordered_json indicator(const Indicator& indicator) {
  ordered_json json;
  json["code"] = optional_text(indicator.code);
  json["title"] = optional_text(indicator.title);
  json["baseline"] = optional_text(indicator.baseline);
  json["targets"] = period_values_json(indicator.targets);
  json["breakdown"] = array_of(indicator.breakdown, breakdown_json);
  json["source"] = location_json(indicator.source);
  return json;
}

ordered_json risk(const Risk& risk) {
  ordered_json json;
  json["ref"] = optional_text(risk.ref);
  json["description"] = optional_text(risk.description);
  json["impact"] = optional_text(risk.impact);
  json["likelihood"] = optional_text(risk.likelihood);
  json["score"] = optional_text(risk.score);
  json["mitigation"] = optional_text(risk.mitigation);
  json["owner"] = optional_text(risk.owner);
  json["due"] = due_json(risk.due);
  json["source"] = location_json(risk.source);
  return json;
}

ordered_json warning(const Warning& warning) {
  ordered_json json;
  json["code"] = warning.code;
  json["message"] = warning.message;
  json["location"] = location_json(warning.location);
  return json;
}

}  // namespace json_parts

ordered_json document_to_json(const Document& document) {
  ordered_json json = json_parts::document_head(document);
  json["items"] = array_of(document.items, json_parts::item);
  json["indicators"] = array_of(document.indicators, json_parts::indicator);
  json["risks"] = array_of(document.risks, json_parts::risk);
  json["warnings"] = array_of(document.warnings, json_parts::warning);
  return json;
}

}  // namespace trackport
