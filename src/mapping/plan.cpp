#include "mapping/plan.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "mapping/profile.hpp"
#include "mapping/regex.hpp"
#include "model/rating.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

struct RuleMatch {
  const ColumnRule* rule = nullptr;
  std::size_t rank = 0;
  const HeaderPattern* pattern = nullptr;
};

// The first rule of `mapping` whose header matches, and which of its headers did.
RuleMatch rule_for(const Mapping& mapping, std::string_view header, std::string_view normalised) {
  for (const auto& rule : mapping.columns) {
    for (std::size_t i = 0; i < rule.headers.size(); ++i) {
      const auto& pattern = rule.headers[i];
      if (header.empty() ? pattern.matches_blank() : pattern.matches(header, normalised)) {
        return {&rule, i, &pattern};
      }
    }
  }
  return {};
}

struct LayerMatch {
  RuleMatch match;
  EvidenceTier tier = EvidenceTier::none;
  const Mapping* mapping = nullptr;
};

LayerMatch layer_rule_for(const MappingLayers& layers, std::string_view header) {
  const std::array<std::pair<const Mapping*, EvidenceTier>, 3> tiers{{
      {layers.user, EvidenceTier::user},
      {layers.named, EvidenceTier::named},
      {layers.dictionary, EvidenceTier::dictionary},
  }};
  const std::string normalised = normalise_for_match(header);
  for (const auto& [mapping, tier] : tiers) {
    if (!mapping) continue;
    if (auto match = rule_for(*mapping, header, normalised); match.rule) {
      return {match, tier, mapping};
    }
  }
  return {};
}

bool is_rating_rule(const ColumnRule* rule) {
  return rule && rule->field == Field::rating;
}

// A sub-header row names the parts of a header merged over several columns
// ("Progress Assessment" over "Quarter one" .. "Quarter four"): its cells are short, it has at
// least two of them, and each stands under a blank or merged header cell or a rating column.
bool is_sub_header(const Table& table, std::size_t header_row, const MappingLayers& layers) {
  std::size_t row = header_row + 1;
  if (row >= table.rows.size()) return false;
  std::size_t named = 0;
  for (std::size_t col = 0; col < table.rows[row].size(); ++col) {
    const auto& text = table.text_at(row, col);
    if (text.empty() || table.vertically_merged(row, col)) continue;  // a header merged down
    if (text.size() > 40 || parse_rating(text)) return false;
    const auto& cell = table.rows[header_row].size() > col ? table.rows[header_row][col] : Cell{};
    const auto& header = table.text_at(header_row, col);
    bool under_merge = cell.covered || cell.col_span > 1 || header.empty();
    if (!under_merge && !is_rating_rule(layer_rule_for(layers, header).match.rule)) return false;
    ++named;
  }
  return named >= 2;
}

// A quarter's sub-header as the model names quarters ("Quarter one", "Qtr 1", "First quarter",
// "Q1 2024/25" are all "Q1"); any other sub-header as printed.
std::string quarter_name(const std::string& sub_header) {
  static const Regex quarter(
      R"(^\s*(?:(?:quarter|qtr)\s*(one|two|three|four|[1-4])|q([1-4])|(first|second|third|fourth)\s+quarter)\b)");
  auto found = quarter.find(sub_header);
  if (!found) return sub_header;
  const std::string word = normalise_for_match(std::string((*found)[1]) + std::string((*found)[2]) +
                                               std::string((*found)[3]));
  static constexpr std::array<std::pair<std::string_view, char>, 12> kNumbers{{{"one", '1'},
                                                                               {"two", '2'},
                                                                               {"three", '3'},
                                                                               {"four", '4'},
                                                                               {"first", '1'},
                                                                               {"second", '2'},
                                                                               {"third", '3'},
                                                                               {"fourth", '4'},
                                                                               {"1", '1'},
                                                                               {"2", '2'},
                                                                               {"3", '3'},
                                                                               {"4", '4'}}};
  for (const auto& [name, digit] : kNumbers) {
    if (word == name) return std::string("Q") + digit;
  }
  return sub_header;
}

