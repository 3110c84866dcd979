// Tracks: an item's track_id is the items.id of its first appearance in the plan; an item matched
// to one of the previous period takes that item's track, records how it was matched and links
// back to it (previous_item). Periods are put in order as the plan_periods view orders them.
#include "exporters/database/item_tracks.hpp"

#include <algorithm>
#include <optional>
#include <string>
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

// The plan's documents in period order: by period_end when every one has a period_end, else by
// import (id); equal period ends by import. The same order as the plan_periods view.
std::vector<std::int64_t> plan_documents(Connection& db, std::string_view plan) {
  const auto query =
      db.prepare("SELECT id, period_end FROM documents WHERE plan_key = ? ORDER BY id");
  query->bind_text(1, plan);
  std::vector<std::pair<std::string, std::int64_t>> documents;
  bool all_dated = true;
  while (query->step()) {
    if (query->is_null(1)) all_dated = false;
    documents.emplace_back(query->text(1), query->integer(0));
  }
  if (all_dated) std::stable_sort(documents.begin(), documents.end());
  std::vector<std::int64_t> ids;
  ids.reserve(documents.size());
  for (const auto& document : documents) ids.push_back(document.second);
  return ids;
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

// Documents of the plan with a link cut: an item matched to one that is gone (a deleted or
// re-imported document; the foreign key set previous_item to NULL). Read from the partial index
// items_unlinked, which holds only such items (few: the plan's next import mends them), and then
// kept if of the plan: neither step reads the plan's other documents.
std::vector<std::int64_t> documents_with_cut_links(Connection& db, std::string_view plan) {
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
  if (cut.empty()) return cut;
  const auto of_plan = db.prepare("SELECT 1 FROM documents WHERE id = ? AND plan_key = ?");
  std::erase_if(cut, [&](std::int64_t document) {
    of_plan->bind_int(1, document);
    of_plan->bind_text(2, plan);
    const bool in_plan = of_plan->step();
    of_plan->reset();
    return !in_plan;
  });
  return cut;
}

// A document's plan and period end, as stored.
struct PlanPlace {
  std::string plan;
  std::optional<std::string> period_end;
};

PlanPlace place_of(Connection& db, std::int64_t document_row) {
  const auto query = db.prepare("SELECT plan_key, period_end FROM documents WHERE id = ?");
  query->bind_int(1, document_row);
  if (!query->step()) return {};
  return {query->text(0), column(*query, 1, &Statement::text)};
}

// Whether a query with these parameters gives a row; its first column when it does.
std::optional<std::int64_t> first_row(Connection& db, std::string_view sql, std::string_view plan,
                                      const std::optional<std::string>& period_end,
                                      std::int64_t document_row) {
  const auto query = db.prepare(sql);
  query->bind_text(1, plan);
  int next = 2;
  if (period_end) query->bind_text(next++, *period_end);
  query->bind_int(next, document_row);
  if (!query->step()) return std::nullopt;
  return query->integer(0);
}

// The document's neighbours in the order plan_documents puts the plan's periods in, each found
// through the plan indexes (plan_indexes.hpp) in a few index steps however long the plan is.
struct Neighbours {
  std::optional<std::int64_t> previous;
  bool later = false;  // a period comes after it
};

Neighbours neighbours_of(Connection& db, std::int64_t document_row, const PlanPlace& place) {
  bool all_dated = place.period_end.has_value();
  if (all_dated) {
    const auto undated =
        db.prepare("SELECT 1 FROM documents WHERE plan_key = ? AND period_end IS NULL LIMIT 1");
    undated->bind_text(1, place.plan);
    all_dated = !undated->step();
  }
  if (all_dated) {
    return {first_row(db,
                      "SELECT id FROM documents WHERE plan_key = ? AND (period_end, id) < (?, ?) "
                      "ORDER BY period_end DESC, id DESC LIMIT 1",
                      place.plan, place.period_end, document_row),
            first_row(db,
                      "SELECT id FROM documents WHERE plan_key = ? AND (period_end, id) > (?, ?) "
                      "LIMIT 1",
                      place.plan, place.period_end, document_row)
                .has_value()};
  }
  return {first_row(db,
                    "SELECT id FROM documents WHERE plan_key = ? AND id < ? ORDER BY id DESC "
                    "LIMIT 1",
                    place.plan, std::nullopt, document_row),
          first_row(db, "SELECT id FROM documents WHERE plan_key = ? AND id > ? LIMIT 1",
                    place.plan, std::nullopt, document_row)
              .has_value()};
}

// Re-tracks the plan's documents from period `from` on: every document up to `through`, and
// after it as long as a document's links change (a later one matches against those links only).
void retrack(Connection& db, const std::vector<std::int64_t>& documents, std::size_t from,
             std::size_t through) {
  TrackWriter writer(db);
  std::optional<StoredItems> previous;
  if (from > 0) previous = load_items(db, documents[from - 1]);
  for (std::size_t k = from; k < documents.size(); ++k) {
    StoredItems current = load_items(db, documents[k]);
    const bool changed =
        writer.store(current, stored_links_after(current, previous ? &*previous : nullptr));
    if (!changed && k > through) break;
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
  const PlanPlace place = place_of(db, document_row);
  const std::vector<std::int64_t> cut = documents_with_cut_links(db, place.plan);
  if (cut.empty()) {
    // The usual case, a plan's latest period with every link whole, is decided without reading
    // the plan's other documents.
    const Neighbours neighbours = neighbours_of(db, document_row, place);
    if (!neighbours.later) {
      latest_and_whole_ = true;
      previous_period_ = neighbours.previous;
      return;
    }
  }
  periods_ = plan_documents(db, place.plan);
  auto position = [&](std::int64_t id) {
    return static_cast<std::size_t>(std::find(periods_.begin(), periods_.end(), id) -
                                    periods_.begin());
  };
  position_ = position(document_row);
  retrack_from_ = retrack_through_ = position_;
  for (const std::int64_t document : cut) {
    retrack_from_ = std::min(retrack_from_, position(document));
    retrack_through_ = std::max(retrack_through_, position(document));
  }
}

std::vector<ItemLink> PlanTracker::links_for(const std::vector<Item>& items) {
  if (!latest_and_whole_) return std::vector<ItemLink>(items.size());
  links_given_ = true;
  if (!previous_period_) return std::vector<ItemLink>(items.size());
  const StoredItems previous = load_items(db_, *previous_period_);
  return links_after(items, &previous);
}

void PlanTracker::finish() {
  const auto own_tracks =
      db_.prepare("UPDATE items SET track_id = id WHERE document_id = ? AND track_id IS NULL");
  own_tracks->bind_int(1, document_row_);
  own_tracks->run();
  if (!links_given_ && position_ < periods_.size()) {
    retrack(db_, periods_, retrack_from_, retrack_through_);
  }
}

void track_all_items(Connection& db) {
  std::vector<std::string> plans;
  {
    const auto query = db.prepare("SELECT DISTINCT plan_key FROM documents");
    while (query->step()) plans.push_back(query->text(0));
  }
  db.execute("UPDATE items SET track_id = id WHERE track_id IS NULL");
  for (const auto& plan : plans) {
    const auto documents = plan_documents(db, plan);
    if (!documents.empty()) retrack(db, documents, 0, documents.size() - 1);
  }
}

}  // namespace trackport::sql
