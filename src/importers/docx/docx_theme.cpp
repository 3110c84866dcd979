#include "importers/docx/docx_theme.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "importers/docx/docx_xml.hpp"

namespace trackport::docx {

namespace {

std::uint8_t blend(double value) {
  return static_cast<std::uint8_t>(std::clamp(value + 0.5, 0.0, 255.0));
}

std::optional<int> hex_byte(std::string_view text) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 0 || value > 255) {
    return std::nullopt;
  }
  return value;
}

// WordprocessingML's names for the scheme's slots.
std::string_view scheme_slot(std::string_view theme_name) {
  struct Alias {
    std::string_view word;
    std::string_view slot;
  };
  static constexpr std::array<Alias, 8> kAliases = {{{"dark1", "dk1"},
                                                     {"light1", "lt1"},
                                                     {"dark2", "dk2"},
                                                     {"light2", "lt2"},
                                                     {"text1", "dk1"},
                                                     {"background1", "lt1"},
                                                     {"text2", "dk2"},
                                                     {"background2", "lt2"}}};
  for (const Alias& alias : kAliases) {
    if (alias.word == theme_name) return alias.slot;
  }
  if (theme_name == "hyperlink") return "hlink";
  if (theme_name == "followedHyperlink") return "folHlink";
  return theme_name;  // accent1..accent6
}

}  // namespace

ThemeColours::ThemeColours(const pugi::xml_node& theme_root) {
  pugi::xml_node scheme = child(child(theme_root, "themeElements"), "clrScheme");
  for (pugi::xml_node slot = scheme.first_child(); slot; slot = slot.next_sibling()) {
    if (slot.type() != pugi::node_element) continue;
    std::optional<Rgb> colour;
    if (pugi::xml_node srgb = child(slot, "srgbClr")) {
      colour = parse_hex_colour(attr_value(srgb, "val"));
    } else if (pugi::xml_node sys = child(slot, "sysClr")) {
      colour = parse_hex_colour(attr_value(sys, "lastClr"));
    }
    if (colour) scheme_[std::string(local_name(slot.name()))] = *colour;
  }
}

std::optional<Rgb> ThemeColours::find(std::string_view theme_name) const {
  if (auto it = scheme_.find(scheme_slot(theme_name)); it != scheme_.end()) return it->second;
  return std::nullopt;
}

Rgb apply_tint(Rgb colour, int amount) {
  double keep = std::clamp(amount, 0, 255) / 255.0;
  auto tint = [keep](std::uint8_t c) { return blend(255.0 - (255.0 - c) * keep); };
  return {tint(colour.r), tint(colour.g), tint(colour.b)};
}

Rgb apply_shade(Rgb colour, int amount) {
  double keep = std::clamp(amount, 0, 255) / 255.0;
  auto shade = [keep](std::uint8_t c) { return blend(c * keep); };
  return {shade(colour.r), shade(colour.g), shade(colour.b)};
}

std::optional<Rgb> shading_fill(const pugi::xml_node& shd, const ThemeColours& theme) {
  if (!shd) return std::nullopt;
  std::string_view pattern = attr_value(shd, "val");
  if (pattern == "nil") return std::nullopt;
  // A "solid" pattern paints the foreground colour over the whole cell.
  bool solid = pattern == "solid";
  std::string_view theme_name = attr_value(shd, solid ? "themeColor" : "themeFill");
  if (!theme_name.empty()) {
    if (std::optional<Rgb> colour = theme.find(theme_name)) {
      if (auto tint = hex_byte(attr_value(shd, solid ? "themeTint" : "themeFillTint"))) {
        *colour = apply_tint(*colour, *tint);
      }
      if (auto shade = hex_byte(attr_value(shd, solid ? "themeShade" : "themeFillShade"))) {
        *colour = apply_shade(*colour, *shade);
      }
      return colour;
    }
  }
  return parse_hex_colour(attr_value(shd, solid ? "color" : "fill"));
}

std::optional<Rgb> text_colour(const pugi::xml_node& color, const ThemeColours& theme) {
  if (!color) return std::nullopt;
  std::string_view theme_name = attr_value(color, "themeColor");
  if (!theme_name.empty()) {
    if (std::optional<Rgb> colour = theme.find(theme_name)) {
      if (auto tint = hex_byte(attr_value(color, "themeTint")))
        *colour = apply_tint(*colour, *tint);
      if (auto shade = hex_byte(attr_value(color, "themeShade"))) {
        *colour = apply_shade(*colour, *shade);
      }
      return colour;
    }
  }
  return parse_hex_colour(attr_value(color, "val"));
}

}  // namespace trackport::docx
