#include "mapping/cross_reference.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/text.hpp"

namespace trackport {

namespace {

// The words that say what an action is: four letters or more, so "the", "and", "for" do not count.
std::set<std::string> words_of(const std::string& text) {
  constexpr std::size_t kMinWord = 4;
  std::set<std::string> words;
  std::string word;
  for (char c : normalise_for_match(text) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += c;
      continue;
    }
    if (word.size() >= kMinWord) words.insert(word);
    word.clear();
  }
  return words;
}

// The same action in other words: two thirds of the shorter text's words are in the longer
// ("Review the parking policy" is not "Review the admissions policy").
bool similar_text(const std::string& a, const std::string& b) {
  const auto x = words_of(a), y = words_of(b);
  if (x.empty() || y.empty()) return false;
  std::size_t shared = 0;
  for (const auto& word : x) shared += y.count(word);
  return shared * 3 >= std::min(x.size(), y.size()) * 2;
}

bool plans(const Item& item) {
  return item.due || !item.leads.empty();
}

bool reports(const Item& item) {
  return !item.progress.empty() || !item.assessments.empty() || item.status != Rating::none;
}

std::string key_of(const std::string& ref) {
  return normalise_for_match(ref);
}

// The number a list of actions prints before each text ("1. Develop ...", "2.3) Agree ..."),
// or "" for a text that starts otherwise.
std::string leading_number(const std::string& text) {
  std::size_t end = 0;
  while (end < text.size() && end < 8 &&
         (std::isdigit(static_cast<unsigned char>(text[end])) ||
          (text[end] == '.' && end > 0 && end + 1 < text.size() &&
           std::isdigit(static_cast<unsigned char>(text[end + 1]))))) {
    ++end;
  }
  if (end == 0 || end + 1 >= text.size()) return "";
  if ((text[end] == '.' || text[end] == ')') && text[end + 1] == ' ') return text.substr(0, end);
  return "";
}

// The later value fills an empty field; one that says otherwise is kept in extra, by its table.
void fill(std::string& into, std::string& from, std::string_view name, const std::string& table,
          Item& earlier) {
  if (from.empty() || from == into) return;
  if (into.empty()) {
    into = std::move(from);
  } else {
    earlier.extra.emplace_back(std::string(name) + " in " + table, std::move(from));
  }
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : "; ") + name;
  return out;
}

// The later row's fields added to the earlier item: nothing of either lost.
void update(Item& earlier, Item& later, const std::string& table) {
  if (earlier.ref.empty() && !later.ref.empty()) {
    // It was printed before the text ("1. Develop ..."): now the ref, and no longer the text's.
    const std::string number = leading_number(earlier.text);
    if (!number.empty() && key_of(number) == key_of(later.ref))
      earlier.text = collapse_whitespace(std::string_view(earlier.text).substr(number.size() + 1));
    earlier.ref = later.ref;
  }
  // The theme and objective stay the earlier table's: the later one's are its own section's.
  if (earlier.text.empty()) {
    earlier.text = std::move(later.text);
  } else if (!later.text.empty() && !similar_text(earlier.text, later.text) &&
             normalise_for_match(earlier.text) != normalise_for_match(later.text)) {
    earlier.extra.emplace_back("text in " + table, std::move(later.text));
  }
  fill(earlier.measure, later.measure, "measure", table, earlier);
  fill(earlier.baseline, later.baseline, "baseline", table, earlier);
  fill(earlier.target, later.target, "target", table, earlier);
  if (!earlier.due) {
    earlier.due = std::move(later.due);
  } else if (later.due && later.due->raw != earlier.due->raw) {
    earlier.extra.emplace_back("due in " + table, later.due->raw);  // a revised date, say
  }
  if (earlier.leads.empty()) {
    earlier.leads = std::move(later.leads);
  } else if (!later.leads.empty() && later.leads != earlier.leads) {
    earlier.extra.emplace_back("leads in " + table, joined(later.leads));
  }
  if (earlier.partners.empty()) {
    earlier.partners = std::move(later.partners);
  } else if (!later.partners.empty() && later.partners != earlier.partners) {
    earlier.extra.emplace_back("partners in " + table, joined(later.partners));
  }
  if (!later.progress.empty() && later.progress != earlier.progress) {
    if (!earlier.progress.empty()) earlier.progress += '\n';
    earlier.progress += later.progress;
  }
  // The later table reports how the action stands now: its rating is the headline.
  if (!later.assessments.empty() || later.status != Rating::none) earlier.status = later.status;
  for (auto& assessment : later.assessments) earlier.assessments.push_back(std::move(assessment));
  fill(earlier.mitigation, later.mitigation, "mitigation", table, earlier);
  fill(earlier.comments, later.comments, "comments", table, earlier);
  for (auto& entry : later.extra) earlier.extra.push_back(std::move(entry));
}

