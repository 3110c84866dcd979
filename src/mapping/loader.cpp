// Reading mapping files (YAML). Every scalar is read as a string; unknown and duplicate keys are
// errors with file:line:column, so a typo never silently changes what a mapping does.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>

#include "mapping/mapping.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

constexpr std::pair<Field, std::string_view> kFieldNames[] = {
    {Field::theme, "theme"},
    {Field::objective, "objective"},
    {Field::category, "category"},
    {Field::ref, "ref"},
    {Field::text, "text"},
    {Field::measure, "measure"},
    {Field::baseline, "baseline"},
    {Field::target, "target"},
    {Field::due, "due"},
    {Field::leads, "leads"},
    {Field::partners, "partners"},
    {Field::progress, "progress"},
    {Field::rating, "rating"},
    {Field::commentary, "commentary"},
    {Field::mitigation, "mitigation"},
    {Field::comments, "comments"},
    {Field::ignore, "ignore"},
};

class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& what) const {
    fail_at(node.Mark(), what);
  }
  [[noreturn]] void fail_at(const YAML::Mark& mark, const std::string& what) const {
    std::ostringstream out;
    out << origin_;
    if (mark.line >= 0) out << ':' << mark.line + 1 << ':' << mark.column + 1;
    out << ": " << what;
    throw MappingError(out.str());
  }

  // Checks a map's keys: no unknown key, no key twice.
  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                  const std::string& where) const {
    if (!map.IsMap()) fail(map, where + " must be a mapping of keys to values");
    std::set<std::string, std::less<>> seen;
    for (const auto& entry : map) {
      const auto key = entry.first.Scalar();
      bool known = false;
      for (auto name : allowed) known = known || name == key;
      if (!known) {
        std::string names;
        for (auto name : allowed) names += (names.empty() ? "" : ", ") + std::string(name);
        fail(entry.first,
             "unknown key '" + key + "' in " + where + " (expected one of: " + names + ")");
      }
      if (!seen.insert(key).second) fail(entry.first, "duplicate key '" + key + "' in " + where);
    }
  }

  std::string scalar(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) fail(node, what + " must be a single value");
    return node.Scalar();
  }

  // A string, or a list of strings.
  std::vector<std::string> strings(const YAML::Node& node, const std::string& what) const {
    std::vector<std::string> out;
    if (node.IsScalar()) {
      out.push_back(node.Scalar());
    } else if (node.IsSequence()) {
      for (const auto& item : node) out.push_back(scalar(item, what));
    } else {
      fail(node, what + " must be a value or a list of values");
    }
    return out;
  }

  std::vector<HeaderPattern> patterns(const YAML::Node& node, const std::string& what) const {
    std::vector<HeaderPattern> out;
    auto texts = strings(node, what);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      try {
        out.emplace_back(texts[i]);
      } catch (const std::invalid_argument& e) {
        fail(node.IsSequence() ? node[i] : node, e.what());
      }
    }
    return out;
  }

  bool boolean(const YAML::Node& node, const std::string& what) const {
    auto text = normalise_for_match(scalar(node, what));
    if (text == "true" || text == "yes" || text == "on") return true;
    if (text == "false" || text == "no" || text == "off") return false;
    fail(node, what + " must be true or false");
  }

  Field field(const YAML::Node& node) const {
    auto name = scalar(node, "field");
    if (auto known = field_from_name(name)) return *known;
    std::string names;
    for (const auto& [f, n] : kFieldNames) names += (names.empty() ? "" : ", ") + std::string(n);
    fail(node, "unknown field '" + name + "' (expected one of: " + names + ")");
  }

  Rating rating(const YAML::Node& node) const {
    auto name = scalar(node, "rating");
    if (auto known = rating_from_name(name)) return *known;
    fail(node, "unknown rating '" + name +
                   "' (expected red, amber, green, blue, amber-red, amber-green or none)");
  }

  Regex regex(const YAML::Node& node) const {
    auto text = scalar(node, "drop_rows entry");
    try {
      return Regex(text);
    } catch (const std::invalid_argument& e) {
      fail(node, e.what());
    }
  }

 private:
  std::string origin_;
};

