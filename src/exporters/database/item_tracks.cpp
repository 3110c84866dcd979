// Tracks: an item's track_id is the items.id of its first appearance in the plan; an item matched
// to one of the previous period takes that item's track, records how it was matched and links
// back to it (previous_item). Periods are put in order as the plan_periods view orders them.
#include "exporters/database/item_tracks.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "compare/compare.hpp"
#include "compare/matching.hpp"
#include "model/document.hpp"
#include "model/text.hpp"

namespace trackport::sql {
namespace {

// Removes each whole-word occurrence of `part` from `text`; both normalised (single spaces).
std::string without_words(std::string text, std::string_view part) {
  if (part.empty()) return text;
  std::size_t at = 0;
  while ((at = text.find(part, at)) != std::string::npos) {
    const std::size_t end = at + part.size();
    const bool starts_word = at == 0 || text[at - 1] == ' ';
    const bool ends_word = end == text.size() || text[end] == ' ';
    if (!starts_word || !ends_word) {
      at = end;
      continue;
    }
    text.erase(at, part.size());
  }
  return normalise_for_match(text);
}

struct StoredItems {
  std::vector<std::int64_t> rows;  // items.id, in document order
  std::vector<Item> items;         // what matching reads: ref, theme, text, measure
  std::vector<ItemLink> links;     // as stored
};

template <typename T>
std::optional<T> column(const Statement& query, int index, T (Statement::*read)(int) const) {
  if (query.is_null(index)) return std::nullopt;
  return (query.*read)(index);
}

StoredItems load_items(Connection& db, std::int64_t document_row) {
  const auto query = db.prepare(
      "SELECT id, ref, theme, text, measure, track_id, matched_by, previous_item, "
      "match_similarity FROM items WHERE document_id = ? ORDER BY position");
  query->bind_int(1, document_row);
  StoredItems stored;
  while (query->step()) {
    stored.rows.push_back(query->integer(0));
    Item item;
    item.ref = query->text(1);
    item.theme = query->text(2);
    item.text = query->text(3);
    item.measure = query->text(4);
    stored.items.push_back(std::move(item));
    stored.links.push_back(
        {column(*query, 5, &Statement::integer), column(*query, 6, &Statement::text),
         column(*query, 7, &Statement::integer), column(*query, 8, &Statement::real)});
  }
  return stored;
}

// The links of `items` to those of the previous period (none for the plan's first).
std::vector<ItemLink> links_after(const std::vector<Item>& items, const StoredItems* previous) {
  std::vector<ItemLink> links(items.size());
  if (previous == nullptr) return links;
  const double threshold = CompareOptions{}.threshold;  // as `trackport diff` by default
  for (const auto& match : compare::match_items(previous->items, items, threshold)) {
    links[match.new_index] = {previous->links[match.old_index].track_id,
                              std::string(match_method_name(match.method)),
                              previous->rows[match.old_index], match.similarity};
  }
  return links;
}

// Stored links, where an item continuing nothing is its own track.
std::vector<ItemLink> stored_links_after(const StoredItems& current, const StoredItems* previous) {
  std::vector<ItemLink> links = links_after(current.items, previous);
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (!links[i].track_id) links[i].track_id = current.rows[i];
  }
  return links;
}

class TrackWriter {
 public:
  explicit TrackWriter(Connection& db)
      : update_(db.prepare("UPDATE items SET track_id = ?, matched_by = ?, previous_item = ?, "
                           "match_similarity = ? WHERE id = ?")) {}

  // Stores the tracks that differ from the stored ones; true when any did.
  bool store(StoredItems& stored, const std::vector<ItemLink>& links) {
    bool changed = false;
    for (std::size_t i = 0; i < links.size(); ++i) {
      ItemLink& link = stored.links[i];
      if (link.same_link(links[i]) && link.similarity == links[i].similarity) continue;
      changed = changed || !link.same_link(links[i]);
      bind(1, links[i].track_id);
      bind(2, links[i].matched_by);
      bind(3, links[i].previous_item);
      bind(4, links[i].similarity);
      update_->bind_int(5, stored.rows[i]);
      update_->run();
      link = links[i];
    }
    return changed;
  }

