// Right-to-left text (Hebrew, Arabic and the other scripts written right to left) in logical
// order. A PDF draws glyphs where they stand, and poppler gives a line's words left to right with
// each word's characters in that visual order: "שלום עולם" comes out as "םלוע םולש".
#pragma once

#include <string>

namespace trackport::pdf {

// A line of text in visual (left to right) order put in logical order. A line whose letters at
// both ends are right-to-left ones is read from its right end, runs of left-to-right letters and
// digits in it ("2025", "NHS") keeping their own order; any other line is read from its left,
// only its runs of right-to-left letters turned ("Lead: " and a Hebrew name). (A right-to-left
// line that starts with a left-to-right word is read as a left-to-right one: its words come in
// the wrong order, each word right.) A line without right-to-left letters is returned as it is
// (checked cheaply, byte by byte).
std::string logical_order(std::string line);

}  // namespace trackport::pdf
