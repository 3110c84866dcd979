// Indicator tables and risk registers: the tables of a plan that are not items. An indicator
// table gives performance indicators (a code, a title, a baseline and targets by period), in rows
// or in blocks ("NI No. 45 | Indicator Title: ..." over "Baseline | Targets" and the periods), and
// its breakdown by area; a risk register gives risks (impact, likelihood, mitigation, owner ...).
// Their columns are named by a mapping's `indicator_columns` and `risk_columns` (generic.yaml).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grid/table.hpp"
#include "mapping/mapping.hpp"
#include "model/document.hpp"

namespace trackport {

enum class RegisterKind { indicators, breakdown, risks };

// What register a table is, from its header; nullopt when it is none. `dictionary` gives the
// register columns (generic.yaml's, or a user mapping's).
std::optional<RegisterKind> register_kind(const Table& table, const Mapping& dictionary);
std::string_view register_kind_name(RegisterKind kind);

// The row of the register's header (below a block's code and title lines).
std::optional<std::size_t> register_header_row(const Table& table, const Mapping& dictionary);

struct RegisterRows {
  RegisterKind kind = RegisterKind::indicators;
  std::vector<std::string> unplaced;  // headers of columns no register field names
  std::size_t first_data_row = 0;     // below the header (and its row of periods)
  bool blocks = false;                // indicators in blocks: code and title above the header
  std::vector<Indicator> indicators;
  std::vector<IndicatorBreakdown> breakdown;
  std::string breakdown_of;  // the indicator code or title a breakdown names, when it names one
  std::vector<Risk> risks;
};

// Reads a table register_kind recognised (nothing when it is none). `file` is used in
// locations.
RegisterRows read_register(const Table& table, const Mapping& dictionary, const std::string& file);

}  // namespace trackport
