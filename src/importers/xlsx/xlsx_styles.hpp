// styles.xml and theme1.xml: for each cell style (cellXfs index), its solid fill colour, its font
// colour and how its numbers are shown; the differential styles conditional formats apply. (A
// font colour is only ever read as a rating in a rating column: red text elsewhere is just red.)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "grid/number_format.hpp"
#include "model/rating.hpp"

namespace trackport {

struct XlsxCellStyle {
  std::optional<Rgb> fill;
  std::optional<Rgb> font;                // the font's colour, unless automatic
  std::string number_format;              // the format code; "" for General
  std::optional<DateFormat> date_format;  // set when the format shows dates or times
};

// What a conditional format's rule applies (a <dxf>).
struct XlsxDifferentialStyle {
  std::optional<Rgb> fill;
  std::optional<Rgb> font;
};

struct XlsxStyles {
  std::vector<XlsxCellStyle> cells;         // by the cell's s attribute
  std::vector<XlsxDifferentialStyle> dxfs;  // by a cfRule's dxfId
  std::vector<Rgb> indexed;                 // the file's indexed palette
  std::vector<Rgb> theme;                   // the theme's colours, as colours index them

  // The style for a cell's s attribute; a default style for unknown indexes.
  const XlsxCellStyle& at(std::size_t index) const;
  // A CT_Color element (rgb, indexed, or theme with a tint) as a colour; nullopt for automatic.
  std::optional<Rgb> colour(pugi::xml_node colour) const;
};

// The theme's colours in the order cell colours index them: lt1, dk1, lt2, dk2, accent1..6,
// hlink, folHlink (Excel swaps the first two pairs relative to the file). `xml` is parsed in
// place.
std::vector<Rgb> parse_theme_colours(std::string& xml);

// `xml` is parsed in place.
XlsxStyles parse_styles(std::string& xml, const std::vector<Rgb>& theme_colours);

// Applies a theme tint (-1..1) to a colour, as Excel does: in HSL, towards black or white.
Rgb apply_tint(Rgb colour, double tint);

}  // namespace trackport
