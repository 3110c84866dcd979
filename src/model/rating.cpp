#include "model/rating.hpp"

#include "model/text.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace trackport {

namespace {

struct RatingNames {
  Rating rating;
  std::string_view name;
  std::string_view label;
  int severity;
};

constexpr std::array<RatingNames, 7> kRatingNames{{
    {Rating::red, "red", "Red", 0},
    {Rating::amber_red, "amber-red", "Amber/Red", 1},
    {Rating::amber, "amber", "Amber", 2},
    {Rating::amber_green, "amber-green", "Amber/Green", 3},
    {Rating::green, "green", "Green", 4},
    {Rating::blue, "blue", "Blue", 5},
    {Rating::none, "none", "", 6},
}};

const RatingNames& names_of(Rating rating) {
  for (const auto& entry : kRatingNames) {
    if (entry.rating == rating) return entry;
  }
  return kRatingNames.back();
}

char to_lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The coloured circles and squares of emoji (U+1F534/5, U+1F7E0..2, U+1F7E5..9): the word of
// their colour, "" for anything else.
std::string_view emoji_colour_word(std::string_view text) {
  if (text.size() < 4 || static_cast<unsigned char>(text[0]) != 0xF0 ||
      static_cast<unsigned char>(text[1]) != 0x9F) {
    return {};
  }
  const auto third = static_cast<unsigned char>(text[2]);
  const auto fourth = static_cast<unsigned char>(text[3]);
  if (third == 0x94 && fourth == 0xB4) return "red";   // U+1F534 red circle
  if (third == 0x94 && fourth == 0xB5) return "blue";  // U+1F535 blue circle
  if (third == 0x9F) {
    switch (fourth) {
      case 0xA0:  // U+1F7E0 orange circle
      case 0xA1:  // U+1F7E1 yellow circle
      case 0xA7:  // U+1F7E7 orange square
      case 0xA8:  // U+1F7E8 yellow square
        return "amber";
      case 0xA2:  // U+1F7E2 green circle
      case 0xA9:  // U+1F7E9 green square
        return "green";
      case 0xA5:  // U+1F7E5 red square
        return "red";
      case 0xA6:  // U+1F7E6 blue square
        return "blue";
      default:
        return {};
    }
  }
  return {};
}

// Lower-cases ASCII and turns the UTF-8 dashes, no-break space and bullets that decorate printed
// ratings into ASCII so that the matching below can stay byte-based.
std::string simplify(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      out += ' ';  // no-break space
      ++i;
    } else if (auto word = emoji_colour_word(text.substr(i)); !word.empty()) {
      out += ' ';
      out += word;  // a coloured circle emoji: the colour's word
      out += ' ';
      i += 3;
    } else if (byte == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80) {
      const auto third = static_cast<unsigned char>(text[i + 2]);
      if (third >= 0x90 && third <= 0x95) {
        out += '-';  // hyphens and en/em dashes
      } else if (third == 0xA2) {
        out += ' ';  // a bullet before the rating
      } else {
        out.append(text.substr(i, 3));
      }
      i += 2;
    } else {
      out += to_lower_ascii(text[i]);
    }
  }
  return out;
}

bool is_edge_punctuation(char c) {
  return is_ascii_space(c) || c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
         c == '*' || c == '"' || c == '\'' || c == '-' || c == '_' || c == '[' || c == ']';
}

