#include "compare/compare.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <vector>

#include "compare/matching.hpp"
#include "compare/similarity.hpp"
#include "model/text.hpp"

namespace trackport {
namespace {

std::size_t kind_index(ChangeKind kind) {
  return static_cast<std::size_t>(kind);
}

ItemSide side_of(const Item& item, std::size_t index) {
  return {index, item.id, item.ref, item.theme, item.text, item.source};
}

std::string join(const std::vector<std::string>& names) {
  std::string joined;
  for (const auto& name : names) {
    if (!joined.empty()) joined += "; ";
    joined += name;
  }
  return joined;
}

// Leads are compared as sets of names, so reordering them or changing their case is no change.
std::set<std::string> name_set(const std::vector<std::string>& names) {
  std::set<std::string> set;
  for (const auto& name : names) {
    auto normalised = normalise_for_match(name);
    if (!normalised.empty()) set.insert(std::move(normalised));
  }
  return set;
}

bool same_text(const std::string& a, const std::string& b) {
  return normalise_for_match(a) == normalise_for_match(b);
}

std::string due_text(const std::optional<Due>& due) {
  return due ? due->raw : std::string();
}

// Dates decide when both sides have them, so "Mar-13" and "31/03/2013" (one plan saved from Excel,
// the next typed) are the same due; otherwise the printed text does.
bool same_due(const std::optional<Due>& a, const std::optional<Due>& b) {
  auto dated = [](const std::optional<Due>& due) { return due && (due->start || due->end); };
  if (dated(a) && dated(b)) return a->start == b->start && a->end == b->end;
  return same_text(due_text(a), due_text(b));
}

// Collects the changes of one comparison, per kind, and puts them in order at the end.
class ChangeList {
 public:
  explicit ChangeList(const CompareOptions& options) : options_(options) {}

  void add_pair(const Item& before, std::size_t old_index, const Item& after,
                std::size_t new_index) {
    const Pair pair{before, old_index, after, new_index};
    if (before.status != after.status) push(status_move(pair));
    if (name_set(before.leads) != name_set(after.leads)) {
      push(pair.change(ChangeKind::lead, join(before.leads), join(after.leads)));
    }
    if (!same_due(before.due, after.due)) {
      push(pair.change(ChangeKind::due, due_text(before.due), due_text(after.due)));
    }
    if (!same_text(before.text, after.text)) {
      push(pair.change(ChangeKind::text, before.text, after.text));
    }
    if (!same_text(before.measure, after.measure)) {
      push(pair.change(ChangeKind::measure, before.measure, after.measure));
    }
    for (auto& change : assessment_changes(pair)) push(std::move(change));
    if (!same_text(before.progress, after.progress)) {
      ++progress_changed_;
      if (options_.list_progress) {
        push(pair.change(ChangeKind::progress, before.progress, after.progress));
      }
    }
  }

  void add_new(const Item& item, std::size_t index) {
    Change c;
    c.kind = ChangeKind::added;
    c.new_item = side_of(item, index);
    c.new_status = item.status;
    push(std::move(c));
  }

  void add_dropped(const Item& item, std::size_t index) {
    Change c;
    c.kind = ChangeKind::dropped;
    c.old_item = side_of(item, index);
    c.old_status = item.status;
    push(std::move(c));
  }

  std::size_t progress_changed() const { return progress_changed_; }

  // Status moves worst first; the rest stay in the order they were added.
  std::vector<Change> ordered() && {
    auto& moves = by_kind_[kind_index(ChangeKind::status)];
    std::stable_sort(moves.begin(), moves.end(), [](const Change& a, const Change& b) {
      return rating_severity(a.new_status) < rating_severity(b.new_status);
    });
    std::vector<Change> all;
    for (auto& changes : by_kind_) {
      std::move(changes.begin(), changes.end(), std::back_inserter(all));
    }
    return all;
  }

 private:
  void push(Change change) { by_kind_[kind_index(change.kind)].push_back(std::move(change)); }

  // A matched pair of items, making the changes between them.
  struct Pair {
    const Item& before;
    std::size_t old_index;
    const Item& after;
    std::size_t new_index;

    Change change(ChangeKind kind, std::string old_value, std::string new_value) const {
      Change made;
      made.kind = kind;
      made.old_item = side_of(before, old_index);
      made.new_item = side_of(after, new_index);
      made.old_value = std::move(old_value);
      made.new_value = std::move(new_value);
      return made;
    }

