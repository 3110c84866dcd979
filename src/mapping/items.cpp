// Item assembly: the data rows of a planned table, once classified, become items.
#include <algorithm>
#include <cctype>

#include "mapping/row_text.hpp"
#include "mapping/rows.hpp"
#include "model/due.hpp"
#include "model/rating.hpp"
#include "model/text.hpp"

namespace trackport {

using detail::append_extra;
using detail::append_line;

namespace {

std::string strip_bullet(std::string_view text) {
  if (text.starts_with("\u2022")) text.remove_prefix(3);
  return collapse_whitespace(text);
}

std::vector<std::string> split_people(std::string_view text, const std::vector<std::string>& by) {
  std::vector<std::string> parts{std::string(text)};
  for (const auto& separator : by) {
    std::string sep = separator == "lines" ? "\n" : separator;
    std::vector<std::string> next;
    for (const auto& part : parts) {
      std::size_t start = 0;
      while (true) {
        auto found = part.find(sep, start);
        next.push_back(part.substr(start, found - start));
        if (found == std::string::npos) break;
        start = found + sep.size();
      }
    }
    parts = std::move(next);
  }
  std::vector<std::string> people;
  for (const auto& part : parts) {
    auto person = strip_bullet(part);
    if (!person.empty()) people.push_back(std::move(person));
  }
  return people;
}

void add_people(Item& item, const PlannedColumn& column, std::string_view text) {
  auto& list = item.*(column.target->people);
  for (auto& person : split_people(text, column.rule->split)) list.push_back(std::move(person));
}

// Adds an assessment, or completes one that a commentary column (standing before its rating
// column) already opened for the same `by`.
void record_assessment(Item& item, Assessment assessment) {
  for (auto& existing : item.assessments) {
    if (existing.by == assessment.by && existing.rating == Rating::none && existing.raw.empty()) {
      assessment.commentary = std::move(existing.commentary);
      existing = std::move(assessment);
      return;
    }
  }
  item.assessments.push_back(std::move(assessment));
}

std::string extra_header(const PlannedColumn& column) {
  return column.header.empty() ? "Column " + column_letters(static_cast<int>(column.col) + 1)
                               : column.header;
}

}  // namespace

ItemAssembler::ItemAssembler(const MappingLayers& layers, const RatingVocabulary& vocabulary,
                             std::string file, ItemBuffer& items, std::vector<Warning>& warnings)
    : layers_(layers),
      vocabulary_(vocabulary),
      file_(std::move(file)),
      items_(items),
      warnings_(warnings) {}

void ItemAssembler::start(const Table& table, const ColumnPlan& plan,
                          std::vector<std::string> headings) {
  table_ = &table;
  plan_ = &plan;
  headings_ = std::move(headings);
  headings_nested_ = table.headings_nested;
  carried_.assign(plan.columns.size(), std::string());
  group_theme_.clear();
  group_objective_.clear();
  theme_look_.clear();
  objective_look_.clear();
  after_group_ = false;
  after_header_ = false;
  part_begun_ = false;
  first_item_ = items_.count();
  items_built_ = 0;
  rating_seen_ = false;
  header_at_ = location_of(plan.header_row);  // the table may be gone when it ends (streamed)
  warn_about_columns();
}

void ItemAssembler::end_table() {
  if (!plan_ || items_built_ == 0 || rating_seen_) return;
  std::string headers;
  for (const auto& column : plan_->columns) {
    if (!column.rule || column.rule->field != Field::rating) continue;
    if (!headers.empty()) headers += "', '";
    headers += column.header;
  }
  if (headers.empty()) return;
  warn("ratings-empty",
       "the rating column '" + headers + "' is empty in every row of this table (" +
           std::to_string(items_built_) +
           " items), so none has a status; if the document shows its ratings as cell colours, "
           "they could not be read (an .xls file: save it as .xlsx)",
       header_at_);
}

void ItemAssembler::resume(const Table& table, const ColumnPlan& plan) {
  table_ = &table;
  plan_ = &plan;
  carried_.resize(plan.columns.size());
  after_header_ = true;
  part_begun_ = false;
}

// Says how the columns were placed where that is not certain: columns in extra, a column that
// lost its field to another, a column placed by its content alone.
void ItemAssembler::warn_about_columns() {
  const Location at = location_of(plan_->header_row);
  for (const auto& column : plan_->columns) {
    if (!column.lost_to.empty()) {
      warn("column-conflict",
           "columns '" + column.header + "' and '" + column.lost_to + "' both read as " +
               std::string(field_name(column.lost_field)) + "; '" + column.lost_to +
               "' was used and '" + column.header + "' kept in extra",
           at);
      continue;
    }
    if (column.rule && column.evidence.tier == EvidenceTier::content) {
      warn("column-by-content",
           "column '" + column.header + "' was read as " +
               std::string(field_name(column.rule->field)) + " from its " + column.evidence.reason +
               "; check it",
           at);
      continue;
    }
    if (column.rule || column.header.empty() || !column.fill_by.empty()) continue;
    warn("unmapped-column",
         "column '" + column.header + "' has no model field in mapping '" + layers_.primary().name +
             "'; its values are kept in extra",
         at);
  }
}

void ItemAssembler::add_rows() {
  if (!part_begun_) {
    part_begun_ = true;
    next_row_ = plan_->header_row + plan_->header_rows;
    released_ = 0;
    merges_.clear();
    if (releasable_) {
      items_.items.reserve(items_.items.size() + table_->rows.size());
      for (std::size_t row = 0; row < next_row_ && row < table_->rows.size(); ++row) {
        note_merges(row);
      }
    }
  }
  for (; next_row_ < table_->rows.size(); ++next_row_) {
    const std::size_t row = next_row_;
    if (releasable_) release_behind(row);
    RowCells cells = read_row(row);
    bool empty = std::all_of(cells.texts.begin(), cells.texts.end(),
                             [](std::string_view t) { return t.empty(); });
    if (empty && !has_rating(cells)) continue;
    if (is_repeated_header(row, cells)) {
      after_header_ = true;
      continue;
    }
    if (is_droppable(cells)) continue;
    if (auto group = group_row(row, cells)) {
      group_rows_.emplace_back(table_->index, row);
      start_group(std::move(*group));
      after_header_ = false;
      continue;
    }
    after_group_ = false;
    realign_if_shifted(row, cells);
    if (is_spilled_table_row(cells)) {
      fold_spilled_row(row, cells);
    } else if (is_continuation(cells)) {
      continue_item(row, cells);
    } else {
      apply_carry_down(cells);
      items_.items.push_back(build_item(row, cells));
    }
    after_header_ = false;
  }
}

void ItemAssembler::note_merges(std::size_t row) {
  for (const Cell& cell : table_->rows[row]) {
    if (!cell.covered && cell.row_span > 1) {
      merges_.push_back({row, row + static_cast<std::size_t>(cell.row_span) - 1});
    }
  }
}

// Before reading `row`: frees every earlier row that no vertical merge still reaching `row` or
// beyond starts in (covered cells read their text from the merge's first row).
void ItemAssembler::release_behind(std::size_t row) {
  if (row > 0) note_merges(row - 1);
  std::erase_if(merges_, [&](const ActiveMerge& merge) { return merge.last < row; });
  std::size_t keep_from = row;
  for (const auto& merge : merges_) keep_from = std::min(keep_from, merge.origin);
  for (; released_ < keep_from; ++released_) {
    std::vector<Cell>().swap(releasable_->rows[released_]);
  }
}

void ItemAssembler::fold_spilled_row(std::size_t row, const RowCells& cells) {
  Item& item = items_.items.back();
  append_extra(item.extra, "nested table", detail::joined_row(cells.texts));
  extend_location(item.source, row);
  warn("nested-table-rows",
       "a row of short cells beyond the header's columns (a table inside a cell) was kept in the "
       "extra field 'nested table' of the item above",
       location_of(row));
}

namespace {

// What tells a group row's level: its first word ("Priority", "Objective"), how deep the number
// after it goes ("1" or "1.2"), and its fill.
std::string group_look(const std::string& text, const std::optional<Rgb>& fill) {
  std::string look;
  std::size_t at = 0;
  while (at < text.size() && std::isalpha(static_cast<unsigned char>(text[at]))) {
    look += static_cast<char>(std::tolower(static_cast<unsigned char>(text[at++])));
  }
  while (at < text.size() && !std::isdigit(static_cast<unsigned char>(text[at])) &&
         !std::isalpha(static_cast<unsigned char>(text[at]))) {
    ++at;
  }
  std::size_t depth = 0;
  if (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) {
    depth = 1;
    for (; at + 1 < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[at])) || text[at] == '.');
         ++at) {
      if (text[at] == '.' && std::isdigit(static_cast<unsigned char>(text[at + 1]))) ++depth;
    }
  }
  look += '|' + std::to_string(depth) + '|' + (fill ? to_hex(*fill) : std::string());
  return look;
}

}  // namespace