std::string_view trim_edges(std::string_view text) {
  while (!text.empty() && is_edge_punctuation(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_edge_punctuation(text.back())) text.remove_suffix(1);
  return text;
}

// A rating may carry a short note: "Green (on track)", "Amber - slight delay". Longer notes make
// the text prose, which is not a rating.
constexpr std::size_t kMaxNoteWords = 4;

// Drops a trailing "(note)" or " - note" of at most kMaxNoteWords words; nullopt when the note is
// too long to still call the text a rating.
std::optional<std::string_view> strip_note(std::string_view text) {
  if (!text.empty() && text.back() == ')') {
    const auto open = text.rfind('(');
    if (open != std::string_view::npos && open > 0) {
      if (count_words(text.substr(open + 1, text.size() - open - 2)) > kMaxNoteWords) {
        return std::nullopt;
      }
      return trim_edges(text.substr(0, open));
    }
  }
  for (std::string_view separator : {" - ", ": "}) {
    const auto at = text.find(separator);
    if (at != std::string_view::npos && at > 0) {
      if (count_words(text.substr(at + separator.size())) > kMaxNoteWords) return std::nullopt;
      return trim_edges(text.substr(0, at));
    }
  }
  return text;
}

constexpr std::array<std::string_view, 12> kNoRatingTexts{"no information available",
                                                          "no information",
                                                          "n/a",
                                                          "na",
                                                          "none",
                                                          "tbc",
                                                          "tba",
                                                          "not rated",
                                                          "no rating",
                                                          "not applicable",
                                                          "no update",
                                                          "not yet rated"};

enum Colour : unsigned { kRed = 1, kAmber = 2, kGreen = 4, kBlue = 8 };

// The colours one word of a rating names ("ag" names two), 0 when the word is not a rating word.
unsigned colours_of_word(std::string_view word) {
  struct WordColours {
    std::string_view word;
    unsigned colours;
  };
  static constexpr std::array<WordColours, 18> kWords{{
      {"r", kRed},
      {"red", kRed},
      {"a", kAmber},
      {"amber", kAmber},
      {"orange", kAmber},
      {"yellow", kAmber},
      {"g", kGreen},
      {"green", kGreen},
      {"b", kBlue},
      {"blue", kBlue},
      {"complete", kBlue},
      {"completed", kBlue},
      {"achieved", kBlue},
      {"c", kBlue},  // BRAG trackers: C for complete
      {"ag", kAmber | kGreen},
      {"ga", kAmber | kGreen},
      {"ar", kAmber | kRed},
      {"ra", kAmber | kRed},
  }};
  for (const auto& entry : kWords) {
    if (entry.word == word) return entry.colours;
  }
  return 0;
}

bool is_word_separator(char c) {
  return is_ascii_space(c) || c == '/' || c == '-' || c == '&' || c == '+' || c == ',' ||
         c == '\\' || c == '|';
}

// The union of the colours named by the words; nullopt when any word is not a rating word.
std::optional<unsigned> colours_named(std::string_view text) {
  unsigned colours = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_word_separator(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !is_word_separator(text[end])) ++end;
    const std::string_view word = text.substr(i, end - i);
    const unsigned word_colours = colours_of_word(word);
    if (word_colours == 0 && word != "and") return std::nullopt;
    colours |= word_colours;
    i = end;
  }
  return colours;
}

std::optional<Rating> rating_for_colours(unsigned colours) {
  switch (colours) {
    case kRed:
      return Rating::red;
    case kAmber:
      return Rating::amber;
    case kGreen:
      return Rating::green;
    case kBlue:
      return Rating::blue;
    case kAmber | kGreen:
      return Rating::amber_green;
    case kAmber | kRed:
      return Rating::amber_red;
    default:
      return std::nullopt;  // "Red/Green", "Red / Amber / Green" (a legend), nothing at all
  }
}

// The status words programme offices use instead of colours. Compared with the text's hyphens
// and underscores read as spaces ("on-track").
struct PhraseRating {
  std::string_view phrase;
  Rating rating;
};
constexpr std::array<PhraseRating, 16> kPhrases{{
    {"on track", Rating::green},
    {"on target", Rating::green},
    {"on schedule", Rating::green},
    {"at risk", Rating::amber},
    {"delayed", Rating::amber},
    {"off track", Rating::red},
    {"off target", Rating::red},
    {"not started", Rating::none},
    {"not yet started", Rating::none},
    {"not due", Rating::none},
    {"not yet due", Rating::none},
    {"done", Rating::blue},
    {"closed", Rating::blue},
    {"delivered", Rating::blue},
    {"fully achieved", Rating::blue},
    {"fully complete", Rating::blue},
}};

