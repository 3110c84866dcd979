#include "mapping/suggest.hpp"

#include <algorithm>
#include <sstream>

#include "model/text.hpp"

namespace trackport {

namespace {

// A YAML double-quoted scalar.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A header pattern that matches exactly this header: the text itself, unless it would read as a
// glob, a regular expression or "(blank)", or has no letters or digits (then an escaped regular
// expression).
std::string exact_pattern(const std::string& header) {
  if (collapse_whitespace(header).empty()) return "(blank)";
  const bool plain = header.find('*') == std::string::npos &&
                     !(header.size() >= 2 && header.front() == '/' && header.back() == '/') &&
                     header != "(blank)" && !normalise_for_match(header).empty();
  if (plain) return header;
  std::string regex = "/^";
  for (char c : collapse_whitespace(header)) {
    if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos) regex += '\\';
    regex += c;
  }
  return regex + "$/";
}

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

struct Rule {
  std::string pattern;
  std::string field;
  bool carry_down = false;
  std::string by;
  std::vector<std::string> split;
  std::string why;
};

class Suggestion {
 public:
  void add_table(const TableDecision& decision) {
    const ColumnPlan& plan = *decision.plan;
    for (const auto& column : plan.columns) {
      if (column.header.empty() && !column.rule) continue;
      add_column(column);
      if (!column.fill_by.empty()) add_fill(column);
    }
    if (!decision.layers.headline().empty() && headline_.empty()) {
      headline_ = decision.layers.headline();
    }
    if (const auto& key = decision.layers.key(); !key.empty() && key_.empty()) {
      for (const auto& pattern : key) key_.push_back(pattern.spec());
    }
    if (const Mapping* headings = decision.layers.headings(); headings && !headings_) {
      headings_ = headings;
    }
    for (const Mapping* mapping : decision.layers.in_order()) {
      for (const auto& spec : mapping->drop_row_specs) {
        if (std::find(drop_rows_.begin(), drop_rows_.end(), spec) == drop_rows_.end()) {
          drop_rows_.push_back(spec);
        }
      }
      for (const auto& [text, rating] : mapping->values) add_value(text, rating, mapping->name);
    }
  }

  void add_value(const std::string& text, Rating rating, const std::string& from) {
    for (const auto& known : values_) {
      if (known.first == text) return;
    }
    values_.emplace_back(text, rating);
    value_origins_.push_back(from);
  }

  std::string write(const SuggestionSource& source) const {
    std::ostringstream out;
    out << "# Suggested by trackport mappings suggest from " << one_line(source.file) << ".\n"
        << "# Each rule says what placed its column; correct what is wrong, then keep the file in\n"
        << "# a mapping folder (--mappings DIR) or pass it with --mapping.\n";
    out << "name: " << quoted(source.name) << "\n";
    out << "description: " << quoted("the layout of " + one_line(source.file)) << "\n";
    write_recognise(out);
    out << "columns:\n";
    for (const auto& rule : rules_) {
      out << "  - header: " << quoted(rule.pattern) << "  # " << one_line(rule.why) << "\n";
      out << "    field: " << rule.field << "\n";
      if (rule.carry_down) out << "    carry_down: true\n";
      if (!rule.by.empty()) out << "    by: " << quoted(rule.by) << "\n";
      if (!rule.split.empty() && rule.split != std::vector<std::string>{"lines"}) {
        out << "    split: [";
        for (std::size_t i = 0; i < rule.split.size(); ++i) {
          out << (i ? ", " : "") << quoted(rule.split[i]);
        }
        out << "]\n";
      }
    }
    for (const auto& note : conflicts_) out << "  # " << one_line(note) << "\n";
    if (!fills_.empty()) {
      out << "fill_ratings:\n";
      for (const auto& [column, by] : fills_) {
        out << "  - column: " << quoted(column) << "\n    by: " << quoted(by) << "\n";
      }
    }
    if (!headline_.empty()) out << "headline: " << quoted(headline_) << "\n";
    write_list(out, "key", key_);
    write_list(out, "drop_rows", drop_rows_);
    if (headings_) {
      out << "headings: [";
      for (std::size_t i = 0; i < headings_->headings.size(); ++i) {
        out << (i ? ", " : "") << field_name(headings_->headings[i]);
      }
      out << "]\n";
      std::vector<std::string> patterns;
      for (const auto& pattern : headings_->heading_patterns) patterns.push_back(pattern.spec());
      write_list(out, "heading_patterns", patterns);
    }
    if (!values_.empty()) {
      out << "values:\n";
      for (std::size_t i = 0; i < values_.size(); ++i) {
        out << "  " << quoted(values_[i].first) << ": " << rating_name(values_[i].second) << "  # "
            << value_origins_[i] << "\n";
      }
    }
    return out.str();
  }

