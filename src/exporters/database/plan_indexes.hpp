// The indexes through which a document finds its neighbours among its plan's periods
// (item_tracks.cpp) without reading the plan's other documents: a plan of thousands of documents
// (files with no title all report on their organisation's one plan) then costs each import what
// a plan of four quarters does. They are not part of the schema version: an older trackport
// reads and writes a database with or without them, and one made before them gets them when it
// is next written to (by a user allowed to make indexes).
#pragma once

#include <array>
#include <string_view>
#include <vector>

namespace trackport::sql {

struct PlanIndex {
  std::string_view name;
  std::string_view create;  // the CREATE INDEX statement, the same for SQLite and PostgreSQL
};

inline constexpr std::array<PlanIndex, 2> kPlanIndexes = {{
    // The plan's periods in order when every one has a period_end (ISO dates, which every
    // collation orders as their bytes, as PlanOrder::before does).
    {"documents_plan_periods",
     "CREATE INDEX documents_plan_periods ON documents (plan_key, period_end, id)"},
    // ... and in import order when one has none.
    {"documents_plan_imports", "CREATE INDEX documents_plan_imports ON documents (plan_key, id)"},
}};

// The CREATE statements of the plan indexes a database lacks, by `has_index(name)`: the engine's
// own catalog query.
template <typename HasIndex>
std::vector<std::string_view> missing_plan_indexes(HasIndex&& has_index) {
  std::vector<std::string_view> missing;
  for (const auto& index : kPlanIndexes) {
    if (!has_index(index.name)) missing.push_back(index.create);
  }
  return missing;
}

}  // namespace trackport::sql
