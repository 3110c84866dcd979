// A sheet continued on "Name (2)", "Name (3)" ... is one table again.
#include "grid/sheet_parts.hpp"

#include <catch2/catch.hpp>

#include "support/table_builder.hpp"

namespace trackport {
namespace {

// A table of text cells on a sheet of that name.
Table sheet_table(const std::string& sheet, std::initializer_list<std::vector<std::string>> rows) {
  Table table = testing::make_table(rows);
  table.sheet = sheet;
  table.addressing = Addressing::cells;
  return table;
}

std::vector<std::string> column(const Table& table, std::size_t col) {
  std::vector<std::string> texts;
  for (std::size_t row = 0; row < table.rows.size(); ++row)
    texts.push_back(table.text_at(row, col));
  return texts;
}

TEST_CASE("sheet parts: 'Items (2)' and 'Items (3)' go on after 'Items', less their headers") {
  std::vector<Table> tables = {
      sheet_table("Items", {{"Id", "Text"}, {"1", "a"}, {"2", "b"}}),
      sheet_table("Items (2)", {{"Id", "Text"}, {"3", "c"}, {"4", "d"}}),
      sheet_table("Items (3)", {{"Id", "Text"}, {"5", "e"}}),
      sheet_table("Sources", {{"File"}, {"a.xlsx"}}),
  };
  REQUIRE(has_sheet_parts(tables));
  join_sheet_parts(tables);
  REQUIRE(tables.size() == 2);
  CHECK(tables[0].sheet == "Items");
  CHECK(column(tables[0], 0) == std::vector<std::string>{"Id", "1", "2", "3", "4", "5"});
  CHECK(column(tables[0], 1) == std::vector<std::string>{"Text", "a", "b", "c", "d", "e"});
  // Each row keeps its number in its own sheet.
  CHECK(tables[0].row_origins.size() == 6);
  CHECK(tables[0].row_origins[3].number == 2);
  CHECK(tables[1].sheet == "Sources");
  CHECK_FALSE(has_sheet_parts(tables));
}

TEST_CASE("sheet parts: a sheet named so with another header, or with nothing to continue, stays") {
  std::vector<Table> tables = {
      sheet_table("Items", {{"Id", "Text"}, {"1", "a"}}),
      sheet_table("Items (2)", {{"Ward", "Total"}, {"North", "3"}}),  // another table
      sheet_table("Budget (2)", {{"Line"}, {"x"}}),                   // no "Budget"
      sheet_table("Notes (1)", {{"Id", "Text"}}),                     // not a part's number
      sheet_table("Items (02)", {{"Id", "Text"}, {"9", "z"}}),        //
      sheet_table("(2)", {{"Id"}}),                                   //
  };
  CHECK(has_sheet_parts(tables));  // by name; join_sheet_parts still checks the header
  join_sheet_parts(tables);
  REQUIRE(tables.size() == 6);
  CHECK(column(tables[0], 0) == std::vector<std::string>{"Id", "1"});
  CHECK(tables[1].sheet == "Items (2)");
}

TEST_CASE("sheet parts: trailing empty header cells do not make headers differ") {
  std::vector<Table> tables = {
      sheet_table("Extra", {{"Source", "Id", ""}, {"a", "1", ""}}),
      sheet_table("Extra (2)", {{"Source", "Id"}, {"a", "2"}}),
  };
  join_sheet_parts(tables);
  REQUIRE(tables.size() == 1);
  CHECK(column(tables[0], 1) == std::vector<std::string>{"Id", "1", "2"});
}

}  // namespace
}  // namespace trackport
