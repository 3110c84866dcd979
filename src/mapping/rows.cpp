#include "mapping/rows.hpp"

#include <algorithm>
#include <regex>

#include "model/due.hpp"
#include "model/rating.hpp"
#include "model/text.hpp"

namespace trackport {

namespace {

std::string* text_field(Item& item, Field field) {
  switch (field) {
    case Field::theme:
      return &item.theme;
    case Field::objective:
      return &item.objective;
    case Field::category:
      return &item.category;
    case Field::ref:
      return &item.ref;
    case Field::text:
      return &item.text;
    case Field::measure:
      return &item.measure;
    case Field::baseline:
      return &item.baseline;
    case Field::target:
      return &item.target;
    case Field::progress:
      return &item.progress;
    case Field::mitigation:
      return &item.mitigation;
    case Field::comments:
      return &item.comments;
    default:
      return nullptr;
  }
}

void append_line(std::string& field, std::string_view text) {
  if (text.empty()) return;
  if (!field.empty()) field += '\n';
  field += text;
}

void append_extra(ExtraFields& extra, const std::string& header, std::string_view value) {
  for (auto& [name, existing] : extra) {
    if (name == header) {
      append_line(existing, value);
      return;
    }
  }
  extra.emplace_back(header, std::string(value));
}

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

std::string joined_row(const std::vector<std::string_view>& texts) {
  std::string joined;
  for (const auto& text : texts) {
    if (text.empty()) continue;
    if (!joined.empty()) joined += " | ";
    joined += text;
  }
  return joined;
}

// A whole cell that is a rating word ("Amber", "G"), as opposed to prose.
bool is_bare_rating(std::string_view text) {
  return !text.empty() && text.size() <= 24 && parse_rating(text).has_value();
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

}  // namespace

bool is_page_number(std::string_view text) {
  static const std::regex page(R"(^\s*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\s*$)",
                               std::regex::icase | std::regex::optimize);
  return text.size() < 20 && std::regex_match(text.begin(), text.end(), page);
}

ItemAssembler::ItemAssembler(const Mapping& mapping, std::string file, ItemBuffer& items,
                             std::vector<Warning>& warnings)
    : mapping_(mapping), file_(std::move(file)), items_(items), warnings_(warnings) {}

void UniqueIds::apply(Item& item) {
  ++position_;
  if (!insert(item.id)) item.id += "#" + std::to_string(position_);
}

bool UniqueIds::insert(std::string_view id) {
  if ((used_ + 1) * 4 > slots_.size() * 3) grow();
  const std::size_t hash = std::hash<std::string_view>{}(id);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    Slot& slot = slots_[at];
    if (slot.length == kFree) {
      slot = {hash, seen_.size(), id.size()};
      seen_ += id;
      ++used_;
      return true;
    }
    if (slot.hash == hash && std::string_view(seen_).substr(slot.offset, slot.length) == id) {
      return false;
    }
  }
}

void UniqueIds::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.length == kFree) continue;
    std::size_t at = slot.hash & mask;
    while (slots_[at].length != kFree) at = (at + 1) & mask;
    slots_[at] = slot;
  }
}

void make_ids_unique(std::vector<Item>& items) {
  UniqueIds ids;
  for (Item& item : items) ids.apply(item);
}

void ItemAssembler::start(const Table& table, const ColumnPlan& plan,
                          std::vector<std::string> headings) {
  table_ = &table;
  plan_ = &plan;
  headings_ = std::move(headings);
  carried_.assign(plan.columns.size(), std::string());
  after_header_ = false;
  part_begun_ = false;
  first_item_ = items_.count();
  warn_unmapped_columns();
}

void ItemAssembler::resume(const Table& table, const ColumnPlan& plan) {
  table_ = &table;
  plan_ = &plan;
  carried_.resize(plan.columns.size());
  after_header_ = true;
  part_begun_ = false;
}

