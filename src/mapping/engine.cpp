#include "mapping/engine.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "mapping/cards.hpp"
#include "mapping/cross_reference.hpp"
#include "mapping/key_table.hpp"
#include "mapping/period.hpp"
#include "mapping/plan.hpp"
#include "mapping/profile.hpp"
#include "mapping/regex.hpp"
#include "mapping/registers.hpp"
#include "mapping/rows.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

// Rows searched for a header: titles and notes above a table rarely take more.
constexpr std::size_t kHeaderSearchRows = 25;

struct RowChoice {
  std::optional<std::size_t> row;
  double score = 0.0;
};

// Cells of a row that hold values rather than names: numbers, money, dates, ratings.
std::size_t value_cells(const std::vector<std::string>& texts) {
  std::size_t values = 0;
  for (const auto& text : texts) {
    if (text.empty() || text.size() > 40) continue;
    if (looks_like_number(text) || looks_like_date(text) || parse_rating(text)) ++values;
  }
  return values;
}

// A row's texts for judging it as a header: a merged cell counts once, where it starts (a group
// row merged across the table is one text, not nine; a header merged down is not the row below's).
std::vector<std::string> header_texts(const Table& table, std::size_t row) {
  std::vector<std::string> texts = row_texts(table, row);
  for (std::size_t col = 0; col < texts.size() && col < table.rows[row].size(); ++col) {
    if (table.rows[row][col].covered) texts[col].clear();
  }
  return texts;
}

RowChoice best_header_row(const Table& table, const Mapping& mapping, bool generic) {
  RowChoice best;
  const std::size_t rows = std::min(table.rows.size(), kHeaderSearchRows);
  for (std::size_t row = 0; row < rows; ++row) {
    // The dictionary's loose names ("milestone*") can match a data row's sentences: a row that
    // holds values is no header.
    const auto texts = header_texts(table, row);
    if (generic && value_cells(texts) >= 2) continue;
    double score = score_header(mapping, texts, generic, generic ? nullptr : &generic_mapping());
    if (score > best.score + 1e-9) best = {row, score};
  }
  return best;
}

std::size_t nonempty_cells(const Table& table, std::size_t row) {
  std::size_t count = 0;
  for (const auto& text : row_texts(table, row)) count += text.empty() ? 0 : 1;
  return count;
}

// A table with no item header and very little in it (a "PRIORITY: 1 | We will ..." banner, a
// sheet title) names the section of the tables after it.
std::optional<std::string> banner_text(const Table& table) {
  std::string text;
  std::size_t rows_with_text = 0;
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    auto texts = row_texts(table, row);
    std::size_t count = 0;
    std::string joined;
    bool dashes = true;
    for (const auto& cell : texts) {
      if (cell.empty()) continue;
      ++count;
      dashes = dashes && cell.find_first_not_of("-_= ") == std::string::npos;
      if (!joined.empty()) joined += ' ';
      joined += cell;
    }
    if (count == 0 || dashes || (count == 1 && is_page_number(joined))) continue;
    if (count > 3 || ++rows_with_text > 2) return std::nullopt;
    if (!text.empty()) text += ' ';
    text += joined;
  }
  if (text.empty() || text.size() > 400) return std::nullopt;
  return collapse_whitespace(text);
}

// Rows above the header with one or two filled cells read as headings ("Priority Action 4a").
std::vector<std::string> headings_above(const Table& table, std::size_t header_row) {
  std::vector<std::string> headings;
  for (std::size_t row = 0; row < header_row; ++row) {
    if (nonempty_cells(table, row) > 2) continue;
    std::string joined;
    for (const auto& cell : row_texts(table, row)) {
      if (cell.empty() || (!joined.empty() && joined == cell)) continue;
      if (!joined.empty()) joined += ' ';
      joined += cell;
    }
    if (!joined.empty() && joined.find_first_not_of("-_= ") != std::string::npos) {
      headings.push_back(collapse_whitespace(joined));
    }
  }
  return headings;
}

// Two parts are one table when their headers read the same; blank columns at the right (a
// wider grid around the same header) do not count.
std::vector<std::string> layout_of(const ColumnPlan& plan) {
  auto headers = plan.normalised_headers;
  while (!headers.empty() && headers.back().empty()) headers.pop_back();
  return headers;
}

}  // namespace

