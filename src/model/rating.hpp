// RAG ratings: parsing from printed text and from a cell's fill colour.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Installed with the library's API (include/trackport/export.hpp): exported from libtrackport.so.
#pragma GCC visibility push(default)

namespace trackport {

enum class Rating { none, red, amber, green, blue, amber_red, amber_green };

// Where an assessment's rating was read: the cell's text, its background fill, the colour of its
// text or symbol ("●" in green), or a spreadsheet's conditional formatting.
enum class RatingSource { text, fill, font, format };

// "text", "fill", "font", "format".
std::string_view rating_source_name(RatingSource source);
// Inverse of rating_source_name; nullopt for anything else.
std::optional<RatingSource> rating_source_from_name(std::string_view name);

// The model's spelling: "red", "amber-green", ... "none".
std::string_view rating_name(Rating rating);
// Inverse of rating_name (exact, lower case); nullopt for anything else.
std::optional<Rating> rating_from_name(std::string_view name);
// A label for people: "Red", "Amber/Green", ... "" for none.
std::string_view rating_label(Rating rating);
// Severity for ordering, worst first: red 0, amber-red 1, amber 2, amber-green 3, green 4, blue 5,
// none 6.
int rating_severity(Rating rating);

// Parses a printed rating: "R", "Red", "RED", "A/G", "Amber/Green", "Amber-Red", "Blue",
// "C" and "Complete" (blue), the status words of programme offices ("On track" green, "At risk"
// and "Delayed" amber, "Off track" red, "Not started" and "Not due" none), the coloured circle
// emoji, "G (on track)" ... Returns nullopt when the text is not a rating (empty text, prose).
// "No information available" and "N/A" give Rating::none. mappings/README.md lists every form.
std::optional<Rating> parse_rating(std::string_view text);

// True for a text made only of symbols whose colour is the rating ("●", "■", "▲ ▲"): the cell's
// font or fill says what it means.
bool is_rating_symbol(std::string_view text);

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

// "#RRGGBB" upper case.
std::string to_hex(Rgb colour);
// Accepts "RRGGBB", "#RRGGBB", "AARRGGBB" (alpha ignored), "#RGB"; nullopt otherwise.
std::optional<Rgb> parse_hex_colour(std::string_view text);

// Judges a fill colour by hue, saturation and lightness: red, amber (orange/yellow), green, blue.
// White, black, greys and pale tints (table banding) give nullopt.
std::optional<Rating> rating_from_fill(Rgb colour);

}  // namespace trackport

#pragma GCC visibility pop