// The rules content evidence places a column with: what a dictionary rule for the field would
// say (group fields carry down into blank cells, people are one a line).
const ColumnRule& content_rule(Field field) {
  static const auto rules = [] {
    std::array<ColumnRule, static_cast<std::size_t>(Field::ignore) + 1> all;
    for (std::size_t i = 0; i < all.size(); ++i) {
      all[i].field = static_cast<Field>(i);
      all[i].carry_down = all[i].field == Field::theme || all[i].field == Field::objective ||
                          all[i].field == Field::category;
      if (all[i].field == Field::leads || all[i].field == Field::partners) all[i].split = {"lines"};
    }
    return all;
  }();
  return rules[static_cast<std::size_t>(field)];
}

bool field_taken(const ColumnPlan& plan, Field field) {
  return std::any_of(plan.columns.begin(), plan.columns.end(),
                     [&](const PlannedColumn& c) { return c.rule && c.rule->field == field; });
}

std::string share_text(std::size_t count, std::size_t of, std::string_view what) {
  return std::to_string(count) + " of " + std::to_string(of) + " values " + std::string(what);
}

// Gives each single-valued field to one column: the strongest evidence, then the leftmost.
void settle_single_fields(ColumnPlan& plan) {
  for (auto& column : plan.columns) {
    if (!column.rule || !is_single_valued(column.rule->field)) continue;
    const Field field = column.rule->field;
    PlannedColumn* best = &column;
    for (auto& other : plan.columns) {
      if (&other == &column || !other.rule || other.rule->field != field) continue;
      auto key = [](const PlannedColumn& c) {
        return std::tuple(static_cast<int>(c.evidence.tier), c.evidence.rank, c.col);
      };
      if (key(other) < key(*best)) best = &other;
    }
    if (best == &column) continue;
    column.lost_to = best->header;
    column.lost_field = field;
    column.rule = nullptr;
    column.evidence = {};
  }
}

std::vector<PlannedColumn*> columns_reading_as(ColumnPlan& plan, Field field) {
  std::vector<PlannedColumn*> found;
  for (auto& column : plan.columns) {
    if (column.rule && column.rule->field == field) found.push_back(&column);
  }
  return found;
}

// True when the column's values group the rows: repeated down them, or given once over several
// (a merged or blank-below cell).
bool groups_rows(const Table& table, std::size_t col, std::size_t first, std::size_t end) {
  std::size_t values = 0, repeated = 0, blanks = 0;
  std::string_view above;
  for (std::size_t row = first; row < end && row < table.rows.size(); ++row) {
    const std::string& text = table.text_at(row, col);
    if (text.empty()) {
      ++blanks;
      continue;
    }
    ++values;
    if (text == above) ++repeated;
    above = text;
  }
  return values >= 1 && repeated + blanks >= 1 && (repeated + blanks) * 3 >= values;
}

void nest_under(PlannedColumn& column, const PlannedColumn& outer) {
  column.rule = &content_rule(Field::objective);
  column.evidence.reason += "; nested under '" + outer.header + "'";
}

// Grouping columns nest from left to right: a second theme column is the objective under the
// first ("Priority | Theme area"), and of two commitment columns, a left one that groups the
// rows is the objective of the right one ("Action | Delivery milestones").
void nest_groups(const Table& table, ColumnPlan& plan) {
  if (!columns_reading_as(plan, Field::objective).empty()) return;
  const std::size_t first = plan.header_row + plan.header_rows;
  const std::size_t end = std::min(table.rows.size(), kDecisionRows);
  auto themes = columns_reading_as(plan, Field::theme);
  if (themes.size() >= 2) {
    nest_under(*themes[1], *themes[0]);
    return;
  }
  auto texts = columns_reading_as(plan, Field::text);
  if (texts.size() >= 2 && groups_rows(table, texts[0]->col, first, end) &&
      !groups_rows(table, texts[1]->col, first, end)) {
    nest_under(*texts[0], *texts[1]);
  }
}

// The dictionary names a column by its header alone; when its values flatly say otherwise (a
// "Status" column of prose updates, a "Progress" column of R/A/G), the content decides.
bool content_contradicts(const ColumnProfile& profile, Field field) {
  if (profile.values < 3) return false;
  // "Priority: High / Medium / Low" ranks the rows; it groups nothing.
  const bool grouping =
      field == Field::theme || field == Field::objective || field == Field::category;
  if (grouping && profile.share(profile.levels) >= 0.8) return true;
  if (field == Field::rating) {
    return profile.ratings + profile.no_ratings == 0 && profile.coloured == 0 &&
           profile.share(profile.prose) >= 0.5;
  }
  const bool prose_field = field == Field::progress || field == Field::comments ||
                           field == Field::measure || field == Field::mitigation;
  return prose_field && profile.share(profile.ratings + profile.no_ratings) >= 0.8;
}