std::string_view table_kind_name(TableKind kind) {
  switch (kind) {
    case TableKind::items:
      return "items";
    case TableKind::key:
      return "key";
    case TableKind::overview:
      return "overview";
    case TableKind::indicators:
      return "indicators";
    case TableKind::breakdown:
      return "indicator breakdown";
    case TableKind::risks:
      return "risks";
    case TableKind::matrix:
      return "scoring matrix";
    case TableKind::contents:
      return "contents";
    case TableKind::signoff:
      return "sign-off";
    case TableKind::other:
      break;
  }
  return "other";
}

namespace {

struct Recognition {
  const Mapping* mapping = nullptr;
  RowChoice row;
};

// The named mapping that recognises the table: a kept one (a team's own) before any built-in,
// else the best-scoring built-in over its threshold.
Recognition recognise(const Table& table, const MapOptions& options,
                      std::vector<MappingCandidate>& candidates) {
  Recognition best;
  auto consider = [&](const Mapping& mapping) {
    auto choice = best_header_row(table, mapping, false);
    candidates.push_back({&mapping, choice.score});
    if (choice.row && choice.score >= mapping.min_score && choice.score > best.row.score) {
      best = {&mapping, choice};
    }
  };
  for (const Mapping* kept : options.kept) {
    if (!kept->required.empty() || !kept->optional.empty()) consider(*kept);
  }
  if (best.mapping) return best;
  for (const auto& mapping : builtin_mappings()) consider(mapping);
  return best;
}

bool is_plain_label(const std::string& text) {
  return text.size() <= 80 && !looks_like_number(text) && !looks_like_date(text) &&
         !looks_like_prose(text) && !parse_rating(text);
}

// A header found by its look when no mapping names it: the row of the first rows with the most
// short labels (two at least, nothing else in it), with at least two rows below it.
std::optional<std::size_t> header_by_look(const Table& table) {
  std::optional<std::size_t> best;
  std::size_t best_labels = 1;
  const std::size_t rows = std::min(table.rows.size(), kHeaderSearchRows);
  for (std::size_t row = 0; row + 2 < table.rows.size() && row < rows; ++row) {
    std::size_t labels = 0;
    bool plain = true;
    for (const auto& text : header_texts(table, row)) {
      if (text.empty()) continue;
      plain = plain && is_plain_label(text);
      ++labels;
    }
    if (plain && labels > best_labels) {
      best = row;
      best_labels = labels;
    }
  }
  return best;
}

// An overview of counts ("Priority | Green | Amber | Red | Total"): columns headed by ratings
// that hold numbers. Not items.
bool is_count_table(const Table& table, std::size_t header_row) {
  std::size_t counted = 0;
  const std::size_t end = std::min(table.rows.size(), kDecisionRows);
  const std::size_t width = table.column_count();
  for (std::size_t col = 0; col < width; ++col) {
    const auto rating = parse_rating(table.text_at(header_row, col));
    if (!rating || *rating == Rating::none) continue;
    std::size_t numbers = 0, values = 0;
    for (std::size_t row = header_row + 1; row < end; ++row) {
      const auto& text = table.text_at(row, col);
      if (text.empty()) continue;
      ++values;
      numbers += looks_like_number(text) ? 1 : 0;
    }
    if (values > 0 && numbers * 5 >= values * 4) ++counted;
  }
  return counted >= 2;
}

// An overview the other way round ("Status | Number of actions" over "Green | 12"): the column
// read as the commitment's text holds numbers in (nearly) every row. No action is a bare number.
bool counts_in_text_column(const Table& table, std::size_t header_row, const ColumnPlan& plan) {
  const std::size_t end = std::min(table.rows.size(), kDecisionRows);
  for (const auto& column : plan.columns) {
    if (!column.rule || column.rule->field != Field::text) continue;
    std::size_t numbers = 0, values = 0;
    for (std::size_t row = header_row + 1; row < end; ++row) {
      const auto& text = table.text_at(row, column.col);
      if (text.empty()) continue;
      ++values;
      numbers += looks_like_number(text) ? 1 : 0;
    }
    if (values >= 2 && numbers * 5 >= values * 4) return true;
  }
  return false;
}

// "page 3", "pages 10-15", "Appendix 1", "p. 4": where a table of contents points.
bool is_page_reference(const std::string& text) {
  const std::string normalised = normalise_for_match(text);
  for (std::string_view word :
       {"page ", "pages ", "p ", "pp ", "appendix ", "annex ", "section "}) {
    if (normalised.starts_with(word) && normalised.size() <= word.size() + 8) return true;
  }
  return false;
}

// A table of contents: a column of page references beside the titles.
bool is_contents_table(const Table& table) {
  const std::size_t width = table.column_count();
  for (std::size_t col = 0; col < width; ++col) {
    // Page numbers alone count when they rise down the column (a budget column does not).
    std::size_t values = 0, references = 0, rising = 0;
    long last = -1;
    for (std::size_t row = 0; row < table.rows.size() && row < kDecisionRows; ++row) {
      const auto& text = table.text_at(row, col);
      if (text.empty()) continue;
      ++values;
      if (is_page_reference(text)) {
        ++references;
      } else if (is_page_number(text)) {
        const long page = std::strtol(text.c_str(), nullptr, 10);
        if (page > last) ++rising;
        last = page;
      }
    }
    const std::size_t pointing = references > 0 ? references + rising : 0;
    if (pointing >= 3 && pointing * 5 >= values * 3) return true;
  }
  return false;
}

// An item has more than a name: a number, who leads it, when, how it stands, how it is measured.
bool has_item_attribute(const ColumnPlan& plan) {
  return std::any_of(plan.columns.begin(), plan.columns.end(), [](const PlannedColumn& c) {
    if (!c.rule && c.fill_by.empty()) return false;
    if (!c.fill_by.empty()) return true;
    switch (c.rule->field) {
      case Field::ref:
      case Field::leads:
      case Field::partners:
      case Field::due:
      case Field::rating:
      case Field::progress:
      case Field::measure:
      case Field::target:
      case Field::mitigation:
      case Field::comments:
        return true;
      default:
        return false;
    }
  });
}

bool has_field(const ColumnPlan& plan, Field field) {
  return std::any_of(plan.columns.begin(), plan.columns.end(),
                     [&](const PlannedColumn& c) { return c.rule && c.rule->field == field; });
}

bool has_text_column(const ColumnPlan& plan) {
  return has_field(plan, Field::text);
}

// A report on items named by their refs alone ("Action ref | Q3 progress | RAG"): its rows
// update the items of the table they refer to (cross_reference.hpp), or stand as items.
bool reports_by_ref(const ColumnPlan& plan) {
  return has_field(plan, Field::ref) &&
         (has_field(plan, Field::progress) || has_field(plan, Field::rating));
}

// A risk scoring matrix: impact (or likelihood) levels across, scores in the body ("10 (5x2)").
bool is_scoring_matrix(const Table& table, const Mapping& registers) {
  static const Regex score("^[0-9]{1,2}( *\\([0-9]+ *[x*] *[0-9]+\\))?$");
  const std::size_t rows = std::min(table.rows.size(), kDecisionRows);
  bool scale = false;
  for (std::size_t row = 0; row < std::min<std::size_t>(rows, 3) && !scale; ++row) {
    for (const auto& text : row_texts(table, row)) {
      const std::string normalised = normalise_for_match(text);
      for (const auto& column : registers.risk_columns) {
        if ((column.field == "impact" || column.field == "likelihood") &&
            any_matches(column.headers, text, normalised)) {
          scale = true;
        }
      }
    }
  }
  if (!scale) return false;
  std::size_t scores = 0, values = 0;
  for (std::size_t row = 1; row < rows; ++row) {
    for (std::size_t col = 1; col < table.rows[row].size(); ++col) {
      const std::string& text = table.text_at(row, col);
      if (text.empty()) continue;
      ++values;
      scores += score.full_match(text) ? 1 : 0;
    }
  }
  return values >= 4 && scores * 5 >= values * 4;
}

// Who signed the plan off: "Signed | Name | Date", "Approved by ...".
bool is_signoff_table(const Table& table) {
  if (table.rows.size() > 12) return false;
  for (std::size_t row = 0; row < std::min<std::size_t>(table.rows.size(), 3); ++row) {
    for (const auto& text : row_texts(table, row)) {
      const std::string normalised = normalise_for_match(text);
      for (std::string_view word : {"signed", "signature", "approved by", "sign off", "signed off",
                                    "agreed by", "authorised by", "date approved"}) {
        if (normalised.starts_with(word)) return true;
      }
    }
  }
  return false;
}

TableKind kind_of_register(RegisterKind kind) {
  switch (kind) {
    case RegisterKind::indicators:
      return TableKind::indicators;
    case RegisterKind::breakdown:
      return TableKind::breakdown;
    case RegisterKind::risks:
      break;
  }
  return TableKind::risks;
}

std::string score_text(double score) {
  return std::to_string(std::round(score * 100) / 100).substr(0, 4);
}

// Plans the table under `layers` with its header at `header_row`, and says whether it is an item
// table: a commitment column, and (without a mapping that recognised it) enough of it explained.
void plan_items(const Table& table, std::size_t header_row, const MapOptions& options,
                const RatingVocabulary& vocabulary, TableDecision& decision) {
  decision.header_row = header_row;
  decision.plan = plan_columns(table, header_row, decision.layers, vocabulary);
  decision.score = explained_share(table, *decision.plan);
  const bool recognised = decision.layers.user || decision.layers.named;
  if (!has_text_column(*decision.plan) && !reports_by_ref(*decision.plan)) {
    decision.reason = "no column reads as the commitment's text";
  } else if (!recognised && !has_item_attribute(*decision.plan)) {
    decision.reason = "nothing in it but names: no reference, lead, date, rating or update";
  } else if (!recognised && (is_count_table(table, header_row) ||
                             counts_in_text_column(table, header_row, *decision.plan))) {
    decision.kind = TableKind::overview;
    decision.reason = "an overview of counts, not actions";
  } else if (!recognised && decision.score < options.min_explained) {
    decision.reason =
        "its columns are mostly unexplained (explained " + score_text(decision.score) + ")";
  } else {
    decision.kind = TableKind::items;
    decision.chosen = &decision.layers.primary();
    decision.generic = !recognised;
    decision.reason = recognised ? "header recognised by mapping '" + decision.chosen->name + "'"
                      : decision.header_by_look
                          ? "header found by its look; columns placed by content"
                          : "columns placed by the generic dictionary";
    return;
  }
  decision.plan.reset();
}

}  // namespace

