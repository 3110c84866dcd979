// styles.xml and theme1.xml: for each cell style (cellXfs index), its solid fill colour and how
// its numbers are shown. Font colours are deliberately not read: red text is not a rating.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "grid/number_format.hpp"
#include "model/rating.hpp"

namespace trackport {

struct XlsxCellStyle {
  std::optional<Rgb> fill;
  std::string number_format;              // the format code; "" for General
  std::optional<DateFormat> date_format;  // set when the format shows dates or times
};

struct XlsxStyles {
  std::vector<XlsxCellStyle> cells;  // by the cell's s attribute

  // The style for a cell's s attribute; a default style for unknown indexes.
  const XlsxCellStyle& at(std::size_t index) const;
};

// The theme's colours in the order cell colours index them: lt1, dk1, lt2, dk2, accent1..6,
// hlink, folHlink (Excel swaps the first two pairs relative to the file). `xml` is parsed in
// place.
std::vector<Rgb> parse_theme_colours(std::string& xml);

// `xml` is parsed in place.
XlsxStyles parse_styles(std::string& xml, const std::vector<Rgb>& theme_colours);

// Applies a theme tint (-1..1) to a colour, as Excel does: in HSL, towards black or white.
Rgb apply_tint(Rgb colour, double tint);

// The standard 64-colour palette of indexed colours (and 64/65: system foreground/background).
std::optional<Rgb> indexed_colour(int index);

}  // namespace trackport