struct ContentChoice {
  Field field = Field::ignore;
  std::string reason;
};

class ContentPlanner {
 public:
  ContentPlanner(const Table& table, ColumnPlan& plan, const MappingLayers& layers,
                 const RatingVocabulary& vocabulary)
      : table_(table), plan_(plan), layers_(layers), vocabulary_(vocabulary) {
    // A mapping that recognised the table knows its layout: the columns it leaves out are
    // placed by content only where the values are unmistakable (ratings, dates).
    all_kinds_ = !layers.user && !layers.named;
    first_ = plan.header_row + plan.header_rows;
    end_ = std::min(table.rows.size(), kDecisionRows);
  }

  ColumnProfile profile(std::size_t col) const {
    return profile_column(table_, col, first_, end_, layers_, vocabulary_);
  }

  // Places every named column no header rule placed.
  void place_unplaced() {
    std::vector<std::size_t> open;
    std::vector<ColumnProfile> profiles(plan_.columns.size());
    for (std::size_t i = 0; i < plan_.columns.size(); ++i) {
      auto& column = plan_.columns[i];
      if (column.rule || column.header.empty() || !column.lost_to.empty()) continue;
      profiles[i] = profile(column.col);
      open.push_back(i);
    }
    // Ratings, dates, references, numbers and people first: they are the surest kinds.
    for (std::size_t i : open) {
      if (auto choice = sure_kind(i, profiles[i])) place(i, *choice);
    }
    if (!all_kinds_) return;
    promote_naming_column();
    // Sentences: the commitment is the leftmost column of them, the progress update a later one
    // whose sentences report what was done.
    for (std::size_t i : open) {
      const auto& p = profiles[i];
      if (plan_.columns[i].rule || p.values == 0) continue;
      if (!field_taken(plan_, Field::text) && !right_of_field(i, Field::progress) &&
          names_each_row(p)) {
        place(i, {Field::text, p.share(p.prose) >= 0.5
                                   ? share_text(p.prose, p.values, "are sentences")
                                   : share_text(p.distinct, p.values, "are distinct phrases")});
      } else if (!field_taken(plan_, Field::progress) && right_of_field(i, Field::text) &&
                 p.share(p.prose) >= 0.5 && p.share(p.updates) >= 0.4) {
        place(i, {Field::progress, share_text(p.updates, p.values, "report what was done")});
      }
    }
    // Still no commitment: the leftmost column that names each row with a title of its own
    // ("Town Hall refurbishment"), standing before the lead.
    for (std::size_t i : open) {
      const auto& p = profiles[i];
      if (field_taken(plan_, Field::text)) break;
      if (plan_.columns[i].rule || p.values < 2 || right_of_field(i, Field::leads)) continue;
      const bool titles =
          p.distinct * 10 >= p.values * 9 && p.mean_words() >= 2 &&
          p.share(p.numbers + p.dates + p.ratings + p.no_ratings + p.codes + p.levels) < 0.2;
      if (titles) place(i, {Field::text, share_text(p.distinct, p.values, "are distinct titles")});
    }
    // Groups: short texts repeated down the rows, left of the commitment, are its theme.
    for (std::size_t i : open) {
      const auto& p = profiles[i];
      if (plan_.columns[i].rule || p.values < 2 || !left_of_field(i, Field::text)) continue;
      const bool grouping = p.distinct * 2 <= p.values || p.values * 2 <= p.rows;
      if (!grouping || p.share(p.numbers + p.dates + p.ratings) > 0.2) continue;
      for (Field field : {Field::theme, Field::objective}) {
        if (field_taken(plan_, field)) continue;
        place(i, {field, std::to_string(p.distinct) + " distinct values over " +
                             std::to_string(p.rows) + " rows: a grouping"});
        break;
      }
    }
  }

