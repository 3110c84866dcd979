// Following an item from period to period of one plan in the database (docs/DATABASE.md, "One
// item across periods"): each document belongs to a plan, and each item carries the track of the
// item it continues in the plan's previous period, matched as `trackport diff` matches them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exporters/database/connection.hpp"
#include "model/document.hpp"

namespace trackport::sql {

// The plan a document reports on, as one comparable text: its organisation and its title with
// the period taken out ("Delivery plan update June 2014" of period "June 2014" is the plan
// "delivery plan update"), or the mapping's name when the document has no title. Case,
// punctuation and spacing do not count.
std::string plan_key(std::string_view organisation, std::string_view title, std::string_view period,
                     std::string_view mapping_name);

// Where a document stands among its plan's periods: the order of the plan_periods view, by
// (period_end, id) when every document of the plan has a period end, else by id (import order).
struct PlanPosition {
  std::optional<std::string> period_end;
  std::int64_t id = 0;
};

// How an item continues one of the plan's previous period: that item's track, how the two were
// matched and the previous item's row. An item that continues none has only its own track (its
// own items.id), given when it is stored.
struct ItemLink {
  std::optional<std::int64_t> track_id;
  std::optional<std::string> matched_by;  // "ref+text", "text" or "ref", as diff names them
  std::optional<std::int64_t> previous_item;
  std::optional<double> similarity;

  // The similarity follows from the texts: equal links are the same link.
  bool same_link(const ItemLink& other) const {
    return track_id == other.track_id && matched_by == other.matched_by &&
           previous_item == other.previous_item;
  }
};

// The tracks of one document's items, inside the transaction that stores it:
//   PlanTracker tracker(db, document_row);        // the document row stored, with its plan_key
//   links = tracker.links_for(document.items);    // then each item stored with its link
//   tracker.finish();
// When the document is the plan's latest period (the usual case) its items are matched to the
// previous period's before they are stored. Otherwise (a period that goes between two others, or
// a plan with a link cut by a deleted or re-imported document) finish() works the tracks out
// after, and re-tracks the later periods that change because of it. Two writers must not track
// one plan at once: SQLite has one writer at a time, PostgreSQL takes a lock on the plan first.
class PlanTracker {
 public:
  PlanTracker(Connection& db, std::int64_t document_row);

  // One link a item, in order; empty links when finish() is to work them out.
  std::vector<ItemLink> links_for(const std::vector<Item>& items);
  void finish();

 private:
  Connection& db_;
  std::int64_t document_row_;
  std::string plan_;
  // The plan's latest period with no link of the plan cut: its items are matched to the
  // previous period's (if any) as they are stored, and nothing is re-tracked.
  bool latest_and_whole_ = false;
  std::optional<std::int64_t> previous_period_;
  // Otherwise the first and last periods whose links finish() works out again; later ones too,
  // as long as their links change.
  PlanPosition retrack_from_;
  PlanPosition retrack_through_;
};

// Every plan's items from its first period on: for a database written before items had tracks.
void track_all_items(Connection& db);

}  // namespace trackport::sql