// A group row names the theme of the rows below it, until the next; right under another group
// row (or where a column gives the theme) it names their objective. Alone in a column that
// carries down (a theme column's value printed on a row of its own), it is that column's value.
void ItemAssembler::start_group(GroupRow group) {
  const auto* rule = plan_->columns[group.col].rule;
  if (!group.merged && rule && rule->carry_down) {
    carried_[group.col] = std::move(group.text);
    after_group_ = true;
    return;
  }
  std::string text = std::move(group.text);
  const bool theme_by_column =
      std::any_of(plan_->columns.begin(), plan_->columns.end(),
                  [](const PlannedColumn& c) { return c.rule && c.rule->field == Field::theme; });
  const std::string look = group_look(text, group.fill);
  const bool looks_like_objective = !group_theme_.empty() && !objective_look_.empty() &&
                                    look == objective_look_ && look != theme_look_;
  if (after_group_ || theme_by_column || looks_like_objective) {
    if (after_group_ && !theme_by_column) objective_look_ = look;
    group_objective_ = std::move(text);
  } else {
    theme_look_ = look;
    group_theme_ = std::move(text);
    group_objective_.clear();
  }
  after_group_ = true;
}

void ItemAssembler::apply_groups(Item& item) const {
  if (item.theme.empty()) item.theme = group_theme_;
  if (item.objective.empty()) item.objective = group_objective_;
}

