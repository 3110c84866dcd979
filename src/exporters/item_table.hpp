// The Items table shared by the CSV export and the standard workbook's Items sheet: one row per
// Item, the fixed columns below, then one column per assessment `by` seen, then Location.
// Header-only because the CSV and workbook libraries may not depend on each other.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "model/document.hpp"
#include "model/due.hpp"
#include "model/fields.hpp"
#include "model/rating.hpp"

namespace trackport::item_table {

enum class CellKind {
  text,       // short text
  long_text,  // prose or lists: wrapped in the workbook
  quantity,   // a value that is often a number as printed ("250", "75%", "£1,200"): a number in
              // the workbook where it is one whole, wrapped text otherwise
  date,       // a day (ISO text in CSV, an Excel date in the workbook)
  rating,     // a rating label: list validation and RAG fills in the workbook
};

using DateOf = std::optional<std::chrono::year_month_day> (*)(const Item&);

// A cell's text: a reference to the item's (or document's) own string, or to `scratch` holding
// text made up for the cell (joined lines, an ISO date, a label). Writers reuse one scratch
// string for every cell, so a row costs no allocations, and the result is always NUL-terminated
// (libxlsxwriter takes C strings).
using CellText = const std::string& (*)(const Document&, const Item&, std::string& scratch);

struct FixedColumn {
  std::string_view header;
  CellKind kind;
  CellText text;
  DateOf date = nullptr;  // set for CellKind::date
};

inline const std::string& empty_text() {
  static const std::string empty;
  return empty;
}

// One value a line.
inline const std::string& join_lines(const std::vector<std::string>& values, std::string& scratch) {
  if (values.empty()) return empty_text();
  if (values.size() == 1) return values.front();
  scratch.clear();
  for (const auto& value : values) {
    if (!scratch.empty()) scratch += '\n';
    scratch += value;
  }
  return scratch;
}

inline std::optional<std::chrono::year_month_day> due_start(const Item& item) {
  return item.due ? item.due->start : std::nullopt;
}

inline std::optional<std::chrono::year_month_day> due_end(const Item& item) {
  return item.due ? item.due->end : std::nullopt;
}

inline const std::string& iso_or_empty(const std::optional<std::chrono::year_month_day>& day,
                                       std::string& scratch) {
  if (!day) return empty_text();
  scratch = iso_date(*day);
  return scratch;
}

inline const std::string& label_text(std::string_view label, std::string& scratch) {
  scratch.assign(label);
  return scratch;
}

// An Item field's label (model/fields.hpp): its column's header here, and what the workbook's
// reader reads it by.
constexpr std::string_view label_of(std::string_view field) {
  const ItemField* found = find_item_field(field);
  return found != nullptr ? found->label : std::string_view{};
}

// The column of the file a row came from (the Items and Risks sheets).
inline constexpr std::string_view kSourceHeader = "Source";
// The columns of a Due's dates beside its raw text (the Items and Risks sheets).
inline constexpr std::string_view kDueStartHeader = "Due start";
inline constexpr std::string_view kDueEndHeader = "Due end";

// The columns before the assessment columns, in order.
inline const std::array<FixedColumn, 20>& fixed_columns() {
  using K = CellKind;
  using D = const Document&;
  using I = const Item&;
  using S = std::string&;
  using R = const std::string&;
  static const std::array<FixedColumn, 20> columns = {{
      {kSourceHeader, K::text, [](D d, I, S) -> R { return d.source.file; }},
      {label_of("id"), K::text, [](D, I i, S) -> R { return i.id; }},
      {"Organisation", K::text, [](D d, I, S) -> R { return d.organisation; }},
      {label_of("theme"), K::long_text, [](D, I i, S) -> R { return i.theme; }},
      {label_of("objective"), K::long_text, [](D, I i, S) -> R { return i.objective; }},
      {label_of("category"), K::text, [](D, I i, S) -> R { return i.category; }},
      {label_of("ref"), K::text, [](D, I i, S) -> R { return i.ref; }},
      {label_of("text"), K::long_text, [](D, I i, S) -> R { return i.text; }},
      {label_of("measure"), K::quantity, [](D, I i, S) -> R { return i.measure; }},
      {label_of("baseline"), K::quantity, [](D, I i, S) -> R { return i.baseline; }},
      {label_of("target"), K::quantity, [](D, I i, S) -> R { return i.target; }},
      {label_of("due"), K::long_text,
       [](D, I i, S) -> R { return i.due ? i.due->raw : empty_text(); }},
      {kDueStartHeader, K::date, [](D, I i, S s) -> R { return iso_or_empty(due_start(i), s); },
       due_start},
      {kDueEndHeader, K::date, [](D, I i, S s) -> R { return iso_or_empty(due_end(i), s); },
       due_end},
      {label_of("leads"), K::long_text, [](D, I i, S s) -> R { return join_lines(i.leads, s); }},
      {label_of("partners"), K::long_text,
       [](D, I i, S s) -> R { return join_lines(i.partners, s); }},
      {label_of("progress"), K::quantity, [](D, I i, S) -> R { return i.progress; }},
      {label_of("status"), K::rating,
       [](D, I i, S s) -> R { return label_text(rating_label(i.status), s); }},
      {label_of("mitigation"), K::long_text, [](D, I i, S) -> R { return i.mitigation; }},
      {label_of("comments"), K::long_text, [](D, I i, S) -> R { return i.comments; }},
  }};
  return columns;
}

inline constexpr std::string_view kLocationHeader = "Location";

// Every distinct assessment `by` over all items, in first-seen order: one column each.
inline std::vector<std::string> assessment_headers(const std::vector<Document>& documents) {
  std::vector<std::string> headers;
  std::unordered_set<std::string> seen;
  for (const auto& document : documents) {
    for (const auto& item : document.items) {
      for (const auto& assessment : item.assessments) {
        if (seen.insert(assessment.by).second) headers.push_back(assessment.by);
      }
    }
  }
  return headers;
}

// The label of the item's first assessment by `by` ("Amber/Green"), "" when it has none.
inline std::string_view assessment_label(const Item& item, std::string_view by) {
  for (const auto& assessment : item.assessments) {
    if (assessment.by == by) return rating_label(assessment.rating);
  }
  return {};
}

// Appends a readable location: "file.xlsx!Sheet1!A7:J9", "file.docx table 2 row 5",
// "file.pdf p. 3-4".
inline void append_location_label(std::string& out, const Location& location) {
  const std::size_t start = out.size();
  out += location.file;
  if (!location.sheet.empty()) (out += '!') += location.sheet;
  if (!location.cells.empty()) (out += '!') += location.cells;
  if (location.table > 0) (out += " table ") += std::to_string(location.table);
  if (location.row > 0) (out += " row ") += std::to_string(location.row);
  if (!location.page.empty()) (out += " p. ") += location.page;
  // Without a file the separators above would lead the label.
  if (location.file.empty() && out.size() > start && (out[start] == '!' || out[start] == ' ')) {
    out.erase(start, 1);
  }
}

inline std::string location_label(const Location& location) {
  std::string label;
  append_location_label(label, location);
  return label;
}

}  // namespace trackport::item_table
