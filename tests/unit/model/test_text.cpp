#include <catch2/catch.hpp>

#include <string>

#include "model/text.hpp"

using trackport::collapse_whitespace;
using trackport::normalise_for_match;
using trackport::sanitise_utf8;

TEST_CASE("sanitise_utf8 replaces each invalid sequence", "[text][utf8]") {
  CHECK(sanitise_utf8("plain ascii") == "plain ascii");
  CHECK(sanitise_utf8("é € 😀 ’") == "é € 😀 ’");
  CHECK(sanitise_utf8("\xFF") == "\xEF\xBF\xBD");
  CHECK(sanitise_utf8("a\xC0\xAF"
                      "b") ==
        "a\xEF\xBF\xBD\xEF\xBF\xBD"
        "b");                                                // overlong '/'
  CHECK(sanitise_utf8("end\xE2\x82") == "end\xEF\xBF\xBD");  // truncated euro sign
  // A surrogate (ED A0 80): the lead byte cannot continue with A0, so each byte is replaced.
  CHECK(sanitise_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(sanitise_utf8("\xF4\x90\x80\x80").find("\xF4") == std::string::npos);  // > U+10FFFF
  CHECK(sanitise_utf8("").empty());
}

TEST_CASE("collapse_whitespace keeps single line breaks", "[text]") {
  CHECK(collapse_whitespace("  a  b \n\n\n  c\t\td  ") == "a b\nc d");
  CHECK(collapse_whitespace("x\r\ny\rz") == "x\ny\nz");
  CHECK(collapse_whitespace("\xE2\x80\x83wide\xE2\x80\xAFspaces\xC2\xA0") == "wide spaces");
  CHECK(collapse_whitespace("").empty());
}

TEST_CASE("normalise_for_match gives comparable header texts", "[text]") {
  CHECK(normalise_for_match("Status (please choose Red / Amber / Green)") ==
        "status please choose red amber green");
  CHECK(normalise_for_match("Lead Officer & Organisation") == "lead officer and organisation");
  CHECK(normalise_for_match("R&D") == "r and d");
  CHECK(normalise_for_match("  What will we do? ") == "what will we do");
  CHECK(normalise_for_match("LEAD/S") == "lead s");
  CHECK(normalise_for_match("Children\xE2\x80\x99s Trust") == "childrens trust");
  CHECK(normalise_for_match("Children's\nTrust") == "childrens trust");
  CHECK(normalise_for_match("Yr 3 2012/13") == "yr 3 2012 13");
  CHECK(normalise_for_match("Progress \xE2\x80\x93 Q1") == "progress q1");
  CHECK(normalise_for_match("\xC3\x89TAT") == "\xC3\xA9tat");  // É lower-cased
  CHECK(normalise_for_match("").empty());
}

TEST_CASE("normalises_to agrees with normalise_for_match, stopping at the first difference") {
  using trackport::normalises_to;
  for (std::string_view text :
       {"Lead Officer & Organisation", "  What will we do? ", "Children\xE2\x80\x99s Trust",
        "\xC3\x89TAT", "broken \xC3 byte", "R&D", "", "-"}) {
    const std::string normalised = normalise_for_match(text);
    CHECK(normalises_to(text, normalised));
    CHECK_FALSE(normalises_to(text, normalised + " x"));
    CHECK_FALSE(normalises_to(text, "x" + normalised));
    if (!normalised.empty()) {
      CHECK_FALSE(normalises_to(text, normalised.substr(0, normalised.size() - 1)));
    }
  }
  CHECK(normalises_to("STATUS:", "status"));
  CHECK_FALSE(normalises_to("Status 2", "status"));
}

TEST_CASE("fold_case_latin1 folds ASCII and Latin-1 capitals, as Excel's table names clash") {
  using trackport::fold_case_latin1;
  CHECK(fold_case_latin1("STATUS (2)") == "status (2)");
  CHECK(fold_case_latin1("\xC3\x89TAT") == "\xC3\xA9tat");  // É -> é
  CHECK(fold_case_latin1("\xC3\x97") == "\xC3\x97");        // × stays
  CHECK(fold_case_latin1("\xC3\x9F") == "\xC3\x9F");        // ß has no capital here
  CHECK(fold_case_latin1("\xD0\x90") == "\xD0\x90");        // Cyrillic as written
  CHECK(fold_case_latin1("end \xC3") == "end \xC3");        // a cut sequence kept
}
