#include "mapping/engine.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "mapping/plan.hpp"
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

RowChoice best_header_row(const Table& table, const Mapping& mapping, bool generic) {
  RowChoice best;
  const std::size_t rows = std::min(table.rows.size(), kHeaderSearchRows);
  for (std::size_t row = 0; row < rows; ++row) {
    double score = score_header(mapping, row_texts(table, row), generic);
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

TableDecision decide_table(const Table& table, const MapOptions& options) {
  TableDecision decision;
  decision.table = table.index;
  if (options.forced) {
    auto choice = best_header_row(table, *options.forced, options.forced->name == "generic");
    decision.candidates.push_back({options.forced, choice.score});
    if (choice.row) {
      decision.header_row = choice.row;
      decision.chosen = options.forced;
      decision.score = choice.score;
      decision.generic = options.forced->name == "generic";
    }
    return decision;
  }
  std::optional<std::size_t> best_row;
  for (const auto& mapping : builtin_mappings()) {
    auto choice = best_header_row(table, mapping, false);
    decision.candidates.push_back({&mapping, choice.score});
    if (choice.row && choice.score >= mapping.min_score && choice.score > decision.score) {
      decision.chosen = &mapping;
      decision.score = choice.score;
      best_row = choice.row;
    }
  }
  auto generic = best_header_row(table, generic_mapping(), true);
  decision.candidates.push_back({&generic_mapping(), generic.score});
  if (!decision.chosen && generic.row && generic.score >= options.generic_min_score) {
    decision.chosen = &generic_mapping();
    decision.score = generic.score;
    decision.generic = true;
    best_row = generic.row;
  }
  decision.header_row = best_row;
  std::stable_sort(decision.candidates.begin(), decision.candidates.end(),
                   [](const auto& a, const auto& b) { return a.score > b.score; });
  return decision;
}

DocumentMapper::DocumentMapper(std::string file, std::string title, const MapOptions& options,
                               bool consume, ItemHandler hand_on)
    : file_(std::move(file)),
      title_(std::move(title)),
      options_(options),
      consume_(consume),
      hand_on_(std::move(hand_on)) {}

void DocumentMapper::begin_table(Table& table) {
  current_ = decide_table(table, options_);
  result_.decisions.push_back(current_);
  assembling_ = false;
  items_before_ = items_.count();
  if (!current_.chosen && assembler_ && table.headings.empty() && banners_.empty() &&
      table.column_count() == plans_.back().columns.size() && table.sheet == last_sheet_) {
    // No header of its own, right after an item table and as wide: the same table continued
    // after a page break (common in text exported from Word and PDF).
    ColumnPlan continued = plans_.back();
    continued.header_row = 0;
    continued.header_rows = 0;
    plans_.push_back(std::move(continued));
    assembler_->resume(table, plans_.back());
    add_rows(table);
    return;
  }
  if (!current_.chosen) return;  // headings and banners are read at the table's end
  const Mapping& mapping = *current_.chosen;
  plans_.push_back(plan_columns(table, *current_.header_row, mapping));
  const ColumnPlan& plan = plans_.back();

  // Outermost first: banners stand before the table's own nearest headings.
  std::vector<std::string> headings = std::move(banners_);
  banners_.clear();
  for (const auto& heading : table.headings) {
    if (heading != title_ && !is_page_number(heading)) headings.push_back(heading);
  }
  for (auto& heading : headings_above(table, plan.header_row))
    headings.push_back(std::move(heading));

  bool same_layout =
      assembler_ && current_mapping_ == &mapping && layout_of(plan) == current_headers_;
  if (same_layout && headings.empty()) {
    assembler_->resume(table, plan);
  } else {
    if (headings.empty() && table.sheet == last_sheet_) headings = last_headings_;
    assembler_.emplace(mapping, file_, items_, result_.warnings);
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
    ids_.apply(items[i]);
    hand_on_(std::move(items[i]));
  }
  items.erase(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(count));
  items_.handed_on += count;
}

void DocumentMapper::end_table(Table& table) {
  if (!assembling_) {
    // Headings above a table that holds no items still head what follows it.
    for (const auto& heading : table.headings) {
      if (heading != title_ && !is_page_number(heading)) banners_.push_back(heading);
    }
    if (auto banner = banner_text(table)) banners_.push_back(*banner);
    return;
  }
  assembling_ = false;
  items_per_mapping_[current_mapping_->name] += items_.count() - items_before_;
  if (!current_.chosen) return;  // a continued part: its decision found no header
  auto& best = score_per_mapping_[current_.chosen->name];
  best = std::max(best, current_.score);
  if (current_.generic) {
    Location location;
    location.file = file_;
    location.sheet = table.sheet;
    location.table = table.addressing == Addressing::table_row ? table.index : 0;
    result_.warnings.push_back(
        {"mapping-generic",
         "no built-in mapping fits table " + std::to_string(table.index) +
             "; its columns were placed by the generic header dictionary (score " +
             std::to_string(current_.score).substr(0, 4) + "): check the field choices",
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
  const std::size_t total = items_.count();
  if (hand_on_) {
    hand_on_items(0);
  } else {
    for (Item& item : items_.items) ids_.apply(item);
    result_.items = std::move(items_.items);
  }

  result_.info = mapping_so_far();
  if (total == 0) {
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