constexpr std::size_t kMaxPhraseLength = 20;

std::optional<Rating> rating_of_phrase(std::string_view text) {
  if (text.size() > kMaxPhraseLength) return std::nullopt;
  // The text with '-' and '_' as spaces and runs of spaces as one, in place (this runs for every
  // rating cell).
  std::array<char, kMaxPhraseLength> buffer{};
  std::size_t length = 0;
  for (char c : text) {
    if (is_ascii_space(c) || c == '-' || c == '_') {
      if (length > 0 && buffer[length - 1] != ' ') buffer[length++] = ' ';
    } else {
      buffer[length++] = c;
    }
  }
  while (length > 0 && buffer[length - 1] == ' ') --length;
  const std::string_view phrase(buffer.data(), length);
  for (const auto& entry : kPhrases) {
    if (entry.phrase == phrase) return entry.rating;
  }
  return std::nullopt;
}

std::optional<Rating> rating_of_words(std::string_view text) {
  for (std::string_view no_rating : kNoRatingTexts) {
    if (text == no_rating) return Rating::none;
  }
  if (auto rating = rating_of_phrase(text)) return rating;
  const auto colours = colours_named(text);
  if (!colours) return std::nullopt;
  return rating_for_colours(*colours);
}

// A rating is a few words at most; anything longer is prose and not worth simplifying.
constexpr std::size_t kMaxRatingLength = 80;

struct Hsl {
  double hue = 0;         // degrees, [0, 360)
  double saturation = 0;  // [0, 1]
  double lightness = 0;   // [0, 1]
  double chroma = 0;      // max - min channel, [0, 1]
};

Hsl to_hsl(Rgb colour) {
  const double r = colour.r / 255.0;
  const double g = colour.g / 255.0;
  const double b = colour.b / 255.0;
  const double high = std::max({r, g, b});
  const double low = std::min({r, g, b});
  Hsl hsl;
  hsl.chroma = high - low;
  hsl.lightness = (high + low) / 2;
  if (hsl.chroma <= 0) return hsl;
  hsl.saturation = hsl.chroma / (1 - std::abs(2 * hsl.lightness - 1));
  double sector = 0;
  if (high == r) {
    sector = std::fmod((g - b) / hsl.chroma + 6, 6);
  } else if (high == g) {
    sector = (b - r) / hsl.chroma + 2;
  } else {
    sector = (r - g) / hsl.chroma + 4;
  }
  hsl.hue = sector * 60;
  return hsl;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::uint8_t> hex_byte(char high, char low) {
  const int h = hex_digit(high);
  const int l = hex_digit(low);
  if (h < 0 || l < 0) return std::nullopt;
  return static_cast<std::uint8_t>(h * 16 + l);
}

}  // namespace

std::string_view rating_name(Rating rating) {
  return names_of(rating).name;
}

std::optional<Rating> rating_from_name(std::string_view name) {
  for (const auto& entry : kRatingNames) {
    if (entry.name == name) return entry.rating;
  }
  return std::nullopt;
}

std::string_view rating_label(Rating rating) {
  return names_of(rating).label;
}

int rating_severity(Rating rating) {
  return names_of(rating).severity;
}

std::optional<Rating> parse_rating(std::string_view text) {
  if (text.size() > kMaxRatingLength) return std::nullopt;
  const std::string simple = simplify(text);
  std::string_view trimmed = trim_edges(simple);
  if (trimmed.size() >= 2 && trimmed.front() == '(' && trimmed.back() == ')') {
    trimmed = trim_edges(trimmed.substr(1, trimmed.size() - 2));  // "(Green)"
  }
  if (trimmed.empty()) return std::nullopt;
  // The whole text first, so that "Amber - Green" is not read as "Amber" with a note.
  if (auto rating = rating_of_words(trimmed)) return rating;
  // A coloured circle before a status word ("🟢 On track"): the circle says it.
  if (!emoji_colour_word(text).empty()) return rating_of_words(emoji_colour_word(text));
  const auto head = strip_note(trimmed);
  if (!head || head->empty()) return std::nullopt;
  return rating_of_words(*head);
}