std::string table_name(const Location& location) {
  if (location.table > 0) return "table " + std::to_string(location.table);
  if (!location.sheet.empty()) return "sheet " + location.sheet;
  if (!location.page.empty()) return "the table on page " + location.page;
  return "a later table";
}

struct Link {
  std::size_t later;
  std::size_t earlier;
};

// The earlier table a table refers back to, and its matched rows; empty when it refers to none.
std::vector<Link> links_of(const std::vector<Item>& items, const std::vector<std::size_t>& starts,
                           std::size_t table) {
  const std::size_t begin = starts[table];
  const std::size_t end = table + 1 < starts.size() ? starts[table + 1] : items.size();
  std::size_t with_ref = 0;
  for (std::size_t i = begin; i < end; ++i) with_ref += items[i].ref.empty() ? 0 : 1;
  std::vector<Link> best;
  for (std::size_t earlier = 0; earlier < table; ++earlier) {
    const std::size_t from = starts[earlier], to = starts[earlier + 1];
    std::map<std::string, std::size_t> by_ref;
    std::set<std::string> repeated;
    for (std::size_t i = from; i < to; ++i) {
      const std::string key = key_of(ref_of(items[i]));
      if (key.empty()) continue;
      if (!by_ref.emplace(key, i).second) repeated.insert(key);
    }
    std::vector<Link> links;
    for (std::size_t i = begin; i < end; ++i) {
      if (items[i].ref.empty()) continue;
      auto found = by_ref.find(key_of(items[i].ref));
      if (found == by_ref.end() || repeated.count(found->first)) continue;
      if (could_refer_back(items[found->second], items[i])) links.push_back({i, found->second});
    }
    if (links.size() > best.size()) best = std::move(links);
  }
  if (best.size() < 2 || best.size() * 5 < with_ref * 3) return {};
  return best;
}

}  // namespace

std::string ref_of(const Item& item) {
  return item.ref.empty() ? leading_number(item.text) : item.ref;
}

bool could_refer_back(const Item& earlier, const Item& later) {
  const std::string ref = ref_of(earlier);
  if (ref.empty() || later.ref.empty() || key_of(ref) != key_of(later.ref)) return false;
  // A later table that only plans is another plan, however alike its actions are worded.
  if (!reports(later)) return false;
  if (similar_text(earlier.text, later.text)) return true;
  return plans(earlier) && !plans(later);
}

std::vector<Warning> merge_tables_that_refer_back(std::vector<Item>& items,
                                                  const std::vector<std::size_t>& table_starts) {
  std::vector<Warning> notes;
  std::vector<std::size_t> starts = table_starts;
  for (std::size_t table = 1; table < starts.size(); ++table) {
    auto links = links_of(items, starts, table);
    if (links.empty()) continue;
    const std::size_t end = table + 1 < starts.size() ? starts[table + 1] : items.size();
    const Location where = items[starts[table]].source;
    const std::string name = table_name(where);
    std::string refs;
    std::vector<bool> merged(items.size(), false);
    for (const auto& link : links) {
      update(items[link.earlier], items[link.later], name);
      merged[link.later] = true;
      refs += (refs.empty() ? "" : ", ") + items[link.later].ref;
    }
    const std::size_t own = (end - starts[table]) - links.size();
    Location location = where;
    location.row = 0;
    location.cells.clear();
    notes.push_back({"table-refers-back",
                     name + " refers to earlier items by their refs (" + refs +
                         "): its rows update those items rather than copy them" +
                         (own > 0 ? "; " + std::to_string(own) +
                                        " row(s) matched none and are items of their own"
                                  : std::string()),
                     location});
    std::size_t kept = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (merged[i]) continue;
      if (kept != i) items[kept] = std::move(items[i]);
      ++kept;
    }
    items.resize(kept);
    for (std::size_t later = table + 1; later < starts.size(); ++later)
      starts[later] -= links.size();
  }
  return notes;
}

}  // namespace trackport