void ItemAssembler::continue_item(std::size_t row, const RowCells& cells) {
  Item& item = items_.items.back();
  for (std::size_t col = 0; col < plan_->columns.size(); ++col) {
    const auto& text = cells.texts[col];
    if (text.empty()) continue;
    const auto& column = plan_->columns[col];
    const ItemField* target = column.target;
    if (target && target->text) {
      append_line(item.*(target->text), text);
    } else if (target && target->people) {
      add_people(item, column, text);
    } else if (column.rule && column.rule->field == Field::commentary) {
      for (auto& assessment : item.assessments) {
        if (assessment.by == column.by) append_line(assessment.commentary, text);
      }
    } else {
      append_extra(item.extra, extra_header(column), text);
    }
  }
  extend_location(item.source, row);
  warn("row-continued",
       "a row with an empty key column was joined to the item above it (a row continued after a "
       "page break or a repeated header)",
       location_of(row));
}

void ItemAssembler::apply_carry_down(RowCells& cells) {
  for (std::size_t col = 0; col < plan_->columns.size(); ++col) {
    const auto* rule = plan_->columns[col].rule;
    if (!rule || !rule->carry_down) continue;
    if (cells.texts[col].empty()) {
      cells.texts[col] = carried_[col];
    } else {
      carried_[col] = std::string(cells.texts[col]);
    }
  }
}