TableDecision decide_table(const Table& table, const MapOptions& options,
                           const RatingVocabulary& vocabulary) {
  TableDecision decision;
  decision.table = table.index;
  decision.layers.dictionary = &generic_mapping();
  std::optional<std::size_t> header_row;
  if (options.forced) {
    const bool generic = options.forced == &generic_mapping() || options.forced->name == "generic";
    auto choice = best_header_row(table, *options.forced, generic);
    decision.candidates.push_back({options.forced, choice.score});
    if (choice.row) {
      decision.layers.user = options.forced;
      header_row = choice.row;
    }
  }
  auto recognised = recognise(table, options, decision.candidates);
  if (recognised.mapping) {
    decision.layers.named = recognised.mapping;
    if (!header_row) header_row = recognised.row.row;
  }
  auto dictionary = best_header_row(table, generic_mapping(), true);
  decision.candidates.push_back({&generic_mapping(), dictionary.score});
  std::stable_sort(decision.candidates.begin(), decision.candidates.end(),
                   [](const auto& a, const auto& b) { return a.score > b.score; });

  if (!decision.layers.user && !decision.layers.named && read_key_table(table)) {
    decision.kind = TableKind::key;
    decision.reason = "a key of the document's ratings";
    return decision;
  }
  if (!decision.layers.named) {
    const Mapping& registers = register_dictionary(options);
    if (auto kind = register_kind(table, registers)) {
      decision.kind = kind_of_register(*kind);
      decision.header_row = register_header_row(table, registers);
      decision.reason = std::string("a header of ") +
                        (*kind == RegisterKind::risks ? "risk register" : "indicator") +
                        " columns (" + std::string(register_kind_name(*kind)) + ")";
      return decision;
    }
  }
  // Before any header is looked for: a matrix's level names read as a header by their look.
  if (!decision.layers.user && !decision.layers.named &&
      is_scoring_matrix(table, register_dictionary(options))) {
    decision.kind = TableKind::matrix;
    decision.reason = "a risk scoring matrix: scores under impact and likelihood levels";
    return decision;
  }
  if (!header_row && dictionary.row) header_row = dictionary.row;
  if (!header_row && is_contents_table(table)) {
    decision.kind = TableKind::contents;
    decision.reason = "a table of contents";
    return decision;
  }
  if (!header_row) {
    header_row = header_by_look(table);
    decision.header_by_look = header_row.has_value();
  }
  if (!header_row) {
    decision.reason = "no header row";
  } else {
    plan_items(table, *header_row, options, vocabulary, decision);
  }
  if (decision.kind == TableKind::other && !recognised.mapping && !decision.layers.user) {
    if (is_signoff_table(table)) {
      decision.kind = TableKind::signoff;
      decision.reason = "who signed the plan off";
    }
  }
  return decision;
}

