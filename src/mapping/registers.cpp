#include "mapping/registers.hpp"

#include <algorithm>
#include <map>

#include "mapping/plan.hpp"
#include "mapping/profile.hpp"
#include "mapping/regex.hpp"
#include "mapping/row_text.hpp"
#include "mapping/rows.hpp"
#include "model/due.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

// Registers put their header in the first rows; a block form puts the code and title above it.
constexpr std::size_t kRegisterHeaderRows = 12;

struct RegisterHeader {
  std::size_t row = 0;
  std::size_t first_data_row = 0;     // after the header and its row of periods, if any
  std::vector<std::string> fields;    // per column; "" when no register field names it
  std::vector<std::string> periods;   // per target column: the period it is for
  std::vector<std::string> unplaced;  // headers of columns no field names
};

const std::vector<RegisterColumn>& columns_of(const Mapping& dictionary, bool risks) {
  return risks ? dictionary.risk_columns : dictionary.indicator_columns;
}

std::string field_of(const std::vector<RegisterColumn>& columns, const std::string& header) {
  if (header.empty()) return {};
  const std::string normalised = normalise_for_match(header);
  for (const auto& column : columns) {
    if (any_matches(column.headers, header, normalised)) return column.field;
  }
  return {};
}

// The period a target column is for: "Yr 1 2010/11" and "Target 2024/25" are for 2010/11 and
// 2024/25; "Q3" is for Q3; otherwise the header as printed.
std::optional<std::string> period_in(const std::string& text) {
  static const Regex year("\\b(19|20)[0-9]{2}([/-][0-9]{2,4})?\\b");
  static const Regex quarter("\\bq[1-4]\\b");
  if (auto found = year.find(text)) return std::string((*found)[0]);
  if (auto found = quarter.find(text)) return std::string((*found)[0]);
  return std::nullopt;
}

std::string period_of(const std::string& text) {
  return period_in(text).value_or(text);
}

// A cell that only names a period ("2010/11", "Yr 1 2010/11", "Q3"), not a value for one.
bool names_a_period(const std::string& text) {
  constexpr std::size_t kMaxPeriodLabel = 24;
  return text.size() <= kMaxPeriodLabel && text.find('%') == std::string::npos &&
         period_in(text).has_value();
}

bool has_field(const RegisterHeader& header, std::string_view field) {
  return std::find(header.fields.begin(), header.fields.end(), field) != header.fields.end();
}

// A row of periods under a merged "Targets": "| Yr 1 2010/11 | Yr 2 2011/12 | Yr 3 2012/13".
bool is_period_row(const Table& table, std::size_t row, const RegisterHeader& header) {
  if (row >= table.rows.size()) return false;
  std::size_t periods = 0, others = 0;
  for (std::size_t col = 0; col < table.rows[row].size(); ++col) {
    const std::string& text = table.text_at(row, col);
    if (text.empty() || (row > 0 && table.vertically_merged(row, col))) continue;
    const bool under_target = col < header.fields.size() &&
                              (header.fields[col] == "target" || header.fields[col].empty());
    if (under_target && names_a_period(text)) {
      ++periods;
    } else {
      ++others;
    }
  }
  return periods >= 1 && others == 0;
}

// The register fields a header row names, with the columns a merged "Targets" covers as targets.
RegisterHeader read_header(const Table& table, std::size_t row,
                           const std::vector<RegisterColumn>& columns) {
  RegisterHeader header;
  header.row = row;
  const auto texts = row_texts(table, row);
  header.fields.resize(table.column_count());
  header.periods.resize(table.column_count());
  for (std::size_t col = 0; col < texts.size() && col < header.fields.size(); ++col) {
    header.fields[col] = field_of(columns, texts[col]);
  }
  header.first_data_row = row + 1;
  if (is_period_row(table, row + 1, header)) {
    header.first_data_row = row + 2;
    // Blank headers right of a target column, with a period below them, are targets too.
    std::string left;
    for (std::size_t col = 0; col < header.fields.size(); ++col) {
      const std::string& below = table.text_at(row + 1, col);
      if (header.fields[col].empty() && left == "target" && !below.empty() &&
          (col >= texts.size() || texts[col].empty())) {
        header.fields[col] = "target";
      }
      if (header.fields[col] == "target" && !below.empty()) header.periods[col] = period_of(below);
      if (!header.fields[col].empty()) left = header.fields[col];
    }
  }
  for (std::size_t col = 0; col < header.fields.size(); ++col) {
    const std::string text = col < texts.size() ? texts[col] : std::string();
    if (header.fields[col] == "target" && header.periods[col].empty()) {
      header.periods[col] = period_of(text);
    }
    const bool repeated = col > 0 && col - 1 < texts.size() && texts[col - 1] == text;
    if (header.fields[col].empty() && !text.empty() && !repeated) header.unplaced.push_back(text);
  }
  return header;
}

