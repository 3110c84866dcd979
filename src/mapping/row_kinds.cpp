// Row classification: what each data row of a planned table is, before any item is built.
#include <algorithm>
#include <array>

#include "mapping/profile.hpp"
#include "mapping/regex.hpp"
#include "mapping/row_text.hpp"
#include "mapping/rows.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

bool is_dash_row(const std::vector<std::string_view>& texts) {
  bool any = false;
  for (const auto& text : texts) {
    for (char c : text) {
      if (c != '-' && c != '_' && c != '=' && c != ' ' && c != '|') return false;
      any = true;
    }
  }
  return any;
}

bool is_page_number_row(const std::vector<std::string_view>& texts) {
  const std::string_view* only = nullptr;
  for (const auto& text : texts) {
    if (text.empty()) continue;
    if (only) return false;
    only = &text;
  }
  return only && is_page_number(*only);
}

}  // namespace

bool is_page_number(std::string_view text) {
  static const Regex page(R"(^\s*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\s*$)");
  return text.size() < 20 && page.full_match(text);
}

bool looks_like_document_title(std::string_view text) {
  static const Regex year(R"((^|[^0-9])(19|20)[0-9]{2}([^0-9]|$))");
  if (year.search(text)) return true;
  static constexpr std::array<std::string_view, 18> kWords{"plan",
                                                           "action plan",
                                                           "task list",
                                                           "action log",
                                                           "issue log",
                                                           "delivery plan",
                                                           "tracker",
                                                           "monitoring",
                                                           "progress report",
                                                           "dashboard",
                                                           "return",
                                                           "highlight report",
                                                           "performance report",
                                                           "update report",
                                                           "work programme",
                                                           "register",
                                                           "scorecard",
                                                           "improvement plan"};
  const std::string normalised = normalise_for_match(text);
  const std::string padded = " " + normalised + " ";
  for (std::string_view word : kWords) {
    if (padded.find(" " + std::string(word) + " ") != std::string::npos) return true;
  }
  return false;
}

bool looks_like_report_part(std::string_view text) {
  static constexpr std::array<std::string_view, 58> kPartWords{
      "a",         "action",     "actions",         "against",    "and",         "annex",
      "appendix",  "assessment", "background",      "contents",   "deliverable", "deliverables",
      "delivery",  "detail",     "detailed",        "for",        "governance",  "implications",
      "indicator", "indicators", "introduction",    "key",        "management",  "measure",
      "measures",  "milestone",  "milestones",      "monitoring", "next",        "of",
      "on",        "outcomes",   "overview",        "part",       "performance", "plan",
      "progress",  "purpose",    "recommendations", "register",   "report",      "reporting",
      "required",  "resources",  "review",          "risk",       "risks",       "schedule",
      "section",   "status",     "steps",           "summary",    "targets",     "the",
      "timetable", "to",         "update",          "updates"};
  std::string normalised = normalise_for_match(text);
  // "12.", "3.1", "section 4" before the words: the number of a part.
  static const Regex number(R"(^(section |part )?[0-9]+([ .][0-9]+)* )");
  normalised = number.erase_first(normalised);
  std::size_t words = 0;
  std::size_t start = 0;
  while (start < normalised.size()) {
    std::size_t end = normalised.find(' ', start);
    if (end == std::string::npos) end = normalised.size();
    const std::string_view word(normalised.data() + start, end - start);
    if (!word.empty()) {
      if (std::find(kPartWords.begin(), kPartWords.end(), word) == kPartWords.end()) return false;
      ++words;
    }
    start = end + 1;
  }
  return words > 0 && words <= 6;
}

bool looks_like_detail_line(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon > 40) return false;
  static constexpr std::array<std::string_view, 16> kLabels{
      "lead",    "leads",  "strategic lead", "strategic leads", "lead officer", "lead officers",
      "owner",   "owners", "responsible",    "contact",         "date",         "updated",
      "version", "author", "prepared by",    "last updated"};
  std::string label = normalise_for_match(text.substr(0, colon));
  if (label.ends_with(" s")) label.resize(label.size() - 2);  // "Lead/s"
  return std::find(kLabels.begin(), kLabels.end(), label) != kLabels.end();
}

ItemAssembler::RowCells ItemAssembler::read_row(std::size_t row) const {
  RowCells cells;
  const std::size_t count = plan_->columns.size();
  cells.texts.resize(count);
  cells.cells.resize(count);
  cells.ratings.assign(count, RowCells::kUnread);
  for (std::size_t col = 0; col < count; ++col) {
    const Cell* cell = table_->cell_at(row, col);
    cells.cells[col] = cell;
    if (cell) cells.texts[col] = cell->text;
  }
  return cells;
}

