#include "mapping/plan.hpp"

#include "model/rating.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

const ColumnRule* rule_for(const Mapping& mapping, std::string_view header) {
  for (const auto& rule : mapping.columns) {
    for (const auto& pattern : rule.headers) {
      if (header.empty() ? pattern.matches_blank() : pattern.matches(header)) return &rule;
    }
  }
  return nullptr;
}

// A sub-header row names the parts of a header merged over several columns
// ("Progress Assessment" over "Quarter one" .. "Quarter four"): its cells are short, it has at
// least two of them, and each stands under a blank or merged header cell or a rating column.
bool is_sub_header(const Table& table, std::size_t header_row, const Mapping& mapping) {
  std::size_t row = header_row + 1;
  if (row >= table.rows.size()) return false;
  std::size_t named = 0;
  for (std::size_t col = 0; col < table.rows[row].size(); ++col) {
    const auto& text = table.text_at(row, col);
    if (text.empty()) continue;
    if (text.size() > 40 || parse_rating(text)) return false;
    const auto& cell = table.rows[header_row].size() > col ? table.rows[header_row][col] : Cell{};
    const auto& header = table.text_at(header_row, col);
    const auto* rule = rule_for(mapping, header);
    bool under_merge = cell.covered || cell.col_span > 1 || header.empty();
    if (!under_merge && !(rule && rule->field == Field::rating)) return false;
    ++named;
  }
  return named >= 2;
}

}  // namespace

std::vector<std::string> row_texts(const Table& table, std::size_t row) {
  std::vector<std::string> texts;
  if (row >= table.rows.size()) return texts;
  texts.reserve(table.rows[row].size());
  for (std::size_t col = 0; col < table.rows[row].size(); ++col) {
    texts.push_back(table.text_at(row, col));
  }
  return texts;
}

double score_header(const Mapping& mapping, const std::vector<std::string>& headers, bool generic) {
  std::size_t nonempty = 0, claimed = 0;
  bool has_text = false;
  std::vector<bool> rule_used(mapping.columns.size(), false);
  for (const auto& header : headers) {
    if (header.empty()) continue;
    ++nonempty;
    for (std::size_t i = 0; i < mapping.columns.size(); ++i) {
      if (any_matches(mapping.columns[i].headers, header)) {
        ++claimed;
        rule_used[i] = true;
        has_text = has_text || mapping.columns[i].field == Field::text;
        break;
      }
    }
  }
  if (nonempty < 2 || claimed == 0) return 0.0;
  for (const auto& pattern : mapping.required) {
    bool found = false;
    for (const auto& header : headers)
      found = found || (!header.empty() && pattern.matches(header));
    if (!found) return 0.0;
  }
  double precision = static_cast<double>(claimed) / static_cast<double>(nonempty);
  if (generic) return has_text && claimed >= 2 ? precision : 0.0;

  double recall = 0.0;
  std::size_t expected = mapping.required.size() + mapping.optional.size();
  if (expected > 0) {
    std::size_t found = mapping.required.size();
    for (const auto& pattern : mapping.optional) {
      for (const auto& header : headers) {
        if (!header.empty() && pattern.matches(header)) {
          ++found;
          break;
        }
      }
    }
    recall = static_cast<double>(found) / static_cast<double>(expected);
  } else {
    std::size_t used = 0;
    for (bool u : rule_used) used += u ? 1 : 0;
    recall = static_cast<double>(used) / static_cast<double>(mapping.columns.size());
  }
  return 2 * precision * recall / (precision + recall);
}

ColumnPlan plan_columns(const Table& table, std::size_t header_row, const Mapping& mapping) {
  ColumnPlan plan;
  plan.header_row = header_row;
  bool sub = is_sub_header(table, header_row, mapping);
  plan.header_rows = sub ? 2 : 1;
  std::size_t columns = table.column_count();
  std::string carried_header;  // a header merged or left blank over the columns to its right
  for (std::size_t col = 0; col < columns; ++col) {
    PlannedColumn planned;
    planned.col = col;
    std::string header = table.text_at(header_row, col);
    std::string sub_header = sub ? table.text_at(header_row + 1, col) : std::string();
    if (!header.empty()) carried_header = header;
    if (header.empty() && !sub_header.empty()) header = carried_header;
    planned.header = header;
    planned.rule = rule_for(mapping, header);
    if (!sub_header.empty()) planned.header = header + " / " + sub_header;
    if (planned.rule) {
      if (planned.rule->field == Field::rating || planned.rule->field == Field::commentary) {
        planned.by = !sub_header.empty()         ? sub_header
                     : !planned.rule->by.empty() ? planned.rule->by
                                                 : header;
      }
    }
    for (const auto& fill_rule : mapping.fill_ratings) {
      if (!header.empty() && any_matches(fill_rule.column, header)) {
        planned.fill_by = fill_rule.by.empty() ? header : fill_rule.by;
      }
    }
    plan.normalised_headers.push_back(normalise_for_match(table.text_at(header_row, col)));
    plan.columns.push_back(std::move(planned));
  }
  // The key column: named by the mapping, else the text column (what makes a row an item),
  // else the reference column.
  auto find_key = [&](auto&& is_key) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < plan.columns.size(); ++i) {
      if (is_key(plan.columns[i])) return i;
    }
    return std::nullopt;
  };
  if (!mapping.key.empty()) {
    plan.key_col =
        find_key([&](const PlannedColumn& c) { return any_matches(mapping.key, c.header); });
  }
  if (!plan.key_col) {
    plan.key_col =
        find_key([](const PlannedColumn& c) { return c.rule && c.rule->field == Field::text; });
  }
  if (!plan.key_col) {
    plan.key_col =
        find_key([](const PlannedColumn& c) { return c.rule && c.rule->field == Field::ref; });
  }
  if (plan.key_col) {
    const auto* rule = plan.columns[*plan.key_col].rule;
    plan.key_carries_down = rule && rule->carry_down;
  }
  return plan;
}

}  // namespace trackport