const Mapping& register_dictionary(const MapOptions& options) {
  if (options.forced &&
      (!options.forced->indicator_columns.empty() || !options.forced->risk_columns.empty())) {
    return *options.forced;
  }
  return generic_mapping();
}

RatingVocabulary document_vocabulary(const std::vector<Table>& tables, const MapOptions& options) {
  RatingVocabulary vocabulary;
  for (const auto& table : tables) {
    if (table.rows.size() > 16) continue;  // keys are small
    std::vector<MappingCandidate> ignored;
    if (options.forced && best_header_row(table, *options.forced, false).row) continue;
    if (recognise(table, options, ignored).mapping) continue;
    if (auto key = read_key_table(table)) {
      for (const auto& [term, rating] : key->terms) vocabulary.define(term, rating);
    }
  }
  return vocabulary;
}

namespace {
constexpr std::string_view kRegisterContinued = "the register above, continued";
}  // namespace

DocumentMapper::DocumentMapper(std::string file, std::string title, const MapOptions& options,
                               bool consume, ItemHandler hand_on)
    : file_(std::move(file)),
      title_(std::move(title)),
      options_(options),
      consume_(consume),
      hand_on_(std::move(hand_on)) {}

// No header of its own, right after an item table and as wide: the same table continued after a
// page break (common in text exported from Word and PDF).
bool DocumentMapper::continues_previous(const Table& table) const {
  return !current_.chosen && current_.kind == TableKind::other && assembler_ && !register_head_ &&
         table.headings.empty() && banners_.empty() &&
         table.column_count() == plans_.back().columns.size() && table.sheet == last_sheet_;
}

