// JSON -> model: the inverse of document_to_json, strict about types, lenient about missing keys.
#include <stdexcept>
#include <string>

#include "exporters/json/json_exporter.hpp"
#include "model/due.hpp"
#include "model/fields.hpp"
#include "model/rating.hpp"

namespace trackport {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& problem) {
  throw std::runtime_error("malformed trackport JSON at " + (path.empty() ? "top level" : path) +
                           ": " + problem);
}

std::string child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string element(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// Reads one JSON flavour (ordered or not); each function takes the path of the value it reads so
// errors can say where the problem is.
template <typename Json>
struct Reader {
  static void expect_object(const Json& json, const std::string& path) {
    if (!json.is_object()) fail(path, std::string("expected an object, got ") + json.type_name());
  }

  // The member, or nullptr when it is missing or null.
  static const Json* member(const Json& object, std::string_view key) {
    auto found = object.find(std::string(key));
    if (found == object.end() || found->is_null()) return nullptr;
    return &*found;
  }

  static std::string text(const Json& object, std::string_view key, const std::string& path) {
    const Json* value = member(object, key);
    if (value == nullptr) return {};
    if (!value->is_string()) {
      fail(child(path, key), std::string("expected a string, got ") + value->type_name());
    }
    return value->template get<std::string>();
  }

  static std::string string_value(const Json& value, const std::string& path) {
    if (value.is_null()) return {};
    if (!value.is_string()) fail(path, std::string("expected a string, got ") + value.type_name());
    return value.template get<std::string>();
  }

  // Calls read(element, path) for each element of the array at key (absent or null: none).
  template <typename Read>
  static void each(const Json& object, std::string_view key, const std::string& path, Read read) {
    const Json* array = member(object, key);
    if (array == nullptr) return;
    const std::string array_path = child(path, key);
    if (!array->is_array()) {
      fail(array_path, std::string("expected an array, got ") + array->type_name());
    }
    for (std::size_t i = 0; i < array->size(); ++i) read((*array)[i], element(array_path, i));
  }

  static std::vector<std::string> strings(const Json& object, std::string_view key,
                                          const std::string& path) {
    std::vector<std::string> values;
    each(object, key, path, [&](const Json& value, const std::string& value_path) {
      values.push_back(string_value(value, value_path));
    });
    return values;
  }

  static Rating rating(const Json& object, std::string_view key, const std::string& path) {
    const std::string name = text(object, key, path);
    if (name.empty()) return Rating::none;
    auto parsed = rating_from_name(name);
    if (!parsed) fail(child(path, key), "unknown rating \"" + name + "\"");
    return *parsed;
  }

  static std::optional<std::chrono::year_month_day> date(const Json& object, std::string_view key,
                                                         const std::string& path) {
    const std::string iso = text(object, key, path);
    if (iso.empty()) return std::nullopt;
    auto parsed = parse_iso_date(iso);
    if (!parsed) fail(child(path, key), "expected a date YYYY-MM-DD, got \"" + iso + "\"");
    return parsed;
  }

  static std::optional<Due> due(const Json& object, const std::string& path) {
    const Json* json = member(object, "due");
    if (json == nullptr) return std::nullopt;
    const std::string due_path = child(path, "due");
    expect_object(*json, due_path);
    Due due;
    due.raw = text(*json, "raw", due_path);
    due.start = date(*json, "start", due_path);
    due.end = date(*json, "end", due_path);
    return due;
  }

  static int positive_int(const Json& object, std::string_view key, const std::string& path) {
    const Json* value = member(object, key);
    if (value == nullptr) return 0;
    if (!value->is_number_integer()) {
      fail(child(path, key), std::string("expected an integer, got ") + value->type_name());
    }
    return value->template get<int>();
  }

  // "page": 3 or "page": "3-4".
  static std::string page(const Json& object, const std::string& path) {
    const Json* value = member(object, "page");
    if (value == nullptr) return {};
    if (value->is_number_integer()) return std::to_string(value->template get<int>());
    return text(object, "page", path);
  }

  static Location location(const Json& object, std::string_view key, const std::string& path) {
    const Json* json = member(object, key);
    if (json == nullptr) return {};
    const std::string location_path = child(path, key);
    expect_object(*json, location_path);
    Location location;
    location.file = text(*json, "file", location_path);
    location.sheet = text(*json, "sheet", location_path);
    location.cells = text(*json, "cells", location_path);
    location.table = positive_int(*json, "table", location_path);
    location.row = positive_int(*json, "row", location_path);
    location.page = page(*json, location_path);
    return location;
  }

  static Assessment assessment(const Json& json, const std::string& path) {
    expect_object(json, path);
    Assessment assessment;
    assessment.by = text(json, "by", path);
    assessment.rating = rating(json, "rating", path);
    assessment.raw = text(json, "raw", path);
    const std::string from = text(json, "from", path);
    if (auto source = rating_source_from_name(from)) {
      assessment.from = *source;
    } else if (!from.empty()) {
      fail(child(path, "from"),
           "expected \"text\", \"fill\", \"font\" or \"format\", got \"" + from + "\"");
    }
    assessment.commentary = text(json, "commentary", path);
    return assessment;
  }

  static ExtraFields extra(const Json& object, const std::string& path) {
    ExtraFields fields;
    const Json* json = member(object, "extra");
    if (json == nullptr) return fields;
    const std::string extra_path = child(path, "extra");
    expect_object(*json, extra_path);
    for (auto it = json->begin(); it != json->end(); ++it) {
      fields.emplace_back(it.key(), string_value(it.value(), child(extra_path, it.key())));
    }
    return fields;
  }

  static Item item(const Json& json, const std::string& path) {
    expect_object(json, path);
    Item item;
    for (const ItemField& field : kItemFields) {
      switch (field.kind) {
        case ItemFieldKind::id:
        case ItemFieldKind::always_text:
        case ItemFieldKind::text:
          item.*(field.text) = text(json, field.name, path);
          break;
        case ItemFieldKind::due:
          item.due = due(json, path);
          break;
        case ItemFieldKind::people:
          item.*(field.people) = strings(json, field.name, path);
          break;
        case ItemFieldKind::status:
          item.status = rating(json, field.name, path);
          break;
        case ItemFieldKind::assessments:
          each(json, field.name, path, [&](const Json& value, const std::string& value_path) {
            item.assessments.push_back(assessment(value, value_path));
          });
          break;
        case ItemFieldKind::extra:
          item.extra = extra(json, path);
          break;
        case ItemFieldKind::source:
          item.source = location(json, field.name, path);
          break;
      }
    }
    return item;
  }

  static std::vector<PeriodValue> period_values(const Json& object, const std::string& path) {
    std::vector<PeriodValue> values;
    each(object, "targets", path, [&](const Json& value, const std::string& value_path) {
      expect_object(value, value_path);
      values.push_back({text(value, "period", value_path), text(value, "value", value_path)});
    });
    return values;
  }

  static Indicator indicator(const Json& json, const std::string& path) {
    expect_object(json, path);
    Indicator indicator;
    indicator.code = text(json, "code", path);
    indicator.title = text(json, "title", path);
    indicator.baseline = text(json, "baseline", path);
    indicator.targets = period_values(json, path);
    each(json, "breakdown", path, [&](const Json& value, const std::string& value_path) {
      expect_object(value, value_path);
      indicator.breakdown.push_back({text(value, "area", value_path),
                                     text(value, "baseline", value_path),
                                     period_values(value, value_path)});
    });
    indicator.source = location(json, "source", path);
    return indicator;
  }

  static Risk risk(const Json& json, const std::string& path) {
    expect_object(json, path);
    Risk risk;
    risk.ref = text(json, "ref", path);
    risk.description = text(json, "description", path);
    risk.impact = text(json, "impact", path);
    risk.likelihood = text(json, "likelihood", path);
    risk.score = text(json, "score", path);
    risk.mitigation = text(json, "mitigation", path);
    risk.owner = text(json, "owner", path);
    risk.due = due(json, path);
    risk.source = location(json, "source", path);
    return risk;
  }

  static Warning warning(const Json& json, const std::string& path) {
    expect_object(json, path);
    return {text(json, "code", path), text(json, "message", path),
            location(json, "location", path)};
  }

  static void check_schema_version(const Json& json, const std::string& path) {
    const Json* version = member(json, "schema_version");
    if (version == nullptr) return;
    if (!version->is_string() || version->template get<std::string>() != kSchemaVersion) {
      fail(child(path, "schema_version"), "this version reads schema_version \"" +
                                              std::string(kSchemaVersion) + "\", got " +
                                              version->dump());
    }
  }

  static SourceInfo source(const Json& json, const std::string& path) {
    const Json* source = member(json, "source");
    if (source == nullptr) return {};
    const std::string source_path = child(path, "source");
    expect_object(*source, source_path);
    return {text(*source, "file", source_path), text(*source, "format", source_path),
            text(*source, "sha256", source_path)};
  }

  static MappingInfo mapping(const Json& json, const std::string& path) {
    const Json* mapping = member(json, "mapping");
    if (mapping == nullptr) return {};
    const std::string mapping_path = child(path, "mapping");
    expect_object(*mapping, mapping_path);
    MappingInfo info;
    info.name = text(*mapping, "name", mapping_path);
    if (const Json* score = member(*mapping, "score")) {
      if (!score->is_number()) fail(child(mapping_path, "score"), "expected a number");
      info.score = score->template get<double>();
    }
    if (const Json* automatic = member(*mapping, "auto")) {
      if (!automatic->is_boolean()) fail(child(mapping_path, "auto"), "expected true or false");
      info.automatic = automatic->template get<bool>();
    }
    return info;
  }

  static Document document(const Json& json, const std::string& path) {
    expect_object(json, path);
    check_schema_version(json, path);
    Document document;
    document.title = text(json, "title", path);
    document.organisation = text(json, "organisation", path);
    document.period = text(json, "period", path);
    document.source = source(json, path);
    document.mapping = mapping(json, path);
    each(json, "items", path, [&](const Json& value, const std::string& value_path) {
      document.items.push_back(item(value, value_path));
    });
    each(json, "indicators", path, [&](const Json& value, const std::string& value_path) {
      document.indicators.push_back(indicator(value, value_path));
    });
    each(json, "risks", path, [&](const Json& value, const std::string& value_path) {
      document.risks.push_back(risk(value, value_path));
    });
    each(json, "warnings", path, [&](const Json& value, const std::string& value_path) {
      document.warnings.push_back(warning(value, value_path));
    });
    return document;
  }
};

}  // namespace

Document document_from_json(const nlohmann::ordered_json& json) {
  return Reader<nlohmann::ordered_json>::document(json, "");
}

Document document_from_json(const nlohmann::json& json) {
  return Reader<nlohmann::json>::document(json, "");
}

std::vector<Document> documents_from_json(const nlohmann::ordered_json& json) {
  if (!json.is_array()) return {document_from_json(json)};
  std::vector<Document> documents;
  for (std::size_t i = 0; i < json.size(); ++i) {
    documents.push_back(Reader<nlohmann::ordered_json>::document(json[i], element("", i)));
  }
  return documents;
}

}  // namespace trackport
