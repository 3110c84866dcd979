// Cleaning a cell's raw text, as the importers find it, into the model's plain-text form. Shared
// by the importers; the model itself knows no markup (model/text.hpp has its plain-text tools).
#pragma once

#include <string>
#include <string_view>

namespace trackport {

// Turns a cell's content into plain text:
//  - Word-HTML fragments (<ul>, <li>, <p>, <br>, <i>, <u>, &amp; ...) are parsed with libxml2's
//    HTML parser; each list entry becomes a line starting with "• ", paragraphs become lines.
//  - Text that is not markup is kept as is, apart from whitespace: runs of spaces and tabs collapse
//    to one space, lines are trimmed, blank lines dropped, non-breaking spaces become spaces.
//  - Bullet characters ("•", "", "§", "▪", "o " ...) that start a line become "• ".
std::string clean_cell_text(std::string_view raw);

// For importers that have already turned a cell's structure into lines (Word paragraphs, HTML
// blocks): invalid UTF-8 replaced, whitespace collapsed, blank and bullet-only lines dropped, and
// a bullet glyph starting a line ("•", "·", "▪", "◦", Word's private-use bullet ...) written as
// "• ". Unlike clean_cell_text, bullets inside a line are left alone.
std::string finish_cell_lines(std::string_view text);

// True when the text contains something that looks like an HTML tag or entity worth parsing.
bool looks_like_html(std::string_view text);

}  // namespace trackport