void DocumentMapper::continue_previous(Table& table) {
  current_ = TableDecision{};
  current_.table = table.index;
  current_.reason = "the table above, continued";
  result_.decisions.back() = current_;
  ColumnPlan continued = plans_.back();
  continued.header_row = 0;
  continued.header_rows = 0;
  plans_.push_back(std::move(continued));
  assembler_->resume(table, plans_.back());
  add_rows(table);
}

// A key met while streaming: its words must be known before the items they rate.
void DocumentMapper::learn_key(const Table& table) {
  auto key = read_key_table(table);
  if (!key) return;
  RatingVocabulary learnt = vocabulary_;
  for (const auto& [term, rating] : key->terms) learnt.define(term, rating);
  if (learnt == vocabulary_) return;
  if (items_.count() > 0) throw NotStreamable("a key table follows the items it rates");
  vocabulary_ = std::move(learnt);
}

// A table that looks like items (rows under a header, sentences in some column) but that no
// mapping and no content placed: say so, naming it, rather than read nothing in silence.
void DocumentMapper::warn_if_item_like(const Table& table) {
  if (current_.kind != TableKind::other || !current_.header_row) return;
  const std::size_t header = *current_.header_row;
  if (table.rows.size() < header + 3) return;
  std::size_t sentences = 0;
  const std::size_t end = std::min(table.rows.size(), kDecisionRows);
  for (std::size_t row = header + 1; row < end; ++row) {
    for (const auto& text : row_texts(table, row)) sentences += looks_like_prose(text) ? 1 : 0;
  }
  if (sentences < 2) return;
  std::string headers;
  for (const auto& text : row_texts(table, header)) {
    if (text.empty()) continue;
    if (!headers.empty()) headers += " | ";
    headers += text.size() > 40 ? text.substr(0, 40) + "..." : text;
  }
  Location location;
  location.file = file_;
  location.sheet = table.sheet;
  location.table = table.addressing == Addressing::table_row ? table.index : 0;
  location.page = table.pages;
  result_.warnings.push_back(
      {"table-not-mapped",
       "table " + std::to_string(table.index) + " (" + headers +
           ") looks like a list of items, but " + current_.reason +
           ", so none were read from it; see trackport inspect, or give a mapping",
       location});
}

void DocumentMapper::note_period(const ColumnPlan& plan, const std::vector<std::string>& headings) {
  if (period_of_column_.empty()) {
    for (const auto& column : plan.columns) {
      if (!column.rule || column.rule->field != Field::progress) continue;
      if (auto period = find_period(column.header)) period_of_column_ = *period;
      break;
    }
  }
  if (period_of_heading_.empty()) {
    for (const auto& heading : headings) {
      if (auto period = find_period(heading)) {
        period_of_heading_ = *period;
        break;
      }
    }
  }
}

std::string DocumentMapper::period_so_far() const {
  if (!period_of_column_.empty()) return period_of_column_;
  if (!period_of_heading_.empty()) return period_of_heading_;
  if (auto period = find_period(subtitle_)) return *period;
  return find_period(title_).value_or("");
}

