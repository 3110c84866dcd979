// Text similarity for matching items between periods: a Dice coefficient over character bigrams,
// like difflib's ratio in spirit but linear in the texts' length.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace trackport::compare {

// A text prepared once for many comparisons.
struct TextFingerprint {
  std::string normalised;              // normalise_for_match of the text
  std::vector<std::uint16_t> bigrams;  // byte bigrams of " normalised ", sorted

  // How many bigrams fall in each of 256 buckets: a summary cheap to compare. Only long texts
  // fill a bucket beyond 255; they are then compared in full (histogram_full).
  std::array<std::uint8_t, 256> histogram{};
  bool histogram_full = false;

  bool empty() const { return normalised.empty(); }
};

TextFingerprint fingerprint(std::string_view text);

// 2·|common bigrams| / (|a| + |b|), counting repeated bigrams as often as they occur. 0 when
// either text is empty.
double dice(const TextFingerprint& a, const TextFingerprint& b);

// The highest dice() two texts with these bigram counts can reach: how far apart their lengths
// are already rules a pair out without comparing the bigrams.
double dice_upper_bound(std::size_t a_bigrams, std::size_t b_bigrams);

// An upper bound of dice() from the histograms alone: two texts share no more bigrams in a
// bucket than the fewer of them has. A few dozen instructions instead of a merge of the bigrams.
double dice_histogram_bound(const TextFingerprint& a, const TextFingerprint& b);

}  // namespace trackport::compare