std::string_view rating_source_name(RatingSource source) {
  switch (source) {
    case RatingSource::fill:
      return "fill";
    case RatingSource::font:
      return "font";
    case RatingSource::format:
      return "format";
    case RatingSource::text:
      break;
  }
  return "text";
}

std::optional<RatingSource> rating_source_from_name(std::string_view name) {
  for (RatingSource source :
       {RatingSource::text, RatingSource::fill, RatingSource::font, RatingSource::format}) {
    if (rating_source_name(source) == name) return source;
  }
  return std::nullopt;
}

bool is_rating_symbol(std::string_view text) {
  // Geometric shapes, stars, ticks and crosses, and heavy circles, in UTF-8.
  static constexpr std::array<std::string_view, 22> kSymbols{
      "\u25CF", "\u2B24", "\u25CB", "\u25C9", "\u25EF", "\u26AB", "\u26AA", "\u25A0",
      "\u25FC", "\u25FE", "\u25A1", "\u25B2", "\u25BC", "\u25C6", "\u2666", "\u2605",
      "\u2606", "\u2713", "\u2714", "\u2717", "\u2718", "\u2022"};
  bool any = false;
  while (!text.empty()) {
    if (is_ascii_space(text.front())) {
      text.remove_prefix(1);
      continue;
    }
    if (text.starts_with("\xC2\xA0")) {
      text.remove_prefix(2);
      continue;
    }
    bool found = false;
    for (std::string_view symbol : kSymbols) {
      if (text.starts_with(symbol)) {
        text.remove_prefix(symbol.size());
        found = any = true;
        break;
      }
    }
    if (!found) return false;
  }
  return any;
}

std::string to_hex(Rgb colour) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out = "#";
  for (std::uint8_t channel : {colour.r, colour.g, colour.b}) {
    out += kDigits[channel >> 4];
    out += kDigits[channel & 0x0F];
  }
  return out;
}

std::optional<Rgb> parse_hex_colour(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  const bool hashed = !text.empty() && text.front() == '#';
  if (hashed) text.remove_prefix(1);
  if (hashed && text.size() == 3) {  // "#RGB": each digit doubled
    const auto r = hex_byte(text[0], text[0]);
    const auto g = hex_byte(text[1], text[1]);
    const auto b = hex_byte(text[2], text[2]);
    if (!r || !g || !b) return std::nullopt;
    return Rgb{*r, *g, *b};
  }
  if (text.size() == 8) text.remove_prefix(2);  // AARRGGBB: alpha ignored
  if (text.size() != 6) return std::nullopt;
  const auto r = hex_byte(text[0], text[1]);
  const auto g = hex_byte(text[2], text[3]);
  const auto b = hex_byte(text[4], text[5]);
  if (!r || !g || !b) return std::nullopt;
  return Rgb{*r, *g, *b};
}

std::optional<Rating> rating_from_fill(Rgb colour) {
  const Hsl hsl = to_hsl(colour);
  // Greys, white and black carry no hue. Saturation alone is not enough: very light or very dark
  // colours reach high HSL saturation with almost no visible colour, so chroma is checked too.
  if (hsl.saturation < 0.25 || hsl.chroma < 0.12) return std::nullopt;
  // Pale tints above ~0.895 are table banding (DEEAF6, E2EFDA, FFF2CC); Excel's conditional
  // formatting fills (FFC7CE, FFEB9C, C6EFCE) sit just below and are ratings.
  if (hsl.lightness > 0.895 || hsl.lightness < 0.12) return std::nullopt;
  const double hue = hsl.hue;
  if (hue >= 345 || hue < 15) return Rating::red;
  if (hue < 65) return Rating::amber;
  if (hue < 170) return Rating::green;
  if (hue < 260) return Rating::blue;
  return std::nullopt;  // purples and pinks are no RAG colour
}

}  // namespace trackport