bool ItemAssembler::is_repeated_header(std::size_t row, const RowCells& cells) const {
  if (row < table_->row_origins.size() && table_->row_origins[row].header_marked) return true;
  const std::size_t columns = std::min(cells.texts.size(), plan_->normalised_headers.size());
  std::size_t named = 0;
  for (std::size_t col = 0; col < columns; ++col) {
    if (!plan_->normalised_headers[col].empty()) ++named;
  }
  // At least two named columns, and six in ten, must repeat their header.
  const std::size_t needed = std::max<std::size_t>(2, (named * 6 + 9) / 10);
  std::size_t same = 0, unseen = named;
  for (std::size_t col = 0; col < columns && same + unseen >= needed; ++col) {
    const auto& header = plan_->normalised_headers[col];
    if (header.empty()) continue;
    --unseen;
    const std::string_view text = cells.texts[col];
    // Normalising only changes case, punctuation and spacing: skip texts of a very different
    // length.
    if (text.empty() || text.size() + 8 < header.size() || text.size() > 2 * header.size() + 8) {
      continue;
    }
    if (normalises_to(text, header)) ++same;
  }
  return same >= needed;
}

bool ItemAssembler::is_droppable(const RowCells& cells) const {
  if (is_dash_row(cells.texts) || is_page_number_row(cells.texts)) return true;
  if (!layers_.has_drop_rows()) return false;
  return layers_.drops(detail::joined_row(cells.texts));
}

std::optional<Rating> ItemAssembler::text_rating(const RowCells& cells, std::size_t col) const {
  signed char& known = cells.ratings[col];
  if (known == RowCells::kUnread) {
    const auto rating = read_rating_text(cells.texts[col], layers_, vocabulary_);
    known = rating ? static_cast<signed char>(*rating) : RowCells::kNoRating;
  }
  if (known == RowCells::kNoRating) return std::nullopt;
  return static_cast<Rating>(known);
}

bool ItemAssembler::is_rating_column(std::size_t col) const {
  const auto* rule = plan_->columns[col].rule;
  return rule && rule->field == Field::rating;
}

// A row carries a rating of its own: a rating word in a rating column, or a rating colour in a
// rating column or a column whose fill is a rating.
bool ItemAssembler::has_rating(const RowCells& cells) const {
  for (std::size_t col = 0; col < plan_->columns.size(); ++col) {
    const auto& column = plan_->columns[col];
    const std::string_view text = cells.texts[col];
    if (is_rating_column(col)) {
      if (!text.empty() && text.size() <= 24 && text_rating(cells, col)) {
        return true;
      }
      if (colour_rating(text, cells.cells[col])) return true;
    } else if (!column.fill_by.empty()) {
      const Cell* cell = cells.cells[col];
      if (cell && cell->fill && rating_from_fill(*cell->fill)) return true;
    }
  }
  return false;
}

// Some trackers have rows whose cells slipped one column (a cell deleted or inserted by hand):
// the rating then sits beside its column. Shift the row back so the rating lands under its header,
// taking out (or putting in) the nearest empty cell, and say so.
void ItemAssembler::realign_if_shifted(std::size_t row, RowCells& cells) {
  const std::size_t count = cells.texts.size();
  // Only a colour's word is sure enough to move a row for ("Not started" beside an empty rating
  // cell is more likely a column of its own).
  auto is_bare_rating = [&](std::size_t c) {
    const std::string_view text = cells.texts[c];
    if (text.empty() || text.size() > 24) return false;
    auto rating = text_rating(cells, c);
    return rating && *rating != Rating::none;
  };
  for (std::size_t col = 0; col < count; ++col) {
    if (!is_rating_column(col)) continue;
    if (is_bare_rating(col)) return;
    bool right = col + 1 < count && is_bare_rating(col + 1) && !is_rating_column(col + 1);
    bool left = col > 0 && is_bare_rating(col - 1) && !is_rating_column(col - 1);
    if (!right && !left) continue;
    std::string moved(right ? cells.texts[col + 1] : cells.texts[col - 1]);
    // Only the texts move: the cells' colours stay in their columns.
    if (right) {
      // Take out the nearest empty cell left of the rating; everything after it moves left.
      std::size_t gap = col + 1;
      while (gap > 0 && !cells.texts[gap - 1].empty()) --gap;
      if (gap == 0) continue;
      cells.texts.erase(cells.texts.begin() + static_cast<std::ptrdiff_t>(gap - 1));
      cells.texts.emplace_back();
    } else {
      // Put an empty cell in before the rating, taking out the nearest empty cell to its right.
      std::size_t gap = col;
      while (gap < count && !cells.texts[gap].empty()) ++gap;
      if (gap == count) continue;
      cells.texts.erase(cells.texts.begin() + static_cast<std::ptrdiff_t>(gap));
      cells.texts.insert(cells.texts.begin() + static_cast<std::ptrdiff_t>(col - 1),
                         std::string_view());
    }
    cells.ratings.assign(count, RowCells::kUnread);  // the texts moved
    warn("row-misaligned",
         "the cells of this row seem shifted by one column in the source ('" + moved +
             "' stands beside '" + plan_->columns[col].header +
             "'); the row was realigned, check its fields",
         location_of(row));
    return;
  }
}

