#include "importers/docx/docx_xml.hpp"

#include <charconv>

namespace trackport::docx {

int int_value(const pugi::xml_node& node, int fallback) {
  std::string_view text = attr_value(node, "val");
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr == text.data()) return fallback;
  return value;
}

}  // namespace trackport::docx
