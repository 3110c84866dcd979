#include "importers/xlsx/xlsx_conditional.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string_view>

#include "importers/ooxml/package.hpp"

namespace trackport {

namespace {

// Wider ranges are evaluated only on the cells a row has (a rule over whole rows, "A:XFD").
constexpr int kMaxFilledColumns = 64;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '=')) text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

int compare_text(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (lower(a[i]) != lower(b[i])) return lower(a[i]) < lower(b[i]) ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

bool contains_text(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char x, char y) { return lower(x) == lower(y); });
  return it != haystack.end();
}

// The number a cell's shown text stands for: "45%" is 0.45, "£1,200" is 1200.
std::optional<double> number_of(std::string_view text) {
  std::string digits;
  bool percent = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= '0' && c <= '9') || c == '.' || (c == '-' && digits.empty())) {
      digits += c;
    } else if (c == '%') {
      percent = true;
    } else if (c == ',' || c == ' ' || c == '$') {
      continue;
    } else if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < text.size()) {
      ++i;  // £ (C2 A3) and no-break space (C2 A0)
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty() || digits == "-" || digits == ".") return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return percent ? value / 100 : value;
}

// A literal of a formula: a quoted text or a number. nullopt for anything else (references,
// functions).
struct Literal {
  std::string text;
  std::optional<double> number;
};

std::optional<Literal> literal_of(std::string_view formula) {
  formula = trim(formula);
  if (formula.size() >= 2 && formula.front() == '"' && formula.back() == '"') {
    Literal literal;
    std::string_view inner = formula.substr(1, formula.size() - 2);
    for (std::size_t i = 0; i < inner.size(); ++i) {
      literal.text += inner[i];
      if (inner[i] == '"' && i + 1 < inner.size() && inner[i + 1] == '"') ++i;
    }
    return literal;
  }
  double value = 0;
  auto [end, ec] = std::from_chars(formula.data(), formula.data() + formula.size(), value);
  if (ec == std::errc{} && end == formula.data() + formula.size() && !formula.empty()) {
    return Literal{std::string(formula), value};
  }
  return std::nullopt;
}

// -1, 0, 1 comparing a cell's shown text with a literal: as numbers when both are, else as
// texts (ignoring case, as Excel does).
int compare(std::string_view value, const Literal& literal) {
  if (literal.number) {
    if (auto number = number_of(value)) {
      return *number < *literal.number ? -1 : (*number > *literal.number ? 1 : 0);
    }
    return 1;  // Excel orders any text after every number
  }
  return compare_text(value, literal.text);
}

bool holds(std::string_view op, int order) {
  if (op == "equal" || op == "=") return order == 0;
  if (op == "notEqual" || op == "<>") return order != 0;
  if (op == "greaterThan" || op == ">") return order > 0;
  if (op == "greaterThanOrEqual" || op == ">=") return order >= 0;
  if (op == "lessThan" || op == "<") return order < 0;
  if (op == "lessThanOrEqual" || op == "<=") return order <= 0;
  return false;
}

// Where a rule is evaluated: the cell, its row, and the top-left of the rule's range (relative
// references in a formula are written for that cell).
struct Place {
  const SheetRow& row;
  int column = 0;
  int first_row = 0;
  int first_column = 0;
};

std::string_view text_at(const SheetRow& row, int column) {
  auto it = std::lower_bound(row.columns.begin(), row.columns.end(), column);
  if (it == row.columns.end() || *it != column) return {};
  return row.cells[static_cast<std::size_t>(it - row.columns.begin())].text;
}

// A cell reference of a formula ("$F5", "F$5", "G12"), resolved for `place`; nullopt when it is
// no reference or points to another row.
std::optional<std::string_view> referenced_text(std::string_view ref, const Place& place) {
  ref = trim(ref);
  std::size_t at = 0;
  const bool column_fixed = at < ref.size() && ref[at] == '$';
  if (column_fixed) ++at;
  int column = 0;
  while (at < ref.size() && ref[at] >= 'A' && ref[at] <= 'Z')
    column = column * 26 + (ref[at++] - 'A' + 1);
  const bool row_fixed = at < ref.size() && ref[at] == '$';
  if (row_fixed) ++at;
  int row = 0;
  auto [end, ec] = std::from_chars(ref.data() + at, ref.data() + ref.size(), row);
  if (column == 0 || ec != std::errc{} || end != ref.data() + ref.size()) return std::nullopt;
  if (!column_fixed) column += place.column - place.first_column;
  if (!row_fixed) row += place.row.number - place.first_row;
  if (row != place.row.number) return std::nullopt;
  return text_at(place.row, column);
}

