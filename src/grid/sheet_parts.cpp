#include "grid/sheet_parts.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace trackport {
namespace {

// "Items" for "Items (2)" (a number from 2 on), nothing for any other name.
std::optional<std::string_view> continued_sheet(std::string_view name) {
  if (!name.ends_with(')')) return std::nullopt;
  const std::size_t open = name.rfind(" (");
  if (open == std::string_view::npos || open == 0) return std::nullopt;
  const std::string_view number = name.substr(open + 2, name.size() - open - 3);
  if (number.empty() || number.size() > 9 || number.front() == '0') return std::nullopt;
  for (char c : number)
    if (c < '0' || c > '9') return std::nullopt;
  if (number == "1") return std::nullopt;
  return name.substr(0, open);
}

std::vector<std::string> header_texts(const Table& table) {
  std::vector<std::string> texts;
  if (table.rows.empty()) return texts;
  for (std::size_t col = 0; col < table.rows[0].size(); ++col)
    texts.push_back(table.text_at(0, col));
  while (!texts.empty() && texts.back().empty()) texts.pop_back();
  return texts;
}

// The table `part` continues: the first of `tables` on the sheet it names, if their header rows
// agree; nullptr otherwise.
Table* whole_of(std::vector<Table>& tables, const Table& part) {
  const auto sheet = continued_sheet(part.sheet);
  if (!sheet) return nullptr;
  for (Table& table : tables) {
    if (table.sheet != *sheet) continue;
    return header_texts(table) == header_texts(part) ? &table : nullptr;
  }
  return nullptr;
}

}  // namespace

bool has_sheet_parts(const std::vector<Table>& tables) {
  for (const Table& table : tables) {
    if (continued_sheet(table.sheet)) return true;
  }
  return false;
}

void join_sheet_parts(std::vector<Table>& tables) {
  // In sheet order, so "Items (3)" goes after the rows of "Items (2)", already in "Items".
  std::vector<Table> kept;
  kept.reserve(tables.size());
  for (Table& table : tables) {
    Table* whole = whole_of(kept, table);
    if (whole == nullptr) {
      kept.push_back(std::move(table));
      continue;
    }
    for (std::size_t row = 1; row < table.rows.size(); ++row) {
      RowOrigin origin = row < table.row_origins.size() ? table.row_origins[row] : RowOrigin{};
      whole->add_row(std::move(table.rows[row]), std::move(origin));
    }
  }
  tables = std::move(kept);
}

}  // namespace trackport
