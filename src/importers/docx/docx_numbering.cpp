#include "importers/docx/docx_numbering.hpp"

#include <algorithm>

#include "importers/docx/docx_xml.hpp"

namespace trackport::docx {

namespace {

// One <w:lvl> into its slot (by w:ilvl).
template <typename Levels>
void read_level(const pugi::xml_node& lvl, Levels& levels) {
  auto index = static_cast<std::size_t>(std::clamp(attr(lvl, "ilvl").as_int(0), 0, 8));
  auto& level = levels[index];
  if (pugi::xml_node fmt = child(lvl, "numFmt")) level.format = attr_value(fmt, "val");
  if (pugi::xml_node text = child(lvl, "lvlText")) level.text = attr_value(text, "val");
  level.start = int_value(child(lvl, "start"), 1);
}

std::string roman(int value) {
  static constexpr std::array<std::pair<int, const char*>, 13> kParts = {{{1000, "m"},
                                                                          {900, "cm"},
                                                                          {500, "d"},
                                                                          {400, "cd"},
                                                                          {100, "c"},
                                                                          {90, "xc"},
                                                                          {50, "l"},
                                                                          {40, "xl"},
                                                                          {10, "x"},
                                                                          {9, "ix"},
                                                                          {5, "v"},
                                                                          {4, "iv"},
                                                                          {1, "i"}}};
  if (value <= 0 || value >= 4000) return std::to_string(value);
  std::string out;
  for (const auto& [amount, letters] : kParts) {
    while (value >= amount) {
      out += letters;
      value -= amount;
    }
  }
  return out;
}

std::string letters(int value) {
  // Word repeats the letter: a..z, aa..zz, aaa...
  if (value <= 0) return std::to_string(value);
  int repeat = (value - 1) / 26 + 1;
  return std::string(static_cast<std::size_t>(std::min(repeat, 10)),
                     static_cast<char>('a' + (value - 1) % 26));
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

}  // namespace

std::string format_counter(int value, const std::string& format) {
  if (format == "lowerLetter") return letters(value);
  if (format == "upperLetter") return upper(letters(value));
  if (format == "lowerRoman") return roman(value);
  if (format == "upperRoman") return upper(roman(value));
  if (format == "decimalZero" && value >= 0 && value < 10) return "0" + std::to_string(value);
  return std::to_string(value);
}

Numbering::Numbering(const pugi::xml_node& numbering_root) {
  for (pugi::xml_node node = numbering_root.first_child(); node; node = node.next_sibling()) {
    if (is(node, "abstractNum")) {
      Levels& levels = abstract_[attr(node, "abstractNumId").as_int(-1)];
      for (pugi::xml_node lvl = node.first_child(); lvl; lvl = lvl.next_sibling()) {
        if (is(lvl, "lvl")) read_level(lvl, levels);
      }
    }
  }
  for (pugi::xml_node node = numbering_root.first_child(); node; node = node.next_sibling()) {
    if (!is(node, "num")) continue;
    List list;
    int abstract_id = int_value(child(node, "abstractNumId"), -1);
    if (auto it = abstract_.find(abstract_id); it != abstract_.end()) list.levels = it->second;
    for (pugi::xml_node over = node.first_child(); over; over = over.next_sibling()) {
      if (!is(over, "lvlOverride")) continue;
      auto index = static_cast<std::size_t>(std::clamp(attr(over, "ilvl").as_int(0), 0, 8));
      if (pugi::xml_node lvl = child(over, "lvl")) read_level(lvl, list.levels);
      if (pugi::xml_node start = child(over, "startOverride")) {
        list.levels[index].start = int_value(start, 1);
      }
    }
    lists_[attr(node, "numId").as_int(-1)] = std::move(list);
  }
}

std::string Numbering::next_label(int num_id, int level) {
  if (num_id == 0) return "";
  auto it = lists_.find(num_id);
  if (it == lists_.end()) return "• ";  // numbering part missing or damaged: still a list entry
  List& list = it->second;
  auto index = static_cast<std::size_t>(std::clamp(level, 0, 8));
  const Level& def = list.levels[index];
  list.counters[index] = list.started[index] ? list.counters[index] + 1 : def.start;
  list.started[index] = true;
  for (std::size_t deeper = index + 1; deeper < list.started.size(); ++deeper) {
    list.started[deeper] = false;
  }
  if (def.format == "bullet") return "• ";
  if (def.format == "none" || def.text.empty()) return "";
  std::string label;
  for (std::size_t i = 0; i < def.text.size(); ++i) {
    char c = def.text[i];
    if (c == '%' && i + 1 < def.text.size() && def.text[i + 1] >= '1' && def.text[i + 1] <= '9') {
      auto ref = static_cast<std::size_t>(def.text[i + 1] - '1');
      const Level& referenced = list.levels[ref];
      int value = list.started[ref] ? list.counters[ref] : referenced.start;
      label += format_counter(value, ref == index ? def.format : referenced.format);
      ++i;
    } else {
      label.push_back(c);
    }
  }
  return label + " ";
}

}  // namespace trackport::docx
