// Small pugixml helpers for WordprocessingML, matching elements and attributes by local name so
// that documents written with unusual namespace prefixes read the same.
#pragma once

#include <pugixml.hpp>

#include <string_view>

#include "importers/ooxml/package.hpp"

namespace trackport::docx {

inline bool is(const pugi::xml_node& node, std::string_view local) {
  return node.type() == pugi::node_element && local_name(node.name()) == local;
}

inline pugi::xml_node child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (is(c, local)) return c;
  }
  return {};
}

inline pugi::xml_attribute attr(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (local_name(a.name()) == local) return a;
  }
  return {};
}

inline std::string_view attr_value(const pugi::xml_node& node, std::string_view local) {
  return attr(node, local).value();
}

// An on/off property such as <w:b/>, <w:b w:val="false"/>, <w:tblHeader w:val="0"/>.
inline bool is_on(const pugi::xml_node& property) {
  if (!property) return false;
  std::string_view value = attr_value(property, "val");
  return value != "0" && value != "false" && value != "off";
}

// w:val as an integer, or `fallback` when absent or not a number.
int int_value(const pugi::xml_node& node, int fallback);

}  // namespace trackport::docx
