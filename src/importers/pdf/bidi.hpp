// Right-to-left text (Hebrew, Arabic and the other scripts written right to left) in logical
// order. A PDF draws glyphs where they stand, and poppler gives a line's words left to right with
// each word's characters in that visual order: "שלום עולם" comes out as "םלוע םולש".
#pragma once

#include <string>

namespace trackport::pdf {

// Which way a line's paragraph runs, where its layout tells (right-to-left text stands flush
// with its cell's right side).
enum class LineDirection { unknown, left_to_right, right_to_left };

// A line of text in visual (left to right) order put in logical order. A right-to-left line is
// read from its right end, runs of left-to-right letters and digits in it ("2025", "NHS")
// keeping their own order; a left-to-right line is read from its left, only its runs of
// right-to-left letters turned ("Lead: " and a Hebrew name). A line whose letters at both ends
// are right-to-left ones is right-to-left, one whose both ends are left-to-right ones is
// left-to-right; where the ends differ (a line starting with a word in the other script) only
// the layout can tell: `direction`, left to right when unknown. A line without right-to-left
// letters is returned as it is (checked cheaply, byte by byte).
std::string logical_order(std::string line, LineDirection direction = LineDirection::unknown);

}  // namespace trackport::pdf