// Text extracted from documents with tables nested in cells spills the inner table's rows into
// the outer table: short cells reaching into columns the header does not name. They are lines of
// the item above (cells joined by " | "), not items.
bool ItemAssembler::is_spilled_table_row(const RowCells& cells) const {
  if (items_.count() <= first_item_ || has_rating(cells)) return false;
  bool beyond_header = false;
  for (std::size_t col = 0; col < cells.texts.size(); ++col) {
    const auto& text = cells.texts[col];
    if (text.empty()) continue;
    if (text.size() > 60) return false;
    const auto& column = plan_->columns[col];
    beyond_header = beyond_header || (column.header.empty() && !column.rule);
  }
  return beyond_header;
}

// A group row: one text alone across the row, merged over most of its columns, or alone in a
// column that names groups (the first, an unnamed one, or the theme's), with no rating of its own.
// Returns the group's text.
std::optional<ItemAssembler::GroupRow> ItemAssembler::group_row(std::size_t row,
                                                                const RowCells& cells) const {
  std::optional<std::size_t> only;
  for (std::size_t col = 0; col < cells.texts.size(); ++col) {
    if (cells.texts[col].empty()) continue;
    if (only && cells.texts[col] != cells.texts[*only]) return std::nullopt;
    if (!only) only = col;
  }
  if (!only) return std::nullopt;
  const std::string_view text = cells.texts[*only];
  if (text.size() > 200 || read_rating_text(text, layers_, vocabulary_)) return std::nullopt;
  const std::size_t columns = plan_->columns.size();
  const Cell* cell = table_->cell_at(row, *only);
  const std::size_t span = cell ? static_cast<std::size_t>(std::max(cell->col_span, 1)) : 1;
  if (columns >= 3 && span * 5 >= columns * 3) {
    return GroupRow{*only, std::string(text), true, cell ? cell->fill : std::nullopt};
  }
  // Alone, unmerged: only where the column groups rows, and never a continued sentence.
  if (columns < 3 || (text.front() >= 'a' && text.front() <= 'z')) return std::nullopt;
  if (has_rating(cells)) return std::nullopt;
  const auto& column = plan_->columns[*only];
  const Field field = column.rule ? column.rule->field : Field::ignore;
  const bool groups = *only == 0 || (column.header.empty() && !column.rule) ||
                      field == Field::theme || field == Field::objective;
  const bool key_column = plan_->key_col && *plan_->key_col == *only;
  if (!groups || key_column || (field == Field::ref && looks_like_code(text))) return std::nullopt;
  if (items_.count() > first_item_ && plan_->key_col && !plan_->key_carries_down) {
    // A lone short heading, not a carried value: the key (text) column is empty, as it is in a
    // continuation row, so only a text that reads as a heading counts.
    if (text.find('\n') != std::string_view::npos || text.size() > 120) return std::nullopt;
  }
  return GroupRow{*only, std::string(text), false, cell ? cell->fill : std::nullopt};
}

// A row that only carries on the item above: its key cell is empty (or, right after a page break
// or repeated header, starts mid-sentence in lower case) and it has no rating of its own.
bool ItemAssembler::is_continuation(const RowCells& cells) const {
  if (!plan_->key_col || items_.count() <= first_item_ || has_rating(cells)) return false;
  const std::string_view key = cells.texts[plan_->columns[*plan_->key_col].col];
  if (key.empty()) return !plan_->key_carries_down || after_header_;
  return after_header_ && key.front() >= 'a' && key.front() <= 'z';
}

}  // namespace trackport
