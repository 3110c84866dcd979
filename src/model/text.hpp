// Plain-text utilities of the model: valid UTF-8, whitespace, words, and the normalised form
// header and item texts are compared in. No format library: cleaning the markup and bullets of
// a cell's raw text is the importers' business (importers/shared/cell_text.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace trackport {

// The words of a text: runs of characters between ASCII whitespace.
std::size_t count_words(std::string_view text);

// Collapses whitespace only (keeps line breaks as single "\n", trims each line).
std::string collapse_whitespace(std::string_view text);

// Lower-cased, punctuation-free, single-spaced form for comparing header texts.
std::string normalise_for_match(std::string_view text);

// normalise_for_match(text) == normalised, without building the text: a comparison that ends at
// the first byte that differs.
bool normalises_to(std::string_view text, std::string_view normalised);

// Replaces invalid UTF-8 sequences with U+FFFD.
std::string sanitise_utf8(std::string_view text);

// `text` with ASCII and the Latin-1 capitals (U+00C0..U+00DE, not U+00D7) in small letters, other
// bytes as they are: how Excel's table column names clash ("status" and "STATUS", "É" and "é"),
// for the workbook's writer and its reader to agree.
std::string fold_case_latin1(std::string_view text);

}  // namespace trackport