ColumnRule read_column(const Reader& reader, const YAML::Node& node) {
  reader.check_keys(node, {"header", "headers", "field", "carry_down", "by", "split"},
                    "a columns entry");
  ColumnRule rule;
  if (node["header"] && node["headers"]) reader.fail(node, "give header or headers, not both");
  if (node["header"]) rule.headers = reader.patterns(node["header"], "header");
  if (node["headers"]) rule.headers = reader.patterns(node["headers"], "headers");
  if (rule.headers.empty()) reader.fail(node, "a columns entry needs a header");
  if (!node["field"]) reader.fail(node, "a columns entry needs a field");
  rule.field = reader.field(node["field"]);
  if (node["carry_down"]) rule.carry_down = reader.boolean(node["carry_down"], "carry_down");
  if (node["by"]) rule.by = reader.scalar(node["by"], "by");
  if (node["split"]) rule.split = reader.strings(node["split"], "split");
  if ((rule.field == Field::leads || rule.field == Field::partners) && rule.split.empty()) {
    rule.split = {"lines"};
  }
  return rule;
}

RegisterColumn read_register_column(const Reader& reader, const YAML::Node& node,
                                    std::initializer_list<std::string_view> fields,
                                    const std::string& where) {
  reader.check_keys(node, {"header", "headers", "field"}, "a " + where + " entry");
  RegisterColumn column;
  if (node["header"] && node["headers"]) reader.fail(node, "give header or headers, not both");
  if (node["header"]) column.headers = reader.patterns(node["header"], "header");
  if (node["headers"]) column.headers = reader.patterns(node["headers"], "headers");
  if (column.headers.empty()) reader.fail(node, "a " + where + " entry needs a header");
  if (!node["field"]) reader.fail(node, "a " + where + " entry needs a field");
  column.field = reader.scalar(node["field"], "field");
  bool known = false;
  std::string names;
  for (auto field : fields) {
    known = known || field == column.field;
    names += (names.empty() ? "" : ", ") + std::string(field);
  }
  if (!known) {
    reader.fail(node["field"], "unknown field '" + column.field + "' in " + where +
                                   " (expected one of: " + names + ")");
  }
  return column;
}

FillRatingRule read_fill_rating(const Reader& reader, const YAML::Node& node) {
  reader.check_keys(node, {"column", "by"}, "a fill_ratings entry");
  if (!node["column"]) reader.fail(node, "a fill_ratings entry needs a column");
  FillRatingRule rule;
  rule.column = reader.patterns(node["column"], "column");
  if (node["by"]) rule.by = reader.scalar(node["by"], "by");
  return rule;
}

void read_recognise(const Reader& reader, const YAML::Node& node, Mapping& mapping) {
  reader.check_keys(node, {"required", "optional", "min_score"}, "recognise");
  if (node["required"]) mapping.required = reader.patterns(node["required"], "required");
  if (node["optional"]) mapping.optional = reader.patterns(node["optional"], "optional");
  if (node["min_score"]) {
    auto text = reader.scalar(node["min_score"], "min_score");
    try {
      std::size_t used = 0;
      mapping.min_score = std::stod(text, &used);
      if (used != text.size() || mapping.min_score < 0 || mapping.min_score > 1) throw 0;
    } catch (...) {
      reader.fail(node["min_score"], "min_score must be a number from 0 to 1");
    }
  }
}

// values: maps printed texts (free keys) to ratings, e.g. "On track: green".
void read_values(const Reader& reader, const YAML::Node& values, Mapping& mapping) {
  if (!values.IsMap()) reader.fail(values, "values must map printed texts to ratings");
  std::set<std::string> seen;
  for (const auto& entry : values) {
    auto text = normalise_for_match(reader.scalar(entry.first, "values key"));
    if (!seen.insert(text).second) {
      reader.fail(entry.first, "duplicate key '" + entry.first.Scalar() + "' in values");
    }
    mapping.values.emplace_back(text, reader.rating(entry.second));
  }
}

