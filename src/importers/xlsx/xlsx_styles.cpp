#include "importers/xlsx/xlsx_styles.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>

#include "grid/excel_palette.hpp"
#include "importers/ooxml/package.hpp"

namespace trackport {

namespace {

int int_attribute(pugi::xml_node node, const char* name, int fallback) {
  const char* text = node.attribute(name).value();
  int value = fallback;
  auto [end, ec] = std::from_chars(text, text + std::char_traits<char>::length(text), value);
  return ec == std::errc{} ? value : fallback;
}

// Children by local name, so prefixed and unprefixed parts read the same.
pugi::xml_node child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c : node.children()) {
    if (local_name(c.name()) == name) return c;
  }
  return {};
}

struct Palette {
  const std::vector<Rgb>& indexed;  // the file's own <indexedColors>, else the standard palette
  const std::vector<Rgb>& theme;
};

// A CT_Color: rgb (ARGB), indexed, theme (+ tint); auto colours carry no fill.
std::optional<Rgb> resolve_colour(pugi::xml_node colour, const Palette& palette) {
  if (!colour) return std::nullopt;
  std::optional<Rgb> base;
  if (auto rgb = colour.attribute("rgb")) {
    base = parse_hex_colour(rgb.value());
  } else if (auto theme = colour.attribute("theme")) {
    int index = theme.as_int(-1);
    if (index >= 0 && static_cast<std::size_t>(index) < palette.theme.size()) {
      base = palette.theme[static_cast<std::size_t>(index)];
    }
  } else if (auto indexed = colour.attribute("indexed")) {
    int index = indexed.as_int(-1);
    if (index >= 0 && static_cast<std::size_t>(index) < palette.indexed.size()) {
      base = palette.indexed[static_cast<std::size_t>(index)];
    }
  }
  if (!base) return std::nullopt;
  double tint = colour.attribute("tint").as_double(0.0);
  return tint != 0.0 ? apply_tint(*base, tint) : *base;
}

// Only solid pattern fills colour a cell; hatch patterns and gradients are decoration.
std::optional<Rgb> solid_fill(pugi::xml_node fill, const Palette& palette) {
  pugi::xml_node pattern = child(fill, "patternFill");
  if (!pattern) return std::nullopt;
  if (std::string_view(pattern.attribute("patternType").value()) != "solid") return std::nullopt;
  if (auto colour = resolve_colour(child(pattern, "fgColor"), palette)) return colour;
  return resolve_colour(child(pattern, "bgColor"), palette);
}

// A <font>'s colour; automatic colours (auto="1", no colour) give none.
std::optional<Rgb> font_colour(pugi::xml_node font, const Palette& palette) {
  pugi::xml_node colour = child(font, "color");
  if (!colour || colour.attribute("auto").as_bool(false)) return std::nullopt;
  return resolve_colour(colour, palette);
}

// A differential fill: a patternFill whose pattern type may be left out (solid, then), coloured
// by its bgColor (its fgColor for a pattern set explicitly to solid).
std::optional<Rgb> differential_fill(pugi::xml_node fill, const Palette& palette) {
  pugi::xml_node pattern = child(fill, "patternFill");
  if (!pattern) return std::nullopt;
  std::string_view type = pattern.attribute("patternType").value();
  if (!type.empty() && type != "solid") return std::nullopt;
  if (auto colour = resolve_colour(child(pattern, "bgColor"), palette)) return colour;
  return resolve_colour(child(pattern, "fgColor"), palette);
}

std::vector<Rgb> file_palette(pugi::xml_node style_sheet) {
  std::vector<Rgb> palette;
  for (std::uint32_t value : kExcelIndexedPalette) palette.push_back(rgb_of(value));
  palette.push_back(rgb_of(0x000000));  // 64: system foreground
  palette.push_back(rgb_of(0xFFFFFF));  // 65: system background
  pugi::xml_node custom = child(child(style_sheet, "colors"), "indexedColors");
  std::size_t index = 0;
  for (pugi::xml_node colour : custom.children()) {
    if (local_name(colour.name()) != "rgbColor") continue;
    if (index < palette.size()) {
      if (auto rgb = parse_hex_colour(colour.attribute("rgb").value())) palette[index] = *rgb;
    }
    ++index;
  }
  return palette;
}

double hue_to_channel(double p, double q, double t) {
  if (t < 0) t += 1;
  if (t > 1) t -= 1;
  if (t < 1.0 / 6) return p + (q - p) * 6 * t;
  if (t < 1.0 / 2) return q;
  if (t < 2.0 / 3) return p + (q - p) * (2.0 / 3 - t) * 6;
  return p;
}

std::uint8_t to_byte(double channel) {
  return static_cast<std::uint8_t>(std::clamp(std::lround(channel * 255.0), 0L, 255L));
}

}  // namespace