Item ItemAssembler::build_item(std::size_t row, const RowCells& cells) {
  ++items_built_;
  Item item;
  std::size_t unnamed = 0;
  item.source = location_of(row);
  for (std::size_t col = 0; col < plan_->columns.size(); ++col) {
    const auto& column = plan_->columns[col];
    const auto& text = cells.texts[col];
    const Field field = column.rule ? column.rule->field : Field::ignore;
    if (field == Field::rating) {
      add_rating(item, column, cells, col, row);
      continue;
    }
    if (!column.fill_by.empty()) add_fill_rating(item, column, cells.cells[col]);
    if (text.empty()) continue;
    const ItemField* target = column.target;
    if (target && target->text) {
      append_line(item.*(target->text), text);
    } else if (field == Field::due) {
      if (item.due) {
        append_line(item.due->raw, text);
        item.due = parse_due(item.due->raw);
      } else {
        item.due = parse_due(text);
      }
    } else if (target && target->people) {
      add_people(item, column, text);
    } else if (field == Field::commentary) {
      auto found = std::find_if(item.assessments.begin(), item.assessments.end(),
                                [&](const Assessment& a) { return a.by == column.by; });
      if (found != item.assessments.end()) {
        append_line(found->commentary, text);
      } else {
        item.assessments.push_back(
            {column.by, Rating::none, "", RatingSource::text, std::string(text)});
      }
    } else {
      if (column.header.empty()) ++unnamed;
      append_extra(item.extra, extra_header(column), text);
    }
  }
  if (unnamed > 0) {
    warn("values-beyond-header",
         std::to_string(unnamed) +
             " value(s) of this row stand in columns with no header; they are kept in extra as "
             "'Column X'",
         item.source);
  }
  apply_groups(item);
  apply_headings(item);
  choose_headline(item);
  // The printed reference when there is one, else the position (made unique per document by
  // UniqueIds as items are handed on).
  item.id = item.ref.empty() ? "r" + std::to_string(items_.count() + 1) : item.ref;
  return item;
}

// As read_cell_rating reads a rating column's cell: its text, else its colour.
void ItemAssembler::add_rating(Item& item, const PlannedColumn& column, const RowCells& cells,
                               std::size_t col, std::size_t row) {
  const std::string_view text = cells.texts[col];
  if (!text.empty() || (cells.cells[col] && cells.cells[col]->fill)) rating_seen_ = true;
  const bool symbol = is_rating_symbol(text);
  if (!text.empty() && !symbol) {
    if (auto rating = text_rating(cells, col)) {
      record_assessment(item, {column.by, *rating, std::string(text), RatingSource::text, ""});
      return;
    }
  }
  auto rating = colour_rating(text, cells.cells[col]);
  if (rating) {
    record_assessment(item, {column.by, rating->rating, std::move(rating->raw), rating->from, ""});
  }
  // A text that is not a rating (nor a symbol whose colour is) is kept; its colour may still
  // have rated the row.
  if (text.empty() || symbol) return;
  append_extra(item.extra, column.header, text);
  if (!rating) {
    warn("status-unrecognised",
         "'" + std::string(text.substr(0, 60)) + "' under '" + column.header +
             "' is not a rating; it is kept in extra",
         location_of(row));
  }
}

// A column whose fill is a rating though its text is not (fill_ratings, or the commitment's own
// cell coloured): only a rating colour counts, and only the fill.
void ItemAssembler::add_fill_rating(Item& item, const PlannedColumn& column,
                                    const Cell* cell) const {
  if (!cell || !cell->fill) return;
  if (auto rating = rating_from_fill(*cell->fill)) {
    item.assessments.push_back({column.fill_by, *rating, to_hex(*cell->fill),
                                cell->fill_by_format ? RatingSource::format : RatingSource::fill,
                                ""});
  }
}

void ItemAssembler::choose_headline(Item& item) const {
  if (const std::string& headline = layers_.headline(); !headline.empty()) {
    auto wanted = normalise_for_match(headline);
    for (const auto& assessment : item.assessments) {
      if (assessment.rating != Rating::none && normalise_for_match(assessment.by) == wanted) {
        item.status = assessment.rating;
        return;
      }
    }
  }
  for (auto it = item.assessments.rbegin(); it != item.assessments.rend(); ++it) {
    if (it->rating != Rating::none) {
      item.status = it->rating;
      return;
    }
  }
}