  // With no rating column, RAG fills on most of the commitment's cells are its rating (the cell
  // itself coloured, as in many progress reports).
  void rate_text_by_fill() {
    if (!all_kinds_ || field_taken(plan_, Field::rating)) return;
    for (auto& column : plan_.columns) {
      if (!column.fill_by.empty()) return;
    }
    for (auto& column : plan_.columns) {
      if (!column.rule || column.rule->field != Field::text) continue;
      std::size_t rows = 0, filled = 0;
      for (std::size_t row = first_; row < end_; ++row) {
        if (table_.text_at(row, column.col).empty()) continue;
        ++rows;
        const Cell* cell = table_.cell_at(row, column.col);
        if (cell && cell->fill && rating_from_fill(*cell->fill)) ++filled;
      }
      if (rows >= 2 && filled * 2 >= rows) column.fill_by = column.header;
      return;
    }
  }

 private:
  std::optional<ContentChoice> sure_kind(std::size_t i, const ColumnProfile& p) const {
    const std::size_t rated = p.ratings + p.no_ratings + p.coloured;
    // Ratings: words, letters, key terms or colours on most cells that say anything.
    const std::size_t saying = std::max(p.values, p.coloured);
    if (p.ratings + p.coloured > 0 && rated * 5 >= saying * 3 && p.mean_length() <= 30) {
      return ContentChoice{Field::rating, share_text(rated, saying, "read as ratings")};
    }
    if (p.values == 0) return std::nullopt;
    if (p.dates > 0 && (p.dates + p.timings) * 5 >= p.values * 3 &&
        !field_taken(plan_, Field::due)) {
      return ContentChoice{Field::due, share_text(p.dates + p.timings, p.values, "are dates")};
    }
    if (!all_kinds_) return std::nullopt;
    if (p.share(p.numbers) >= 0.7) {
      return ContentChoice{Field::ignore, share_text(p.numbers, p.values, "are numbers")};
    }
    if (p.share(p.levels) >= 0.8) {
      return ContentChoice{Field::ignore, share_text(p.levels, p.values, "are priority levels")};
    }
    if (i <= 1 && p.share(p.codes) >= 0.8 && p.distinct * 10 >= p.values * 9 &&
        !field_taken(plan_, Field::ref)) {
      return ContentChoice{Field::ref, share_text(p.codes, p.values, "are reference codes")};
    }
    // Names are the lead's; a second column of names could be partners, places or teams, and is
    // left in extra.
    // One word alone ("Tracker", "Housing") is as likely a label as a team: names have two.
    if (p.share(p.names) >= 0.6 && p.mean_length() < 40 && p.mean_words() >= 1.5 &&
        !field_taken(plan_, Field::leads)) {
      return ContentChoice{Field::leads, share_text(p.names, p.values, "are names")};
    }
    return std::nullopt;
  }

  // A column that says what each row is: a different phrase of several words on each row, not
  // names, dates, numbers, ratings or codes.
  static bool names_each_row(const ColumnProfile& p) {
    if (p.share(p.prose) >= 0.5) return true;
    return p.distinct * 10 >= p.values * 9 && p.mean_words() >= 3 && p.share(p.names) < 0.5 &&
           p.share(p.numbers + p.dates + p.ratings + p.no_ratings + p.codes) < 0.2;
  }

  // Without a commitment column, the grouping column that differs on every row names the items
  // ("Project | SRO | Go-live | RAG": each row is a project).
  void promote_naming_column() {
    if (field_taken(plan_, Field::text)) return;
    for (Field field : {Field::objective, Field::theme}) {
      auto columns = columns_reading_as(plan_, field);
      if (columns.empty()) continue;
      PlannedColumn& column = *columns.back();
      const ColumnProfile p = profile(column.col);
      if (p.values < 2 || p.distinct * 10 < p.values * 9) continue;
      // A row's name stands before what is said of it (a lookup sheet's lists do not).
      const bool leads_the_row =
          std::none_of(plan_.columns.begin(), plan_.columns.end(), [&](const PlannedColumn& other) {
            return other.col < column.col && other.rule &&
                   (other.rule->field == Field::rating || other.rule->field == Field::leads ||
                    other.rule->field == Field::due);
          });
      if (!leads_the_row) continue;
      column.rule = &content_rule(Field::text);
      column.evidence.reason += "; it names each row, as no other column does";
      return;
    }
  }

  bool right_of_field(std::size_t i, Field field) const {
    for (std::size_t j = 0; j < i; ++j) {
      if (plan_.columns[j].rule && plan_.columns[j].rule->field == field) return true;
    }
    return false;
  }
  bool left_of_field(std::size_t i, Field field) const {
    for (std::size_t j = i + 1; j < plan_.columns.size(); ++j) {
      if (plan_.columns[j].rule && plan_.columns[j].rule->field == field) return true;
    }
    return false;
  }

