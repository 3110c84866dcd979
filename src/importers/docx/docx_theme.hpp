// Theme colours (word/theme/theme1.xml) and cell shading (w:shd) resolved to a colour.
#pragma once

#include <pugixml.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "model/rating.hpp"

namespace trackport::docx {

class ThemeColours {
 public:
  ThemeColours() = default;
  // Reads a:theme/a:themeElements/a:clrScheme.
  explicit ThemeColours(const pugi::xml_node& theme_root);

  // A w:themeFill / w:themeColor value ("accent6", "background1", "text2", ...).
  std::optional<Rgb> find(std::string_view theme_name) const;

 private:
  std::map<std::string, Rgb, std::less<>> scheme_;  // dk1, lt1, dk2, lt2, accent1..6, hlink, ...
};

// Word's tint (towards white) and shade (towards black); `amount` is the hex byte of
// w:themeFillTint / w:themeFillShade (FF = unchanged).
Rgb apply_tint(Rgb colour, int amount);
Rgb apply_shade(Rgb colour, int amount);

// The fill colour of a w:shd element: a theme fill when the theme is known, else w:fill; a solid
// pattern shows w:color instead. "auto", "nil" and missing values give nullopt.
std::optional<Rgb> shading_fill(const pugi::xml_node& shd, const ThemeColours& theme);

// The colour of a w:color element (a run's text colour): its theme colour when the theme is
// known, else w:val. "auto" and missing values give nullopt.
std::optional<Rgb> text_colour(const pugi::xml_node& color, const ThemeColours& theme);

}  // namespace trackport::docx
