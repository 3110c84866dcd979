#include "mapping/pattern.hpp"

#include <stdexcept>

#include "model/text.hpp"

namespace trackport {

namespace {

std::vector<std::string> split_glob(std::string_view spec) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  while (true) {
    auto star = spec.find('*', start);
    pieces.push_back(normalise_for_match(spec.substr(start, star - start)));
    if (star == std::string_view::npos) break;
    start = star + 1;
  }
  return pieces;
}

// Matches the normalised pieces in order: plain substring semantics, so "lead*" also matches
// "leadership"; the first piece must start the text and the last end it unless the pattern
// starts or ends with '*'.
bool glob_matches(const std::vector<std::string>& pieces, bool anchored_start, bool anchored_end,
                  std::string_view text) {
  std::size_t pos = 0;
  const std::size_t count = pieces.size();
  for (std::size_t i = 0; i < count; ++i) {
    const std::string& piece = pieces[i];
    if (i == 0 && anchored_start) {
      if (!text.starts_with(piece)) return false;
      pos = piece.size();
      continue;
    }
    if (i + 1 == count && anchored_end) {
      return text.size() >= pos + piece.size() && text.ends_with(piece);
    }
    if (piece.empty()) continue;
    auto found = text.find(piece, pos);
    if (found == std::string_view::npos) return false;
    pos = found + piece.size();
  }
  return true;
}

}  // namespace

HeaderPattern::HeaderPattern(std::string_view spec) : spec_(spec) {
  if (spec.empty()) throw std::invalid_argument("empty header pattern");
  if (spec == "(blank)") {
    kind_ = Kind::blank;
  } else if (spec.size() >= 2 && spec.front() == '/' && spec.back() == '/') {
    kind_ = Kind::regex;
    regex_.emplace(spec.substr(1, spec.size() - 2));
  } else if (spec.find('*') != std::string_view::npos) {
    kind_ = Kind::glob;
    pieces_ = split_glob(spec);
    anchored_start_ = spec.front() != '*';
    anchored_end_ = spec.back() != '*';
  } else {
    normalised_ = normalise_for_match(spec);
    if (normalised_.empty()) throw std::invalid_argument("header pattern has no letters: " + spec_);
  }
}

bool HeaderPattern::matches(std::string_view header) const {
  if (kind_ == Kind::exact || kind_ == Kind::glob) {
    return matches(header, normalise_for_match(header));
  }
  return matches(header, {});
}

bool HeaderPattern::matches(std::string_view header, std::string_view normalised) const {
  switch (kind_) {
    case Kind::blank:
      return collapse_whitespace(header).empty();
    case Kind::exact:
      return normalised == normalised_;
    case Kind::glob:
      return !normalised.empty() &&
             glob_matches(pieces_, anchored_start_, anchored_end_, normalised);
    case Kind::regex: {
      return regex_->search(collapse_whitespace(header));
    }
  }
  return false;
}

bool any_matches(const std::vector<HeaderPattern>& patterns, std::string_view header,
                 std::string_view normalised) {
  for (const auto& pattern : patterns) {
    if (pattern.matches(header, normalised)) return true;
  }
  return false;
}

bool any_matches(const std::vector<HeaderPattern>& patterns, std::string_view header) {
  return any_matches(patterns, header, normalise_for_match(header));
}

}  // namespace trackport