    Change rating_change(ChangeKind kind, Rating old_rating, Rating new_rating) const {
      Change made = change(kind, std::string(rating_label(old_rating)),
                           std::string(rating_label(new_rating)));
      made.old_status = old_rating;
      made.new_status = new_rating;
      return made;
    }
  };

  static Change status_move(const Pair& pair) {
    return pair.rating_change(ChangeKind::status, pair.before.status, pair.after.status);
  }

  // Assessments pair up by who made them ("officer", "Q2", ...); one only on one side is a
  // change from or to no rating.
  static std::vector<Change> assessment_changes(const Pair& pair) {
    std::vector<Change> changes;
    for (const auto& [key, by] : assessors(pair)) {
      const Rating old_rating = rating_by(pair.before, key);
      const Rating new_rating = rating_by(pair.after, key);
      if (old_rating == new_rating) continue;
      // The assessment the status was taken from moved with it: the status move says it already.
      if (old_rating == pair.before.status && new_rating == pair.after.status) continue;
      Change change = pair.rating_change(ChangeKind::assessment, old_rating, new_rating);
      change.field = by;
      changes.push_back(std::move(change));
    }
    return changes;
  }

  // Who assessed either item, (normalised, as printed), the new item's assessors first.
  static std::vector<std::pair<std::string, std::string>> assessors(const Pair& pair) {
    std::vector<std::pair<std::string, std::string>> keys;
    for (const Item* item : {&pair.after, &pair.before}) {
      for (const auto& assessment : item->assessments) {
        auto key = normalise_for_match(assessment.by);
        auto seen = std::find_if(keys.begin(), keys.end(),
                                 [&](const auto& known) { return known.first == key; });
        if (seen == keys.end()) keys.emplace_back(std::move(key), assessment.by);
      }
    }
    return keys;
  }

  static Rating rating_by(const Item& item, const std::string& key) {
    for (const auto& assessment : item.assessments) {
      if (normalise_for_match(assessment.by) == key) return assessment.rating;
    }
    return Rating::none;
  }

  const CompareOptions& options_;
  std::array<std::vector<Change>, kChangeKindCount> by_kind_;
  std::size_t progress_changed_ = 0;
};

}  // namespace

double text_similarity(std::string_view a, std::string_view b) {
  return compare::dice(compare::fingerprint(a), compare::fingerprint(b));
}

Comparison compare_documents(const Document& old_doc, const Document& new_doc,
                             const CompareOptions& options) {
  Comparison result;
  result.old_file = old_doc.source.file;
  result.new_file = new_doc.source.file;
  result.old_period = old_doc.period;
  result.new_period = new_doc.period;
  result.old_items = old_doc.items.size();
  result.new_items = new_doc.items.size();
  // A threshold outside (0, 1] would match everything or nothing; keep it meaningful.
  const double threshold = std::clamp(options.threshold, 0.01, 1.0);
  result.matches = compare::match_items(old_doc.items, new_doc.items, threshold);

  ChangeList changes(options);
  std::vector<bool> old_matched(old_doc.items.size(), false);
  std::vector<bool> new_matched(new_doc.items.size(), false);
  for (const auto& match : result.matches) {
    old_matched[match.old_index] = true;
    new_matched[match.new_index] = true;
    const Item& before = old_doc.items[match.old_index];
    const Item& after = new_doc.items[match.new_index];
    ++result.status_matrix[static_cast<std::size_t>(before.status)]
                          [static_cast<std::size_t>(after.status)];
  }
  // Matches come in the new document's order, and so do new items among them.
  std::size_t next_match = 0;
  for (std::size_t j = 0; j < new_doc.items.size(); ++j) {
    if (!new_matched[j]) {
      changes.add_new(new_doc.items[j], j);
      continue;
    }
    const ItemMatch& match = result.matches[next_match++];
    changes.add_pair(old_doc.items[match.old_index], match.old_index, new_doc.items[j], j);
  }
  for (std::size_t i = 0; i < old_doc.items.size(); ++i) {
    if (!old_matched[i]) changes.add_dropped(old_doc.items[i], i);
  }
  result.progress_changed = changes.progress_changed();
  result.changes = std::move(changes).ordered();
  return result;
}

}  // namespace trackport
