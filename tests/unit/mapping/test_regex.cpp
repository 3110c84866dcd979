#include <catch2/catch.hpp>

#include <string>

#include "mapping/engine.hpp"
#include "mapping/mapping.hpp"
#include "mapping/regex.hpp"

using namespace trackport;

TEST_CASE("a regex searches case-insensitively and gives its groups") {
  Regex quarter("(q)([1-4])( [0-9]{4})?");
  CHECK(quarter.search("Progress Q3"));
  CHECK_FALSE(quarter.search("Progress Q5"));
  auto found = quarter.find("as at q2 2024");
  REQUIRE(found);
  REQUIRE(found->size() == 4);
  CHECK((*found)[0] == "q2 2024");
  CHECK((*found)[2] == "2");
  CHECK(Regex("[0-9]+").full_match("123"));
  CHECK_FALSE(Regex("[0-9]+").full_match("123a"));
  CHECK(Regex("^[0-9]+ ").erase_first("12 Delivery") == "Delivery");
  CHECK(Regex("x", Regex::Case::sensitive).search("X") == false);
}

TEST_CASE("a pattern that backtracks forever elsewhere runs in linear time") {
  // With std::regex this search never finished on a row of a few thousand characters.
  Regex catastrophic("(.|\\s)*QQQ");
  const std::string row(200000, 'a');
  CHECK_FALSE(catastrophic.search(row));
  CHECK(catastrophic.search(row + "QQQ"));
  // And a long cell is no stack overflow (std::regex recursed once per character).
  Regex labelled("^[^:]{0,40}?\\b(title|name)\\b\\s*[:\\-]?\\s*");
  CHECK_FALSE(labelled.search(std::string(4000000, 'b') + " title"));
}

TEST_CASE("patterns a linear-time engine cannot run are refused, saying why") {
  try {
    Regex("(?=look)ahead");
    FAIL("look-ahead accepted");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()).find("look-around are not supported") != std::string::npos);
  }
  CHECK_THROWS_AS(Regex("(a)\\1"), std::invalid_argument);
  CHECK_THROWS_AS(Regex("a{100000}"), std::invalid_argument);  // huge repeat counts
  CHECK_THROWS_AS(Regex("("), std::invalid_argument);
}

TEST_CASE("a mapping with such a pattern fails to load, naming the line") {
  try {
    parse_mapping("name: x\ncolumns: []\ndrop_rows: [\"(?<!Total)Sum\"]\n", "m.yaml");
    FAIL("mapping loaded");
  } catch (const MappingError& e) {
    CHECK(std::string(e.what()).starts_with("m.yaml:3:"));
    CHECK(std::string(e.what()).find("bad regular expression") != std::string::npos);
  }
  CHECK_THROWS_AS(
      parse_mapping("name: x\ncolumns:\n  - header: \"/(?!x)y/\"\n    field: text\n", "m.yaml"),
      MappingError);
}

TEST_CASE("a catastrophic drop_rows pattern drops rows without hanging") {
  auto mapping = parse_mapping(
      "name: x\ncolumns:\n  - header: Action\n    field: text\ndrop_rows: [\"(.|\\\\s)*QQQ\"]\n",
      "m.yaml");
  REQUIRE(mapping.drop_rows.size() == 1);
  CHECK(mapping.drop_rows[0].search(std::string(50000, ' ') + "QQQ"));
  CHECK_FALSE(mapping.drop_rows[0].search(std::string(50000, ' ')));
}
