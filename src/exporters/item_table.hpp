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
#include "model/rating.hpp"

namespace trackport::item_table {

enum class CellKind {
  text,       // short text
  long_text,  // prose or lists: wrapped in the workbook
  date,       // a day (ISO text in CSV, an Excel date in the workbook)
  rating,     // a rating label: list validation and RAG fills in the workbook
};

using DateOf = std::optional<std::chrono::year_month_day> (*)(const Item&);

struct FixedColumn {
  std::string_view header;
  CellKind kind;
  std::string (*text)(const Document&, const Item&);
  DateOf date = nullptr;  // set for CellKind::date
};

inline std::string join_lines(const std::vector<std::string>& values) {
  std::string joined;
  for (const auto& value : values) {
    if (!joined.empty()) joined += '\n';
    joined += value;
  }
  return joined;
}

inline std::optional<std::chrono::year_month_day> due_start(const Item& item) {
  return item.due ? item.due->start : std::nullopt;
}

inline std::optional<std::chrono::year_month_day> due_end(const Item& item) {
  return item.due ? item.due->end : std::nullopt;
}

inline std::string iso_or_empty(const std::optional<std::chrono::year_month_day>& day) {
  return day ? iso_date(*day) : std::string();
}

// The columns before the assessment columns, in order.
inline const std::array<FixedColumn, 20>& fixed_columns() {
  using K = CellKind;
  using D = const Document&;
  using I = const Item&;
  static const std::array<FixedColumn, 20> columns = {{
      {"Source", K::text, [](D d, I) { return d.source.file; }},
      {"Id", K::text, [](D, I i) { return i.id; }},
      {"Organisation", K::text, [](D d, I) { return d.organisation; }},
      {"Theme", K::long_text, [](D, I i) { return i.theme; }},
      {"Objective", K::long_text, [](D, I i) { return i.objective; }},
      {"Category", K::text, [](D, I i) { return i.category; }},
      {"Ref", K::text, [](D, I i) { return i.ref; }},
      {"Text", K::long_text, [](D, I i) { return i.text; }},
      {"Measure", K::long_text, [](D, I i) { return i.measure; }},
      {"Baseline", K::long_text, [](D, I i) { return i.baseline; }},
      {"Target", K::long_text, [](D, I i) { return i.target; }},
      {"Due", K::text, [](D, I i) { return i.due ? i.due->raw : std::string(); }},
      {"Due start", K::date, [](D, I i) { return iso_or_empty(due_start(i)); }, due_start},
      {"Due end", K::date, [](D, I i) { return iso_or_empty(due_end(i)); }, due_end},
      {"Leads", K::long_text, [](D, I i) { return join_lines(i.leads); }},
      {"Partners", K::long_text, [](D, I i) { return join_lines(i.partners); }},
      {"Progress", K::long_text, [](D, I i) { return i.progress; }},
      {"Status", K::rating, [](D, I i) { return std::string(rating_label(i.status)); }},
      {"Mitigation", K::long_text, [](D, I i) { return i.mitigation; }},
      {"Comments", K::long_text, [](D, I i) { return i.comments; }},
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
inline std::string assessment_label(const Item& item, std::string_view by) {
  for (const auto& assessment : item.assessments) {
    if (assessment.by == by) return std::string(rating_label(assessment.rating));
  }
  return {};
}

// A readable location: "file.xlsx!Sheet1!A7:J9", "file.docx table 2 row 5", "file.pdf p. 3-4".
inline std::string location_label(const Location& location) {
  std::string label = location.file;
  if (!location.sheet.empty()) label += "!" + location.sheet;
  if (!location.cells.empty()) label += "!" + location.cells;
  if (location.table > 0) label += " table " + std::to_string(location.table);
  if (location.row > 0) label += " row " + std::to_string(location.row);
  if (!location.page.empty()) label += " p. " + location.page;
  // Without a file the separators above would lead the label.
  if (location.file.empty() && !label.empty() && (label[0] == '!' || label[0] == ' ')) {
    label.erase(0, 1);
  }
  return label;
}

}  // namespace trackport::item_table
