// Header patterns: how a mapping names a source column.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mapping/regex.hpp"

namespace trackport {

// One way of recognising a header text:
//  - plain text: equal after normalise_for_match (case, punctuation and spacing ignored);
//  - text with '*': a glob over the normalised header ("status*" matches "Status (please choose)");
//  - "/regex/": a regular expression (RE2 syntax, linear time), case-insensitive, searched
//    in the header with its whitespace collapsed;
//  - "(blank)": a column whose header cell is empty (e.g. a row-label column).
class HeaderPattern {
 public:
  // Throws std::invalid_argument for an empty pattern or a bad regex.
  explicit HeaderPattern(std::string_view spec);

  bool matches(std::string_view header) const;
  // The same, given the header already normalised (normalise_for_match): a header tried against
  // many patterns is normalised once.
  bool matches(std::string_view header, std::string_view normalised) const;
  bool matches_blank() const { return kind_ == Kind::blank; }
  // The pattern as written in the mapping file.
  const std::string& spec() const { return spec_; }

 private:
  enum class Kind { exact, glob, regex, blank };
  Kind kind_ = Kind::exact;
  std::string spec_;
  std::string normalised_;           // exact
  std::vector<std::string> pieces_;  // glob: normalised pieces between '*'
  bool anchored_start_ = true, anchored_end_ = true;
  std::optional<Regex> regex_;
};

// True when any pattern matches.
bool any_matches(const std::vector<HeaderPattern>& patterns, std::string_view header);
bool any_matches(const std::vector<HeaderPattern>& patterns, std::string_view header,
                 std::string_view normalised);

}  // namespace trackport
