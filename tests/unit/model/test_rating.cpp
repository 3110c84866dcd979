#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "model/rating.hpp"

using trackport::parse_hex_colour;
using trackport::parse_rating;
using trackport::Rating;
using trackport::rating_from_fill;
using trackport::Rgb;

namespace {

Rating fill_rating(std::string_view hex) {
  const auto colour = parse_hex_colour(hex);
  REQUIRE(colour);
  const auto rating = rating_from_fill(*colour);
  REQUIRE(rating);
  return *rating;
}

bool fill_is_rating(std::string_view hex) {
  const auto colour = parse_hex_colour(hex);
  REQUIRE(colour);
  return rating_from_fill(*colour).has_value();
}

}  // namespace

TEST_CASE("rating names round-trip and follow the model's spelling", "[rating]") {
  const std::vector<std::pair<Rating, std::string_view>> names{
      {Rating::none, "none"},
      {Rating::red, "red"},
      {Rating::amber, "amber"},
      {Rating::green, "green"},
      {Rating::blue, "blue"},
      {Rating::amber_red, "amber-red"},
      {Rating::amber_green, "amber-green"}};
  for (const auto& [rating, name] : names) {
    CHECK(trackport::rating_name(rating) == name);
    CHECK(trackport::rating_from_name(name) == rating);
  }
  CHECK_FALSE(trackport::rating_from_name("Red"));
  CHECK_FALSE(trackport::rating_from_name("amber_green"));
  CHECK_FALSE(trackport::rating_from_name(""));
}

TEST_CASE("rating labels are for people", "[rating]") {
  CHECK(trackport::rating_label(Rating::red) == "Red");
  CHECK(trackport::rating_label(Rating::amber_green) == "Amber/Green");
  CHECK(trackport::rating_label(Rating::amber_red) == "Amber/Red");
  CHECK(trackport::rating_label(Rating::blue) == "Blue");
  CHECK(trackport::rating_label(Rating::none).empty());
}

TEST_CASE("rating severity orders worst first", "[rating]") {
  const std::vector<Rating> worst_first{Rating::red,         Rating::amber_red, Rating::amber,
                                        Rating::amber_green, Rating::green,     Rating::blue,
                                        Rating::none};
  for (std::size_t i = 0; i < worst_first.size(); ++i) {
    CHECK(trackport::rating_severity(worst_first[i]) == static_cast<int>(i));
  }
}

TEST_CASE("single colour ratings in any case", "[rating]") {
  CHECK(parse_rating("R") == Rating::red);
  CHECK(parse_rating("Red") == Rating::red);
  CHECK(parse_rating("RED") == Rating::red);
  CHECK(parse_rating("red") == Rating::red);
  CHECK(parse_rating("A") == Rating::amber);
  CHECK(parse_rating("Amber") == Rating::amber);
  CHECK(parse_rating("AMBER") == Rating::amber);
  CHECK(parse_rating("G") == Rating::green);
  CHECK(parse_rating("Green") == Rating::green);
  CHECK(parse_rating("GREEN") == Rating::green);
  CHECK(parse_rating("B") == Rating::blue);
  CHECK(parse_rating("Blue") == Rating::blue);
}

TEST_CASE("complete means blue", "[rating]") {
  CHECK(parse_rating("Complete") == Rating::blue);
  CHECK(parse_rating("Completed") == Rating::blue);
  CHECK(parse_rating("COMPLETED") == Rating::blue);
  CHECK(parse_rating("Achieved") == Rating::blue);
  CHECK(parse_rating("Blue/Complete") == Rating::blue);
}

TEST_CASE("surrounding whitespace and punctuation are tolerated", "[rating]") {
  CHECK(parse_rating("  Red.  ") == Rating::red);
  CHECK(parse_rating("\tGreen\n") == Rating::green);
  CHECK(parse_rating("(Green)") == Rating::green);
  CHECK(parse_rating("Amber and Green") == Rating::amber_green);
  CHECK(parse_rating("*Amber*") == Rating::amber);
  CHECK(parse_rating("\xC2\xA0"
                     "Amber\xC2\xA0") == Rating::amber);       // no-break spaces
  CHECK(parse_rating("\xE2\x80\xA2 Green") == Rating::green);  // "• Green"
}

