#include "pipeline/tables_output.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace trackport {

namespace {

nlohmann::ordered_json box_json(const Box& box) {
  return {box[0], box[1], box[2], box[3]};
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

// The page of a table: its first page for PDF, else the table's index.
nlohmann::ordered_json page_of(const Table& table) {
  if (table.addressing == Addressing::page) {
    auto first = table.pages.substr(0, table.pages.find('-'));
    if (!first.empty()) {
      try {
        return std::stoi(first);
      } catch (...) {
      }
    }
  }
  return table.index;
}

}  // namespace

void write_tables_json(const SourceDocument& document, const std::string& file, std::ostream& out) {
  nlohmann::ordered_json root;
  root["file"] = file;
  auto tables = nlohmann::ordered_json::array();
  for (const auto& table : document.tables) {
    nlohmann::ordered_json entry;
    entry["page"] = page_of(table);
    if (!table.pages.empty()) entry["pages"] = table.pages;
    if (!table.sheet.empty()) entry["sheet"] = table.sheet;
    if (!table.headings.empty()) entry["headings"] = table.headings;
    if (table.bbox) entry["bbox"] = box_json(*table.bbox);
    auto cells = nlohmann::ordered_json::array();
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
        const Cell& cell = table.rows[r][c];
        if (cell.covered) continue;
        nlohmann::ordered_json item;
        item["row"] = r;
        item["col"] = c;
        item["row_span"] = cell.row_span;
        item["col_span"] = cell.col_span;
        item["text"] = cell.text;
        if (table.addressing == Addressing::cells && r < table.row_origins.size() &&
            c < table.column_numbers.size()) {
          // Where the cell is in its sheet, "B4": what other readers of the workbook name it.
          item["cell"] =
              column_letters(table.column_numbers[c]) + std::to_string(table.row_origins[r].number);
        }
        if (cell.fill) item["fill"] = to_hex(*cell.fill);
        if (cell.bbox) item["bbox"] = box_json(*cell.bbox);
        if (table.addressing == Addressing::page && r < table.row_origins.size()) {
          // A table over several pages: the page each cell's box is on.
          const auto& page = table.row_origins[r].page;
          if (!page.empty()) item["page"] = std::atoi(page.c_str());
        }
        cells.push_back(std::move(item));
      }
    }
    entry["cells"] = std::move(cells);
    tables.push_back(std::move(entry));
  }
  root["tables"] = std::move(tables);
  out << root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

void write_tables_csv(const SourceDocument& document, std::ostream& out) {
  out << "table,sheet,page,row,col,row_span,col_span,text\r\n";
  for (const auto& table : document.tables) {
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
        const Cell& cell = table.rows[r][c];
        if (cell.covered || cell.text.empty()) continue;
        out << table.index << ',' << csv_field(table.sheet) << ',' << csv_field(table.pages) << ','
            << r << ',' << c << ',' << cell.row_span << ',' << cell.col_span << ','
            << csv_field(cell.text) << "\r\n";
      }
    }
  }
}

}  // namespace trackport