Rgb apply_tint(Rgb colour, double tint) {
  double r = colour.r / 255.0;
  double g = colour.g / 255.0;
  double b = colour.b / 255.0;
  double high = std::max({r, g, b});
  double low = std::min({r, g, b});
  double lightness = (high + low) / 2;
  double hue = 0;
  double saturation = 0;
  if (high != low) {
    double d = high - low;
    saturation = lightness > 0.5 ? d / (2 - high - low) : d / (high + low);
    if (high == r) {
      hue = (g - b) / d + (g < b ? 6 : 0);
    } else if (high == g) {
      hue = (b - r) / d + 2;
    } else {
      hue = (r - g) / d + 4;
    }
    hue /= 6;
  }
  lightness = tint < 0 ? lightness * (1 + tint) : lightness * (1 - tint) + tint;
  lightness = std::clamp(lightness, 0.0, 1.0);
  if (saturation == 0) return Rgb{to_byte(lightness), to_byte(lightness), to_byte(lightness)};
  double q = lightness < 0.5 ? lightness * (1 + saturation)
                             : lightness + saturation - lightness * saturation;
  double p = 2 * lightness - q;
  return Rgb{to_byte(hue_to_channel(p, q, hue + 1.0 / 3)), to_byte(hue_to_channel(p, q, hue)),
             to_byte(hue_to_channel(p, q, hue - 1.0 / 3))};
}

std::optional<Rgb> indexed_colour(int index) {
  if (index >= 0 && index < 64)
    return rgb_of(kExcelIndexedPalette[static_cast<std::size_t>(index)]);
  if (index == 64) return rgb_of(0x000000);
  if (index == 65) return rgb_of(0xFFFFFF);
  return std::nullopt;
}

std::vector<Rgb> parse_theme_colours(std::string& xml) {
  pugi::xml_document doc;
  parse_part_in_place(doc, xml, "theme");
  pugi::xml_node scheme = child(child(doc.document_element(), "themeElements"), "clrScheme");
  std::map<std::string, Rgb, std::less<>> named;
  for (pugi::xml_node entry : scheme.children()) {
    for (pugi::xml_node colour : entry.children()) {
      std::string_view kind = local_name(colour.name());
      std::optional<Rgb> rgb;
      if (kind == "srgbClr") rgb = parse_hex_colour(colour.attribute("val").value());
      if (kind == "sysClr") rgb = parse_hex_colour(colour.attribute("lastClr").value());
      if (rgb) named[std::string(local_name(entry.name()))] = *rgb;
    }
  }
  static constexpr std::array<std::string_view, 12> kOrder = {
      "lt1",     "dk1",     "lt2",     "dk2",     "accent1", "accent2",
      "accent3", "accent4", "accent5", "accent6", "hlink",   "folHlink"};
  std::vector<Rgb> colours;
  for (std::string_view name : kOrder) {
    auto it = named.find(name);
    colours.push_back(it != named.end() ? it->second : Rgb{});
  }
  return colours;
}

const XlsxCellStyle& XlsxStyles::at(std::size_t index) const {
  static const XlsxCellStyle plain;
  return index < cells.size() ? cells[index] : plain;
}

std::optional<Rgb> XlsxStyles::colour(pugi::xml_node node) const {
  return resolve_colour(node, Palette{indexed, theme});
}

XlsxStyles parse_styles(std::string& xml, const std::vector<Rgb>& theme_colours) {
  pugi::xml_document doc;
  parse_part_in_place(doc, xml, "styles");
  pugi::xml_node root = doc.document_element();
  XlsxStyles styles;
  styles.indexed = file_palette(root);
  styles.theme = theme_colours;
  Palette palette{styles.indexed, styles.theme};

  std::map<int, std::string> custom_formats;
  for (pugi::xml_node format : child(root, "numFmts").children()) {
    custom_formats[int_attribute(format, "numFmtId", -1)] = format.attribute("formatCode").value();
  }
  std::vector<std::optional<Rgb>> fills;
  for (pugi::xml_node fill : child(root, "fills").children()) {
    if (local_name(fill.name()) == "fill") fills.push_back(solid_fill(fill, palette));
  }

  std::vector<std::optional<Rgb>> fonts;
  for (pugi::xml_node font : child(root, "fonts").children()) {
    if (local_name(font.name()) == "font") fonts.push_back(font_colour(font, palette));
  }
  for (pugi::xml_node dxf : child(root, "dxfs").children()) {
    if (local_name(dxf.name()) != "dxf") continue;
    styles.dxfs.push_back(
        {differential_fill(child(dxf, "fill"), palette), font_colour(child(dxf, "font"), palette)});
  }
  for (pugi::xml_node xf : child(root, "cellXfs").children()) {
    if (local_name(xf.name()) != "xf") continue;
    XlsxCellStyle style;
    int fill_id = int_attribute(xf, "fillId", 0);
    if (fill_id >= 0 && static_cast<std::size_t>(fill_id) < fills.size()) {
      style.fill = fills[static_cast<std::size_t>(fill_id)];
    }
    int font_id = int_attribute(xf, "fontId", 0);
    if (font_id >= 0 && static_cast<std::size_t>(font_id) < fonts.size()) {
      style.font = fonts[static_cast<std::size_t>(font_id)];
    }
    int format_id = int_attribute(xf, "numFmtId", 0);
    auto custom = custom_formats.find(format_id);
    style.number_format = custom != custom_formats.end()
                              ? custom->second
                              : std::string(builtin_number_format(format_id));
    if (is_date_format(custom != custom_formats.end() ? -1 : format_id, style.number_format)) {
      style.date_format.emplace(style.number_format);
    }
    styles.cells.push_back(std::move(style));
  }
  return styles;
}

}  // namespace trackport