void ItemAssembler::apply_headings(Item& item) const {
  const Mapping* mapping = layers_.headings();
  if (!mapping || headings_.empty()) return;
  // A table that groups itself (a theme column, group rows) is not grouped by the headings above.
  if (!item.theme.empty() && mapping->heading_patterns.empty()) return;
  std::vector<std::string> chosen;
  if (!mapping->heading_patterns.empty()) {
    // Patterns in order of preference; the nearest heading that matches the first pattern wins.
    for (const auto& pattern : mapping->heading_patterns) {
      for (auto it = headings_.rbegin(); it != headings_.rend() && chosen.empty(); ++it) {
        if (pattern.matches(*it)) chosen.push_back(*it);
      }
      if (!chosen.empty()) break;
    }
  } else {
    // The nearest headings, one per field, outermost first; a document's title heads no section,
    // a line of a section's own details ("Strategic leads: ...") is none. Only an outline's path
    // nests: the lines before a table in a text export are the nearest one alone.
    std::vector<std::string> sections;
    for (const auto& heading : headings_) {
      if (!looks_like_document_title(heading) && !looks_like_detail_line(heading) &&
          !looks_like_report_part(heading)) {
        sections.push_back(heading);
      }
    }
    const std::size_t levels = headings_nested_ ? mapping->headings.size() : 1;
    std::size_t take = std::min(levels, sections.size());
    chosen.assign(sections.end() - static_cast<std::ptrdiff_t>(take), sections.end());
  }
  for (std::size_t i = 0; i < chosen.size() && i < mapping->headings.size(); ++i) {
    const ItemField* field = find_item_field(field_name(mapping->headings[i]));
    if (field && field->text && (item.*(field->text)).empty()) item.*(field->text) = chosen[i];
  }
}

Location row_location(const Table& table, std::size_t row, const std::string& file) {
  Location location;
  location.file = file;
  RowOrigin origin;
  if (row < table.row_origins.size()) origin = table.row_origins[row];
  int number = origin.number > 0 ? origin.number : static_cast<int>(row) + 1;
  switch (table.addressing) {
    case Addressing::cells: {
      location.sheet = table.sheet;
      int first = table.column_numbers.empty() ? 1 : table.column_numbers.front();
      int last = table.column_numbers.empty() ? static_cast<int>(table.column_count())
                                              : table.column_numbers.back();
      location.cells = column_letters(first) + std::to_string(number) + ":" +
                       column_letters(std::max(first, last)) + std::to_string(number);
      break;
    }
    case Addressing::table_row:
      location.table = table.index;
      location.row = number;
      break;
    case Addressing::page:
      location.page = origin.page;
      break;
  }
  return location;
}

Location ItemAssembler::location_of(std::size_t row) const {
  return row_location(*table_, row, file_);
}

void ItemAssembler::extend_location(Location& location, std::size_t row) const {
  Location next = location_of(row);
  if (!location.cells.empty() && location.sheet == next.sheet) {
    auto colon = location.cells.find(':');
    auto next_colon = next.cells.find(':');
    if (colon != std::string::npos && next_colon != std::string::npos) {
      location.cells = location.cells.substr(0, colon) + next.cells.substr(next_colon);
    }
  }
  if (!next.page.empty() && next.page != location.page) {
    auto first = location.page.substr(0, location.page.find('-'));
    auto last =
        next.page.substr(next.page.rfind('-') == std::string::npos ? 0 : next.page.rfind('-') + 1);
    location.page = first == last ? first : first + "-" + last;
  }
}

void ItemAssembler::warn(std::string code, std::string message, Location location) {
  warnings_.push_back({std::move(code), std::move(message), std::move(location)});
}

}  // namespace trackport