 private:
  void bind(int index, const std::optional<std::int64_t>& value) {
    value ? update_->bind_int(index, *value) : update_->bind_null(index);
  }
  void bind(int index, const std::optional<std::string>& value) {
    value ? update_->bind_text(index, *value) : update_->bind_null(index);
  }
  void bind(int index, const std::optional<double>& value) {
    value ? update_->bind_double(index, *value) : update_->bind_null(index);
  }

  std::unique_ptr<Statement> update_;
};

// A stored document's plan, and its place there.
std::pair<std::string, PlanPosition> plan_and_position(Connection& db, std::int64_t document_row) {
  const auto query = db.prepare("SELECT plan_key, period_end FROM documents WHERE id = ?");
  query->bind_int(1, document_row);
  PlanPosition position{std::nullopt, document_row};
  if (!query->step()) return {std::string(), position};
  position.period_end = column(*query, 1, &Statement::text);
  return {query->text(0), position};
}

// The plan's documents with a link cut, where each stands in the plan: an item matched to one
// that is gone (a deleted or re-imported document; the foreign key set previous_item to NULL).
// Read from the partial index items_unlinked, which holds only such items (few: the plan's next
// import mends them), and then kept if of the plan: neither step reads the plan's other
// documents.
std::vector<PlanPosition> documents_with_cut_links(Connection& db, std::string_view plan) {
  // SQLite, without statistics, would rather read every item with no previous_item through
  // items_previous (every first period's items); PostgreSQL picks the partial index itself.
  const std::string items =
      db.dialect() == Dialect::sqlite ? "items INDEXED BY items_unlinked" : "items";
  std::vector<std::int64_t> cut;
  {
    const auto query = db.prepare("SELECT DISTINCT document_id FROM " + items +
                                  " WHERE matched_by IS NOT NULL AND previous_item IS NULL");
    while (query->step()) cut.push_back(query->integer(0));
  }
  std::vector<PlanPosition> of_plan;
  for (const std::int64_t document : cut) {
    auto [document_plan, position] = plan_and_position(db, document);
    if (document_plan == plan) of_plan.push_back(std::move(position));
  }
  return of_plan;
}

// A plan's periods in that order, walked one document at a time through the plan indexes
// (plan_indexes.hpp): each step is a few index steps however long the plan is, so a document
// that goes between two periods reads only its neighbours, not the plan.
class PlanOrder {
 public:
  PlanOrder(Connection& db, std::string plan) : db_(db), plan_(std::move(plan)) {
    const auto undated =
        db.prepare("SELECT 1 FROM documents WHERE plan_key = ? AND period_end IS NULL LIMIT 1");
    undated->bind_text(1, plan_);
    dated_ = !undated->step();
  }

  std::optional<PlanPosition> first() { return neighbour(nullptr, ">"); }
  std::optional<PlanPosition> previous(const PlanPosition& at) { return neighbour(&at, "<"); }
  std::optional<PlanPosition> next(const PlanPosition& at) { return neighbour(&at, ">"); }

  // Whether `a` comes before `b`. Text compares as its bytes, as the indexes' collation does.
  bool before(const PlanPosition& a, const PlanPosition& b) const {
    if (!dated_) return a.id < b.id;
    return std::tie(*a.period_end, a.id) < std::tie(*b.period_end, b.id);
  }

