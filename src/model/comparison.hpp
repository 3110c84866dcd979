// The result of comparing two reporting periods of one plan: which items match, and what changed
// between them. Plain data: compare/compare.hpp makes it, the changes exporters write it.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"
#include "model/rating.hpp"

// Installed with the library's API (include/trackport/export.hpp): exported from libtrackport.so.
#pragma GCC visibility push(default)

namespace trackport {

// In the order a Comparison lists them.
enum class ChangeKind { status, added, dropped, lead, due, text, measure, assessment, progress };

// "status", "new", "dropped", "lead", "due", "text", "measure", "assessment", "progress".
std::string_view change_kind_name(ChangeKind kind);
inline constexpr std::size_t kChangeKindCount = 9;

// What a change needs to show of one item, copied so a Comparison outlives its Documents.
struct ItemSide {
  std::size_t index = 0;  // position in its document's items
  std::string id;
  std::string ref;
  std::string theme;
  std::string text;
  Location source;

  bool operator==(const ItemSide&) const = default;
};

struct Change {
  ChangeKind kind = ChangeKind::status;
  std::optional<ItemSide> old_item;  // absent for a new item
  std::optional<ItemSide> new_item;  // absent for a dropped item
  // Status moves, and assessment changes (the assessment's rating); none otherwise.
  Rating old_status = Rating::none;
  Rating new_status = Rating::none;
  // The changed value as people read it: the rating's label, the leads joined by "; ", the due's
  // raw text, the text itself. Empty for new and dropped items.
  std::string old_value;
  std::string new_value;
  std::string field;  // assessment changes: the assessment's `by` ("officer", "Q2", ...)

  bool operator==(const Change&) const = default;
};

enum class MatchMethod {
  ref_and_text,  // same reference and similar text
  text,          // similar text (no reference, or renumbered)
  ref,           // same reference, text rewritten beyond recognition
};

std::string_view match_method_name(MatchMethod method);

struct ItemMatch {
  std::size_t old_index = 0;
  std::size_t new_index = 0;
  MatchMethod method = MatchMethod::text;
  double similarity = 0.0;  // of the two items' texts, 0..1

  bool operator==(const ItemMatch&) const = default;
};

// Counts of matched items by (old status, new status), indexed by Rating.
using StatusMatrix = std::array<std::array<std::size_t, 7>, 7>;

struct Comparison {
  std::string old_file;
  std::string new_file;
  std::string old_period;
  std::string new_period;
  std::size_t old_items = 0;
  std::size_t new_items = 0;
  std::vector<ItemMatch> matches;  // by new index
  // Grouped by kind in ChangeKind order. Status moves come worst first (the new rating's
  // severity), then in the new document's order; new items and the changes of matched items in
  // the new document's order; dropped items in the old document's order.
  std::vector<Change> changes;
  std::size_t progress_changed = 0;  // matched items whose progress text differs
  StatusMatrix status_matrix{};      // over all matched items, changed or not

  std::size_t count(ChangeKind kind) const;
  std::vector<const Change*> of_kind(ChangeKind kind) const;
};

// Where an item stands within its file, for people: "Sheet1!A7:J9", "table 2 row 5", "p. 3".
// The file itself is left out: every item of one side of a comparison comes from the same file.
std::string location_label(const Location& location);

}  // namespace trackport

#pragma GCC visibility pop
