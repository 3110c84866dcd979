#include "compare/matching.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "compare/similarity.hpp"
#include "model/text.hpp"

namespace trackport::compare {
namespace {

// What matching looks at in an item, computed once.
struct Prepared {
  std::string ref;    // normalised; empty when the item has none
  std::string theme;  // normalised
  TextFingerprint text;
  TextFingerprint measure;
};

// Some trackers put the action in the measure column and leave the text empty.
Prepared prepare(const Item& item) {
  Prepared prepared;
  prepared.ref = normalise_for_match(item.ref);
  prepared.theme = normalise_for_match(item.theme);
  prepared.text = fingerprint(item.text.empty() ? item.measure : item.text);
  prepared.measure = fingerprint(item.measure);
  return prepared;
}

std::vector<Prepared> prepare_all(const std::vector<Item>& items) {
  std::vector<Prepared> prepared;
  prepared.reserve(items.size());
  for (const auto& item : items) prepared.push_back(prepare(item));
  return prepared;
}

struct Candidate {
  std::size_t old_index = 0;
  std::size_t new_index = 0;
  double similarity = 0.0;
  bool same_theme = false;
  double measure_similarity = 0.0;
};

class Matcher {
 public:
  Matcher(const std::vector<Item>& old_items, const std::vector<Item>& new_items, double threshold)
      : old_(prepare_all(old_items)),
        new_(prepare_all(new_items)),
        threshold_(threshold),
        old_taken_(old_items.size(), false),
        new_match_(new_items.size()) {}

  std::vector<ItemMatch> run() {
    assign(same_ref_pairs(true), MatchMethod::ref_and_text);
    assign(identical_text_pairs(), MatchMethod::text);
    assign(similar_text_pairs(), MatchMethod::text);
    assign(same_ref_pairs(false), MatchMethod::ref);
    std::vector<ItemMatch> matches;
    for (const auto& match : new_match_) {
      if (match) matches.push_back(*match);
    }
    return matches;
  }

 private:
  Candidate candidate(std::size_t old_index, std::size_t new_index, double similarity) const {
    const Prepared& before = old_[old_index];
    const Prepared& after = new_[new_index];
    return {old_index, new_index, similarity, before.theme == after.theme,
            dice(before.measure, after.measure)};
  }

  bool free(std::size_t old_index, std::size_t new_index) const {
    return !old_taken_[old_index] && !new_match_[new_index];
  }

  // Pairs of free items that share a reference; with `similar_only`, only those whose texts are
  // also similar.
  std::vector<Candidate> same_ref_pairs(bool similar_only) const {
    std::unordered_map<std::string, std::vector<std::size_t>> old_by_ref;
    for (std::size_t i = 0; i < old_.size(); ++i) {
      if (!old_[i].ref.empty() && !old_taken_[i]) old_by_ref[old_[i].ref].push_back(i);
    }
    std::vector<Candidate> pairs;
    for (std::size_t j = 0; j < new_.size(); ++j) {
      if (new_[j].ref.empty() || new_match_[j]) continue;
      auto found = old_by_ref.find(new_[j].ref);
      if (found == old_by_ref.end()) continue;
      for (std::size_t i : found->second) {
        const double similarity = dice(old_[i].text, new_[j].text);
        if (!similar_only || similarity >= threshold_) pairs.push_back(candidate(i, j, similarity));
      }
    }
    return pairs;
  }

  // Unchanged texts, found by hashing: most items of a plan carry over word for word, and this
  // leaves few for the pairwise comparison below.
  std::vector<Candidate> identical_text_pairs() const {
    std::unordered_map<std::string_view, std::vector<std::size_t>> old_by_text;
    for (std::size_t i = 0; i < old_.size(); ++i) {
      if (!old_[i].text.empty() && !old_taken_[i])
        old_by_text[old_[i].text.normalised].push_back(i);
    }
    std::vector<Candidate> pairs;
    for (std::size_t j = 0; j < new_.size(); ++j) {
      if (new_[j].text.empty() || new_match_[j]) continue;
      auto found = old_by_text.find(new_[j].text.normalised);
      if (found == old_by_text.end()) continue;
      for (std::size_t i : found->second) pairs.push_back(candidate(i, j, 1.0));
    }
    return pairs;
  }

  // Every free pair at least `threshold_` similar. Old items are sorted by bigram count so that
  // each new item meets only those of a length that could reach the threshold, and the bigram
  // histograms rule out most of those before the exact count.
  std::vector<Candidate> similar_text_pairs() const {
    std::vector<std::size_t> old_free;
    for (std::size_t i = 0; i < old_.size(); ++i) {
      if (!old_[i].text.empty() && !old_taken_[i]) old_free.push_back(i);
    }
    auto length = [&](std::size_t i) { return old_[i].text.bigrams.size(); };
    std::sort(old_free.begin(), old_free.end(),
              [&](std::size_t a, std::size_t b) { return length(a) < length(b); });
    std::vector<Candidate> pairs;
    for (std::size_t j = 0; j < new_.size(); ++j) {
      const TextFingerprint& text = new_[j].text;
      if (text.empty() || new_match_[j]) continue;
      const std::size_t size = text.bigrams.size();
      // dice <= 2·min/(a+b) >= t  <=>  a within [b·t/(2−t), b·(2−t)/t].
      const auto shortest = static_cast<std::size_t>(
          std::ceil(static_cast<double>(size) * threshold_ / (2 - threshold_) - 1e-9));
      auto from = std::lower_bound(old_free.begin(), old_free.end(), shortest,
                                   [&](std::size_t i, std::size_t n) { return length(i) < n; });
      for (auto at = from; at != old_free.end(); ++at) {
        const TextFingerprint& other = old_[*at].text;
        if (dice_upper_bound(other.bigrams.size(), size) < threshold_) {
          if (other.bigrams.size() > size) break;
          continue;
        }
        if (dice_histogram_bound(other, text) < threshold_) continue;
        const double similarity = dice(other, text);
        if (similarity >= threshold_) pairs.push_back(candidate(*at, j, similarity));
      }
    }
    return pairs;
  }

  // Greedy, best pair first: each item takes its best partner unless a better pair took it.
  void assign(std::vector<Candidate> pairs, MatchMethod method) {
    auto distance = [](const Candidate& c) {
      return c.old_index > c.new_index ? c.old_index - c.new_index : c.new_index - c.old_index;
    };
    auto key = [&](const Candidate& c) {
      return std::make_tuple(-c.similarity, !c.same_theme, -c.measure_similarity, distance(c),
                             c.new_index, c.old_index);
    };
    std::sort(pairs.begin(), pairs.end(),
              [&](const Candidate& a, const Candidate& b) { return key(a) < key(b); });
    for (const auto& pair : pairs) {
      if (!free(pair.old_index, pair.new_index)) continue;
      old_taken_[pair.old_index] = true;
      new_match_[pair.new_index] =
          ItemMatch{pair.old_index, pair.new_index, method, pair.similarity};
    }
  }

  std::vector<Prepared> old_;
  std::vector<Prepared> new_;
  double threshold_;
  std::vector<bool> old_taken_;
  std::vector<std::optional<ItemMatch>> new_match_;
};

}  // namespace

std::vector<ItemMatch> match_items(const std::vector<Item>& old_items,
                                   const std::vector<Item>& new_items, double threshold) {
  return Matcher(old_items, new_items, threshold).run();
}

}  // namespace trackport::compare
