// Row assembly: turning the data rows of a planned table into items. The rows are classified
// first (row_kinds.cpp: repeated headers, rows to drop, rows shifted by a column, rows of a
// nested table, continuation rows), then assembled into items (items.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grid/table.hpp"
#include "mapping/layers.hpp"
#include "mapping/mapping.hpp"
#include "mapping/plan.hpp"
#include "mapping/vocabulary.hpp"
#include "model/document.hpp"

namespace trackport {

// Makes item ids unique within a document, an item at a time in document order: a reference
// printed twice (numbering that restarts under each priority) gets "#<position>" appended on its
// later uses (position counted from 1 over the document's items).
class UniqueIds {
 public:
  void apply(Item& item);

 private:
  // False when `id` was seen before. An open-addressing table over one text buffer: a node and a
  // copy per id, as a set of strings would make, cost more than the rest of the check.
  bool insert(std::string_view id);
  void grow();

  struct Slot {
    std::size_t hash = 0;
    std::size_t offset = 0;  // into seen_
    std::size_t length = kFree;
  };
  static constexpr std::size_t kFree = static_cast<std::size_t>(-1);

  std::string seen_;         // every id as printed, back to back
  std::vector<Slot> slots_;  // a power of two in size, at most three quarters used
  std::size_t used_ = 0;
  std::size_t position_ = 0;
};

// Items as an assembler makes them: the newest are here (a later row may still extend the last
// one); older ones may have been handed on already, `handed_on` counts them.
struct ItemBuffer {
  std::vector<Item> items;
  std::size_t handed_on = 0;
  std::size_t count() const { return handed_on + items.size(); }
};

// "3", "Page 3", "Page 3 of 14", "3 / 14": running page numbers, never headings or items.
bool is_page_number(std::string_view text);

// A heading that names the document rather than a section of it: a title with a reporting year
// or period ("Housing Strategy 2024-2029", "Q2 2024/25 return") or a document's words ("action
// plan monitoring", "progress report", "tracker"). Such a line is not a theme.
bool looks_like_document_title(std::string_view text);

// A heading that names a part of the report rather than a subject: every word of it, after a
// section number, is a word reports use for their parts ("12. DELIVERY PROGRESS", "3. Progress
// against actions", "Risk management"). Such a heading is not a theme.
bool looks_like_report_part(std::string_view text);

// A line under a heading that gives its details rather than names a section: "Strategic leads:
// Frances Hunt", "Lead officer: ...", "Updated: June 2014".
bool looks_like_detail_line(std::string_view text);

// Where a table's row came from: sheet and cells, table and row, or page.
Location row_location(const Table& table, std::size_t row, const std::string& file);

// Builds items from the rows of one logical table, which may be made of several source tables
// that share a header (a table split by page breaks): carried-down values and the last item
// survive from one part to the next, so a row cut by the break can be joined to its item.
class ItemAssembler {
 public:
  // `vocabulary` must outlive the assembler.
  ItemAssembler(const MappingLayers& layers, const RatingVocabulary& vocabulary, std::string file,
                ItemBuffer& items, std::vector<Warning>& warnings);

  // Starts a new logical table: carried values reset; `headings` give theme/objective context.
  void start(const Table& table, const ColumnPlan& plan, std::vector<std::string> headings);
  // Continues the logical table with another part (its header row repeats the first's).
  void resume(const Table& table, const ColumnPlan& plan);
  // Adds the data rows of the current part not added yet (a streamed part grows between calls).
  void add_rows();
  // Lets add_rows free each row of `table` (the current part, same object as given to start or
  // resume) once nothing can refer to it any more, so a big sheet's grid shrinks as its items grow.
  void release_rows_of(Table* table) { releasable_ = table; }
  // The logical table is done: warns when its rating columns were empty in every item's row
  // (no status for any of them, which is how ratings given only by colour look when the
  // reader cannot see colours).
  void end_table();
  // The group rows read so far, as (table index, grid row): for trackport inspect.
  const std::vector<std::pair<int, std::size_t>>& group_rows() const { return group_rows_; }