// How many distinct header texts the row has and how many of them a field names.
std::pair<std::size_t, std::size_t> named_share(const Table& table, std::size_t row,
                                                const RegisterHeader& header) {
  const auto texts = row_texts(table, row);
  std::size_t named = 0, total = 0;
  for (std::size_t col = 0; col < texts.size(); ++col) {
    if (texts[col].empty() || (col > 0 && texts[col] == texts[col - 1])) continue;
    ++total;
    named += header.fields[col].empty() ? 0 : 1;
  }
  return {named, total};
}

bool looks_like_header_cell(const std::string& text) {
  return !text.empty() && text.size() <= 80 && !looks_like_number(text) && !parse_rating(text);
}

// An item's commitment column ("Action", "What we will do") makes the table items, not a
// register; a bare "Description" does not (risk registers describe their risks).
// A column the register's own columns name ("Action to reduce risk" as a mitigation) is theirs.
bool names_a_commitment(const Table& table, std::size_t row, const Mapping& dictionary,
                        const RegisterHeader& header) {
  MappingLayers layers;
  layers.dictionary = &dictionary;
  const auto texts = row_texts(table, row);
  for (std::size_t col = 0; col < texts.size(); ++col) {
    const std::string& text = texts[col];
    if (text.empty() || normalise_for_match(text) == "description") continue;
    if (col < header.fields.size() && !header.fields[col].empty()) continue;
    const ColumnRule* rule = header_rule(layers, text);
    if (rule && rule->field == Field::text) return true;
  }
  return false;
}

bool any_header_says_risk(const Table& table, std::size_t row) {
  for (const auto& text : row_texts(table, row)) {
    if (normalise_for_match(text).find("risk") != std::string::npos) return true;
  }
  return false;
}

struct Recognised {
  RegisterKind kind;
  RegisterHeader header;
};

std::optional<Recognised> recognise(const Table& table, const Mapping& dictionary) {
  const std::size_t rows = std::min(table.rows.size(), kRegisterHeaderRows);
  for (std::size_t row = 0; row < rows; ++row) {
    const auto texts = row_texts(table, row);
    if (std::none_of(texts.begin(), texts.end(), looks_like_header_cell)) continue;
    for (bool risks : {true, false}) {
      const auto& columns = columns_of(dictionary, risks);
      if (columns.empty()) continue;
      RegisterHeader header = read_header(table, row, columns);
      auto [named, total] = named_share(table, row, header);
      if (named < 2 || named * 5 < total * 3) continue;
      if (risks) {
        const bool scored = has_field(header, "impact") && has_field(header, "likelihood");
        const bool managed = has_field(header, "mitigation") && has_field(header, "owner");
        if (!has_field(header, "description") || !(scored || managed)) continue;
        if (!scored && !any_header_says_risk(table, row)) continue;
        if (names_a_commitment(table, row, dictionary, header)) continue;
        return Recognised{RegisterKind::risks, std::move(header)};
      }
      const bool valued = has_field(header, "baseline") || has_field(header, "target");
      if (!valued || names_a_commitment(table, row, dictionary, header)) continue;
      if (has_field(header, "area")) return Recognised{RegisterKind::breakdown, std::move(header)};
      // Values need something they are of: a code or title column, or a block's lines above.
      if (has_field(header, "code") || has_field(header, "title") || row > 0) {
        return Recognised{RegisterKind::indicators, std::move(header)};
      }
    }
  }
  return std::nullopt;
}

// A code as printed at the start of a line: "NI No. 45 LAA" is NI 45, "KPI 12" KPI 12. Codes are
// capitals ("Table 3 - by locality" names no indicator).
std::string printed_code(const std::string& text) {
  static const Regex numbered(
      "^([A-Za-z]{1,6})\\s*(?:no\\.?|number|ref\\.?|code)?\\s*[:.]?\\s*([A-Za-z]{0,3}[0-9][\\w.\\-/"
      "]*)");
  auto found = numbered.find(text);
  if (!found) return {};
  const std::string letters((*found)[1]);
  const bool capitals = std::all_of(letters.begin(), letters.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) != 0;
  });
  return capitals ? letters + " " + std::string((*found)[2]) : std::string();
}