 private:
  void add_column(const PlannedColumn& column) {
    Rule rule;
    rule.pattern = exact_pattern(column.rule_header);
    if (column.rule) {
      rule.field = std::string(field_name(column.rule->field));
      rule.carry_down = column.rule->carry_down;
      rule.split = column.rule->split;
      if ((column.rule->field == Field::rating || column.rule->field == Field::commentary) &&
          column.by != column.rule_header) {
        // A sub-header names each column under a merged header: its `by` is read again then.
        if (column.header == column.rule_header) rule.by = column.by;
      }
      rule.why = column.evidence.reason;
    } else if (!column.lost_to.empty()) {
      rule.field = "ignore";
      rule.why = "also reads as " + std::string(field_name(column.lost_field)) + ", which '" +
                 column.lost_to + "' gives: kept in extra";
    } else {
      rule.field = "ignore";
      rule.why = column.fill_by.empty() ? "nothing says what it is: kept in extra"
                                        : "its fill is a rating (see fill_ratings)";
    }
    for (const auto& known : rules_) {
      if (normalise_for_match(known.pattern) != normalise_for_match(rule.pattern)) continue;
      if (known.field != rule.field) {
        conflicts_.push_back("'" + column.rule_header + "' is " + rule.field +
                             " in another table; the first table's " + known.field + " is kept");
      }
      return;
    }
    rules_.push_back(std::move(rule));
  }

  void add_fill(const PlannedColumn& column) {
    for (const auto& known : fills_) {
      if (known.first == column.rule_header) return;
    }
    fills_.emplace_back(column.rule_header, column.fill_by);
  }

  void write_recognise(std::ostringstream& out) const {
    std::string text;
    std::vector<std::string> others;
    for (const auto& rule : rules_) {
      if (rule.pattern == "(blank)" || rule.field == "ignore") continue;
      if (rule.field == "text" && text.empty()) {
        text = rule.pattern;
      } else if (others.size() < 8) {
        others.push_back(rule.pattern);
      }
    }
    if (text.empty()) return;
    out << "recognise:\n  required: [" << quoted(text) << "]\n";
    if (!others.empty()) {
      out << "  optional: [";
      for (std::size_t i = 0; i < others.size(); ++i) out << (i ? ", " : "") << quoted(others[i]);
      out << "]\n";
    }
  }

  static void write_list(std::ostringstream& out, std::string_view key,
                         const std::vector<std::string>& values) {
    if (values.empty()) return;
    out << key << ": [";
    for (std::size_t i = 0; i < values.size(); ++i) out << (i ? ", " : "") << quoted(values[i]);
    out << "]\n";
  }

  std::vector<Rule> rules_;
  std::vector<std::string> conflicts_;
  std::vector<std::pair<std::string, std::string>> fills_;
  std::string headline_;
  std::vector<std::string> key_;
  std::vector<std::string> drop_rows_;
  const Mapping* headings_ = nullptr;
  std::vector<std::pair<std::string, Rating>> values_;
  std::vector<std::string> value_origins_;
};

}  // namespace

std::string suggest_mapping(const SuggestionSource& source,
                            const std::vector<TableDecision>& decisions,
                            const RatingVocabulary& vocabulary) {
  Suggestion suggestion;
  for (const auto& decision : decisions) {
    if (decision.kind == TableKind::items && decision.plan) suggestion.add_table(decision);
  }
  for (const auto& [term, rating] : vocabulary.terms()) {
    suggestion.add_value(term, rating, "from the document's key");
  }
  return suggestion.write(source);
}

}  // namespace trackport
