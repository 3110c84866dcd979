// Regular expressions that cannot hang or crash on what they read.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace trackport {

// A regular expression run by RE2: time linear in the text whatever the pattern, and no
// recursion on the text. Mapping files come from anywhere (a trackport.yaml inside an input
// folder is enough to supply one), and std::regex both backtracks exponentially on patterns
// such as "(.|\s)*QQQ" and overflows the stack on long cells. What RE2 cannot run in linear
// time (back-references, look-around) is refused when the pattern is made.
class Regex {
 public:
  enum class Case { sensitive, insensitive };

  // Throws std::invalid_argument saying what is wrong with the pattern.
  explicit Regex(std::string_view pattern, Case letter_case = Case::insensitive);

  // True when the pattern matches somewhere in the text.
  bool search(std::string_view text) const;
  // True when the pattern matches the whole text.
  bool full_match(std::string_view text) const;
  // The first match: the whole match, then each group (empty when a group took no part).
  std::optional<std::vector<std::string_view>> find(std::string_view text) const;
  // The text with its first match removed.
  std::string erase_first(std::string_view text) const;

  const std::string& pattern() const { return pattern_; }

 private:
  std::string pattern_;
  std::shared_ptr<const re2::RE2> re_;  // shared: RE2 is not copyable, mappings are
};

}  // namespace trackport