// A table of cards is read as the table of its cards' values under their labels.
Table* DocumentMapper::as_cards(Table& table) {
  const bool recognised = current_.layers.user || current_.layers.named;
  if (recognised || current_.kind == TableKind::key || table.rows.size() >= kDecisionRows) {
    return nullptr;  // a long table could be streaming in: cards are small
  }
  MappingLayers layers;
  layers.user = options_.forced;
  layers.dictionary = &generic_mapping();
  auto cards = cards_as_rows(table, layers);
  if (!cards) return nullptr;
  auto decision = decide_table(*cards, options_, vocabulary_);
  if (decision.kind != TableKind::items) return nullptr;
  decision.reason = "cards of label | value pairs, one item a card";
  current_ = std::move(decision);
  cards_.push_back(std::move(*cards));
  return &cards_.back();
}

namespace {

bool is_register(TableKind kind) {
  return kind == TableKind::indicators || kind == TableKind::breakdown || kind == TableKind::risks;
}

// No header of its own, right after a register and as wide: the register continued.
bool continues_register(const Table& table, const TableDecision& decision,
                        const std::optional<Table>& head) {
  return head && decision.kind == TableKind::other && table.headings.empty() &&
         table.column_count() == head->column_count() && table.sheet == head->sheet;
}

// The register's header rows over the rows of its continuation, read as one table.
Table joined_to_head(const Table& head, const Table& table) {
  Table joined = head;
  joined.index = table.index;
  joined.pages = table.pages;
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    joined.add_row(table.rows[row],
                   row < table.row_origins.size() ? table.row_origins[row] : RowOrigin{});
  }
  return joined;
}

}  // namespace

void DocumentMapper::read_register_table(const Table& table) {
  const bool continued = current_.reason == kRegisterContinued;
  Table joined;
  if (continued) joined = joined_to_head(*register_head_, table);
  const Table& source = continued ? joined : table;
  RegisterRows rows = read_register(source, register_dictionary(options_), file_);
  Location where = row_location(source, current_.header_row.value_or(0), file_);
  where.cells.clear();
  where.row = 0;
  if (!continued) {
    for (const auto& header : rows.unplaced) {
      result_.warnings.push_back({"unmapped-column",
                                  "column '" + header + "' of table " +
                                      std::to_string(table.index) + " (" +
                                      std::string(table_kind_name(current_.kind)) +
                                      ") is none of its fields; its values were not read",
                                  where});
    }
  }
  for (auto& indicator : rows.indicators) result_.indicators.push_back(std::move(indicator));
  for (auto& risk : rows.risks) result_.risks.push_back(std::move(risk));
  if (!rows.breakdown.empty())
    attach_breakdown(table, std::move(rows.breakdown), rows.breakdown_of);
  register_head_.reset();
  if (!rows.blocks) {
    register_head_.emplace();
    register_head_->index = source.index;
    register_head_->sheet = source.sheet;
    register_head_->addressing = source.addressing;
    register_head_->column_numbers = source.column_numbers;
    for (std::size_t row = 0; row < rows.first_data_row && row < source.rows.size(); ++row) {
      register_head_->add_row(source.rows[row], source.row_origins[row]);
    }
  }
}

// A breakdown by area belongs to the indicator it names, else to the indicator above it.
void DocumentMapper::attach_breakdown(const Table& table,
                                      std::vector<IndicatorBreakdown>&& breakdown,
                                      const std::string& of) {
  auto& indicators = result_.indicators;
  auto named = std::find_if(indicators.begin(), indicators.end(), [&](const Indicator& i) {
    return !of.empty() && normalise_for_match(i.code) == normalise_for_match(of);
  });
  Location where = row_location(table, current_.header_row.value_or(0), file_);
  if (named == indicators.end() && !indicators.empty()) {
    named = indicators.end() - 1;
    result_.warnings.push_back(
        {"breakdown-attached",
         "the breakdown by area in table " + std::to_string(table.index) +
             " names no indicator; it was read as the breakdown of the indicator above it (" +
             (named->code.empty() ? named->title : named->code) + ")",
         where});
  }
  if (named == indicators.end()) {
    Indicator indicator;
    indicator.code = of;
    if (!table.headings.empty()) indicator.title = table.headings.back();
    indicator.source = where;
    result_.warnings.push_back({"breakdown-attached",
                                "the breakdown by area in table " + std::to_string(table.index) +
                                    " follows no indicator; it was read as an indicator of its own",
                                where});
    indicators.push_back(std::move(indicator));
    named = indicators.end() - 1;
  }
  for (auto& area : breakdown) named->breakdown.push_back(std::move(area));
}