 private:
  // The plan's document nearest `at` on the side `side` ("<" before it, ">" after it); from the
  // start of the plan when `at` is null.
  std::optional<PlanPosition> neighbour(const PlanPosition* at, std::string_view side) {
    const std::string order = side == "<" ? " DESC" : "";
    std::string sql = "SELECT id, period_end FROM documents WHERE plan_key = ?";
    if (at != nullptr) {
      sql += dated_ ? " AND (period_end, id) " : " AND id ";
      sql += side;
      sql += dated_ ? " (?, ?)" : " ?";
    }
    sql += dated_ ? " ORDER BY period_end" + order + ", id" + order : " ORDER BY id" + order;
    sql += " LIMIT 1";
    const auto query = db_.prepare(sql);
    query->bind_text(1, plan_);
    if (at != nullptr) {
      int next = 2;
      if (dated_) query->bind_text(next++, *at->period_end);
      query->bind_int(next, at->id);
    }
    if (!query->step()) return std::nullopt;
    return PlanPosition{column(*query, 1, &Statement::text), query->integer(0)};
  }

  Connection& db_;
  std::string plan_;
  bool dated_ = true;
};

// Re-tracks the plan's documents from period `from` on: every one up to `through` (to the end
// when none), and after it as long as a document's links change (a later one matches against
// those links only).
void retrack(Connection& db, PlanOrder& order, const PlanPosition& from,
             const std::optional<PlanPosition>& through) {
  TrackWriter writer(db);
  std::optional<StoredItems> previous;
  if (const auto before = order.previous(from)) previous = load_items(db, before->id);
  for (std::optional<PlanPosition> at = from; at; at = order.next(*at)) {
    StoredItems current = load_items(db, at->id);
    const bool changed =
        writer.store(current, stored_links_after(current, previous ? &*previous : nullptr));
    if (!changed && through && order.before(*through, *at)) break;
    previous = std::move(current);
  }
}

}  // namespace

std::string plan_key(std::string_view organisation, std::string_view title, std::string_view period,
                     std::string_view mapping_name) {
  std::string plan = without_words(normalise_for_match(title), normalise_for_match(period));
  if (plan.empty()) plan = normalise_for_match(mapping_name);
  return normalise_for_match(organisation) + " / " + plan;
}

PlanTracker::PlanTracker(Connection& db, std::int64_t document_row)
    : db_(db), document_row_(document_row) {
  PlanPosition here;
  std::tie(plan_, here) = plan_and_position(db, document_row);
  PlanOrder order(db, plan_);
  const std::vector<PlanPosition> cut = documents_with_cut_links(db, plan_);
  if (cut.empty() && !order.next(here)) {
    // The usual case, a plan's latest period with every link whole: its items are matched to
    // the previous period's as they are stored.
    latest_and_whole_ = true;
    if (const auto previous = order.previous(here)) previous_period_ = previous->id;
    return;
  }
  // Otherwise the periods from the earliest of this document and those with a cut link, through
  // the latest of them, are tracked again once the items are stored.
  retrack_from_ = retrack_through_ = here;
  for (const PlanPosition& position : cut) {
    if (order.before(position, retrack_from_)) retrack_from_ = position;
    if (order.before(retrack_through_, position)) retrack_through_ = position;
  }
}

std::vector<ItemLink> PlanTracker::links_for(const std::vector<Item>& items) {
  if (!latest_and_whole_ || !previous_period_) return std::vector<ItemLink>(items.size());
  const StoredItems previous = load_items(db_, *previous_period_);
  return links_after(items, &previous);
}

void PlanTracker::finish() {
  const auto own_tracks =
      db_.prepare("UPDATE items SET track_id = id WHERE document_id = ? AND track_id IS NULL");
  own_tracks->bind_int(1, document_row_);
  own_tracks->run();
  if (latest_and_whole_) return;
  PlanOrder order(db_, plan_);
  retrack(db_, order, retrack_from_, retrack_through_);
}

void track_all_items(Connection& db) {
  std::vector<std::string> plans;
  {
    const auto query = db.prepare("SELECT DISTINCT plan_key FROM documents");
    while (query->step()) plans.push_back(query->text(0));
  }
  db.execute("UPDATE items SET track_id = id WHERE track_id IS NULL");
  for (const auto& plan : plans) {
    PlanOrder order(db, plan);
    if (const auto first = order.first()) retrack(db, order, *first, std::nullopt);
  }
}

}  // namespace trackport::sql