TEST_CASE("amber-green in its printed forms", "[rating]") {
  for (const char* text : {"A/G", "Amber/Green", "Amber-Green", "Amber Green", "AG", "G/A",
                           "amber / green", "Amber \xE2\x80\x93 Green", "Green/Amber"}) {
    INFO(text);
    CHECK(parse_rating(text) == Rating::amber_green);
  }
}

TEST_CASE("amber-red in its printed forms", "[rating]") {
  for (const char* text :
       {"A/R", "Amber/Red", "Amber-Red", "R/A", "Red/Amber", "AR", "Red Amber", "RED/AMBER"}) {
    INFO(text);
    CHECK(parse_rating(text) == Rating::amber_red);
  }
}

TEST_CASE("a short note after the rating is allowed", "[rating]") {
  CHECK(parse_rating("Green (on track)") == Rating::green);
  CHECK(parse_rating("G (on track)") == Rating::green);
  CHECK(parse_rating("Amber - slight delay") == Rating::amber);
  CHECK(parse_rating("Red: not started") == Rating::red);
  CHECK(parse_rating("Amber/Green (see comments)") == Rating::amber_green);
}

TEST_CASE("texts that say there is no rating give none", "[rating]") {
  for (const char* text : {"No information available", "N/A", "n/a", "None", "TBC", "NA",
                           "Not rated", "No information available."}) {
    INFO(text);
    CHECK(parse_rating(text) == Rating::none);
  }
}

TEST_CASE("prose and other text is not a rating", "[rating]") {
  for (const char* text :
       {"", "   ", "-", "reduced", "Red route review complete in March", "Reduced waiting times",
        "Greener travel plan", "Agreed", "On track to be complete by March next year",
        "Red (this has not happened because of a lack of funding)",
        "Amber - the review was delayed by the restructure of the team",
        "Status (please choose Red / Amber / Green)", "Red / Amber / Green", "R/G",
        "Training module developed and included as part of ongoing "
        "programme of multi-agency training."}) {
    INFO(text);
    CHECK_FALSE(parse_rating(text));
  }
}

TEST_CASE("hex colours are parsed and printed", "[rating][colour]") {
  CHECK(parse_hex_colour("C00000") == Rgb{0xC0, 0x00, 0x00});
  CHECK(parse_hex_colour("#92d050") == Rgb{0x92, 0xD0, 0x50});
  CHECK(parse_hex_colour("FF00B050") == Rgb{0x00, 0xB0, 0x50});  // alpha ignored
  CHECK(parse_hex_colour("#F80") == Rgb{0xFF, 0x88, 0x00});
  CHECK(parse_hex_colour(" #FFC000 ") == Rgb{0xFF, 0xC0, 0x00});
  CHECK_FALSE(parse_hex_colour(""));
  CHECK_FALSE(parse_hex_colour("#"));
  CHECK_FALSE(parse_hex_colour("12345"));
  CHECK_FALSE(parse_hex_colour("GG0000"));
  CHECK_FALSE(parse_hex_colour("F80"));  // short form only with '#'
  CHECK(trackport::to_hex(Rgb{0xC0, 0x00, 0x0a}) == "#C0000A");
  CHECK(trackport::to_hex(Rgb{}) == "#000000");
}

TEST_CASE("RAG fills of both corpus palettes", "[rating][colour]") {
  CHECK(fill_rating("C00000") == Rating::red);
  CHECK(fill_rating("FF0000") == Rating::red);
  CHECK(fill_rating("FFBF00") == Rating::amber);
  CHECK(fill_rating("FFC000") == Rating::amber);
  CHECK(fill_rating("92D050") == Rating::green);
  CHECK(fill_rating("00B050") == Rating::green);
}