void ItemAssembler::warn_unmapped_columns() {
  for (const auto& column : plan_->columns) {
    if (column.rule || column.header.empty() || !column.fill_by.empty()) continue;
    warn("unmapped-column",
         "column '" + column.header + "' has no model field in mapping '" + mapping_.name +
             "'; its values are kept in extra",
         location_of(plan_->header_row));
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

ItemAssembler::RowCells ItemAssembler::read_row(std::size_t row) const {
  RowCells cells;
  const std::size_t count = plan_->columns.size();
  cells.texts.resize(count);
  cells.fills.resize(count);
  for (std::size_t col = 0; col < count; ++col) {
    cells.texts[col] = table_->text_at(row, col);
    cells.fills[col] = table_->fill_at(row, col);
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
  if (mapping_.drop_rows.empty()) return false;
  auto joined = joined_row(cells.texts);
  return std::any_of(mapping_.drop_rows.begin(), mapping_.drop_rows.end(),
                     [&](const std::regex& re) { return std::regex_search(joined, re); });
}

bool ItemAssembler::has_rating(const RowCells& cells) const {
  for (std::size_t col = 0; col < plan_->columns.size(); ++col) {
    const auto& column = plan_->columns[col];
    bool rating_column = column.rule && column.rule->field == Field::rating;
    if (rating_column && is_bare_rating(cells.texts[col])) return true;
    if ((rating_column || !column.fill_by.empty()) && cells.fills[col] &&
        rating_from_fill(*cells.fills[col])) {
      return true;
    }
  }
  return false;
}

// Some trackers have rows whose cells slipped one column (a cell deleted or inserted by hand):
// the rating then sits beside its column. Shift the row back so the rating lands under its header,
// taking out (or putting in) the nearest empty cell, and say so.
void ItemAssembler::realign_if_shifted(std::size_t row, RowCells& cells) {
  const std::size_t count = cells.texts.size();
  for (std::size_t col = 0; col < count; ++col) {
    const auto& column = plan_->columns[col];
    if (!column.rule || column.rule->field != Field::rating) continue;
    if (is_bare_rating(cells.texts[col])) return;
    auto is_rating_column = [&](std::size_t c) {
      return plan_->columns[c].rule && plan_->columns[c].rule->field == Field::rating;
    };
    bool right =
        col + 1 < count && is_bare_rating(cells.texts[col + 1]) && !is_rating_column(col + 1);
    bool left = col > 0 && is_bare_rating(cells.texts[col - 1]) && !is_rating_column(col - 1);
    if (!right && !left) continue;
    std::string moved(right ? cells.texts[col + 1] : cells.texts[col - 1]);
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
    warn("row-misaligned",
         "the cells of this row seem shifted by one column in the source ('" + moved +
             "' stands beside '" + column.header + "'); the row was realigned, check its fields",
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

void ItemAssembler::fold_spilled_row(std::size_t row, const RowCells& cells) {
  Item& item = items_.items.back();
  append_extra(item.extra, "nested table", joined_row(cells.texts));
  extend_location(item.source, row);
  warn("nested-table-rows",
       "a row of short cells beyond the header's columns (a table inside a cell) was kept in the "
       "extra field 'nested table' of the item above",
       location_of(row));
}

// A row that only carries on the item above: its key cell is empty (or, right after a page break
// or repeated header, starts mid-sentence in lower case) and it has no rating of its own.
bool ItemAssembler::is_continuation(const RowCells& cells) const {
  if (!plan_->key_col || items_.count() <= first_item_ || has_rating(cells)) return false;
  const std::string_view key = cells.texts[plan_->columns[*plan_->key_col].col];
  if (key.empty()) return !plan_->key_carries_down || after_header_;
  return after_header_ && key.front() >= 'a' && key.front() <= 'z';
}

void ItemAssembler::continue_item(std::size_t row, const RowCells& cells) {
  Item& item = items_.items.back();
  for (std::size_t col = 0; col < plan_->columns.size(); ++col) {
    const auto& text = cells.texts[col];
    if (text.empty()) continue;
    const auto& column = plan_->columns[col];
    std::string* field = column.rule ? text_field(item, column.rule->field) : nullptr;
    if (field) {
      append_line(*field, text);
    } else if (column.rule &&
               (column.rule->field == Field::leads || column.rule->field == Field::partners)) {
      auto& list = column.rule->field == Field::leads ? item.leads : item.partners;
      for (auto& person : split_people(text, column.rule->split)) list.push_back(std::move(person));
    } else if (column.rule && column.rule->field == Field::commentary) {
      for (auto& assessment : item.assessments) {
        if (assessment.by == column.by) append_line(assessment.commentary, text);
      }
    } else {
      append_extra(item.extra,
                   column.header.empty() ? "Column " + column_letters(static_cast<int>(col) + 1)
                                         : column.header,
                   text);
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
  Item item;
  std::size_t unnamed = 0;
  item.source = location_of(row);
  for (std::size_t col = 0; col < plan_->columns.size(); ++col) {
    const auto& column = plan_->columns[col];
    const auto& text = cells.texts[col];
    const Field field = column.rule ? column.rule->field : Field::ignore;
    if (field == Field::rating) {
      add_rating(item, column, text, cells.fills[col], row);
    } else if (!column.fill_by.empty() && cells.fills[col]) {
      if (auto rating = rating_from_fill(*cells.fills[col])) {
        item.assessments.push_back(
            {column.fill_by, *rating, to_hex(*cells.fills[col]), RatingSource::fill, ""});
      }
    }
    if (text.empty() || field == Field::rating) continue;
    if (auto* target = text_field(item, field)) {
      append_line(*target, text);
    } else if (field == Field::due) {
      if (item.due) {
        append_line(item.due->raw, text);
        item.due = parse_due(item.due->raw);
      } else {
        item.due = parse_due(text);
      }
    } else if (field == Field::leads || field == Field::partners) {
      auto& list = field == Field::leads ? item.leads : item.partners;
      for (auto& person : split_people(text, column.rule->split)) list.push_back(std::move(person));
    } else if (field == Field::commentary) {
      auto found = std::find_if(item.assessments.begin(), item.assessments.end(),
                                [&](const Assessment& a) { return a.by == column.by; });
      if (found != item.assessments.end()) {
        append_line(found->commentary, text);
      } else {
        item.assessments.push_back(
            {column.by, Rating::none, "", RatingSource::text, std::string(text)});
      }
    } else if (column.header.empty()) {
      append_extra(item.extra, "Column " + column_letters(static_cast<int>(col) + 1), text);
      ++unnamed;
    } else {
      append_extra(item.extra, column.header, text);
    }
  }
  if (unnamed > 0) {
    warn("values-beyond-header",
         std::to_string(unnamed) +
             " value(s) of this row stand in columns with no header; they are kept in extra as "
             "'Column X'",
         item.source);
  }
  apply_headings(item);
  choose_headline(item);
  // The printed reference when there is one, else the position (made unique per document by
  // UniqueIds as items are handed on).
  item.id = item.ref.empty() ? "r" + std::to_string(items_.count() + 1) : item.ref;
  return item;
}

void ItemAssembler::add_rating(Item& item, const PlannedColumn& column, std::string_view text,
                               const std::optional<Rgb>& fill, std::size_t row) {
  if (!text.empty()) {
    auto normalised = mapping_.values.empty() ? std::string() : normalise_for_match(text);
    for (const auto& [value, rating] : mapping_.values) {
      if (value == normalised) {
        record_assessment(item, {column.by, rating, std::string(text), RatingSource::text, ""});
        return;
      }
    }
    if (auto rating = parse_rating(text)) {
      record_assessment(item, {column.by, *rating, std::string(text), RatingSource::text, ""});
      return;
    }
    append_extra(item.extra, column.header, text);
    warn("status-unrecognised",
         "'" + std::string(text.substr(0, 60)) + "' under '" + column.header +
             "' is not a rating; it is kept in extra",
         location_of(row));
  }
  if (fill) {
    if (auto rating = rating_from_fill(*fill)) {
      record_assessment(item, {column.by, *rating, to_hex(*fill), RatingSource::fill, ""});
    }
  }
}

void ItemAssembler::choose_headline(Item& item) const {
  if (!mapping_.headline.empty()) {
    auto wanted = normalise_for_match(mapping_.headline);
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
  if (mapping_.headings.empty() || headings_.empty()) return;
  std::vector<std::string> chosen;
  if (!mapping_.heading_patterns.empty()) {
    // Patterns in order of preference; the nearest heading that matches the first pattern wins.
    for (const auto& pattern : mapping_.heading_patterns) {
      for (auto it = headings_.rbegin(); it != headings_.rend() && chosen.empty(); ++it) {
        if (pattern.matches(*it)) chosen.push_back(*it);
      }
      if (!chosen.empty()) break;
    }
  } else {
    // The nearest headings, one per field, outermost first.
    std::size_t take = std::min(mapping_.headings.size(), headings_.size());
    chosen.assign(headings_.end() - static_cast<std::ptrdiff_t>(take), headings_.end());
  }
  for (std::size_t i = 0; i < chosen.size() && i < mapping_.headings.size(); ++i) {
    std::string* field = text_field(item, mapping_.headings[i]);
    if (field && field->empty()) *field = chosen[i];
  }
}

Location ItemAssembler::location_of(std::size_t row) const {
  Location location;
  location.file = file_;
  RowOrigin origin;
  if (row < table_->row_origins.size()) origin = table_->row_origins[row];
  int number = origin.number > 0 ? origin.number : static_cast<int>(row) + 1;
  switch (table_->addressing) {
    case Addressing::cells: {
      location.sheet = table_->sheet;
      int first = table_->column_numbers.empty() ? 1 : table_->column_numbers.front();
      int last = table_->column_numbers.empty() ? static_cast<int>(table_->column_count())
                                                : table_->column_numbers.back();
      location.cells = column_letters(first) + std::to_string(number) + ":" +
                       column_letters(std::max(first, last)) + std::to_string(number);
      break;
    }
    case Addressing::table_row:
      location.table = table_->index;
      location.row = number;
      break;
    case Addressing::page:
      location.page = origin.page;
      break;
  }
  return location;
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
