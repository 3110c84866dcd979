// What a column's values look like, sampled from a table's first rows: the evidence a column's
// content gives when its header says nothing the mappings know.
#pragma once

#include <cstddef>
#include <string_view>

#include "grid/table.hpp"
#include "mapping/vocabulary.hpp"

namespace trackport {

// The kinds a single value can have. A value may have several (a date is also short).
bool looks_like_date(std::string_view text);    // "Mar-25", "31/03/2025", "Q3 2024/25"
bool looks_like_number(std::string_view text);  // "12", "£1,200", "45%", "3.5k"
bool looks_like_name(std::string_view text);    // "Jo Bloggs", "Head of Housing", "NHS Leeds"
bool looks_like_code(std::string_view text);    // "1", "1.2", "P1-1", "4a", "(ii)", "HC-03"
bool looks_like_prose(std::string_view text);   // a sentence or more
bool looks_like_timing(std::string_view text);  // "Ongoing", "Annually", "TBC": due words
// A priority level: "High", "Medium", "Low", "Critical", "P1".
bool looks_like_level(std::string_view text);
// A progress update: says what has been done ("has been agreed", "completed in May 2024").
bool looks_like_update(std::string_view text);

struct ColumnProfile {
  std::size_t rows = 0;          // data rows looked at
  std::size_t values = 0;        // non-empty texts among them
  std::size_t ratings = 0;       // texts that read as a rating (not as "none")
  std::size_t no_ratings = 0;    // texts that read as no rating yet ("Not started", "N/A")
  std::size_t coloured = 0;      // cells whose colour reads as a rating when the text does not
  std::size_t dates = 0;         // texts that read as a due date
  std::size_t timings = 0;       // due words without a date ("Ongoing")
  std::size_t numbers = 0;       // numbers, money, percentages
  std::size_t names = 0;         // texts whose every line is a short name of a person or team
  std::size_t codes = 0;         // short reference codes
  std::size_t levels = 0;        // priority levels
  std::size_t prose = 0;         // sentences
  std::size_t updates = 0;       // texts that report what was done
  std::size_t distinct = 0;      // distinct non-empty texts
  std::size_t repeated = 0;      // non-empty texts equal to the one in the row above
  std::size_t total_length = 0;  // bytes over the non-empty texts
  std::size_t total_words = 0;   // words over the non-empty texts

  double mean_length() const {
    return values == 0 ? 0.0 : static_cast<double>(total_length) / static_cast<double>(values);
  }
  double mean_words() const {
    return values == 0 ? 0.0 : static_cast<double>(total_words) / static_cast<double>(values);
  }
  // Share of the non-empty texts that `count` is (0 when there are none).
  double share(std::size_t count) const {
    return values == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(values);
  }
};

// Profiles column `col` over rows [first_row, end_row).
ColumnProfile profile_column(const Table& table, std::size_t col, std::size_t first_row,
                             std::size_t end_row, const MappingLayers& layers,
                             const RatingVocabulary& vocabulary);

}  // namespace trackport