void DocumentMapper::begin_table(Table& original) {
  current_ = decide_table(original, options_, vocabulary_);
  if (continues_register(original, current_, register_head_)) {
    current_.kind = TableKind::risks;
    for (const auto& decision : result_.decisions) {
      if (is_register(decision.kind)) current_.kind = decision.kind;
    }
    current_.reason = std::string(kRegisterContinued);
  } else if (!is_register(current_.kind)) {
    register_head_.reset();
  }
  if (is_register(current_.kind)) {
    result_.decisions.push_back(current_);
    assembling_ = false;
    return;  // read whole at its end
  }
  Table* cards = as_cards(original);
  Table& table = cards ? *cards : original;
  result_.decisions.push_back(current_);
  assembling_ = false;
  items_before_ = items_.count();
  if (current_.kind == TableKind::key) {
    learn_key(table);
    return;
  }
  if (continues_previous(table)) {
    continue_previous(table);
    return;
  }
  if (!current_.chosen) return;  // headings and banners are read at the table's end
  const Mapping& mapping = *current_.chosen;
  plans_.push_back(std::move(*current_.plan));
  current_.plan.reset();
  const ColumnPlan& plan = plans_.back();

  // Outermost first: banners stand before the table's own nearest headings.
  if (table.sheet != banners_sheet_) banners_.clear();
  std::vector<std::string> headings = std::move(banners_);
  banners_.clear();
  for (const auto& heading : table.headings) {
    if (heading != title_ && !is_page_number(heading)) headings.push_back(heading);
  }
  for (auto& heading : headings_above(table, plan.header_row))
    headings.push_back(std::move(heading));
  note_period(plan, headings);

  bool same_layout =
      assembler_ && current_mapping_ == &mapping && layout_of(plan) == current_headers_;
  if (same_layout && headings.empty()) {
    assembler_->resume(table, plan);
  } else {
    if (headings.empty() && table.sheet == last_sheet_) headings = last_headings_;
    table_starts_.push_back(items_.count());
    if (assembler_) assembler_->end_table();
    assembler_.emplace(current_.layers, vocabulary_, file_, items_, result_.warnings);
    assembler_->start(table, plan, headings);
    current_mapping_ = &mapping;
    current_headers_ = layout_of(plan);
    last_headings_ = headings;
  }
  last_sheet_ = table.sheet;
  add_rows(table);
}

void DocumentMapper::rows_added(Table& table) {
  if (assembling_) add_rows(table);
}

void DocumentMapper::add_rows(Table& table) {
  assembling_ = true;
  assembler_->release_rows_of(consume_ ? &table : nullptr);
  assembler_->add_rows();
  if (hand_on_) hand_on_items(1);  // the newest item may still be extended by the next row
}

void DocumentMapper::hand_on_items(std::size_t keep) {
  auto& items = items_.items;
  if (items.size() <= keep) return;
  const std::size_t count = items.size() - keep;
  for (std::size_t i = 0; i < count; ++i) {
    check_refers_back(items[i], items_.handed_on + i);
    ids_.apply(items[i]);
    hand_on_(std::move(items[i]));
  }
  items.erase(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(count));
  items_.handed_on += count;
}

// A streamed document hands items on before a later table can refer to them: when one could, the
// document is read whole instead (where merge_tables_that_refer_back decides).
void DocumentMapper::check_refers_back(const Item& item, std::size_t index) {
  constexpr std::size_t kKeptRefs = 20000;  // action plans are small; a huge sheet keeps no more
  const std::string ref = ref_of(item);
  if (ref.empty()) return;
  // The logical table the item belongs to: the last that starts at or before it.
  const auto after = std::upper_bound(table_starts_.begin(), table_starts_.end(), index);
  const std::size_t table = after == table_starts_.begin()
                                ? 0
                                : static_cast<std::size_t>(after - table_starts_.begin()) - 1;
  const std::string key = normalise_for_match(ref);
  auto [from, to] = handed_refs_.equal_range(key);
  for (auto it = from; it != to; ++it) {
    if (!item.ref.empty() && it->second.first != table &&
        could_refer_back(it->second.second, item)) {
      throw NotStreamable("a table refers to the items of an earlier one");
    }
  }
  if (handed_refs_.size() >= kKeptRefs) return;
  Item kept;
  kept.ref = item.ref;
  kept.text = item.text.substr(0, 160);  // with a number it may start with
  kept.due = item.due;
  if (!item.leads.empty()) kept.leads.push_back(item.leads.front());
  handed_refs_.emplace(key, std::make_pair(table, std::move(kept)));
}

