// The Indicators and Risks tables shared by the CSV export (--table indicators|risks) and the
// standard workbook's Indicators and Risks sheets (which exporters/workbook/workbook_reader.cpp
// reads back by these headers). Header-only because the CSV and workbook libraries may not depend
// on each other.
//
// Indicators: Source, Code, Title, Area, Baseline, one column per target period seen, Location.
// An indicator is one row with Area empty; each area of its breakdown follows it as a row of its
// own, with the indicator's Source, Code, Title and Location and the area's name, baseline and
// targets. A period is a column header and a value a cell, so any text reads back as it was
// written: a period an indicator gives twice has a second column of that header.
//
// Risks: Source, Ref, Description, Impact, Likelihood, Score, Mitigation, Owner, Due, Due start,
// Due end, Location; one row per risk.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exporters/item_table.hpp"
#include "model/document.hpp"

namespace trackport::register_tables {

// The Indicators columns before the period columns; Location comes after them.
inline constexpr std::array<std::string_view, 5> kIndicatorHeaders = {"Source", "Code", "Title",
                                                                      "Area", "Baseline"};
inline constexpr std::size_t kFirstPeriodColumn = kIndicatorHeaders.size();

// A period column: the period, and which occurrence of it within one list of targets it holds
// (0 for the first "2010/11" of a list, 1 for a second one).
using PeriodKey = std::pair<std::string, std::size_t>;

// The period columns of a set of documents, in an order that keeps each list of targets in its
// own order where the lists agree: a period first seen in a later list goes right after the
// period before it in that list (or before the first known one after it, or at the end).
class PeriodColumns {
 public:
  // No columns yet: add() each list of targets, in document order.
  PeriodColumns() = default;
  explicit PeriodColumns(const std::vector<Document>& documents) {
    for (const auto& document : documents) {
      for (const auto& indicator : document.indicators) {
        add(indicator.targets);
        for (const auto& area : indicator.breakdown) add(area.targets);
      }
    }
    for (std::size_t column = 0; column < keys_.size(); ++column) index_[keys_[column]] = column;
  }

  std::size_t size() const { return keys_.size(); }
  const std::string& header(std::size_t column) const { return keys_[column].first; }

  // Each target's column (0-based among the period columns), in the order of `targets`.
  std::vector<std::size_t> columns_of(const std::vector<PeriodValue>& targets) const {
    std::vector<std::size_t> columns;
    columns.reserve(targets.size());
    for (const auto& key : keys_of(targets)) columns.push_back(index_.at(key));
    return columns;
  }

  // One cell per period column: the target's value, or nullptr where the list has none.
  std::vector<const std::string*> cells(const std::vector<PeriodValue>& targets) const {
    std::vector<const std::string*> cells(keys_.size(), nullptr);
    const auto columns = columns_of(targets);
    for (std::size_t i = 0; i < targets.size(); ++i) cells[columns[i]] = &targets[i].value;
    return cells;
  }

  // The column (0-based among the period columns) of a period added so far.
  std::size_t column_of(const PeriodKey& key) const { return position(key); }

  // Each target's key: its period, and which occurrence of that period in the list it is.
  static std::vector<PeriodKey> keys_of(const std::vector<PeriodValue>& targets) {
    std::vector<PeriodKey> keys;
    keys.reserve(targets.size());
    std::map<std::string, std::size_t> seen;
    for (const auto& target : targets) keys.emplace_back(target.period, seen[target.period]++);
    return keys;
  }

  // Places the periods of one list of targets among the columns.
  void add(const std::vector<PeriodValue>& targets) {
    const auto keys = keys_of(targets);
    std::optional<std::size_t> previous;  // the column of the list's previous target
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (std::size_t at = position(keys[i]); at < keys_.size()) {
        previous = at;
        continue;
      }
      std::size_t at = keys_.size();
      if (previous) {
        at = *previous + 1;
      } else {
        for (std::size_t next = i + 1; next < keys.size(); ++next) {
          if (std::size_t known = position(keys[next]); known < keys_.size()) {
            at = known;
            break;
          }
        }
      }
      keys_.insert(keys_.begin() + static_cast<std::ptrdiff_t>(at), keys[i]);
      previous = at;
    }
  }