// Splits "a,b" at its top-level commas.
std::vector<std::string_view> arguments(std::string_view text) {
  std::vector<std::string_view> parts;
  int depth = 0;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

// The arguments of "NAME(...)" when `text` is a call of NAME, else nullopt.
std::optional<std::vector<std::string_view>> call_of(std::string_view text, std::string_view name) {
  text = trim(text);
  if (text.size() < name.size() + 2 || !same_text(text.substr(0, name.size()), name) ||
      text[name.size()] != '(' || text.back() != ')') {
    return std::nullopt;
  }
  return arguments(text.substr(name.size() + 1, text.size() - name.size() - 2));
}

// SEARCH("x", REF): the texts found, for ISNUMBER(SEARCH(..)) and NOT(ISERROR(SEARCH(..))).
std::optional<bool> search_found(std::string_view text, const Place& place) {
  auto search = call_of(text, "SEARCH");
  if (!search) search = call_of(text, "FIND");
  if (!search || search->size() != 2) return std::nullopt;
  auto needle = literal_of((*search)[0]);
  auto haystack = referenced_text((*search)[1], place);
  if (!needle || !haystack) return std::nullopt;
  return contains_text(*haystack, needle->text);
}

std::optional<bool> evaluate(std::string_view formula, const Place& place);

std::optional<bool> evaluate_comparison(std::string_view formula, const Place& place) {
  bool quoted = false;
  for (std::size_t i = 0; i < formula.size(); ++i) {
    const char c = formula[i];
    if (c == '"') quoted = !quoted;
    if (quoted || (c != '=' && c != '<' && c != '>')) continue;
    std::size_t length = 1;
    if (i + 1 < formula.size() && (formula[i + 1] == '=' || formula[i + 1] == '>')) length = 2;
    const std::string_view op = formula.substr(i, length);
    const std::string_view left = formula.substr(0, i);
    const std::string_view right = formula.substr(i + length);
    if (auto value = referenced_text(left, place)) {
      if (auto literal = literal_of(right)) return holds(op, compare(*value, *literal));
    }
    if (auto value = referenced_text(right, place)) {
      if (auto literal = literal_of(left)) return holds(op, -compare(*value, *literal));
    }
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<bool> evaluate(std::string_view formula, const Place& place) {
  formula = trim(formula);
  for (std::string_view junction : {"AND", "OR"}) {
    if (auto parts = call_of(formula, junction)) {
      const bool all = junction == "AND";
      for (std::string_view part : *parts) {
        auto result = evaluate(part, place);
        if (!result) return std::nullopt;
        if (*result != all) return !all;
      }
      return all;
    }
  }
  if (auto inner = call_of(formula, "ISNUMBER"); inner && inner->size() == 1) {
    return search_found((*inner)[0], place);
  }
  if (auto inner = call_of(formula, "NOT"); inner && inner->size() == 1) {
    if (auto error = call_of((*inner)[0], "ISERROR"); error && error->size() == 1) {
      return search_found((*error)[0], place);
    }
    auto result = evaluate((*inner)[0], place);
    if (result) return !*result;
    return std::nullopt;
  }
  if (auto inner = call_of(formula, "ISBLANK"); inner && inner->size() == 1) {
    auto text = referenced_text((*inner)[0], place);
    if (!text) return std::nullopt;
    return text->empty();
  }
  return evaluate_comparison(formula, place);
}

bool rule_matches(const XlsxConditionalRule& rule, std::string_view value, const Place& place) {
  using Kind = XlsxConditionalRule::Kind;
  switch (rule.kind) {
    case Kind::cell_is: {
      if (rule.formulas.empty()) return false;
      auto first = literal_of(rule.formulas[0]);
      if (!first || value.empty()) return false;
      if (rule.op == "between" || rule.op == "notBetween") {
        if (rule.formulas.size() < 2) return false;
        auto second = literal_of(rule.formulas[1]);
        if (!second) return false;
        const bool inside = compare(value, *first) >= 0 && compare(value, *second) <= 0;
        return rule.op == "between" ? inside : !inside;
      }
      return holds(rule.op, compare(value, *first));
    }
    case Kind::text:
      if (rule.op == "containsText") return contains_text(value, rule.text);
      if (rule.op == "notContainsText") return !contains_text(value, rule.text);
      if (rule.op == "beginsWith") {
        return value.size() >= rule.text.size() &&
               same_text(value.substr(0, rule.text.size()), rule.text);
      }
      if (rule.op == "endsWith") {
        return value.size() >= rule.text.size() &&
               same_text(value.substr(value.size() - rule.text.size()), rule.text);
      }
      return false;
    case Kind::blanks: {
      const bool blank = value.find_first_not_of(" \t\n") == std::string_view::npos;
      return rule.op == "containsBlanks" ? blank : !blank;
    }
    case Kind::expression:
      return !rule.formulas.empty() && evaluate(rule.formulas[0], place).value_or(false);
  }
  return false;
}

// Inserts an empty cell at `column`, keeping the row's columns ascending; returns it.
Cell& cell_at(SheetRow& row, int column) {
  auto it = std::lower_bound(row.columns.begin(), row.columns.end(), column);
  const auto index = static_cast<std::size_t>(it - row.columns.begin());
  if (it == row.columns.end() || *it != column) {
    row.columns.insert(it, column);
    row.cells.insert(row.cells.begin() + static_cast<std::ptrdiff_t>(index), Cell{});
  }
  return row.cells[index];
}

struct Candidate {
  const XlsxConditionalRule* rule;
  const SheetMerge* range;
};

}  // namespace

std::optional<XlsxConditionalFormat> read_conditional_format(pugi::xml_node node,
                                                             const XlsxStyles& styles) {
  XlsxConditionalFormat format;
  std::string_view sqref = node.attribute("sqref").value();
  while (!sqref.empty()) {
    const std::size_t space = sqref.find(' ');
    auto range = parse_range_reference(sqref.substr(0, space));
    if (range.first_row > 0 && range.first_column > 0) format.ranges.push_back(range);
    if (space == std::string_view::npos) break;
    sqref.remove_prefix(space + 1);
  }
  using Kind = XlsxConditionalRule::Kind;
  for (pugi::xml_node rule_node : node.children()) {
    if (local_name(rule_node.name()) != "cfRule") continue;
    XlsxConditionalRule rule;
    const std::string_view type = rule_node.attribute("type").value();
    if (type == "cellIs") {
      rule.kind = Kind::cell_is;
      rule.op = rule_node.attribute("operator").value();
    } else if (type == "containsText" || type == "notContainsText" || type == "beginsWith" ||
               type == "endsWith") {
      rule.kind = Kind::text;
      rule.op = std::string(type);
      rule.text = rule_node.attribute("text").value();
    } else if (type == "containsBlanks" || type == "notContainsBlanks") {
      rule.kind = Kind::blanks;
      rule.op = std::string(type);
    } else if (type == "expression") {
      rule.kind = Kind::expression;
    } else {
      continue;
    }
    for (pugi::xml_node formula : rule_node.children()) {
      if (local_name(formula.name()) == "formula")
        rule.formulas.emplace_back(formula.child_value());
    }
    rule.priority = rule_node.attribute("priority").as_int(0);
    rule.stop = rule_node.attribute("stopIfTrue").as_bool(false);
    const int dxf = rule_node.attribute("dxfId").as_int(-1);
    if (dxf < 0 || static_cast<std::size_t>(dxf) >= styles.dxfs.size()) continue;
    rule.style = styles.dxfs[static_cast<std::size_t>(dxf)];
    if (!rule.style.fill && !rule.style.font) continue;
    format.rules.push_back(std::move(rule));
  }
  if (format.ranges.empty() || format.rules.empty()) return std::nullopt;
  return format;
}

void XlsxConditionalFormats::apply(SheetRow& row) const {
  // The columns the row's ranges reach, each with the rules over it, highest priority first.
  std::vector<std::pair<int, std::vector<Candidate>>> columns;
  auto candidates_of = [&](int column) -> std::vector<Candidate>& {
    for (auto& [known, list] : columns) {
      if (known == column) return list;
    }
    return columns.emplace_back(column, std::vector<Candidate>{}).second;
  };
  for (const auto& format : formats_) {
    for (const auto& range : format.ranges) {
      if (row.number < range.first_row || row.number > range.last_row) continue;
      const bool narrow = range.last_column - range.first_column < kMaxFilledColumns;
      std::vector<int> reached;
      if (narrow) {
        for (int c = range.first_column; c <= range.last_column; ++c) reached.push_back(c);
      } else {
        for (int c : row.columns) {
          if (c >= range.first_column && c <= range.last_column) reached.push_back(c);
        }
      }
      for (int column : reached) {
        auto& list = candidates_of(column);
        for (const auto& rule : format.rules) list.push_back({&rule, &range});
      }
    }
  }
  for (auto& [column, list] : columns) {
    std::stable_sort(list.begin(), list.end(), [](const Candidate& a, const Candidate& b) {
      return a.rule->priority < b.rule->priority;
    });
    const std::string value(text_at(row, column));
    std::optional<Rgb> fill, font;
    for (const Candidate& candidate : list) {
      const Place place{row, column, candidate.range->first_row, candidate.range->first_column};
      if (!rule_matches(*candidate.rule, value, place)) continue;
      if (!fill) fill = candidate.rule->style.fill;
      if (!font) font = candidate.rule->style.font;
      if (candidate.rule->stop || (fill && font)) break;
    }
    if (!fill && !font) continue;
    Cell& cell = cell_at(row, column);
    if (fill) {
      cell.fill = fill;
      cell.fill_by_format = true;
    }
    if (font) {
      cell.font = font;
      cell.font_by_format = true;
    }
  }
}

}  // namespace trackport
