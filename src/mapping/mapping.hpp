// A mapping: how one layout of tracker table maps onto the model (see mappings/README.md).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mapping/pattern.hpp"
#include "model/rating.hpp"

namespace trackport {

// The model fields a source column can feed.
enum class Field {
  theme,
  objective,
  category,
  ref,
  text,
  measure,
  baseline,
  target,
  due,
  leads,
  partners,
  progress,
  rating,      // an assessment (and maybe the headline status)
  commentary,  // commentary of the assessment with the same `by`
  mitigation,
  comments,
  ignore,  // known column, deliberately not kept (still nothing is lost: it goes to extra)
};

std::string_view field_name(Field field);
std::optional<Field> field_from_name(std::string_view name);

struct ColumnRule {
  std::vector<HeaderPattern> headers;  // any of these names the column
  Field field = Field::ignore;
  bool carry_down = false;         // a blank cell takes the value above (merged cells)
  std::string by;                  // rating/commentary: whose ("officer", "chair", "Q1")
  std::vector<std::string> split;  // leads/partners: separators; "lines" = one per line
};

// A rating read from the fill colour of some column's cells (seed 003: the milestone cell itself
// is coloured; or an empty dedicated RAG column).
struct FillRatingRule {
  std::vector<HeaderPattern> column;
  std::string by;
};

// How an indicator table or a risk register names a column: `field` is one of the Indicator's
// (code, title, baseline, target, area) or the Risk's (ref, description, impact, likelihood,
// score, mitigation, owner, due) fields.
struct RegisterColumn {
  std::vector<HeaderPattern> headers;
  std::string field;
};

struct Mapping {
  std::string name;
  std::string description;
  std::string organisation;
  std::string origin;  // "built-in" or the mapping file path

  std::vector<HeaderPattern> required;  // all must be among the headers
  std::vector<HeaderPattern> optional;  // raise the score when present
  double min_score = 0.6;

  std::vector<ColumnRule> columns;
  std::vector<RegisterColumn> indicator_columns;  // performance indicator tables
  std::vector<RegisterColumn> risk_columns;       // risk registers
  std::vector<FillRatingRule> fill_ratings;
  std::string headline;  // `by` of the headline rating; empty = the last rating given
  std::vector<std::pair<std::string, Rating>> values;  // normalised text -> rating
  std::vector<Regex> drop_rows;             // searched in the row's cells joined by " | "
  std::vector<std::string> drop_row_specs;  // the same, as written
  std::vector<HeaderPattern> key;           // the column whose emptiness marks a continuation row
  // Fields filled, outermost first, from the section headings above a table (when no column
  // gives them): [theme] or [theme, objective].
  std::vector<Field> headings;
  // Only headings matching one of these patterns are used (empty = any heading).
  std::vector<HeaderPattern> heading_patterns;
};

// A mapping file that cannot be used: what() is "file:line:column: what is wrong".
class MappingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses a mapping from YAML text. `origin` names the source in error messages.
Mapping parse_mapping(std::string_view yaml, const std::string& origin);
// Reads a mapping file.
Mapping load_mapping_file(const std::string& path);

// The mappings compiled into the binary, parsed once.
const std::vector<Mapping>& builtin_mappings();
const Mapping* find_builtin_mapping(std::string_view name);
// A mapping by built-in name, or else by file path. Throws MappingError.
Mapping resolve_mapping(const std::string& name_or_path);

}  // namespace trackport
