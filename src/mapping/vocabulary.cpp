#include "mapping/vocabulary.hpp"

#include "mapping/layers.hpp"
#include "model/text.hpp"

namespace trackport {

void RatingVocabulary::define(std::string_view term, Rating rating) {
  std::string normalised = normalise_for_match(term);
  if (normalised.empty()) return;
  for (const auto& [known, ignored] : terms_) {
    if (known == normalised) return;
  }
  terms_.emplace_back(std::move(normalised), rating);
}

std::optional<Rating> RatingVocabulary::defined(std::string_view text) const {
  if (terms_.empty() || text.size() > 80) return std::nullopt;
  const std::string normalised = normalise_for_match(text);
  for (const auto& [term, rating] : terms_) {
    if (term == normalised) return rating;
  }
  return std::nullopt;
}

std::optional<Rating> read_rating_text(std::string_view text, const MappingLayers& layers,
                                       const RatingVocabulary& vocabulary) {
  if (text.empty()) return std::nullopt;
  if (text.size() <= 80 && layers.has_values()) {
    if (auto rating = layers.value(normalise_for_match(text))) return rating;
  }
  if (auto rating = vocabulary.defined(text)) return rating;
  return parse_rating(text);
}

namespace {

std::optional<CellRating> from_colour(const std::optional<Rgb>& colour, RatingSource source) {
  if (!colour) return std::nullopt;
  auto rating = rating_from_fill(*colour);
  if (!rating) return std::nullopt;
  return CellRating{*rating, to_hex(*colour), source};
}

}  // namespace

std::optional<CellRating> colour_rating(std::string_view text, const Cell* cell,
                                        bool words_by_font) {
  if (!cell) return std::nullopt;
  auto fill = [&] {
    return from_colour(cell->fill,
                       cell->fill_by_format ? RatingSource::format : RatingSource::fill);
  };
  auto font = [&]() -> std::optional<CellRating> {
    if (text.empty()) return std::nullopt;  // an empty cell's font colour shows nothing
    return from_colour(cell->font,
                       cell->font_by_format ? RatingSource::format : RatingSource::font);
  };
  // A symbol is coloured by its font; a word or an empty cell mostly by its fill.
  if (is_rating_symbol(text)) {
    if (auto rating = font()) return rating;
    return fill();
  }
  if (auto rating = fill()) return rating;
  return words_by_font ? font() : std::nullopt;
}

std::optional<CellRating> read_cell_rating(std::string_view text, const Cell* cell,
                                           const MappingLayers& layers,
                                           const RatingVocabulary& vocabulary) {
  if (!is_rating_symbol(text)) {
    if (auto rating = read_rating_text(text, layers, vocabulary)) {
      return CellRating{*rating, std::string(text), RatingSource::text};
    }
  }
  return colour_rating(text, cell);
}

}  // namespace trackport