Mapping read_mapping(const Reader& reader, const YAML::Node& root) {
  reader.check_keys(root,
                    {"name", "description", "organisation", "recognise", "columns", "fill_ratings",
                     "headline", "values", "drop_rows", "key", "headings", "heading_patterns",
                     "indicator_columns", "risk_columns"},
                    "the mapping");
  Mapping mapping;
  if (!root["name"]) reader.fail(root, "the mapping needs a name");
  mapping.name = reader.scalar(root["name"], "name");
  if (root["description"]) mapping.description = reader.scalar(root["description"], "description");
  if (root["organisation"]) {
    mapping.organisation = reader.scalar(root["organisation"], "organisation");
  }
  if (root["recognise"]) read_recognise(reader, root["recognise"], mapping);
  if (!root["columns"] || !root["columns"].IsSequence()) {
    reader.fail(root, "the mapping needs a list of columns");
  }
  for (const auto& column : root["columns"]) mapping.columns.push_back(read_column(reader, column));
  if (root["indicator_columns"]) {
    if (!root["indicator_columns"].IsSequence())
      reader.fail(root["indicator_columns"], "must be a list");
    for (const auto& node : root["indicator_columns"]) {
      mapping.indicator_columns.push_back(read_register_column(
          reader, node, {"code", "title", "baseline", "target", "area"}, "indicator_columns"));
    }
  }
  if (root["risk_columns"]) {
    if (!root["risk_columns"].IsSequence()) reader.fail(root["risk_columns"], "must be a list");
    for (const auto& node : root["risk_columns"]) {
      mapping.risk_columns.push_back(read_register_column(
          reader, node,
          {"ref", "description", "impact", "likelihood", "score", "mitigation", "owner", "due"},
          "risk_columns"));
    }
  }
  if (root["fill_ratings"]) {
    if (!root["fill_ratings"].IsSequence()) reader.fail(root["fill_ratings"], "must be a list");
    for (const auto& rule : root["fill_ratings"]) {
      mapping.fill_ratings.push_back(read_fill_rating(reader, rule));
    }
  }
  if (root["headline"]) mapping.headline = reader.scalar(root["headline"], "headline");
  if (root["values"]) read_values(reader, root["values"], mapping);
  if (root["drop_rows"]) {
    if (!root["drop_rows"].IsSequence()) reader.fail(root["drop_rows"], "must be a list");
    for (const auto& pattern : root["drop_rows"]) {
      mapping.drop_rows.push_back(reader.regex(pattern));
      mapping.drop_row_specs.push_back(pattern.Scalar());
    }
  }
  if (root["key"]) mapping.key = reader.patterns(root["key"], "key");
  if (root["headings"]) {
    for (std::size_t i = 0; const auto& name : reader.strings(root["headings"], "headings")) {
      auto field = field_from_name(name);
      if (!field) reader.fail(root["headings"], "unknown field '" + name + "' in headings");
      mapping.headings.push_back(*field);
      ++i;
    }
  }
  if (root["heading_patterns"]) {
    mapping.heading_patterns = reader.patterns(root["heading_patterns"], "heading_patterns");
  }
  return mapping;
}

}  // namespace

std::string_view field_name(Field field) {
  for (const auto& [f, name] : kFieldNames) {
    if (f == field) return name;
  }
  return "ignore";
}

std::optional<Field> field_from_name(std::string_view name) {
  for (const auto& [f, known] : kFieldNames) {
    if (known == name) return f;
  }
  return std::nullopt;
}

Mapping parse_mapping(std::string_view yaml, const std::string& origin) {
  Reader reader(origin);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own words for this are "bad file".
    reader.fail_at(e.mark, "lists or maps nested more than " + std::to_string(e.depth() - 1) +
                               " deep: not a mapping file");
  } catch (const YAML::ParserException& e) {
    reader.fail_at(e.mark, e.msg);
  }
  if (!root || root.IsNull()) reader.fail_at(YAML::Mark::null_mark(), "the mapping file is empty");
  Mapping mapping = read_mapping(reader, root);
  mapping.origin = origin;
  return mapping;
}

Mapping load_mapping_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MappingError(path + ": cannot open the mapping file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_mapping(text.str(), path);
}

}  // namespace trackport