 private:
  // Views into the grid (or into carried_), valid while one row is processed.
  struct RowCells {
    std::vector<std::string_view> texts;
    std::vector<const Cell*> cells;  // the cell each text came from (a merge's top-left); nullptr
                                     // for a text carried down or beyond the row
    // What each text reads as as a rating, worked out once (several checks ask): kUnread, else
    // kNoRating or a Rating.
    mutable std::vector<signed char> ratings;
    static constexpr signed char kUnread = -2, kNoRating = -1;
  };

  // Row classification (row_kinds.cpp).
  RowCells read_row(std::size_t row) const;
  bool is_repeated_header(std::size_t row, const RowCells& cells) const;
  bool is_droppable(const RowCells& cells) const;
  bool is_rating_column(std::size_t col) const;
  // The rating the text in column `col` reads as (mappings' values, the document's key, the
  // defaults), nullopt when it is none.
  std::optional<Rating> text_rating(const RowCells& cells, std::size_t col) const;
  bool has_rating(const RowCells& cells) const;
  void realign_if_shifted(std::size_t row, RowCells& cells);
  bool is_spilled_table_row(const RowCells& cells) const;
  struct GroupRow {
    std::size_t col;  // the column the text stands in (a merged one's first)
    std::string text;
    bool merged = false;  // merged across most of the row
    std::optional<Rgb> fill;
  };
  std::optional<GroupRow> group_row(std::size_t row, const RowCells& cells) const;
  bool is_continuation(const RowCells& cells) const;

  // Item assembly (items.cpp).
  void fold_spilled_row(std::size_t row, const RowCells& cells);
  void start_group(GroupRow group);
  void apply_groups(Item& item) const;
  void continue_item(std::size_t row, const RowCells& cells);
  void apply_carry_down(RowCells& cells);
  Item build_item(std::size_t row, const RowCells& cells);
  void apply_headings(Item& item) const;
  void add_rating(Item& item, const PlannedColumn& column, const RowCells& cells, std::size_t col,
                  std::size_t row);
  void add_fill_rating(Item& item, const PlannedColumn& column, const Cell* cell) const;
  void choose_headline(Item& item) const;
  Location location_of(std::size_t row) const;
  void extend_location(Location& location, std::size_t row) const;
  void warn(std::string code, std::string message, Location location);
  void warn_about_columns();
  void note_merges(std::size_t row);
  void release_behind(std::size_t row);

  MappingLayers layers_;
  const RatingVocabulary& vocabulary_;
  std::string file_;
  ItemBuffer& items_;
  std::vector<Warning>& warnings_;

  const Table* table_ = nullptr;
  std::vector<std::pair<int, std::size_t>> group_rows_;
  Table* releasable_ = nullptr;
  std::size_t released_ = 0;  // rows before this one are freed
  std::size_t next_row_ = 0;  // the next row add_rows reads
  bool part_begun_ = false;   // add_rows has begun on the current part
  struct ActiveMerge {
    std::size_t origin, last;  // a vertical merge from row `origin` down to row `last`
  };
  std::vector<ActiveMerge> merges_;
  const ColumnPlan* plan_ = nullptr;
  std::vector<std::string> headings_;
  bool headings_nested_ = false;
  std::vector<std::string> carried_;
  bool after_header_ = false;
  // Group rows (a priority or programme named across the table above its rows): the theme, and
  // under it the objective, of the rows that follow.
  std::string group_theme_;
  std::string group_objective_;
  bool after_group_ = false;  // the row before was a group row
  // How each level's group rows look ("objective|2|#DDEBF7": first word, depth of the number,
  // fill), learnt where one stands right under another: a later row that looks like the second
  // level is an objective under the same theme.
  std::string theme_look_;
  std::string objective_look_;
  std::size_t first_item_ = 0;   // index in items_ of this logical table's first item
  std::size_t items_built_ = 0;  // items this logical table began (not continuation rows)
  bool rating_seen_ = false;     // a rating column held text or a fill in some item's row
  Location header_at_;           // where the logical table's header row is
};

}  // namespace trackport