// A cell the dictionary calls a code: "PI Ref: CS12" is CS12, "NI No. 45 LAA" NI 45.
std::string code_in(const std::string& text) {
  const auto colon = text.find(':');
  if (colon != std::string::npos) return collapse_whitespace(text.substr(colon + 1));
  return printed_code(text);
}

// "Indicator Title: Obesity ..." and "Proxy NI Title Services for ..." are titled "Obesity ..."
// and "Services for ...".
std::string title_in(const std::string& text) {
  static const Regex labelled("^[^:]{0,40}?\\b(title|name)\\b\\s*[:\\-]?\\s*");
  if (auto found = labelled.find(text)) {
    const std::string_view match = (*found)[0];
    return collapse_whitespace(
        text.substr(static_cast<std::size_t>(match.data() - text.data()) + match.size()));
  }
  const auto colon = text.find(':');
  if (colon != std::string::npos && colon < 40) return collapse_whitespace(text.substr(colon + 1));
  return text;
}

// A block's code and title, in the rows above its header ("NI No. 45 | Indicator Title: ...").
void read_block_label(const Table& table, std::size_t header_row, const Mapping& dictionary,
                      Indicator& indicator) {
  for (std::size_t row = 0; row < header_row; ++row) {
    for (const auto& text : row_texts(table, row)) {
      const std::string field = field_of(dictionary.indicator_columns, text);
      if (field == "code" && indicator.code.empty()) indicator.code = code_in(text);
      if (field == "title" && indicator.title.empty()) indicator.title = title_in(text);
    }
  }
}

bool row_is_empty(const Table& table, std::size_t row) {
  const auto texts = row_texts(table, row);
  return std::all_of(texts.begin(), texts.end(), [](const std::string& t) { return t.empty(); });
}

// One text merged across the table ("Healthier communities"): a heading over the rows below, no
// indicator or risk of its own.
bool is_heading_row(const Table& table, std::size_t row) {
  const Cell* first = nullptr;
  for (const Cell& cell : table.rows[row]) {
    if (cell.covered || cell.text.empty()) continue;
    if (first) return false;
    first = &cell;
  }
  return first && first->col_span >= 2 &&
         static_cast<std::size_t>(first->col_span) * 2 > table.column_count();
}

bool is_repeated_header(const Table& table, std::size_t row, const RegisterHeader& header) {
  return row_texts(table, row) == row_texts(table, header.row);
}

// The values of one data row, by field; targets by period.
struct RowValues {
  std::map<std::string, std::string> fields;
  std::vector<PeriodValue> targets;
};

RowValues values_of(const Table& table, std::size_t row, const RegisterHeader& header) {
  RowValues values;
  for (std::size_t col = 0; col < header.fields.size(); ++col) {
    const std::string& field = header.fields[col];
    if (field.empty()) continue;
    const Cell* cell = table.cell_at(row, col);
    if (cell && cell->covered && cell->origin_col >= 0 &&
        static_cast<std::size_t>(cell->origin_col) != col) {
      continue;  // a value merged across columns is read once
    }
    const std::string& text = table.text_at(row, col);
    if (field == "target") {
      if (!text.empty()) values.targets.push_back({header.periods[col], text});
    } else if (!text.empty()) {
      detail::append_line(values.fields[field], text);
    }
  }
  return values;
}

std::string take(RowValues& values, const std::string& field) {
  auto found = values.fields.find(field);
  return found == values.fields.end() ? std::string() : std::move(found->second);
}