TEST_CASE("other RAG-like fills", "[rating][colour]") {
  CHECK(fill_rating("FF9900") == Rating::amber);
  CHECK(fill_rating("FFFF00") == Rating::amber);  // yellow stands for amber
  CHECK(fill_rating("00FF00") == Rating::green);
  CHECK(fill_rating("375623") == Rating::green);  // dark green
  CHECK(fill_rating("0070C0") == Rating::blue);
  CHECK(fill_rating("00B0F0") == Rating::blue);
  CHECK(fill_rating("5B9BD5") == Rating::blue);
}

TEST_CASE("Excel's pale conditional-format fills are ratings", "[rating][colour]") {
  CHECK(fill_rating("FFC7CE") == Rating::red);    // "Bad"
  CHECK(fill_rating("FFEB9C") == Rating::amber);  // "Neutral"
  CHECK(fill_rating("C6EFCE") == Rating::green);  // "Good"
}

TEST_CASE("white, greys, black, banding and purples are no rating", "[rating][colour]") {
  for (const char* hex : {"FFFFFF", "F2F2F2", "D9D9D9", "808080", "000000", "0D0D0D", "DEEAF6",
                          "E7E6E6", "DDEBF7", "E2EFDA", "FFF2CC", "FCE4D6", "7030A0"}) {
    INFO(hex);
    CHECK_FALSE(fill_is_rating(hex));
  }
}

TEST_CASE("the status words of programme offices", "[rating]") {
  const std::vector<std::pair<const char*, Rating>> words{
      {"On track", Rating::green},
      {"on-track", Rating::green},
      {"ON TRACK", Rating::green},
      {"On target", Rating::green},
      {"At risk", Rating::amber},
      {"Delayed", Rating::amber},
      {"Off track", Rating::red},
      {"Off target", Rating::red},
      {"Complete", Rating::blue},
      {"Completed", Rating::blue},
      {"Achieved", Rating::blue},
      {"Not started", Rating::none},
      {"Not due", Rating::none},
      {"Not yet due", Rating::none},
      {"Done", Rating::blue},
      {"On track (minor delays)", Rating::green},
      {"At risk - see note", Rating::amber}};
  for (const auto& [text, rating] : words) {
    INFO(text);
    CHECK(parse_rating(text) == rating);
  }
}

TEST_CASE("BRAG letters: C is complete", "[rating]") {
  CHECK(parse_rating("C") == Rating::blue);
  CHECK(parse_rating("c") == Rating::blue);
  CHECK(parse_rating("B") == Rating::blue);
  CHECK_FALSE(parse_rating("A/C"));  // no rating is both
}

TEST_CASE("coloured circle emoji are ratings", "[rating]") {
  CHECK(parse_rating("\U0001F534") == Rating::red);
  CHECK(parse_rating("\U0001F7E0") == Rating::amber);
  CHECK(parse_rating("\U0001F7E1") == Rating::amber);
  CHECK(parse_rating("\U0001F7E2") == Rating::green);
  CHECK(parse_rating("\U0001F535") == Rating::blue);
  CHECK(parse_rating("\U0001F7E2 On track") == Rating::green);
  CHECK_FALSE(parse_rating("\U0001F600"));  // a smiley is no rating
}

TEST_CASE("symbols whose colour is the rating", "[rating]") {
  for (const char* text : {"\u25CF", " \u25CF ", "\u25A0", "\u25B2 \u25B2", "\u2B24", "\u2714"}) {
    INFO(text);
    CHECK(trackport::is_rating_symbol(text));
  }
  for (const char* text : {"", " ", "\u25CF On track", "G", "o"}) {
    INFO(text);
    CHECK_FALSE(trackport::is_rating_symbol(text));
  }
}

TEST_CASE("where a rating came from has one spelling each", "[rating]") {
  using trackport::RatingSource;
  for (RatingSource source :
       {RatingSource::text, RatingSource::fill, RatingSource::font, RatingSource::format}) {
    CHECK(trackport::rating_source_from_name(trackport::rating_source_name(source)) == source);
  }
  CHECK(trackport::rating_source_name(RatingSource::format) == "format");
  CHECK_FALSE(trackport::rating_source_from_name("colour"));
}
