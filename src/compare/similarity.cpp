#include "compare/similarity.hpp"

#include <algorithm>

#include "model/text.hpp"

namespace trackport::compare {

TextFingerprint fingerprint(std::string_view text) {
  TextFingerprint print;
  print.normalised = normalise_for_match(text);
  if (print.empty()) return print;
  // Padding with spaces gives the first and last characters a bigram of their own, so one-letter
  // texts still have one and word starts weigh as much as word ends.
  const std::string padded = " " + print.normalised + " ";
  print.bigrams.reserve(padded.size() - 1);
  for (std::size_t i = 0; i + 1 < padded.size(); ++i) {
    const auto first = static_cast<unsigned char>(padded[i]);
    const auto second = static_cast<unsigned char>(padded[i + 1]);
    print.bigrams.push_back(static_cast<std::uint16_t>(first << 8 | second));
  }
  std::sort(print.bigrams.begin(), print.bigrams.end());
  for (auto bigram : print.bigrams) {
    // Fibonacci hashing spreads the bigrams of ordinary text evenly over the buckets.
    const auto bucket = static_cast<std::uint8_t>((bigram * 40503u) >> 8);
    auto& count = print.histogram[bucket];
    if (count == 255) {
      print.histogram_full = true;
    } else {
      ++count;
    }
  }
  return print;
}

double dice(const TextFingerprint& a, const TextFingerprint& b) {
  if (a.empty() || b.empty()) return 0.0;
  if (a.normalised == b.normalised) return 1.0;
  std::size_t common = 0;
  auto left = a.bigrams.begin(), right = b.bigrams.begin();
  while (left != a.bigrams.end() && right != b.bigrams.end()) {
    if (*left < *right) {
      ++left;
    } else if (*right < *left) {
      ++right;
    } else {
      ++common;
      ++left;
      ++right;
    }
  }
  return 2.0 * static_cast<double>(common) /
         static_cast<double>(a.bigrams.size() + b.bigrams.size());
}

double dice_upper_bound(std::size_t a_bigrams, std::size_t b_bigrams) {
  if (a_bigrams + b_bigrams == 0) return 0.0;
  return 2.0 * static_cast<double>(std::min(a_bigrams, b_bigrams)) /
         static_cast<double>(a_bigrams + b_bigrams);
}

}  // namespace trackport::compare

namespace trackport::compare {

double dice_histogram_bound(const TextFingerprint& a, const TextFingerprint& b) {
  if (a.empty() || b.empty()) return 0.0;
  if (a.histogram_full || b.histogram_full) return 1.0;
  unsigned common = 0;
  for (std::size_t bucket = 0; bucket < a.histogram.size(); ++bucket) {
    common += std::min(a.histogram[bucket], b.histogram[bucket]);
  }
  return 2.0 * common / static_cast<double>(a.bigrams.size() + b.bigrams.size());
}

}  // namespace trackport::compare