void read_indicators(const Table& table, const RegisterHeader& header, const Mapping& dictionary,
                     const std::string& file, RegisterRows& out) {
  const bool block = !has_field(header, "code") && !has_field(header, "title");
  Indicator block_indicator;
  if (block) {
    read_block_label(table, header.row, dictionary, block_indicator);
    block_indicator.source = row_location(table, 0, file);
  }
  for (std::size_t row = header.first_data_row; row < table.rows.size(); ++row) {
    if (row_is_empty(table, row) || is_repeated_header(table, row, header)) continue;
    if (is_heading_row(table, row)) continue;
    RowValues values = values_of(table, row, header);
    if (block) {
      if (block_indicator.baseline.empty()) block_indicator.baseline = take(values, "baseline");
      if (block_indicator.targets.empty()) block_indicator.targets = std::move(values.targets);
      continue;
    }
    Indicator indicator;
    indicator.code = take(values, "code");
    indicator.title = take(values, "title");
    indicator.baseline = take(values, "baseline");
    indicator.targets = std::move(values.targets);
    if (indicator.code.empty() && indicator.title.empty()) continue;
    indicator.source = row_location(table, row, file);
    out.indicators.push_back(std::move(indicator));
  }
  if (block && (!block_indicator.code.empty() || !block_indicator.title.empty())) {
    out.indicators.push_back(std::move(block_indicator));
  }
}

void read_breakdown(const Table& table, const RegisterHeader& header, const std::string& file,
                    RegisterRows& out) {
  (void)file;
  for (std::size_t row = header.first_data_row; row < table.rows.size(); ++row) {
    if (row_is_empty(table, row) || is_repeated_header(table, row, header)) continue;
    if (is_heading_row(table, row)) continue;
    RowValues values = values_of(table, row, header);
    IndicatorBreakdown area;
    area.area = take(values, "area");
    if (area.area.empty()) continue;
    area.baseline = take(values, "baseline");
    area.targets = std::move(values.targets);
    out.breakdown.push_back(std::move(area));
  }
  // The indicator the breakdown is of, when a line above the header names one.
  for (std::size_t row = 0; row < header.row && out.breakdown_of.empty(); ++row) {
    for (const auto& text : row_texts(table, row)) {
      std::string code = printed_code(text);
      if (!code.empty()) {
        out.breakdown_of = code;
        break;
      }
    }
  }
}

void read_risks(const Table& table, const RegisterHeader& header, const std::string& file,
                RegisterRows& out) {
  for (std::size_t row = header.first_data_row; row < table.rows.size(); ++row) {
    if (row_is_empty(table, row) || is_repeated_header(table, row, header)) continue;
    if (is_heading_row(table, row)) continue;
    RowValues values = values_of(table, row, header);
    Risk risk;
    risk.ref = take(values, "ref");
    risk.description = take(values, "description");
    risk.impact = take(values, "impact");
    risk.likelihood = take(values, "likelihood");
    risk.score = take(values, "score");
    risk.mitigation = take(values, "mitigation");
    risk.owner = take(values, "owner");
    if (std::string due = take(values, "due"); !due.empty()) risk.due = parse_due(due);
    if (risk.description.empty() && risk.mitigation.empty()) continue;  // a ref alone is no risk
    risk.source = row_location(table, row, file);
    out.risks.push_back(std::move(risk));
  }
}

}  // namespace

std::optional<RegisterKind> register_kind(const Table& table, const Mapping& dictionary) {
  auto recognised = recognise(table, dictionary);
  if (!recognised) return std::nullopt;
  return recognised->kind;
}

std::string_view register_kind_name(RegisterKind kind) {
  switch (kind) {
    case RegisterKind::indicators:
      return "indicators";
    case RegisterKind::breakdown:
      return "indicator breakdown";
    case RegisterKind::risks:
      break;
  }
  return "risks";
}

std::optional<std::size_t> register_header_row(const Table& table, const Mapping& dictionary) {
  auto recognised = recognise(table, dictionary);
  if (!recognised) return std::nullopt;
  return recognised->header.row;
}

RegisterRows read_register(const Table& table, const Mapping& dictionary, const std::string& file) {
  RegisterRows out;
  auto recognised = recognise(table, dictionary);
  if (!recognised) return out;
  out.kind = recognised->kind;
  out.unplaced = recognised->header.unplaced;
  out.first_data_row = recognised->header.first_data_row;
  out.blocks = recognised->kind == RegisterKind::indicators &&
               !has_field(recognised->header, "code") && !has_field(recognised->header, "title");
  switch (recognised->kind) {
    case RegisterKind::indicators:
      read_indicators(table, recognised->header, dictionary, file, out);
      break;
    case RegisterKind::breakdown:
      read_breakdown(table, recognised->header, file, out);
      break;
    case RegisterKind::risks:
      read_risks(table, recognised->header, file, out);
      break;
  }
  return out;
}

}  // namespace trackport