void DocumentMapper::end_table(Table& table) {
  if (current_.kind == TableKind::key) return;  // a key heads nothing
  if (is_register(current_.kind)) {
    read_register_table(table);
    return;
  }
  if (!assembling_) {
    warn_if_item_like(table);
    // Headings above a table that holds no items still head what follows it on its sheet (a
    // cover sheet's title heads no other sheet).
    if (table.sheet != banners_sheet_) banners_.clear();
    banners_sheet_ = table.sheet;
    for (const auto& heading : table.headings) {
      if (heading != title_ && !is_page_number(heading)) banners_.push_back(heading);
    }
    if (auto banner = banner_text(table)) banners_.push_back(*banner);
    return;
  }
  assembling_ = false;
  for (const auto& [index, row] : assembler_->group_rows()) {
    if (index == table.index) result_.decisions.back().group_rows.push_back(row);
  }
  items_per_mapping_[current_mapping_->name] += items_.count() - items_before_;
  if (!current_.chosen) return;  // a continued part: its decision found no header
  auto& best = score_per_mapping_[current_.chosen->name];
  best = std::max(best, current_.score);
  if (current_.generic) {
    Location location;
    location.file = file_;
    location.sheet = table.sheet;
    location.table = table.addressing == Addressing::table_row ? table.index : 0;
    result_.warnings.push_back({"mapping-generic",
                                "no named mapping fits table " + std::to_string(table.index) +
                                    "; its columns were placed by the generic header dictionary" +
                                    (current_.header_by_look ? " and their content" : "") +
                                    " (explained " + score_text(current_.score) +
                                    "): check the field choices",
                                location});
  }
}

MappingInfo DocumentMapper::mapping_so_far() const {
  auto counts = items_per_mapping_;
  auto scores = score_per_mapping_;
  if (assembling_) {  // the table being read, as end_table will count it
    counts[current_mapping_->name] += items_.count() - items_before_;
    if (current_.chosen) {
      auto& best = scores[current_.chosen->name];
      best = std::max(best, current_.score);
    }
  }
  MappingInfo info;
  std::size_t most = 0;
  for (const auto& [name, count] : counts) {
    if (count > most || info.name.empty()) {
      most = count;
      info.name = name;
      // Two decimals: enough to compare mappings, and it reads back the same from a workbook.
      info.score = std::round(scores[name] * 100) / 100;
    }
  }
  info.automatic = options_.forced == nullptr;
  return info;
}

MappingResult DocumentMapper::finish() {
  if (assembler_) assembler_->end_table();
  const std::size_t total = items_.count();
  if (hand_on_) {
    hand_on_items(0);
  } else {
    auto notes = merge_tables_that_refer_back(items_.items, table_starts_);
    result_.warnings.insert(result_.warnings.end(), notes.begin(), notes.end());
    for (Item& item : items_.items) ids_.apply(item);
    result_.items = std::move(items_.items);
  }

  result_.info = mapping_so_far();
  result_.period = period_so_far();
  if (total == 0 && result_.indicators.empty() && result_.risks.empty()) {
    Location location;
    location.file = file_;
    result_.warnings.push_back({"header-not-found",
                                "no table with a recognisable tracker header was found, so no "
                                "items were read; try --mapping or trackport inspect",
                                location});
  }
  return std::move(result_);
}

namespace {

MappingResult map_tables(SourceDocument& document, const std::string& file,
                         const MapOptions& options, bool consume) {
  DocumentMapper mapper(file, document.title, options, consume);
  mapper.set_subtitle(document.subtitle);
  mapper.set_vocabulary(document_vocabulary(document.tables, options));
  for (auto& table : document.tables) {
    mapper.begin_table(table);
    mapper.end_table(table);
  }
  return mapper.finish();
}

}  // namespace

MappingResult map_document(const SourceDocument& document, const std::string& file,
                           const MapOptions& options) {
  // With consume == false nothing is written through the non-const reference.
  return map_tables(const_cast<SourceDocument&>(document), file, options, false);
}

MappingResult map_document_consuming(SourceDocument&& document, const std::string& file,
                                     const MapOptions& options) {
  return map_tables(document, file, options, true);
}

}  // namespace trackport
