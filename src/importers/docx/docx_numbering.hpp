// List numbering (word/numbering.xml): which list paragraphs are bullets and what number a
// numbered one shows. Counters advance as paragraphs are read, in document order.
#pragma once

#include <pugixml.hpp>

#include <array>
#include <map>
#include <string>

namespace trackport::docx {

class Numbering {
 public:
  Numbering() = default;
  explicit Numbering(const pugi::xml_node& numbering_root);

  // The text a list paragraph starts with: "• " for bullets, "3. " or "(b) " for numbered
  // levels, "" for num_id 0 or a level that shows nothing. Advances the list's counters.
  std::string next_label(int num_id, int level);

 private:
  struct Level {
    std::string format = "bullet";  // w:numFmt: bullet, decimal, lowerLetter, upperRoman, ...
    std::string text;               // w:lvlText, e.g. "%1." or "(%2)"
    int start = 1;
  };
  using Levels = std::array<Level, 9>;
  struct List {
    Levels levels;
    std::array<int, 9> counters{};
    std::array<bool, 9> started{};
  };

  std::map<int, Levels> abstract_;
  std::map<int, List> lists_;  // by w:numId
};

// A counter in a numbering format: 3 -> "3", "c", "C", "iii", "III".
std::string format_counter(int value, const std::string& format);

}  // namespace trackport::docx
