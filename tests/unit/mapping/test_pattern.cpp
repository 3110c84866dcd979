#include <catch2/catch.hpp>

#include "mapping/pattern.hpp"

using trackport::HeaderPattern;

TEST_CASE("plain patterns ignore case, punctuation and spacing") {
  HeaderPattern pattern("What will we do?");
  CHECK(pattern.matches("What will we do?"));
  CHECK(pattern.matches("WHAT WILL WE DO"));
  CHECK(pattern.matches("  what  will we   do ? "));
  CHECK_FALSE(pattern.matches("What will we do next?"));
  CHECK(HeaderPattern("LEAD/S").matches("Lead / s"));
  CHECK(HeaderPattern("Lead Officer & Organisation").matches("Lead officer and organisation"));
}

TEST_CASE("globs match normalised text, anchored unless the pattern starts or ends with *") {
  HeaderPattern status("Status*");
  CHECK(status.matches("Status (please choose Red / Amber / Green)"));
  CHECK(status.matches("status"));
  CHECK_FALSE(status.matches("RAG status"));
  HeaderPattern mitigating("*mitigating*");
  CHECK(mitigating.matches("Please state any mitigating action you are taking"));
  CHECK_FALSE(mitigating.matches("Mitigation"));
  HeaderPattern ends("*officer");
  CHECK(ends.matches("Lead officer"));
  CHECK_FALSE(ends.matches("Lead officer for reporting purposes"));
  HeaderPattern both("lead*purposes");
  CHECK(both.matches("Lead officer for reporting purposes"));
  CHECK_FALSE(both.matches("Lead officer"));
}

TEST_CASE("regex patterns are case-insensitive searches") {
  HeaderPattern rag("/^(Officer )?RAG$/");
  CHECK(rag.matches("Officer RAG"));
  CHECK(rag.matches("rag"));
  CHECK_FALSE(rag.matches("Chair RAG"));
  CHECK_THROWS_AS(HeaderPattern("/[unclosed/"), std::invalid_argument);
}

TEST_CASE("the blank pattern matches only empty headers") {
  HeaderPattern blank("(blank)");
  CHECK(blank.matches_blank());
  CHECK(blank.matches(""));
  CHECK(blank.matches("   "));
  CHECK_FALSE(blank.matches("Category"));
}

TEST_CASE("a pattern with no letters is rejected") {
  CHECK_THROWS_AS(HeaderPattern("?!"), std::invalid_argument);
  CHECK_THROWS_AS(HeaderPattern(""), std::invalid_argument);
}