  void place(std::size_t i, const ContentChoice& choice) {
    auto& column = plan_.columns[i];
    column.rule = &content_rule(choice.field);
    column.evidence = {EvidenceTier::content, 0, "content: " + choice.reason};
    if (choice.field == Field::rating) column.by = column.header;
  }

  const Table& table_;
  ColumnPlan& plan_;
  const MappingLayers& layers_;
  const RatingVocabulary& vocabulary_;
  bool all_kinds_ = true;
  std::size_t first_ = 0;
  std::size_t end_ = 0;
};

std::string layer_label(const LayerMatch& match) {
  switch (match.tier) {
    case EvidenceTier::user:
      return "your mapping '" + match.mapping->name + "'";
    case EvidenceTier::named:
      return "mapping '" + match.mapping->name + "'";
    default:
      return "the generic dictionary";
  }
}

// A target is the item's `target` only beside a measure; alone, it is how success is measured.
void target_as_measure(ColumnPlan& plan) {
  if (!columns_reading_as(plan, Field::measure).empty()) return;
  auto targets = columns_reading_as(plan, Field::target);
  if (targets.empty() || targets[0]->evidence.tier == EvidenceTier::user) return;
  targets[0]->rule = &content_rule(Field::measure);
  targets[0]->evidence.reason += "; the measure, as the table has no other";
}

void find_key_column(ColumnPlan& plan, const MappingLayers& layers) {
  auto find_key = [&](auto&& is_key) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < plan.columns.size(); ++i) {
      if (is_key(plan.columns[i])) return i;
    }
    return std::nullopt;
  };
  // Named by a mapping, else the text column (what makes a row an item), else the reference.
  if (const auto& key = layers.key(); !key.empty()) {
    plan.key_col = find_key([&](const PlannedColumn& c) { return any_matches(key, c.header); });
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
}

}  // namespace

const ColumnRule* header_rule(const MappingLayers& layers, std::string_view header) {
  return layer_rule_for(layers, header).match.rule;
}

std::string_view evidence_tier_name(EvidenceTier tier) {
  switch (tier) {
    case EvidenceTier::user:
      return "your mapping";
    case EvidenceTier::named:
      return "named mapping";
    case EvidenceTier::dictionary:
      return "dictionary";
    case EvidenceTier::content:
      return "content";
    case EvidenceTier::none:
      break;
  }
  return "none";
}

bool is_single_valued(Field field) {
  return field != Field::rating && field != Field::commentary && field != Field::ignore;
}

std::vector<std::string> row_texts(const Table& table, std::size_t row) {
  std::vector<std::string> texts;
  if (row >= table.rows.size()) return texts;
  texts.reserve(table.rows[row].size());
  for (std::size_t col = 0; col < table.rows[row].size(); ++col) {
    texts.push_back(table.text_at(row, col));
  }
  return texts;
}

