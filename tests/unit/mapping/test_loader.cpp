#include <catch2/catch.hpp>

#include "mapping/engine.hpp"
#include "mapping/mapping.hpp"

using namespace trackport;

namespace {

std::string error_of(const std::string& yaml) {
  try {
    parse_mapping(yaml, "test.yaml");
  } catch (const MappingError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a mapping file is read with every key") {
  auto mapping = parse_mapping(R"(
name: demo
description: a demo layout
organisation: Anytown Council
recognise:
  required: ["Action"]
  optional: ["Owner", "RAG"]
  min_score: "0.7"
columns:
  - header: Area
    field: theme
    carry_down: yes
  - headers: [Action, "What we will do"]
    field: text
  - header: Owner
    field: leads
    split: ["lines", ";"]
  - header: "/^RAG$/"
    field: rating
    by: officer
fill_ratings:
  - column: Action
    by: colour
headline: officer
values:
  On track: green
  Off track: red
drop_rows: ["^Total"]
key: Action
headings: [theme, objective]
heading_patterns: ["Priority*"]
)",
                               "demo.yaml");
  CHECK(mapping.name == "demo");
  CHECK(mapping.organisation == "Anytown Council");
  CHECK(mapping.min_score == Approx(0.7));
  REQUIRE(mapping.columns.size() == 4);
  CHECK(mapping.columns[0].field == Field::theme);
  CHECK(mapping.columns[0].carry_down);
  CHECK(mapping.columns[1].headers.size() == 2);
  CHECK(mapping.columns[2].split == std::vector<std::string>{"lines", ";"});
  CHECK(mapping.columns[3].by == "officer");
  REQUIRE(mapping.fill_ratings.size() == 1);
  CHECK(mapping.fill_ratings[0].by == "colour");
  REQUIRE(mapping.values.size() == 2);
  CHECK(mapping.values[0] == std::pair<std::string, Rating>{"on track", Rating::green});
  CHECK(mapping.headings == std::vector<Field>{Field::theme, Field::objective});
  CHECK(mapping.drop_rows.size() == 1);
}

TEST_CASE("leads and partners split by lines unless told otherwise") {
  auto mapping = parse_mapping("name: x\ncolumns:\n  - {header: Lead, field: leads}\n", "x");
  CHECK(mapping.columns[0].split == std::vector<std::string>{"lines"});
}

TEST_CASE("mapping file errors name file, line and column") {
  CHECK(error_of("name: x\ncolums: []\n").starts_with("test.yaml:2:1: unknown key 'colums'"));
  CHECK(error_of("name: x\nname: y\ncolumns: []\n")
            .starts_with("test.yaml:2:1: duplicate key 'name'"));
  CHECK(error_of("name: x\ncolumns:\n  - header: A\n    field: textt\n")
            .starts_with("test.yaml:4:12: unknown field 'textt'"));
  CHECK(error_of("name: x\ncolumns:\n  - header: A\n    field: text\n    carry_down: maybe\n")
            .find("carry_down must be true or false") != std::string::npos);
  CHECK(error_of("name: x\ncolumns:\n  - field: text\n").find("needs a header") !=
        std::string::npos);
  CHECK(error_of("columns: []\n").find("needs a name") != std::string::npos);
  CHECK(error_of("name: x\ncolumns: [\n").starts_with("test.yaml:"));
  CHECK(error_of("name: x\ncolumns: []\nvalues:\n  On track: greenish\n")
            .find("unknown rating 'greenish'") != std::string::npos);
  CHECK(error_of("name: x\ncolumns: []\ndrop_rows: [\"(\"]\n").find("bad regular expression") !=
        std::string::npos);
  CHECK(error_of("").find("empty") != std::string::npos);
}

TEST_CASE("the built-in mappings load, and the generic one is kept apart") {
  REQUIRE(builtin_mappings().size() >= 4);
  for (const auto& mapping : builtin_mappings()) {
    CHECK(mapping.name != "generic");
    CHECK_FALSE(mapping.columns.empty());
    CHECK(mapping.origin == "built-in");
  }
  CHECK(generic_mapping().name == "generic");
  CHECK(find_builtin_mapping("sheffield-child-poverty") != nullptr);
  CHECK(find_builtin_mapping("no-such-mapping") == nullptr);
  CHECK_THROWS_AS(resolve_mapping("no-such-mapping"), MappingError);
}

TEST_CASE("a mapping nested a hundred thousand deep is refused, saying so") {
  const std::string deep =
      "name: x\ncolumns: " + std::string(100000, '[') + std::string(100000, ']');
  const std::string error = error_of(deep);
  CHECK(error.starts_with("test.yaml:2:"));
  CHECK(error.find("nested more than") != std::string::npos);
}
