// What a document's ratings are called, and how a cell of a rating column is read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "grid/table.hpp"
#include "model/rating.hpp"

namespace trackport {

struct MappingLayers;

// The rating words a document defines for itself in a key table ("1 | Red", "Complete" on a
// green fill, "● On track" with a green circle). They override the defaults of parse_rating.
class RatingVocabulary {
 public:
  // Adds a term; the first definition of a term wins.
  void define(std::string_view term, Rating rating);
  // The rating a whole text is defined as, nullopt when the document does not define it.
  std::optional<Rating> defined(std::string_view text) const;
  bool empty() const { return terms_.empty(); }
  const std::vector<std::pair<std::string, Rating>>& terms() const { return terms_; }
  bool operator==(const RatingVocabulary&) const = default;

 private:
  std::vector<std::pair<std::string, Rating>> terms_;  // normalised term -> rating
};

// A printed text as a rating: the mappings' own values first, then the document's key, then the
// defaults (model/rating.hpp). nullopt when the text is not a rating.
std::optional<Rating> read_rating_text(std::string_view text, const MappingLayers& layers,
                                       const RatingVocabulary& vocabulary);

// A rating a cell gives, and how.
struct CellRating {
  Rating rating = Rating::none;
  std::string raw;  // the text, or the colour as #RRGGBB
  RatingSource from = RatingSource::text;
};

// How a cell of a rating column is read: its text when that is a rating; otherwise its colour
// (a symbol's or word's font colour, or the fill), from a conditional format where one gave it.
// nullopt when neither says anything.
std::optional<CellRating> read_cell_rating(std::string_view text, const Cell* cell,
                                           const MappingLayers& layers,
                                           const RatingVocabulary& vocabulary);

// The rating of a cell's colour alone (fill, else font), as read_cell_rating reads it when the
// text says nothing. `words_by_font`: a word's font colour counts too (in a rating column, a
// key), not only a symbol's (a blue name elsewhere is a hyperlink's colour, not a rating).
std::optional<CellRating> colour_rating(std::string_view text, const Cell* cell,
                                        bool words_by_font = true);

}  // namespace trackport