 private:
  std::size_t position(const PeriodKey& key) const {
    return static_cast<std::size_t>(std::find(keys_.begin(), keys_.end(), key) - keys_.begin());
  }

  std::vector<PeriodKey> keys_;
  std::map<PeriodKey, std::size_t> index_;
};

// The Indicators header row.
inline std::vector<std::string> indicator_headers(const PeriodColumns& periods) {
  std::vector<std::string> headers(kIndicatorHeaders.begin(), kIndicatorHeaders.end());
  for (std::size_t column = 0; column < periods.size(); ++column) {
    headers.push_back(periods.header(column));
  }
  headers.emplace_back(item_table::kLocationHeader);
  return headers;
}

// One row of the Indicators table: the indicator's own, or one of its areas'.
struct IndicatorRow {
  const Document& document;
  const Indicator& indicator;
  const IndicatorBreakdown* area = nullptr;  // nullptr for the indicator's own row

  const std::string& baseline() const { return area ? area->baseline : indicator.baseline; }
  const std::vector<PeriodValue>& targets() const {
    return area ? area->targets : indicator.targets;
  }
};

// Calls row(IndicatorRow) for every row of the Indicators table, in order.
template <typename Row>
void for_each_indicator_row(const std::vector<Document>& documents, Row&& row) {
  for (const auto& document : documents) {
    for (const auto& indicator : document.indicators) {
      row(IndicatorRow{document, indicator, nullptr});
      for (const auto& area : indicator.breakdown) row(IndicatorRow{document, indicator, &area});
    }
  }
}

// The Risks columns.
using RiskCellText = const std::string& (*)(const Document&, const Risk&, std::string& scratch);
using RiskDateOf = std::optional<std::chrono::year_month_day> (*)(const Risk&);

struct RiskColumn {
  std::string_view header;
  item_table::CellKind kind;
  RiskCellText text;
  RiskDateOf date = nullptr;           // set for CellKind::date
  std::string Risk::*field = nullptr;  // the Risk's text the column holds, for the reader
};

inline std::optional<std::chrono::year_month_day> risk_due_start(const Risk& risk) {
  return risk.due ? risk.due->start : std::nullopt;
}

inline std::optional<std::chrono::year_month_day> risk_due_end(const Risk& risk) {
  return risk.due ? risk.due->end : std::nullopt;
}

inline const std::array<RiskColumn, 12>& risk_columns() {
  using K = item_table::CellKind;
  using D = const Document&;
  using R = const Risk&;
  using S = std::string&;
  using T = const std::string&;
  static const std::array<RiskColumn, 12> columns = {{
      {item_table::kSourceHeader, K::text, [](D d, R, S) -> T { return d.source.file; }},
      {"Ref", K::text, [](D, R r, S) -> T { return r.ref; }, nullptr, &Risk::ref},
      {"Description", K::long_text, [](D, R r, S) -> T { return r.description; }, nullptr,
       &Risk::description},
      {"Impact", K::quantity, [](D, R r, S) -> T { return r.impact; }, nullptr, &Risk::impact},
      {"Likelihood", K::quantity, [](D, R r, S) -> T { return r.likelihood; }, nullptr,
       &Risk::likelihood},
      {"Score", K::quantity, [](D, R r, S) -> T { return r.score; }, nullptr, &Risk::score},
      {"Mitigation", K::long_text, [](D, R r, S) -> T { return r.mitigation; }, nullptr,
       &Risk::mitigation},
      {"Owner", K::long_text, [](D, R r, S) -> T { return r.owner; }, nullptr, &Risk::owner},
      {item_table::label_of("due"), K::text,
       [](D, R r, S) -> T { return r.due ? r.due->raw : item_table::empty_text(); }},
      {item_table::kDueStartHeader, K::date,
       [](D, R r, S s) -> T { return item_table::iso_or_empty(risk_due_start(r), s); },
       risk_due_start},
      {item_table::kDueEndHeader, K::date,
       [](D, R r, S s) -> T { return item_table::iso_or_empty(risk_due_end(r), s); }, risk_due_end},
      {item_table::kLocationHeader, K::text,
       [](D, R r, S s) -> T {
         s = item_table::location_label(r.source);
         return s;
       }},
  }};
  return columns;
}

}  // namespace trackport::register_tables