double score_header(const Mapping& mapping, const std::vector<std::string>& headers, bool generic,
                    const Mapping* dictionary) {
  std::size_t nonempty = 0, claimed = 0;
  bool has_text = false;
  std::vector<bool> rule_used(mapping.columns.size(), false);
  for (const auto& header : headers) {
    if (header.empty()) continue;
    ++nonempty;
    const std::string normalised = normalise_for_match(header);
    bool named = false;
    for (std::size_t i = 0; i < mapping.columns.size(); ++i) {
      if (any_matches(mapping.columns[i].headers, header, normalised)) {
        named = true;
        rule_used[i] = true;
        has_text = has_text || mapping.columns[i].field == Field::text;
        break;
      }
    }
    // A mapping needs not name what the dictionary knows: those columns count as explained.
    if (!named && dictionary) {
      named = std::any_of(
          dictionary->columns.begin(), dictionary->columns.end(),
          [&](const ColumnRule& rule) { return any_matches(rule.headers, header, normalised); });
    }
    claimed += named ? 1 : 0;
  }
  if (nonempty < 2 || claimed == 0) return 0.0;
  for (const auto& pattern : mapping.required) {
    bool found = false;
    for (const auto& header : headers)
      found = found || (!header.empty() && pattern.matches(header));
    if (!found) return 0.0;
  }
  double precision = static_cast<double>(claimed) / static_cast<double>(nonempty);
  // The dictionary's header need not name the commitment: the content may ("Project" alone). A
  // header names many columns: two names of a two-cell note row are no header of nine columns.
  if (generic) {
    if (claimed < 2) return 0.0;
    const double many = 1.0 - std::pow(0.5, static_cast<double>(claimed));
    return std::min(1.0, precision * many + (has_text ? 0.001 : 0.0));
  }

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

ColumnPlan plan_columns(const Table& table, std::size_t header_row, const MappingLayers& layers,
                        const RatingVocabulary& vocabulary, bool use_content) {
  ColumnPlan plan;
  plan.header_row = header_row;
  bool sub = is_sub_header(table, header_row, layers);
  plan.header_rows = sub ? 2 : 1;
  std::size_t columns = table.column_count();
  std::string carried_header;  // a header merged or left blank over the columns to its right
  for (std::size_t col = 0; col < columns; ++col) {
    PlannedColumn planned;
    planned.col = col;
    std::string header = table.text_at(header_row, col);
    std::string sub_header = sub && !table.vertically_merged(header_row + 1, col)
                                 ? table.text_at(header_row + 1, col)
                                 : std::string();
    if (!header.empty()) carried_header = header;
    if (header.empty() && !sub_header.empty()) header = carried_header;
    planned.header = header;
    planned.rule_header = header;
    const LayerMatch found = layer_rule_for(layers, header);
    planned.rule = found.match.rule;
    if (planned.rule) {
      planned.evidence = {
          found.tier, found.match.rank,
          "header matches '" + found.match.pattern->spec() + "' (" + layer_label(found) + ")"};
    }
    if (!sub_header.empty()) planned.header = header + " \u203A " + sub_header;
    if (planned.rule &&
        (planned.rule->field == Field::rating || planned.rule->field == Field::commentary)) {
      planned.by = !sub_header.empty()         ? quarter_name(sub_header)
                   : !planned.rule->by.empty() ? planned.rule->by
                                               : header;
    }
    for (const Mapping* mapping : {layers.user, layers.named}) {
      if (!mapping || header.empty()) continue;
      for (const auto& fill_rule : mapping->fill_ratings) {
        if (planned.fill_by.empty() && any_matches(fill_rule.column, header)) {
          planned.fill_by = fill_rule.by.empty() ? header : fill_rule.by;
        }
      }
    }
    plan.normalised_headers.push_back(normalise_for_match(table.text_at(header_row, col)));
    plan.columns.push_back(std::move(planned));
  }
  nest_groups(table, plan);
  settle_single_fields(plan);
  if (use_content) {
    ContentPlanner content(table, plan, layers, vocabulary);
    for (auto& column : plan.columns) {
      if (!column.rule || column.evidence.tier != EvidenceTier::dictionary) continue;
      if (content_contradicts(content.profile(column.col), column.rule->field)) {
        column.rule = nullptr;
        column.by.clear();
        column.evidence = {};
      }
    }
    content.place_unplaced();
    content.rate_text_by_fill();
    settle_single_fields(plan);
  }
  target_as_measure(plan);
  for (auto& column : plan.columns) {
    column.target = column.rule ? find_item_field(field_name(column.rule->field)) : nullptr;
  }
  find_key_column(plan, layers);
  return plan;
}

double explained_share(const Table& table, const ColumnPlan& plan) {
  std::size_t named = 0, placed = 0, values = 0, placed_values = 0;
  const std::size_t first = plan.header_row + plan.header_rows;
  const std::size_t end = std::min(table.rows.size(), kDecisionRows);
  for (const auto& column : plan.columns) {
    const bool is_placed = column.rule != nullptr || !column.fill_by.empty();
    if (!column.header.empty()) {
      ++named;
      placed += is_placed ? 1 : 0;
    }
    for (std::size_t row = first; row < end; ++row) {
      if (table.text_at(row, column.col).empty()) continue;
      ++values;
      placed_values += is_placed ? 1 : 0;
    }
  }
  if (named == 0) return 0.0;
  const double columns_share = static_cast<double>(placed) / static_cast<double>(named);
  const double values_share =
      values == 0 ? columns_share
                  : static_cast<double>(placed_values) / static_cast<double>(values);
  return (columns_share + values_share) / 2;
}

}  // namespace trackport
