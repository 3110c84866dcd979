// What a document's styles (word/styles.xml) say about paragraphs: which are headings, which are
// bold, which carry list numbering.
#pragma once

#include <pugixml.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace trackport::docx {

// Outline levels used for section context: Title above Heading 1..9, a bold paragraph below all.
inline constexpr int kTitleLevel = 0;
inline constexpr int kBoldParagraphLevel = 10;

struct ListReference {
  int num_id = 0;  // 0 = explicitly not numbered
  int level = 0;
};

struct StyleFacts {
  std::optional<int> outline_level;  // kTitleLevel, or 1..9 for headings
  bool subtitle = false;             // Word's Subtitle style, or one based on it
  bool bold = false;
  std::optional<ListReference> list;
};

class Styles {
 public:
  Styles() = default;
  // Reads <w:styles>; follows w:basedOn so every style knows what it inherits.
  explicit Styles(const pugi::xml_node& styles_root);

  // Facts for a style id; an unknown id (or "") gives the default paragraph style's facts.
  const StyleFacts& facts(std::string_view style_id) const;

 private:
  struct RawStyle {
    std::string based_on;
    StyleFacts own;
    bool has_bold = false;
  };
  StyleFacts resolve(const std::string& id, int depth) const;

  std::map<std::string, RawStyle, std::less<>> raw_;
  std::map<std::string, StyleFacts, std::less<>> resolved_;
  StyleFacts default_paragraph_;
};

// The heading level a style name implies: "heading 2" -> 2, "Title" -> kTitleLevel.
std::optional<int> outline_level_from_name(std::string_view name);

}  // namespace trackport::docx
